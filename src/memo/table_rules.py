"""What a table's rows may say together beyond what the model checks field by field: a unit per
row, rows that subtract, varav rows. Each rule gives located problems in the official's words;
``compute`` applies them while it adds up the table.

A table with a unit per row (a ``type: unit`` column) is a list of prices or fees: its amounts
are in different units, so nothing in it is summed (no sum row, subtotal, frame or stated sum).
A varav row is a part of the nearest row above it that is not itself a varav row; it takes that
row's sign and unit and is outside every sum.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .errors import PathProblem
from .formats import UNIT_FACTORS, AmountStyle, format_amount
from .model import Column, Row, Subtotal, Table

if TYPE_CHECKING:
    from .compute import ComputedRow


def message_style(spec: Table) -> AmountStyle:
    """Amounts in messages: in the unit the official typed, with every decimal."""
    return AmountStyle(spec.unit, 0, 6, spec.unit)


def unit_column(spec: Table) -> Column | None:
    """The table's column of per-row units, or None."""
    return next((c for c in spec.columns if c.type == "unit"), None)


def check_units(spec: Table, base: tuple) -> list[PathProblem]:
    """One unit column at most; a row's unit needs one, and a table with one sums nothing."""
    problems: list[PathProblem] = []
    column = unit_column(spec)
    rows = list(enumerate(spec.rows))
    if column is None:
        return [PathProblem(base + ("rows", i, "unit"),
                            "tabellen har ingen kolumn för radernas enheter — lägg till en kolumn med type: unit "
                            "där enheterna ska stå (t.ex. {id: enhet, label: Enhet, type: unit}), eller ta bort unit")
                for i, row in rows if isinstance(row, Row) and row.unit is not None]
    for i, other in enumerate(spec.columns):
        if other.type == "unit" and other is not column:
            problems.append(PathProblem(base + ("columns", i, "type"),
                                        f"tabellen har redan en enhetskolumn ({column.id}) — en räcker"))
    units = list(dict.fromkeys(row.unit for _, row in rows if isinstance(row, Row) and row.unit))
    why = (f"tabellen har en enhet per rad ({', '.join(units) or column.label}), och belopp i olika enheter "
           "läggs inte ihop")
    for name in ("sum_label", "frame", "stated_sum"):
        if getattr(spec, name) is not None:
            problems.append(PathProblem(base + (name,), f"{why} — ta bort {name}; har alla rader samma enhet, "
                                                        "ta bort enhetskolumnen och skriv enheten med unit_label"))
    if spec.unit_in_cells:
        problems.append(PathProblem(base + ("unit_in_cells",), f"radernas enheter står i kolumnen {column.label} — "
                                                               "ta bort unit_in_cells, annars står enheten två gånger"))
    for i, row in rows:
        if isinstance(row, Subtotal):
            problems.append(PathProblem(base + ("rows", i, "subtotal"), f"{why} — ta bort delsumman"))
        elif row.unit is None and not row.of_which:
            problems.append(PathProblem(base + ("rows", i), f"enhet saknas — skriv radens enhet (kolumnen "
                                                            f"{column.label}), t.ex. unit: kronor"))
    return problems


def check_signs(row: Row, subtract: bool, given: list[str], spec: Table, where: tuple) -> list[PathProblem]:
    """A row that subtracts is written positive: a minus sign there would turn it around again."""
    if not subtract:
        return []
    style = message_style(spec)
    whose = "raden" if row.subtract else "raden ovanför, som varav-raden är en del av,"
    return [PathProblem(where + ("values", c),
                        f"{whose} dras av (subtract: true), så beloppet skrivs utan minustecken — skriv "
                        f"{format_amount(-value * UNIT_FACTORS[spec.unit], style)}; memo visar det med minustecken")
            for c, value in row.values.items() if c in given and value < 0]


def check_part(row: Row, parent: "ComputedRow | None", where: tuple) -> list[PathProblem]:
    """A varav row needs a row above it, and takes that row's sign and unit."""
    problems = []
    if parent is None:
        problems.append(PathProblem(where + ("of_which",),
                                    "en varav-rad är en del av raden ovanför, men här finns ingen rad ovanför — "
                                    "flytta raden under den rad den är en del av, eller ta bort of_which"))
    if row.subtract:
        problems.append(PathProblem(where + ("subtract",), "en varav-rad räknas med samma tecken som raden den är "
                                                           "en del av — ta bort subtract här"))
    if row.unit is not None:
        problems.append(PathProblem(where + ("unit",), "en varav-rad har samma enhet som raden den är en del av — "
                                                       "ta bort unit här"))
    return problems


def check_part_amounts(part: "ComputedRow", parent: "ComputedRow", given: list[str], spec: Table,
                       where: tuple) -> list[PathProblem]:
    """A part larger than its whole (in the same direction) is nearly always a typing mistake."""
    style = message_style(spec)
    labels = {c.id: c.label for c in spec.columns}
    problems = []
    for c in given:
        value, whole = part.amounts.get(c), parent.amounts.get(c)
        if value is None or whole is None or abs(value) <= abs(whole) or value * whole < Decimal(0):
            continue
        problems.append(PathProblem(
            where + ("values", c),
            f"raden {part.name} ({format_amount(abs(value), style)} i {labels[c]}) är större än raden den är en del "
            f"av, {parent.name} ({format_amount(abs(whole), style)}) — en del kan inte vara större än helheten; "
            "kontrollera beloppen",
        ))
    return problems
