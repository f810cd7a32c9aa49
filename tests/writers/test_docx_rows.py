"""Table rows keep their kind in Word: subtotals and sums bold, body rows plain; widths stay on the page."""

from __future__ import annotations

import io

import docx

from memo.build import prepare
from memo.compose import _widths
from memo.model import Column
from memo.writers.docx import render_docx


def test_subtotal_and_sum_rows_are_bold_and_body_rows_plain(project):
    prepared = prepare(project.cases / "KS-2024-00167.yaml", project)
    document = docx.Document(io.BytesIO(render_docx(prepared.memo, prepared.organisation.template)))
    rows = {row.cells[0].text: row for table in document.tables for row in table.rows}

    def bold(name: str) -> set:
        return {run.bold for cell in rows[name].cells for p in cell.paragraphs for run in p.runs if run.text.strip()}

    assert bold("Delsumma") == {True}
    assert bold("Summa totalt") == {True}
    assert bold("Lokaler") == {None}


def test_widths_with_text_columns_fit_the_page():
    columns = [Column(id="n", label="Not", type="text"), *(Column(id=f"a{i}", label="A") for i in range(3))]
    widths = _widths(columns)
    assert len(widths) == 5 and all(width > 0 for width in widths)
    assert abs(sum(widths) - 1) < 1e-9
