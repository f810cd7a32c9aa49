"""Amounts by expression name, and changes in short and in full."""

from __future__ import annotations

from decimal import Decimal

from memo.archive.amounts import Amount, AmountChange, amount_changes, memo_amounts


def test_every_row_amount_and_sum_of_the_memo_by_key(nacka):
    amounts = memo_amounts(nacka)
    assert amounts["fordelning.sspf.forslag_2024"] == Amount(
        "fordelning", "sspf", "forslag_2024", "SSPF (skola, socialtjänst, polis, fritid)", "Förslag 2024",
        Decimal("1500000"), "1,5\u00a0mkr", False)
    total = amounts["fordelning.sum.utfall_2023"]
    assert (total.kronor, total.shown, total.total, total.row_label) == (Decimal("4290000"), "4,29\u00a0mkr", True, "SUMMA")
    assert Amount.from_json(total.to_json()) == total


def _amount(value: str, shown: str, key: str = "sspf") -> Amount:
    return Amount("fordelning", key, "forslag_2024", "SSPF", "Förslag 2024", Decimal(value), shown, False)


def test_changes_in_short_name_the_unit_once():
    change = AmountChange(_amount("1500000", "1,5\u00a0mkr"), _amount("1600000", "1,6\u00a0mkr"))
    assert change.short() == "fordelning.sspf.forslag_2024 1,5 → 1,6\u00a0mkr"
    assert change.long() == "fordelning.sspf.forslag_2024 (SSPF, Förslag 2024): 1,5\u00a0mkr → 1,6\u00a0mkr"


def test_added_removed_and_changed_amounts():
    old = {a.key: a for a in (_amount("1", "1\u00a0kr"), _amount("2", "2\u00a0kr", "borta"))}
    new = {a.key: a for a in (_amount("1", "1\u00a0kr"), _amount("3", "3\u00a0kr", "ny"))}
    assert [c.short() for c in amount_changes(old, new)] == [
        "fordelning.ny.forslag_2024 – → 3\u00a0kr", "fordelning.borta.forslag_2024 2\u00a0kr → –"]


def test_a_tables_own_unit_label_is_recorded_as_the_document_shows_it(workspace):
    from memo.archive.amounts import memo_amounts
    from memo.build import prepare

    from ..conftest import edit_case

    edit_case(workspace, "    unit_in_cells: true\n", "    unit_in_cells: true\n    unit_label: miljoner kr\n")
    amounts = memo_amounts(prepare(workspace.cases / "KFKS-2024-00430.yaml", workspace))
    assert amounts["fordelning.sspf.forslag_2024"].shown == "1,5\u00a0miljoner kr"


def test_percentages_are_recorded_as_the_table_shows_them_and_their_changes_found(table_rows):
    """Typed percents with their column's decimals; a change shows in the diff like an amount's."""
    from dataclasses import replace

    amounts = memo_amounts(table_rows)
    percents = {key: a.shown for key, a in amounts.items() if a.shown.endswith("%")}
    assert percents["avgifter.timavgift.forandring"] == "3,7\u00a0%"
    assert percents["avgifter.arsavgift.forandring"] == "4,0\u00a0%"
    changed = {**amounts, "avgifter.timavgift.forandring": replace(amounts["avgifter.timavgift.forandring"],
                                                                   kronor=amounts["avgifter.timavgift.forandring"].kronor + 1,
                                                                   shown="4,7\u00a0%")}
    [change] = amount_changes(amounts, changed)
    assert change.short() == "avgifter.timavgift.forandring 3,7 → 4,7\u00a0%"
