"""Column widths from a table's content, as a person sets them in Word.

No word is broken: each column is at least as wide as its longest word (bold rows in bold, a varav
row's name with its indent);
an amount column (every cell below the header right-aligned) is as wide as its widest entry,
which never wraps, and where every line of the table fits whole, as wide as its heading on one
line ("Budget 2025"); the text columns share the rest in proportion to their text. Only when
the minimums do not fit the page are all columns narrowed alike.
"""

from __future__ import annotations

from ..memo import Table
from .metrics import text_width

#: Twips a cell adds to its text: the table style's left and right cell margins (80 each), and
#: a little slack so that LibreOffice's and Word's rounding keep a word on its line.
CELL_PADDING = 160 + 40
BOLD_KINDS = ("header", "subtotal", "sum")
#: Twips a varav row's name is indented by (0,5 cm), within its cell.
PART_INDENT = 284


def column_widths(table: Table, text_width_twips: int, size_pt: float) -> list[float]:
    """Each column's width in twips, summing to ``text_width_twips``."""
    columns = sum(cell.span for cell in table.rows[0].cells)
    least = [0.0] * columns  # the longest word (amount columns: the widest entry)
    natural = [0.0] * columns  # the longest line
    amount = [True] * columns
    for row in table.rows:
        column = 0
        for cell in row.cells:
            if cell.span == 1:
                bold = row.kind in BOLD_KINDS
                lines = cell.text.split("\n")
                words = [w for line in lines for w in line.split(" ")]
                longest_word = max((text_width(w, size_pt, bold) for w in words), default=0.0)
                longest_line = max((text_width(line, size_pt, bold) for line in lines), default=0.0)
                if row.kind != "header" and cell.align != "right":
                    amount[column] = False
                whole = longest_line if row.kind != "header" and cell.align == "right" else longest_word
                indent = PART_INDENT if row.kind == "part" and column == 0 else 0
                least[column] = max(least[column], whole + CELL_PADDING + indent)
                natural[column] = max(natural[column], longest_line + CELL_PADDING + indent)
            column += cell.span
    amount[0] = False  # the row names
    if sum(least) >= text_width_twips:
        return [text_width_twips * w / sum(least) for w in least]
    widths = list(least)
    texts = [i for i in range(columns) if not amount[i]]
    if sum(natural[i] if amount[i] else max(natural[i], least[i]) for i in range(columns)) <= text_width_twips:
        # Room for every line whole: amount headings on one line too ("Budget 2025"), the rest to the text.
        widths = [natural[i] if amount[i] else least[i] for i in range(columns)]
        least = widths
    spare = text_width_twips - sum(least)
    wanted = [natural[i] - least[i] for i in texts]
    if sum(wanted) > 0:
        for i, want in zip(texts, wanted):
            widths[i] += spare * want / sum(wanted)
    else:
        for i in texts:
            widths[i] += spare / len(texts)
    return widths
