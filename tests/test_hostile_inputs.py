"""Hostile inputs end in a located Swedish message, never a Python exception (issue 9, family 2)."""

from __future__ import annotations

import io
import zipfile

import pytest

from memo.build import build, prepare
from memo.errors import CaseError, OutputError
from memo.verify import MAX_PART_BYTES, verify_docx

from .conftest import edit_case
from .test_cli import run

CASE = "KFKS-2024-00430"


def problems(workspace, old: str, new: str) -> list[str]:
    edit_case(workspace, old, new)
    with pytest.raises(CaseError) as caught:
        prepare(workspace.cases / f"{CASE}.yaml", workspace)
    return caught.value.lines()


@pytest.mark.parametrize("expression, character", [
    ("{{ '\\x0c' }}", "000C"), ("{{ '\\x00' }}", "0000"), ("{{ '\\ud800' }}", "D800"), ("{{ title ~ '\\x1b' }}", "001B"), ("{{ '\\u2063' }}", "2063"),
])
def test_a_control_character_made_by_an_expression_is_located(workspace, expression, character):
    assert problems(workspace, "Kommunstyrelsen beslutar i", f"Kommunstyrelsen {expression} beslutar i") == [
        f"cases/{CASE}.yaml:48:7: decision.body[0]: uttrycket ger tecknet U+{character}, som inte får finnas "
        "i ett dokument — ta bort det ur uttrycket",
    ]


@pytest.mark.parametrize("table_id", ["date", "dnr", "title"])
def test_a_table_whose_id_hides_a_fact_is_located(workspace, table_id):
    assert problems(workspace, "  fordelning:", f"  {table_id}:")[0] == (
        f"cases/{CASE}.yaml:8:3: tables.{table_id}: id {table_id} är ärendets eget fält i uttryck "
        f"({{{{ {table_id} }}}}) — ge tabellen ett annat id")


def test_a_date_past_what_a_docx_can_hold_is_located(workspace):
    assert problems(workspace, "date: 2024-03-25", "date: 2200-01-01") == [
        f"cases/{CASE}.yaml:4:7: date: 2200-01-01 ligger efter år 2107, det sista en Word-fil kan bära "
        "— kontrollera årtalet",
    ]


def test_the_last_date_a_docx_can_hold_builds(workspace):
    edit_case(workspace, "date: 2024-03-25", "date: 2107-12-31")
    assert build(workspace.cases / f"{CASE}.yaml", workspace).paths[0].is_file()


@pytest.mark.parametrize("written", ["12345678901234567890123456789", "1234567890123456", "1.1234567",
                                     '"1 234 567 890 123 456"'])
def test_an_amount_with_more_digits_than_are_counted_exactly_is_located(workspace, written):
    shown = written.strip('"')
    assert problems(workspace, "forslag_2024: 1.6,", f"forslag_2024: {written},") == [
        f'cases/{CASE}.yaml:27:32: tables.fordelning.rows[0].values.forslag_2024: "{shown}" har fler siffror än '
        "memo räknar exakt — högst 15 siffror före och 6 efter decimaltecknet; kontrollera beloppet",
    ]


def test_the_largest_amounts_are_counted_exactly(workspace):
    message = problems(workspace, "forslag_2024: 1.6,", 'forslag_2024: "999 999 999 999 999,999999",')
    assert message == [
        f"cases/{CASE}.yaml:16:15: tables.fordelning.frame.amount: raderna i Förslag 2024 summerar till "
        "1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0003,399999\u00a0mkr, 999\u00a0999\u00a0999\u00a0999\u00a0998,399999\u00a0mkr "
        "över ramen 5\u00a0mkr — ändra beloppen i raderna eller ramen så att de stämmer",
    ]


def test_yaml_nested_a_thousand_levels_is_located_for_check(workspace, capsys):
    path = workspace.cases / f"{CASE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "x: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    assert run(workspace, "check") == 2
    out, err = capsys.readouterr()
    assert f"cases/{CASE}.yaml:" in err and "fälten är nästlade i mer än 50 nivåer" in err
    assert "cases/SN-18-0098.yaml: ok\n" in out


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (MAX_PART_BYTES + 1))
    return out.getvalue()


def test_verify_docx_refuses_a_zip_bomb_before_unpacking_it(workspace, tmp_path, capsys):
    bomb = _bomb()
    assert len(bomb) < MAX_PART_BYTES // 100
    with pytest.raises(OutputError, match="^delen word/document.xml packas upp till 67108865 byte"):
        verify_docx(bomb)
    target = tmp_path / "bomb.docx"
    target.write_bytes(bomb)
    assert run(workspace, "verify-docx", str(target)) == 1
    assert capsys.readouterr().err == (
        "delen word/document.xml packas upp till 67108865 byte, mer än gränsen 67108864 — filen är ingen memo-fil\n")


def test_verify_docx_refuses_a_package_that_unpacks_too_large(monkeypatch, nacka_docx):
    monkeypatch.setattr("memo.verify.MAX_PACKAGE_BYTES", len(nacka_docx))
    with pytest.raises(OutputError, match="^dokumentet packas upp till [0-9]+ byte, mer än gränsen"):
        verify_docx(nacka_docx)
