"""Table arithmetic: amounts to kronor, computed columns, subtotals, sums, the
frame check and stated sums. Pure and exact (Decimal); rounding happens only
when a value is shown. Rows that subtract count negative; varav rows and percents
are never summed; a table with a unit per row sums nothing (``table_rules``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import PathProblem
from .formats import UNIT_FACTORS, AmountStyle, format_amount, format_number, round_to, scale
from .model import Case, Row, Subtotal, Table
from .table_rules import check_part, check_part_amounts, check_signs, check_units, message_style, unit_column

RESERVED_ROW_IDS = frozenset({"sum", "frame"})
#: The case's own facts, which expressions name: a table by such an id would hide them.
RESERVED_TABLE_IDS = frozenset({"date", "dnr", "title"})


@dataclass(frozen=True)
class ComputedRow:
    """A row as shown: a data row or a subtotal, with amounts in kronor by column id.

    Amounts are signed as shown: a row that subtracts holds them negative. ``percents`` are as
    typed (3.5 is 3,5 %); ``unit`` is the row's own unit where the table has one per row;
    ``of_which`` marks a varav row, a part of the row above, which no sum counts.
    """

    id: str | None
    name: str
    long_name: str | None
    amounts: dict[str, Decimal]
    texts: dict[str, str]
    subtotal: bool = False
    percents: dict[str, Decimal] = field(default_factory=dict)
    unit: str | None = None
    subtract: bool = False
    of_which: bool = False

    @property
    def counted(self) -> bool:
        """Whether sums and subtotals count the row."""
        return not self.subtotal and not self.of_which


@dataclass(frozen=True)
class ComputedTable:
    """A table's exact amounts in kronor with its computed columns, subtotals and sums."""

    id: str
    spec: Table
    rows: tuple[ComputedRow, ...]
    sums: dict[str, Decimal]
    notices: tuple[PathProblem, ...] = field(default=())
    sum_percents: dict[str, Decimal] = field(default_factory=dict)  # computed changes of the sums

    @property
    def values(self) -> dict[str, dict[str, Decimal]]:
        """Amounts and percents by row id, for expressions (subtotals with an id included)."""
        return {r.id: {**r.amounts, **r.percents} for r in self.rows if r.id}

    @property
    def summable(self) -> bool:
        """False for a table with a unit per row: it has no sums, so expressions have no ``sum``."""
        return unit_column(self.spec) is None

    @property
    def frame(self) -> Decimal | None:
        return self.spec.frame.amount * UNIT_FACTORS[self.spec.unit] if self.spec.frame else None


def compute_tables(case: Case) -> tuple[dict[str, ComputedTable], list[PathProblem]]:
    """Every table of the case in kronor with its sums, and every inconsistency found."""
    tables: dict[str, ComputedTable] = {}
    problems: list[PathProblem] = []
    for table_id, spec in case.tables.items():
        if table_id in RESERVED_TABLE_IDS:
            problems.append(PathProblem(("tables", table_id), f"id {table_id} är ärendets eget fält i uttryck "
                                        f"({{{{ {table_id} }}}}) — ge tabellen ett annat id"))
        table, found = compute_table(table_id, spec)
        tables[table_id] = table
        problems.extend(found)
    return tables, problems


def compute_table(table_id: str, spec: Table) -> tuple[ComputedTable, list[PathProblem]]:
    base = ("tables", table_id)
    factor = UNIT_FACTORS[spec.unit]
    problems = _check_columns(spec, base) + check_units(spec, base)
    amount_ids = [c.id for c in spec.columns if c.type == "amount"]
    given_ids = [c.id for c in spec.columns if c.type == "amount" and not c.sum_of]
    percent_ids = [c.id for c in spec.columns if c.type == "percent" and not c.change_of]
    changes = [c for c in spec.columns if c.type == "percent" and c.change_of]
    text_ids = [c.id for c in spec.columns if c.type == "text"]
    computed = [c for c in spec.columns if c.sum_of]

    rows: list[ComputedRow] = []
    notices: list[PathProblem] = []
    group_start = 0
    seen: set[str] = set()
    for i, row in enumerate(spec.rows):
        where = base + ("rows", i)
        if row.id is not None:
            if row.id in RESERVED_ROW_IDS:
                problems.append(PathProblem(where + ("id",), f"id {row.id} är reserverat för summor — välj ett annat"))
            if row.id in seen:
                problems.append(PathProblem(where + ("id",), f"raden {row.id} finns redan — ge den ett eget id"))
            seen.add(row.id)
        if isinstance(row, Subtotal):
            group = [r for r in rows[group_start:] if r.counted]
            subtotals = _column_sums(group, amount_ids)
            rows.append(ComputedRow(row.id, row.subtotal, None, subtotals, {}, subtotal=True,
                                    percents=_changes(changes, subtotals)))
            group_start = len(rows)
            continue
        problems += _check_row(row, where, given_ids, percent_ids, text_ids, [c.id for c in computed + changes])
        parent = next((r for r in reversed(rows) if not r.of_which), None) if row.of_which else None
        if row.of_which:
            problems += check_part(row, parent, where)
        subtract = parent.subtract if parent is not None else row.subtract
        problems += check_signs(row, subtract, given_ids, spec, where)
        sign = -1 if subtract else 1
        amounts = {c: sign * row.values[c] * factor for c in given_ids if c in row.values}
        for column in computed:
            if all(part in amounts for part in column.sum_of or []):
                amounts[column.id] = sum((amounts[part] for part in column.sum_of or []), Decimal(0))
        percents = {c: row.values[c] for c in percent_ids if c in row.values}
        percents |= _changes(changes, {c: sign * v for c, v in amounts.items()})  # as typed: an income that grows grows
        unit = parent.unit if parent is not None else row.unit
        shown = ComputedRow(row.id, row.name, row.long_name, amounts, dict(row.texts), percents=percents, unit=unit,
                            subtract=subtract, of_which=row.of_which)
        if parent is not None:
            problems += check_part_amounts(shown, parent, given_ids, spec, where)
        notices += _rounded_in_view(row, given_ids, spec, where)
        rows.append(shown)

    summable = unit_column(spec) is None
    sums = _column_sums([r for r in rows if r.counted], amount_ids) if summable else {}
    if spec.stated_sum is not None and summable:
        found, stated = _apply_stated_sums(spec, sums, base + ("stated_sum",))
        problems += found
        notices += stated
    if spec.sum_label and summable:
        notices += _rounded_sums(spec, rows, sums, base + ("sum_label",))
    table = ComputedTable(table_id, spec, tuple(rows), sums, tuple(notices), sum_percents=_changes(changes, sums))
    if spec.frame is not None and summable:
        problems.extend(_check_frame(table, base + ("frame",)))
    return table, problems


def _rounded_in_view(row: Row, given_ids: list[str], spec: Table, where: tuple) -> list[PathProblem]:
    """A typed amount with more decimals than its table shows in the same unit: the table shows it rounded
    while sums and the text count it exactly, so the reader may see 2 151 beside a sum of 2 150,5."""
    if spec.show_in not in (None, spec.unit):
        return []  # shown in another unit: rounding is what the reader expects
    notices = []
    for column in given_ids:
        value = row.values.get(column)
        if value is not None and round_to(value, spec.max_decimals) != value:
            typed = format_number(value, 0, 6)
            shown = format_number(value, spec.min_decimals, spec.max_decimals)
            notices.append(PathProblem(where + ("values", column), (
                f"{typed} har fler decimaler än tabellen visar (max_decimals: {spec.max_decimals}) och står som "
                f"{shown} i tabellen, men summor och text räknar med {typed} — skriv beloppet avrundat, "
                "eller höj max_decimals")))
    return notices


def _rounded_sums(spec: Table, rows: list[ComputedRow], sums: dict[str, Decimal], where: tuple) -> list[PathProblem]:
    """Columns whose amounts, as the table shows them rounded, do not add up to the sum row as shown:
    a reader who adds them up by hand finds a difference (85,1 against 85,0 mkr)."""
    unit = spec.show_in or spec.unit
    style = AmountStyle(unit, spec.min_decimals, spec.max_decimals, unit)
    stated = spec.stated_sum.values if spec.stated_sum else {}
    notices = []
    for column in spec.columns:
        if column.type != "amount" or column.id in stated or column.id not in sums:
            continue
        shown = sum((round_to(scale(r.amounts[column.id], unit), spec.max_decimals)
                     for r in rows if r.counted and column.id in r.amounts), Decimal(0))
        total = round_to(scale(sums[column.id], unit), spec.max_decimals)
        if shown != total:
            notices.append(PathProblem(where, (
                f"i {column.label} blir de visade, avrundade beloppen tillsammans {format_amount(shown * UNIT_FACTORS[unit], style)}, "
                f"summaraden visar {format_amount(sums[column.id], style)} — visa fler decimaler (max_decimals) eller "
                "skriv en fotnot om avrundningsdifferenser")))
    return notices


def _column_sums(rows: list[ComputedRow], column_ids: list[str]) -> dict[str, Decimal]:
    return {c: sum((r.amounts[c] for r in rows if c in r.amounts), Decimal(0)) for c in column_ids}


def _check_columns(spec: Table, base: tuple) -> list[PathProblem]:
    problems = []
    ids = [c.id for c in spec.columns]
    for i, column in enumerate(spec.columns):
        where = base + ("columns", i)
        if column.id in ids[:i]:
            problems.append(PathProblem(where + ("id",), f"kolumnen {column.id} finns redan — ge den ett eget id"))
        for j, part in enumerate(column.sum_of or []):
            target = next((c for c in spec.columns if c.id == part), None)
            if target is None or target.type != "amount" or target.sum_of:
                problems.append(PathProblem(
                    where + ("sum_of", j),
                    f"{part} är ingen inskriven beloppskolumn i tabellen — sum_of räknar bara med sådana",
                ))
        if column.sum_of and column.type != "amount":
            problems.append(PathProblem(where + ("type",), "en uträknad kolumn måste vara en beloppskolumn"))
        amounts = [c.id for c in spec.columns if c.type == "amount"]
        for j, part in enumerate(column.change_of or []):
            if part not in amounts:
                close = difflib.get_close_matches(part, amounts, n=1, cutoff=0.6)
                hint = f"menade du {close[0]}? " if close else ""
                problems.append(PathProblem(
                    where + ("change_of", j), f"{part} är ingen beloppskolumn i tabellen — {hint}change_of jämför två "
                                              f"av beloppskolumnerna: {', '.join(amounts) or 'inga'}"))
        if column.change_of and column.type != "percent":
            problems.append(PathProblem(where + ("type",), "change_of ger en procentkolumn — skriv type: percent"))
    return problems


#: Decimals a computed change is shown with (Swedish budget tables: 4,8 %).
CHANGE_DECIMALS = 1


def _changes(columns, amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each change column's percentage, from its first amount to its second; none where the first is 0."""
    out = {}
    for column in columns:
        start, end = (amounts.get(part) for part in column.change_of)
        if start is not None and end is not None and start != 0:
            out[column.id] = (end - start) / abs(start) * 100
    return out


def _check_row(row: Row, where: tuple, given: list[str], percents: list[str], texts: list[str],
               computed: list[str]) -> list[PathProblem]:
    problems = []
    valued = given + percents
    missing = [c for c in valued if c not in row.values] + [c for c in texts if c not in row.texts]
    if missing:
        problems.append(PathProblem(where, f"värde saknas för {', '.join(missing)} — fyll i ett värde per kolumn"))
    kinds = "belopps- och procentkolumnerna" if percents else "beloppskolumnerna"
    for key in row.values:
        if key in computed:
            problems.append(PathProblem(where + ("values", key), f"kolumnen {key} räknas ut — ta bort beloppet"))
        elif key not in valued:
            problems.append(PathProblem(
                where + ("values", key), f"kolumnen {key} finns inte bland {kinds} — de är {', '.join(valued)}",
            ))
    for key in row.texts:
        if key not in texts:
            known = ", ".join(texts) or "inga"
            problems.append(PathProblem(where + ("texts", key), f"kolumnen {key} är ingen textkolumn — textkolumnerna är {known}"))
    return problems


def _apply_stated_sums(spec: Table, sums: dict[str, Decimal], where: tuple) -> tuple[list[PathProblem], list[PathProblem]]:
    """Accept each stated sum within the tolerance (and say so); refuse the others."""
    assert spec.stated_sum is not None
    factor = UNIT_FACTORS[spec.unit]
    style = message_style(spec)
    tolerance = spec.stated_sum.tolerance * factor
    labels = {c.id: c.label for c in spec.columns}
    problems, notices = [], []
    for column, stated_value in spec.stated_sum.values.items():
        path = where + ("values", column)
        if column not in sums:
            problems.append(PathProblem(path, f"kolumnen {column} finns inte bland beloppskolumnerna"))
            continue
        stated = stated_value * factor
        difference = abs(stated - sums[column])
        words = (f"{labels[column]}: angiven summa {format_amount(stated, style)}, raderna summerar till "
                 f"{format_amount(sums[column], style)}")
        if difference > tolerance:
            problems.append(PathProblem(path, f"{words} — skillnaden {format_amount(difference, style)} är större än "
                                              f"toleransen {format_amount(tolerance, style)}; rätta raderna eller summan"))
            continue
        if difference:
            notices.append(PathProblem(path, f"{words} — skillnaden {format_amount(difference, style)} ryms i "
                                             f"avrundningstoleransen; den angivna summan visas"))
        sums[column] = stated
    return problems, notices


def _check_frame(table: ComputedTable, where: tuple) -> list[PathProblem]:
    spec = table.spec
    assert spec.frame is not None and table.frame is not None
    column = next((c for c in spec.columns if c.id == spec.frame.column), None)
    if column is None:
        return [PathProblem(where + ("column",), f"kolumnen {spec.frame.column} finns inte i tabellen")]
    if column.type != "amount":
        return [PathProblem(where + ("column",), f"kolumnen {column.id} är ingen beloppskolumn och summeras inte "
                                                 "— ramen gäller summan av en beloppskolumn")]
    total = table.sums[column.id]
    difference = table.frame - total
    if difference == 0:
        return []
    style = message_style(spec)
    direction = "under" if difference > 0 else "över"
    advice = "ändra beloppen i raderna eller ramen så att de stämmer"
    meant = next((unit for unit in (spec.show_in, "tkr", "mkr") if unit and unit != spec.unit
                  and spec.frame.amount * UNIT_FACTORS[unit] == total), None)
    if meant:  # the frame written in the unit the table is shown in, or another one
        advice = (f"ramen skrivs i tabellens unit ({spec.unit}), inte i {meant}: menade du "
                  f"{format_amount(total, style)}?")
    return [PathProblem(
        where + ("amount",),
        f"raderna i {column.label} summerar till {format_amount(total, style)}, "
        f"{format_amount(abs(difference), style)} {direction} ramen {format_amount(table.frame, style)} — {advice}",
    )]
