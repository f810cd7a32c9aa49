"""`memo check` does what a build does, without writing: what it passes builds, what fails it names the file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from memo import checking
from memo.build import build
from memo.checking import check_case, check_organisation, overlapping_patterns
from memo.errors import CaseError, TemplateError

from .conftest import ROOT, edit_case, replace_in_part

CASE = "KFKS-2024-00430"


def _edit_template(workspace, organisation: str, part: str, old: bytes, new: bytes) -> None:
    path = workspace.templates / organisation / "memo.docx"
    path.write_bytes(replace_in_part(path.read_bytes(), part, old, new))


@pytest.mark.parametrize("organisation", ["nacka", "kungsbacka", "upplands-bro"])
def test_shipped_organisations_pass(project, organisation):
    report = check_organisation(project, organisation)
    assert (report.problems, report.bug) == ([], None)


def test_a_letterhead_with_an_empty_separator_is_refused(workspace):
    """The Kungsbacka footer as it was: name, phone and title joined by the template."""
    _edit_template(workspace, "kungsbacka", "word/footer1.xml", b"{{ header.officer.line }}",
                   b"{{ header.officer.name }}, {{ header.officer.phone }}, {{ header.officer.title }}")
    problems = check_organisation(workspace, "kungsbacka").problems
    assert problems == [
        'templates/kungsbacka/memo.docx: med ett ärende med handläggare utan valfria fält: word/footer1.xml, stycket '
        '"Bo Berg, ," har ett skiljetecken utan värde (, ,) — använd färdiga fält (t.ex. header.officer.line) '
        "eller omge taggen med {%p if … %}"
    ]


def test_a_template_printing_a_missing_value_is_refused_not_shown_as_none(workspace):
    _edit_template(workspace, "upplands-bro", "word/document.xml", b"{{ header.dnr }}", b"{{ header.officer }}")
    problems = check_organisation(workspace, "upplands-bro").problems
    assert problems[0].startswith("templates/upplands-bro/memo.docx: med ett ärende med bara de obligatoriska fälten: "
                                  "mallen skriver ut ett värde som saknas i ärendet")
    edit_case(workspace, "case_officer:\n  name: Lena Bergström\n  unit: Socialkontoret\n"
              "  email: lena.bergstrom@upplands-bro.se\n", "", case="SN-18-0098")
    with pytest.raises(TemplateError, match="mallen skriver ut ett värde som saknas"):
        build(workspace.cases / "SN-18-0098.yaml", workspace)


def test_template_text_between_title_and_body_is_kept_and_builds(workspace):
    _edit_template(workspace, "nacka", "word/document.xml", b"<w:t>{{p body }}</w:t>",
                   b"<w:t>Kommunledningskontoret</w:t></w:r></w:p><w:p><w:r><w:t>{{p body }}</w:t>")
    assert check_case(workspace.cases / f"{CASE}.yaml", workspace).ok
    [docx] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    from memo.verify import docx_text

    body = docx_text(docx.read_bytes()).body
    assert body[body.index("Trygghetspaketet 2024") + 1] == "Kommunledningskontoret"


def test_a_table_without_labels_has_no_header_row_and_builds(workspace):
    edit_case(workspace, "      header: Trygghetspaketet 2024 (fördelning av medel)\n", "")
    assert check_case(workspace.cases / f"{CASE}.yaml", workspace).ok
    [docx] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    import docx as python_docx

    table = python_docx.Document(str(docx)).tables[0]
    assert table.rows[0].cells[0].text == "Trygghetsvärdar"
    assert table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is None


@pytest.mark.parametrize("columns, message", [
    ("[]", "tables… columns: listan är tom"),
    ("[budget_2099]", "kolumnen budget_2099 finns inte i tabellen fordelning"),
])
def test_a_view_selecting_no_column_is_a_located_error(workspace, columns, message):
    edit_case(workspace, "      columns: [forslag_2024]\n", f"      columns: {columns}\n")
    report = check_case(workspace.cases / f"{CASE}.yaml", workspace)
    assert report.bug is None and len(report.problems) == 1
    where, rest = report.problems[0].split(" ", 1)
    assert where.startswith(f"cases/{CASE}.yaml:") and message.split("… ")[-1] in rest
    with pytest.raises(CaseError):
        build(workspace.cases / f"{CASE}.yaml", workspace)


def test_a_bug_in_one_case_is_reported_for_it_and_the_others_are_checked(workspace, monkeypatch, capsys):
    from memo.cli import main

    real = checking.prepare

    def failing(path, ws):
        if path.name == "KS-2024-00167.yaml":
            raise RuntimeError("boom")
        return real(path, ws)

    monkeypatch.setattr(checking, "prepare", failing)
    assert main(["--root", str(workspace.root), "check"]) == 1
    out, err = capsys.readouterr()
    assert "cases/KFKS-2024-00430.yaml: ok\n" in out and "cases/SN-18-0098.yaml: ok\n" in out
    assert ("cases/KS-2024-00167.yaml: 1 fel\n  fel i memo, inte i filen (RuntimeError) — rapportera det till utvecklarna\n"
            in err)
    assert "RuntimeError: boom" in err


def test_a_skeleton_that_quotes_its_placeholders_is_refused(workspace):
    skeleton = workspace.templates / "nacka" / "new-case.yaml"
    skeleton.write_text(skeleton.read_text(encoding="utf-8").replace("title: $title", 'title: "$title"'), encoding="utf-8")
    problems = check_organisation(workspace, "nacka").problems
    assert len(problems) == 1 and problems[0].startswith(
        "templates/nacka/new-case.yaml: ett nytt ärende (KFKS-1111-11111, rubrik Taxor: \"avgifter\" för 2025/2026 — del 1) "
        "klarar inte kontrollen: ")


def test_two_organisations_accepting_the_same_dnr_are_reported(workspace):
    shutil.copytree(workspace.templates / "nacka", workspace.templates / "nacka2")
    assert overlapping_patterns(workspace) == [
        "templates/nacka/profile.yaml och templates/nacka2/profile.yaml: båda dnr_pattern godtar KFKS-1111-11111 "
        "— gör mönstren så olika att varje diarienummer hör till en organisation"
    ]


@pytest.mark.parametrize("layout", ["stacked", "labelled", "grid"])
def test_a_new_organisation_needs_no_code_change(workspace, layout):
    """Every layout make_template offers: memo new, check and build work for the new organisation."""
    from memo.cli import main

    folder = workspace.templates / "solna"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_template.py"), "solna", "--layout", layout,
                    "--templates", str(workspace.templates)], check=True)
    profile = (workspace.templates / "nacka" / "profile.yaml").read_text(encoding="utf-8")
    (folder / "profile.yaml").write_text(
        profile.replace("Nacka kommun", "Solna stad").replace("KFKS-\\d{4}-\\d{5}", "KS \\d{4}/\\d{3}")
        .replace("KFKS-ÅÅÅÅ-NNNNN", "KS ÅÅÅÅ/NNN"), encoding="utf-8")
    shutil.copy(workspace.templates / "nacka" / "new-case.yaml", folder / "new-case.yaml")
    root = ["--root", str(workspace.root)]
    assert main([*root, "new", "KS 2024/123", "--title", "Solnas första"]) == 0
    assert main([*root, "check"]) == 0
    assert main([*root, "build", "KS 2024/123"]) == 0
    assert (workspace.build / "KS-2024-123.docx").is_file()


def test_a_template_tag_reaching_python_internals_never_runs(workspace, tmp_path):
    marker = tmp_path / "RAN"
    tag = "{{ cycler.__init__.__globals__.os.system('touch %s') }}" % marker
    _edit_template(workspace, "nacka", "word/document.xml", b"{{ header.date }}", tag.encode())
    with pytest.raises(TemplateError, match="cycler finns inte"):
        build(workspace.cases / f"{CASE}.yaml", workspace)
    from memo.writers.docx import render_docx
    from memo.build import prepare

    prepared = prepare(workspace.cases / f"{CASE}.yaml", workspace)
    with pytest.raises(Exception):
        render_docx(prepared.memo, prepared.organisation.template)  # the sandbox has no globals either
    assert not marker.exists()


def test_a_template_with_duplicate_parts_is_refused(workspace):
    path = workspace.templates / "nacka" / "memo.docx"
    with zipfile.ZipFile(path, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("word/styles.xml", b"<x/>")
    with pytest.raises(TemplateError, match="Word-mallen har dubblerade delar"):
        build(workspace.cases / f"{CASE}.yaml", workspace)


def test_check_reads_only_regular_case_files_inside_cases(workspace, tmp_path, capsys):
    import os

    from memo.cli import main

    secret = tmp_path / "secret.yaml"
    secret.write_text("hemlig: text\n", encoding="utf-8")
    (workspace.cases / "LINK.yaml").symlink_to(secret)
    os.mkfifo(workspace.cases / "FIFO.yaml")
    assert main(["--root", str(workspace.root), "check"]) == 0
    out, err = capsys.readouterr()
    assert "hemlig" not in out + err and "LINK" not in out + err and "FIFO" not in out + err
    assert main(["--root", str(workspace.root), "check", "LINK"]) == 2
    assert "ärendefiler läses bara från" in capsys.readouterr().err


def test_an_organisation_name_cannot_leave_templates(workspace):
    from memo.errors import MemoError
    from memo.scaffold import new_case

    with pytest.raises(MemoError, match="organisationen ../../x finns inte"):
        new_case(workspace, "KFKS-2024-00999", "x", organisation_id="../../x")


def test_a_dnr_with_other_scripts_digits_is_no_dnr(workspace):
    from memo.errors import MemoError
    from memo.scaffold import new_case

    with pytest.raises(MemoError, match="inget diarienummer i Nacka kommuns form"):
        new_case(workspace, "KFKS-\u0662\u0660\u0662\u0664-00001", "x", organisation_id="nacka")


def test_check_lints_the_templates_and_reports_findings_as_notices(workspace, fontconfig):
    shutil.copy(ROOT / "tests" / "accessibility" / "bad" / "memo.docx", workspace.templates / "nacka" / "memo.docx")
    report = check_organisation(workspace, "nacka")
    template = "templates/nacka/memo.docx"
    from .accessibility.test_lint import BAD_TEMPLATE_FINDINGS, FILE

    assert report.notices == [line.replace(FILE, template, 1) for line in BAD_TEMPLATE_FINDINGS]


def test_a_template_with_two_body_places_is_refused_naming_the_template(workspace):
    _edit_template(workspace, "nacka", "word/document.xml", b"<w:t>{{p body }}</w:t>",
                   b"<w:t>{{p body }}</w:t></w:r></w:p><w:p><w:r><w:t>{{p body }}</w:t>")
    problems = check_case(workspace.cases / f"{CASE}.yaml", workspace).problems
    assert problems == ["mallen har 2 platser för body — den ska ha exakt en {{p body }} — kontrollera Word-mallen "
                        f"{workspace.templates / 'nacka' / 'memo.docx'}"]
