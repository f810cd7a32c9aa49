"""A memo's decision and text as units."""

from __future__ import annotations

from memo.archive.content import DECISION, TEXT, decision_text, memo_units


def test_the_decision_is_the_first_heading_and_what_follows_it(nacka):
    assert decision_text(nacka.memo) == [
        "Förslag till beslut",
        "Kommunstyrelsens trygghetsutskott föreslår att kommunstyrelsen fattar följande beslut.",
        "Kommunstyrelsen beslutar i enlighet med trygghetsutskottets förslag om fördelning av medel för 2024 års "
        "trygghetspaket enligt följande.",
    ]
    units = memo_units(nacka.memo)
    first_text = units[len(decision_text(nacka.memo))]
    assert (first_text.part, first_text.section, first_text.text) == (TEXT, "Sammanfattning av ärendet", "Sammanfattning av ärendet")
    assert {u.part for u in units} == {DECISION, TEXT}
    assert not any("\t" in u.text for u in units), "tables are left to amounts"
