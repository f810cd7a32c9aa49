"""The amounts a memo shows, named as expressions name them, and what changed between two memos.

``fordelning.sspf.forslag_2024`` is a row's amount, ``fordelning.sum.forslag_2024`` a column sum.
Amounts are kept exact (kronor) and as the document shows them, so a log line needs no rebuild.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from ..build import Prepared
from ..compute import compute_tables
from ..compose import percent_decimals, table_amount_style
from ..formats import NBSP, format_amount, format_percent

SUM_ROW = "sum"
ABSENT = "–"


@dataclass(frozen=True)
class Amount:
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    kronor: Decimal
    shown: str  # in the table's unit and decimals, with the unit label: '1,5 mkr'
    total: bool  # a column sum or a subtotal

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "kronor": str(self.kronor)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Amount:
        return cls(**{**data, "kronor": Decimal(data["kronor"])})


def memo_amounts(prepared: Prepared) -> dict[str, Amount]:
    """Every amount of every table of a prepared case, rows first, then sums, by key."""
    tables, _ = compute_tables(prepared.case)
    profile = prepared.organisation.profile
    found: dict[str, Amount] = {}
    for table_id, table in tables.items():
        spec = table.spec
        style = table_amount_style(spec, profile)  # as the document shows them, the table's own unit label included
        labels = {c.id: c.label for c in spec.columns}
        decimals = {c.id: percent_decimals(table, c) for c in spec.columns if c.type == "percent"}
        lines = [(row.id or row.name, row.name, row.amounts, row.percents, row.subtotal) for row in table.rows]
        lines.append((SUM_ROW, spec.sum_label or SUM_ROW, table.sums, table.sum_percents, True))
        for row_id, row_label, amounts, percents, total in lines:
            for column, kronor in amounts.items():
                amount = Amount(table_id, row_id, column, row_label, labels[column], kronor, format_amount(kronor, style), total)
                found[amount.key] = amount
            for column, value in percents.items():  # percentages as the table shows them ("kronor" holds the value)
                shown = format_percent(value, decimals[column], decimals[column], style.minus)
                amount = Amount(table_id, row_id, column, row_label, labels[column], value, shown, total)
                found[amount.key] = amount
    return found


@dataclass(frozen=True)
class AmountChange:
    old: Amount | None
    new: Amount | None

    @property
    def amount(self) -> Amount:
        return self.new or self.old  # type: ignore[return-value]

    def short(self) -> str:
        """``fordelning.sspf.forslag_2024 1,5 → 1,6 mkr`` (the unit once when both sides share it)."""
        old, new = (a.shown if a else ABSENT for a in (self.old, self.new))
        unit = NBSP + new.rsplit(NBSP, 1)[-1] if NBSP in new else None
        if unit and old.endswith(unit):
            old = old[: -len(unit)]
        return f"{self.amount.key} {old} → {new}"

    def long(self) -> str:
        """``table.row.column (row name, column label): 1,5 mkr → 1,6 mkr``."""
        a = self.amount
        old, new = (x.shown if x else ABSENT for x in (self.old, self.new))
        return f"{a.key} ({a.row_label}, {a.column_label}): {old} → {new}"

    def to_json(self) -> dict[str, Any]:
        a = self.amount
        side = lambda x: {"kronor": str(x.kronor), "shown": x.shown} if x else None  # noqa: E731
        return {"key": a.key, "table": a.table, "row": a.row, "column": a.column,
                "row_label": a.row_label, "column_label": a.column_label,
                "old": side(self.old), "new": side(self.new)}


def amount_changes(old: dict[str, Amount], new: dict[str, Amount]) -> list[AmountChange]:
    """Amounts added, removed or of another value, in the order of the newer memo (removed last)."""
    changes = [AmountChange(old.get(key), amount) for key, amount in new.items()
               if key not in old or old[key].kronor != amount.kronor or old[key].shown != amount.shown]
    changes += [AmountChange(amount, None) for key, amount in old.items() if key not in new]
    return changes
