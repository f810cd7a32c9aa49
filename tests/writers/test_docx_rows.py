"""Table rows keep their kind in Word: subtotals and sums bold, body rows plain; widths stay on the page."""

from __future__ import annotations

import io

import docx

from memo.build import prepare
from memo.memo import Cell, Row, Table
from memo.writers.docx import render_docx
from memo.writers.widths import column_widths


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
