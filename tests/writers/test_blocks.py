"""Structures beyond lists in the Word file: Heading 4, quotes, decision points, appendices on a new page."""

from __future__ import annotations

import io

import docx

from memo.verify import docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(data: bytes) -> dict[str, object]:
    return {p.text: p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()}


def test_fourth_level_heading_and_a_bold_run_in_label(structures_docx):
    paragraphs = _paragraphs(structures_docx)
    assert paragraphs["Villkor för lokaler"].style.name == "Heading 4"
    label = paragraphs["Villkor: tillståndet gäller i fem år."]
    assert label.style.name == "Normal"
    assert [(r.text, r.bold) for r in label.runs if r.text] == [("Villkor:", True), (" tillståndet gäller i fem år.", None)]


def test_a_quote_stands_in_the_quote_style(structures_docx):
    assert _paragraphs(structures_docx)["Den som vill bedriva verksamhet ska ha tillstånd."].style.name == "Quote"


def test_att_clauses_hang_from_their_word_and_numbered_points_are_a_list(structures_docx):
    paragraphs = _paragraphs(structures_docx)
    att = paragraphs["att\tanta riktlinjerna, och"]
    ind = att._p.find(f"{W}pPr/{W}ind")
    assert (att.style.name, ind.get(f"{W}left"), ind.get(f"{W}hanging")) == ("Normal", "425", "425")
    point = paragraphs["Förvaltningen verkställer riktlinjerna."]
    assert point.style.name == "List Number"
    assert point._p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == "0"


def test_an_appendix_starts_on_a_new_page(structures_docx):
    breaks = [p.text for p in docx.Document(io.BytesIO(structures_docx)).paragraphs
              if p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    assert breaks == ["Bilaga 1 till tjänsteskrivelse KFKS-2026-00011"]


def test_the_structures_read_back_as_the_memo_says(structures_docx):
    body = docx_text(structures_docx).body
    start = body.index("Förslag till kommunfullmäktige")
    assert body[start:start + 12] == [
        "Förslag till kommunfullmäktige", "Nämnden föreslår kommunfullmäktige besluta",
        "att\tanta riktlinjerna, och", "att\tupphäva de tidigare riktlinjerna.",
        "Nämndens eget beslut", "Nämnden beslutar, under förutsättning av att kommunfullmäktige antar riktlinjerna,",
        "Förvaltningen verkställer riktlinjerna.", "Kostnaden på 60,87\u00a0mkr belastar nämndens budget.",
        "Beslutet justeras omedelbart.", "Beslutet ska expedieras till", "Kommunfullmäktige\nFörvaltningen", "Ärendet",
    ]
    assert body[-5:] == ["Direktör", "Bilaga 1 till tjänsteskrivelse KFKS-2026-00011", "Checklista för lokaler",
                         "[ ] Ventilation", "[ ] Tillgänglighet"]


def test_a_number_typed_in_prose_stays_whole(structures_docx):
    assert "Lokalerna ska vara tillgängliga.[2] Kostnaden är 60\u00a0873\u00a0000\u00a0kronor." in docx_text(structures_docx).body


def test_a_table_without_header_row_with_its_own_unit_label(structures_docx):
    table = docx.Document(io.BytesIO(structures_docx)).tables[1]
    assert [r._tr.find(f"{W}trPr/{W}tblHeader") for r in table.rows] == [None, None]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Driftram", "12,5\u00a0miljoner kronor"], ["Investeringsram", "3\u00a0miljoner kronor"]]


def test_expressions_in_a_text_cell(structures_docx):
    body = docx_text(structures_docx).body
    assert ("Personalkostnader\t125\u00a0400\u00a0000\t126\u00a0000\u00a0000\t125\u00a0000\u00a0000\t1\u00a0000\u00a0000\t"
            "121\u00a0300\u00a0000\tVakanser under våren, 1\u00a0000\u00a0tkr under budget") in body


def test_text_after_a_table_is_spaced_like_a_paragraph(structures_docx):
    paragraph = _paragraphs(structures_docx)["Ramarna för 2027 är följande."]
    assert paragraph._p.getprevious().tag == f"{W}tbl"
    assert paragraph._p.find(f"{W}pPr/{W}spacing").get(f"{W}before") == "160"  # Normal's space after: 8 pt
