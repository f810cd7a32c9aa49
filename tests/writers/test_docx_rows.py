"""Table rows keep their kind in Word: subtotals and sums bold, body rows plain, varav rows indented;
widths stay on the page."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from memo import memo as m

from memo.build import prepare
from memo.memo import Cell, Row, Table
from memo.verify import docx_text
from memo.writers.docx import KEEP_TOGETHER_ROWS, render_docx
from memo.writers.wml import W
from memo.writers.widths import PART_INDENT, column_widths


def test_subtotal_and_sum_rows_are_bold_and_body_rows_plain(project):
    prepared = prepare(project.cases / "KS-2024-00167.yaml", project)
    document = docx.Document(io.BytesIO(render_docx(prepared.memo, prepared.organisation.template)))
    rows = {row.cells[0].text: row for table in document.tables for row in table.rows}

    def bold(name: str) -> set:
        return {run.bold for cell in rows[name].cells for p in cell.paragraphs for run in p.runs if run.text.strip()}

    assert bold("Delsumma") == {True}
    assert bold("Summa totalt") == {True}
    assert bold("Lokaler") == {None}


def test_widths_with_a_text_column_and_many_amount_columns_fit_the_page():
    """Seven amount columns beside a text column once got a negative width; widths now come from the content."""
    header = Row((Cell("Benämning"), Cell("Not"), *(Cell(f"Kolumn {i}", "right") for i in range(7))), "header")
    body = Row((Cell("Rad"), Cell("En anteckning"), *(Cell("1\u00a0000", "right") for _ in range(7))))
    widths = column_widths(Table((header, body)), 9070, 8)
    assert len(widths) == 9 and all(width > 0 for width in widths)
    assert round(sum(widths)) == 9070




def _net_table(data: bytes):
    return docx.Document(io.BytesIO(data)).tables[1]


def test_a_varav_rows_name_is_indented_in_the_cell_style_not_with_spaces(table_rows_docx):
    table = _net_table(table_rows_docx)
    first = [row.cells[0].paragraphs[0] for row in table.rows]
    indents = {p.text: p._p.find(f"{W}pPr/{W}ind") for p in first}
    assert {text: ind.get(f"{W}left") for text, ind in indents.items() if ind is not None} == {
        "varav lokalhyra": str(PART_INDENT), "varav avgifter": str(PART_INDENT)}
    assert {p.style.name for p in first} == {"Tabelltext"}
    assert [p.text for p in first if p.text.startswith(("varav", " "))] == ["varav lokalhyra", "varav avgifter"]
    other_cells = [c.paragraphs[0]._p for row in table.rows for c in row.cells[1:]]
    assert all(p.find(f"{W}pPr/{W}ind") is None for p in other_cells)


def test_subtracting_rows_show_the_organisations_minus_and_the_net_row_is_bold(table_rows_docx):
    rows = {row.cells[0].text: row for row in _net_table(table_rows_docx).rows}
    assert [c.text for c in rows["Intäkter"].cells] == ["Intäkter", "\u22123\u00a0100", "\u22123\u00a0300", "6,5\u00a0%"]
    assert [c.text for c in rows["Netto"].cells] == ["Netto", "10\u00a0000", "10\u00a0450", ""]
    assert {r.bold for c in rows["Netto"].cells for p in c.paragraphs for r in p.runs} == {True}
    assert {r.bold for c in rows["varav avgifter"].cells for p in c.paragraphs for r in p.runs} == {None}
    assert [c.paragraphs[0].alignment for c in rows["Kostnader"].cells] == [None, WD_ALIGN_PARAGRAPH.RIGHT,
                                                                           WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]


def test_the_table_rows_read_back_as_the_memo_says(table_rows_docx):
    body = docx_text(table_rows_docx).body
    start = body.index("Avgifter för tillsyn")
    assert body[start:start + 4] == [
        "Avgifter för tillsyn", "Benämning\tAvgift 2025\tAvgift 2026\tEnhet\tFörändring",
        "Timavgift för tillsyn\t1\u00a0350\t1\u00a0400\tkronor/timme\t3,7\u00a0%",
        "Årsavgift\t5\u00a0000\t5\u00a0200\tkronor\t4,0\u00a0%",
    ]
    start = body.index("Budget för tillsynen (tkr)")
    assert body[start + 1:start + 9] == [
        "Benämning\tBudget 2025\tBudget 2026\tFörändring",
        "Kostnader\t12\u00a0500\t13\u00a0100\t4,8\u00a0%",
        "varav lokalhyra\t4\u00a0200\t4\u00a0350\t3,6\u00a0%",
        "Intäkter\t\u22123\u00a0100\t\u22123\u00a0300\t6,5\u00a0%",
        "varav avgifter\t\u22122\u00a0000\t\u22122\u00a0150\t7,5\u00a0%",
        "Verksamhetens nettokostnad\t9\u00a0400\t9\u00a0800\t",
        "Kapitalkostnader\t600\t650\t8,3\u00a0%",
        "Netto\t10\u00a0000\t10\u00a0450\t",
    ]



def _kept(table) -> list[bool]:
    """For each row: do all its paragraphs keep with the next (w:keepNext)?"""
    return [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(W + "p")) for row in table.iter(W + "tr")]


def _tables(data: bytes) -> list:
    return list(etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).iter(W + "tbl"))


def test_a_short_table_is_kept_on_one_page(nacka_docx):
    """Every row but the last keeps with the next, so LibreOffice and Word move the table whole."""
    tables = _tables(nacka_docx)
    assert tables and all(len(_kept(t)) <= KEEP_TOGETHER_ROWS for t in tables)
    for table in tables:
        assert _kept(table) == [True] * (len(_kept(table)) - 1) + [False]


def test_a_table_longer_than_the_limit_may_break_across_pages(nacka):
    table = next(b for b in nacka.memo.body if isinstance(b, m.Table))
    long_table = replace(table, rows=table.rows[:1] + table.rows[1:2] * KEEP_TOGETHER_ROWS)
    [built] = _tables(render_docx(replace(nacka.memo, body=(long_table,)), nacka.organisation.template))
    assert not any(_kept(built))
