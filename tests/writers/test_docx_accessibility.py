"""Issue 12, item 1, read from the XML of every shipped case's .docx: structure a screen reader can use."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from memo import memo as m
from memo.build import prepare
from memo.verify import paragraph_text
from memo.writers.docx import render_docx

from ..conftest import ROOT
from .conftest import CASES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def built(project):
    """Case -> (Memo, the .docx's parts parsed)."""
    out = {}
    for case in CASES:
        prepared = prepare(project.cases / f"{case}.yaml", project)
        archive = zipfile.ZipFile(io.BytesIO(render_docx(prepared.memo, prepared.organisation.template)))
        parts = {n: etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith(".xml")}
        out[case] = (prepared.memo, parts)
    return out


def _styles(parts) -> dict[str, etree._Element]:
    return {s.find(W + "name").get(W + "val"): s for s in parts["word/styles.xml"].iter(W + "style")}


def _style_of(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


@pytest.mark.parametrize("case", CASES)
def test_title_and_headings_are_heading_styles_with_the_title_on_top(built, case):
    memo, parts = built[case]
    styles = _styles(parts)
    ids = {name: element.get(W + "styleId") for name, element in styles.items()}
    levels = {name: styles[name].find(f"{W}pPr/{W}outlineLvl").get(W + "val")
              for name in ("Title", "heading 1", "heading 2", "heading 3")}
    assert levels == {"Title": "0", "heading 1": "1", "heading 2": "2", "heading 3": "3"}
    body = parts["word/document.xml"].find(W + "body")
    paragraphs = [(_style_of(p), paragraph_text(p)) for p in body.iter(W + "p")]
    assert (ids["Title"], memo.title) in paragraphs
    headings = [b for b in memo.body + memo.after_signatures if isinstance(b, m.Heading)]
    assert headings
    for heading in headings:
        assert (ids[f"heading {heading.level}"], heading.text) in paragraphs


@pytest.mark.parametrize("case", CASES)
def test_data_tables_have_repeating_header_rows_with_text_and_a_caption(built, case):
    memo, parts = built[case]
    tables = list(parts["word/document.xml"].find(W + "body").iter(W + "tbl"))
    memo_tables = [b for b in memo.body if isinstance(b, m.Table)]
    data_tables = [t for t in tables if t.find(f"{W}tblPr/{W}tblStyle") is not None]  # the memo's (Memotabell)
    assert len(data_tables) == len(memo_tables)
    for table, memo_table in zip(data_tables, memo_tables):
        first, *rest = table.findall(W + "tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rest)
        assert all("".join(paragraph_text(p) for p in tc.iter(W + "p")).strip() for tc in first.findall(W + "tc"))
        caption = table.find(f"{W}tblPr/{W}tblCaption").get(W + "val")
        description = table.find(f"{W}tblPr/{W}tblDescription").get(W + "val")
        assert caption == memo_table.caption != ""
        assert description.startswith(caption)


@pytest.mark.parametrize("case", CASES)
def test_language_title_and_compatibility_mode(built, case):
    memo, parts = built[case]
    lang = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W + "val") == "sv-SE"
    core = parts["docProps/core.xml"]
    assert core.find(DC + "language").text == "sv-SE"
    assert core.find(DC + "title").text == memo.title
    modes = [s.get(W + "val") for s in parts["word/settings.xml"].iter(W + "compatSetting")
             if s.get(W + "name") == "compatibilityMode"]
    assert modes == ["15"]


@pytest.mark.parametrize("case", CASES)
def test_no_empty_paragraph_is_used_for_spacing(built, case):
    _, parts = built[case]
    for name, root in parts.items():
        if not name.startswith(("word/document", "word/header", "word/footer")):
            continue
        container = root.find(W + "body") if root.tag == W + "document" else root
        paragraphs = container.findall(W + "p")
        empty = [i for i, p in enumerate(paragraphs) if not paragraph_text(p).strip()
                 and p.find(f"{W}pPr/{W}sectPr") is None]
        assert empty == [] or (root.tag != W + "document" and len(paragraphs) == 1), (name, empty)


def test_upplands_bro_fields_are_a_table_with_labels_as_header_cells(built):
    _, parts = built["SN-18-0098"]
    table = parts["word/document.xml"].find(W + "body").find(W + "tbl")
    labels, values = table.findall(W + "tr")
    assert labels.find(f"{W}trPr/{W}tblHeader") is not None
    text = [[paragraph_text(tc.find(W + "p")) for tc in row.findall(W + "tc")] for row in (labels, values)]
    assert text == [["Datum", "Vår beteckning", "Er beteckning"], ["2018-08-28", "SN 18/0098", "Socialnämnden"]]
    assert table.find(f"{W}tblPr/{W}tblCaption").get(W + "val") == "Dokumentuppgifter"


@pytest.mark.parametrize("organisation", ["nacka", "kungsbacka", "upplands-bro"])
def test_shipped_templates_are_not_in_compatibility_mode(organisation):
    settings = etree.fromstring(zipfile.ZipFile(ROOT / "templates" / organisation / "memo.docx").read("word/settings.xml"))
    assert [s.get(W + "val") for s in settings.iter(W + "compatSetting") if s.get(W + "name") == "compatibilityMode"] == ["15"]


def test_without_recipient_the_reference_column_is_left_out_not_left_empty(workspace, fontconfig):
    from memo.accessibility.lint import lint_docx
    from memo.build import render_verified

    from ..conftest import edit_case

    edit_case(workspace, "recipient: Socialnämnden\n", "", case="SN-18-0098")
    data = render_verified(prepare(workspace.cases / "SN-18-0098.yaml", workspace))
    table = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body/{W}tbl")
    text = [[paragraph_text(tc.find(W + "p")) for tc in row.findall(W + "tc")] for row in table.findall(W + "tr")]
    assert text == [["Datum", "Vår beteckning"], ["2018-08-28", "SN 18/0098"]]
    assert lint_docx(data, "SN-18-0098.docx") == []
