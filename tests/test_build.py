"""The pipeline end to end on a temp copy of the project: what changes, what is refused."""

from __future__ import annotations

import hashlib
import re

import pytest

from memo.build import build, file_stem, prepare, resolve_case
from memo.errors import CaseError, UsageError
from memo.verify import docx_text

from .conftest import edit_case, output_names

NB = "\u00a0"
CASE = "KFKS-2024-00430"


def built_text(workspace) -> list[str]:
    [target] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    return [line.replace(NB, " ") for line in docx_text(target.read_bytes()).lines]


def test_build_writes_the_docx_named_after_the_dnr(workspace):
    [target] = build(resolve_case(workspace, CASE), workspace).paths
    assert target == workspace.build / f"{CASE}.docx"
    assert target.read_bytes()[:2] == b"PK"


def test_moving_an_amount_changes_rows_sums_and_prose(workspace):
    before = built_text(workspace)
    # 0,1 mkr from SSPF to the local actors: the frame still holds.
    edit_case(workspace, "values: {forslag_2024: 1.5, utfall_2023: 1.6", "values: {forslag_2024: 1.4, utfall_2023: 1.6")
    edit_case(workspace, "values: {forslag_2024: 1.1, utfall_2023: 0.8", "values: {forslag_2024: 1.2, utfall_2023: 0.8")
    after = built_text(workspace)

    changed = {(b, a) for b, a in zip(before, after) if b != a}
    assert len(before) == len(after)
    assert ("SSPF (skola, socialtjänst, polis, fritid)\t1,5 mkr", "SSPF (skola, socialtjänst, polis, fritid)\t1,4 mkr") in changed
    assert ("Insatser i samverkan med lokala aktörer\t1,1 mkr\t0,8 mkr\t0,4 mkr",
            "Insatser i samverkan med lokala aktörer\t1,2 mkr\t0,8 mkr\t0,4 mkr") in changed
    assert any("föreslås ligga kvar på 1,4 mkr." in a for _, a in changed)
    assert any(a.startswith("En summa på 1,2 mkr läggs") for _, a in changed)
    # The Förslag sum is the frame and stays; nothing else moved.
    assert "SUMMA\t5,0 mkr\t4,29 mkr\t5,0 mkr" in after
    assert len(changed) == 6


def test_changing_an_outcome_changes_its_column_sum(workspace):
    edit_case(workspace, "utfall_2023: 0.09", "utfall_2023: 0.19")
    after = built_text(workspace)
    assert "SUMMA\t5,0 mkr\t4,39 mkr\t5,0 mkr" in after


def test_changing_the_frame_alone_is_refused_with_where_and_by_how_much(workspace):
    target = workspace.build / f"{CASE}.docx"
    build(workspace.cases / f"{CASE}.yaml", workspace)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    edit_case(workspace, "      amount: 5\n", "      amount: 5.1\n")
    with pytest.raises(CaseError) as caught:
        build(workspace.cases / f"{CASE}.yaml", workspace)
    [message] = caught.value.lines()
    assert re.fullmatch(
        rf"cases/{CASE}\.yaml:16:15: tables\.fordelning\.frame\.amount: raderna i Förslag 2024 summerar till "
        rf"5{NB}mkr, 0,1{NB}mkr under ramen 5,1{NB}mkr — ändra beloppen i raderna eller ramen så att de stämmer",
        message,
    ), message
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    assert output_names(workspace.build) == [f"{CASE}.docx"]


def test_an_unknown_name_in_an_expression_is_located(workspace):
    edit_case(workspace, "{{ fordelning.sspf.forslag_2024 | mkr }}", "{{ fordelning.sspff.forslag_2024 | mkr }}")
    with pytest.raises(CaseError) as caught:
        prepare(workspace.cases / f"{CASE}.yaml", workspace)
    [message] = caught.value.lines()
    assert message == (
        f"cases/{CASE}.yaml:96:9: sections[3].body[0]: okänt namn fordelning.sspff i uttrycket — menade du "
        "fordelning.sspf? (under fordelning finns arbetsgrupper, frame, kameraovervakning, lokala_aktorer, ovriga, "
        "sspf, sum, trygghetsvardar)"
    )


def test_case_names_outside_cases_are_refused(workspace):
    for name in ("../../etc/passwd", "/etc/passwd", "../cases/x.yaml"):
        with pytest.raises(UsageError):
            resolve_case(workspace, name)


def test_file_stem_of_a_dnr_with_space_and_slash():
    assert file_stem("SN 18/0098") == "SN-18-0098"
    assert file_stem("KFKS-2024-00430") == "KFKS-2024-00430"


def test_fields_the_template_does_not_show_give_a_notice(workspace):
    edit_case(workspace, "title: Trygghetspaketet 2024\n",
              "title: Trygghetspaketet 2024\nrecipient: Kommunstyrelsen\ncase_officer:\n  name: Anna Andersson\n")
    built = build(workspace.cases / f"{CASE}.yaml", workspace)
    assert [str(n) for n in built.notices] == [
        f"cases/{CASE}.yaml:6:12: recipient: Nacka kommuns mall visar inte recipient — uppgiften syns inte i "
        "dokumentet; ta bort den, eller låt mallen visa header.recipient",
        f"cases/{CASE}.yaml:7:1: case_officer: Nacka kommuns mall visar inte case_officer — uppgiften syns inte i "
        "dokumentet; ta bort den, eller låt mallen visa header.officer",
    ]
    assert build(workspace.cases / "SN-18-0098.yaml", workspace).notices == ()  # Upplands-Bro shows both


def test_an_officers_detail_the_template_does_not_show_gives_a_notice(workspace):
    """Upplands-Bro shows the officer's name, unit and e-mail one by one, and no officer line: a title and a
    phone number would vanish silently. Kungsbacka shows them in its officer line: no notice."""
    edit_case(workspace, "  name: Lena Bergström\n", "  name: Lena Bergström\n  title: Controller\n  phone: 08-581 690 00\n",
              case="SN-18-0098")
    built = build(workspace.cases / "SN-18-0098.yaml", workspace)
    assert [str(n) for n in built.notices] == [
        "cases/SN-18-0098.yaml:9:10: case_officer.title: Upplands-Bro kommuns mall visar inte case_officer.title — "
        "uppgiften syns inte i dokumentet; ta bort den, eller låt mallen visa header.officer.title",
        "cases/SN-18-0098.yaml:10:10: case_officer.phone: Upplands-Bro kommuns mall visar inte case_officer.phone — "
        "uppgiften syns inte i dokumentet; ta bort den, eller låt mallen visa header.officer.phone",
    ]
    assert build(workspace.cases / "KS-2024-00167.yaml", workspace).notices[2:] == ()  # after the two stated sums
