"""Column widths from the content: no word broken, amount headings whole where there is room, amounts no
narrower than their widest entry, text takes the rest."""

from __future__ import annotations

import io

import docx
import pytest

from memo.memo import Cell, Row, Table
from memo.writers.metrics import text_width
from memo.writers.widths import CELL_PADDING, PART_INDENT, column_widths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_WIDTH = 9070  # twips: 16 cm


def _table() -> Table:
    return Table((
        Row((Cell("Benämning"), Cell("Nämndens budget", "right"), Cell("Kommentar")), "header"),
        Row((Cell("Lokaler"), Cell("60\u00a0873\u00a0000", "right"), Cell("Hyreshöjning enligt avtal"))),
        Row((Cell("Summa"), Cell("60\u00a0873\u00a0000", "right"), Cell("")), "sum"),
    ))


def test_where_every_line_fits_an_amount_heading_stands_on_one_line_and_text_takes_the_rest():
    widths = column_widths(_table(), TEXT_WIDTH, 10)
    assert round(sum(widths)) == TEXT_WIDTH
    assert widths[1] == text_width("Nämndens budget", 10, bold=True) + CELL_PADDING
    assert widths[0] >= text_width("Benämning", 10, bold=True) + CELL_PADDING
    assert widths[2] > widths[0]  # the longer text gets more of the rest


def test_where_text_needs_the_room_amount_columns_are_as_wide_as_their_widest_entry():
    long = "Hyreshöjning enligt avtal med fastighetsägaren, " * 6
    table = Table(_table().rows[:1] + (Row((Cell("Lokaler"), Cell("60\u00a0873\u00a0000", "right"), Cell(long))),))
    widths = column_widths(table, TEXT_WIDTH, 10)
    assert round(sum(widths)) == TEXT_WIDTH
    widest = max(text_width("60\u00a0873\u00a0000", 10), text_width("Nämndens", 10, bold=True))
    assert widths[1] == widest + CELL_PADDING


def test_too_many_columns_are_narrowed_alike():
    table = Table((Row(tuple(Cell("Avvikelsebudgetering", "right") for _ in range(8)), "header"),
                   Row(tuple(Cell("1", "right") for _ in range(8)))))
    widths = column_widths(table, TEXT_WIDTH, 10)
    assert round(sum(widths)) == TEXT_WIDTH and len(set(round(w, 6) for w in widths)) == 1


def test_no_heading_word_is_broken_in_the_built_table(structures_docx):
    document = docx.Document(io.BytesIO(structures_docx))
    table = document.tables[0]
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iterchildren(f"{W}gridCol")]
    assert sum(grid) == pytest.approx(9070, abs=7)
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Benämning", "Belopp", "Nämndens budget 2026", "Prognos helår", "Avvikelse mot budget",
                      "Utfall 2025", "Kommentar"]
    for width, text in zip(grid, header):
        longest = max(text_width(word, 8, bold=True) for word in text.split(" "))
        assert width >= longest + CELL_PADDING - 1, text
    entries = [table.rows[i].cells[1].text for i in range(1, len(table.rows))]
    assert grid[1] == round(text_width("186\u00a0273\u00a0000", 8, bold=True) + CELL_PADDING)  # the sum, in bold
    assert entries[-1] == "186\u00a0273\u00a0000"


def test_a_varav_rows_indent_widens_the_names_column_by_the_indent():
    name, amount = "lokalhyra", "4\u00a0200"
    least = [text_width(name, 10) + CELL_PADDING, text_width(amount, 10) + CELL_PADDING]
    for kind, indent in (("body", 0), ("part", PART_INDENT)):
        table = Table((Row((Cell(name), Cell(amount, "right")), kind),))
        widths = column_widths(table, 1000, 10)  # a page too narrow: the least widths narrowed alike
        assert widths[0] / widths[1] == pytest.approx((least[0] + indent) / least[1]), kind
