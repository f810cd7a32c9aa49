"""Table arithmetic: amounts to kronor, column sums, the frame check. Pure and exact."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import PathProblem
from .formats import UNIT_FACTORS, AmountStyle, format_amount
from .model import Case, Table

RESERVED_ROW_IDS = frozenset({"sum", "frame"})


@dataclass(frozen=True)
class ComputedTable:
    """A table's exact amounts in kronor, by row and column id, with its column sums."""

    id: str
    spec: Table
    values: dict[str, dict[str, Decimal]]
    sums: dict[str, Decimal]

    @property
    def frame(self) -> Decimal | None:
        return self.spec.frame.amount * UNIT_FACTORS[self.spec.unit] if self.spec.frame else None


def compute_tables(case: Case) -> tuple[dict[str, ComputedTable], list[PathProblem]]:
    """Every table of the case in kronor with its sums, and every inconsistency found."""
    tables: dict[str, ComputedTable] = {}
    problems: list[PathProblem] = []
    for table_id, spec in case.tables.items():
        table, found = compute_table(table_id, spec)
        tables[table_id] = table
        problems.extend(found)
    return tables, problems


def compute_table(table_id: str, spec: Table) -> tuple[ComputedTable, list[PathProblem]]:
    base = ("tables", table_id)
    factor = UNIT_FACTORS[spec.unit]
    column_ids = [c.id for c in spec.columns]
    problems: list[PathProblem] = []

    seen: set[str] = set()
    for i, column in enumerate(spec.columns):
        if column.id in seen:
            problems.append(PathProblem(base + ("columns", i, "id"), f"kolumnen {column.id} finns redan — ge den ett eget id"))
        seen.add(column.id)

    values: dict[str, dict[str, Decimal]] = {}
    for i, row in enumerate(spec.rows):
        where = base + ("rows", i)
        if row.id in RESERVED_ROW_IDS:
            problems.append(PathProblem(where + ("id",), f"id {row.id} är reserverat för summor — välj ett annat"))
        if row.id in values:
            problems.append(PathProblem(where + ("id",), f"raden {row.id} finns redan — ge den ett eget id"))
        missing = [c for c in column_ids if c not in row.values]
        if missing:
            problems.append(PathProblem(where + ("values",), f"belopp saknas för {', '.join(missing)} — fyll i ett belopp per kolumn"))
        for key in row.values:
            if key not in column_ids:
                problems.append(PathProblem(
                    where + ("values", key),
                    f"kolumnen {key} finns inte i tabellen — kolumnerna är {', '.join(column_ids)}",
                ))
        values[row.id] = {c: row.values[c] * factor for c in column_ids if c in row.values}

    sums = {c: sum((v[c] for v in values.values() if c in v), Decimal(0)) for c in column_ids}
    table = ComputedTable(table_id, spec, values, sums)

    if spec.frame is not None:
        problems.extend(_check_frame(table, base + ("frame",)))
    return table, problems


def _check_frame(table: ComputedTable, where: tuple[str | int, ...]) -> list[PathProblem]:
    spec = table.spec
    assert spec.frame is not None and table.frame is not None
    column = next((c for c in spec.columns if c.id == spec.frame.column), None)
    if column is None:
        return [PathProblem(where + ("column",), f"kolumnen {spec.frame.column} finns inte i tabellen")]
    total = table.sums[column.id]
    difference = table.frame - total
    if difference == 0:
        return []
    style = AmountStyle(spec.unit, 0, 6, spec.unit)

    def show(kronor: Decimal) -> str:
        return format_amount(kronor, style)

    direction = "under" if difference > 0 else "över"
    return [PathProblem(
        where + ("amount",),
        f"raderna i {column.label} summerar till {show(total)}, {show(abs(difference))} {direction} "
        f"ramen {show(table.frame)} — ändra beloppen i raderna eller ramen så att de stämmer",
    )]
