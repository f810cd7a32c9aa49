"""The known traps of this stack, each shown on the naive stack and avoided here.

docxtpl without autoescape drops body text with & or < and breaks headers;
characters XML cannot hold; python-docx's time stamps; DocxTemplate.save
truncating its target; Jinja's sandbox bombs; LibreOffice exiting 0 on failure.
(The last two are in test_text.py and writers/test_pdf.py, the time stamps in
writers/test_docx.py, the truncation in test_files.py; the rest are here.)
"""

from __future__ import annotations

import io
import subprocess
import sys

import docx
import pytest
from docxtpl import DocxTemplate
from lxml.etree import XMLSyntaxError

from memo.build import build, prepare
from memo.errors import CaseError
from memo.verify import docx_text, verify_docx

from .conftest import ROOT, edit_case, output_names

CASE = "KFKS-2024-00430"
HARD_TEXT = 'A & B <c> "citat" \'apostrof\' 😀 Ελληνικά 中文 עברית — ett\u00adord och 2\u2011 3 slut'


def test_naive_docxtpl_loses_body_text_with_markup_characters():
    template = DocxTemplate(str(ROOT / "templates" / "nacka" / "memo.docx"))
    empty = ""  # no blocks
    context = {"title": "A & B <c>", "signatories": [], "body": empty, "after_signatures": empty,
               "header": {"date": "d", "document_type": "T", "dnr_label": "D", "dnr": "1", "organisation": "O"}}
    template.render(context)
    out = io.BytesIO()
    template.save(out)
    texts = [p.text for p in docx.Document(io.BytesIO(out.getvalue())).paragraphs]
    assert "A & B <c>" not in texts  # the naive stack silently lost the title


def test_naive_docxtpl_breaks_on_markup_characters_in_a_header():
    template = DocxTemplate(str(ROOT / "templates" / "nacka" / "memo.docx"))
    empty = ""  # no blocks
    context = {"title": "t", "signatories": [], "body": empty, "after_signatures": empty,
               "header": {"date": "d", "document_type": "T", "dnr_label": "D", "dnr": "1", "organisation": "O & P"}}
    with pytest.raises(XMLSyntaxError):
        template.render(context)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_text_in_is_text_out_everywhere(workspace):
    edit_case(workspace, "title: Trygghetspaketet 2024", f"title: {quoted(HARD_TEXT)}")
    edit_case(workspace, "name: Trygghetsvärdar", f"name: {quoted(HARD_TEXT)}")
    edit_case(workspace, "    body: Tjänsteskrivelse daterad den {{ date | long_date }}", f"    body: {quoted(HARD_TEXT)}")
    edit_case(workspace, "    title: Biträdande säkerhetschef", f"    title: {quoted(HARD_TEXT)}")
    [target] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    lines = docx_text(target.read_bytes()).body
    assert lines.count(HARD_TEXT) == 3  # title, paragraph, signatory title
    assert sum(line.startswith(HARD_TEXT + "\t") for line in lines) == 2  # the row in both tables
    assert docx.Document(str(target)).core_properties.title == HARD_TEXT  # set after rendering, not escaped twice


def test_carriage_returns_are_normalised(workspace):
    path = workspace.cases / f"{CASE}.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    prepared = prepare(path, workspace)
    assert prepared.case.title == "Trygghetspaketet 2024"
    assert all("\r" not in line for line in docx_text(build(path, workspace).paths[0].read_bytes()).lines)


def test_a_megabyte_of_text_in_a_section(workspace):
    words = ("ordet " * 170_000)[:1_000_000].strip()
    edit_case(workspace, "    body: Tjänsteskrivelse daterad den {{ date | long_date }}", f"    body: {words}")
    [target] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    assert words in docx_text(target.read_bytes()).body


def test_control_characters_are_refused_with_their_position(workspace):
    edit_case(workspace, "title: Trygghetspaketet 2024", 'title: "Trygghets\\x0bpaketet"')
    with pytest.raises(CaseError) as caught:
        prepare(workspace.cases / f"{CASE}.yaml", workspace)
    assert caught.value.lines() == [
        f"cases/{CASE}.yaml:5:8: title: tecknet U+000B (tecken 10 i värdet) kan inte stå i ett Word-dokument "
        "— ta bort det (det kommer ofta med vid kopiering från andra program)"
    ]


CONCURRENT = (
    "import sys; from pathlib import Path; from memo.build import Workspace, build; "
    "build(Path(sys.argv[1]) / 'cases' / 'KFKS-2024-00430.yaml', Workspace(Path(sys.argv[1])))"
)


def test_eight_concurrent_builds_of_one_case_leave_one_valid_file(workspace, nacka):
    processes = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(workspace.root)], cwd=ROOT) for _ in range(8)]
    assert [p.wait() for p in processes] == [0] * 8
    assert output_names(workspace.build) == [f"{CASE}.docx"]
    verify_docx((workspace.build / f"{CASE}.docx").read_bytes(), nacka.memo)


def test_a_value_with_docxtpls_escaped_braces_keeps_its_text(workspace):
    """docxtpl turns {_{ into {{ in what it rendered; a title or recipient must come out as written."""
    title = "Budget {_{ 2024 }_} {_% x %_}"
    edit_case(workspace, "title: Trygghetspaketet 2024", f'title: "{title}"')
    [target] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    assert title in docx_text(target.read_bytes()).body


def test_a_title_that_also_stands_in_the_letterhead_builds(workspace):
    edit_case(workspace, "title: Trygghetspaketet 2024", "title: TJÄNSTESKRIVELSE")
    [target] = build(workspace.cases / f"{CASE}.yaml", workspace).paths
    assert docx_text(target.read_bytes()).body.count("TJÄNSTESKRIVELSE") == 2


@pytest.mark.parametrize("old, new, message", [
    ("title: Trygghetspaketet 2024", 'title: "Trygghet\\u2063memo:body\\u2063"',
     "5:8: title: tecknet U+2063 (osynlig avgränsare, tecken 9 i värdet) används av memo för att märka ut platser "
     "i mallen — ta bort det"),  # memo's own marker: located in the case, not blamed on the template
    ("    min_decimals: 1\n    max_decimals: 2\n", "    min_decimals: 5\n    max_decimals: 1\n",
     "8:3: tables.fordelning: min_decimals (5) är större än max_decimals (1) — sänk min_decimals eller höj max_decimals"),
])
def test_text_that_would_change_silently_is_refused_with_its_place(workspace, old, new, message):
    edit_case(workspace, old, new)
    with pytest.raises(CaseError) as caught:
        build(workspace.cases / f"{CASE}.yaml", workspace)
    assert caught.value.lines() == [f"cases/{CASE}.yaml:{message}"]
