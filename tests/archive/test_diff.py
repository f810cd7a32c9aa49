"""memo diff: amounts, sums, decision and text between two Memos; exit 1 when they differ."""

from __future__ import annotations

import json

from memo.archive.diff import word_changes

from ..conftest import edit_case
from .conftest import CASE, memo_command

PARAGRAPH = (
    "I förslaget till fördelning av 5 mkr finns en fortsatt satsning på trygghetsvårdar i Orminge och Fisksätra. "
    "Fördelningen av medel till trygghetsvårdar föreslås att utökas med 200 tkr för att även initiera en satsning "
    "på trygghetsvårdar tillsammans med fastighetsbolag i Älta eller på Sicklaön. Arbetet inom ramen för SSPF "
    "(skola, socialtjänst, polis, fritid) fortsätter, liksom stödet till "
).replace(" mkr", "\u00a0mkr").replace(" tkr", "\u00a0tkr")


def test_diff_between_two_versions_as_text(archived):
    result = memo_command(archived, "diff", CASE, "--from", "v1", "--to", "v2")
    assert result.returncode == 1
    assert result.stdout == (
        f"{CASE}: v1 → v2\n"
        "Belopp\n"
        "  fordelning.sspf.utfall_2023 (SSPF (skola, socialtjänst, polis, fritid), Utfall 2023): 1,6\u00a0mkr → 1,7\u00a0mkr\n"
        "Summor\n"
        "  fordelning.sum.utfall_2023 (SUMMA, Utfall 2023): 4,29\u00a0mkr → 4,39\u00a0mkr\n"
        "Text\n"
        "  Sammanfattning av ärendet\n"
        f"    ändrat: {PARAGRAPH}[-de-]{{+alla+}} lokala [-arbetsgrupperna-]{{+arbetsgrupper+}}.\n"
    )


def test_diff_between_two_versions_as_json(archived):
    result = memo_command(archived, "diff", CASE, "--to", "v2", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "case": CASE, "from": "v1", "to": "v2", "differs": True, "fields": [],
        "amounts": [{
            "key": "fordelning.sspf.utfall_2023", "table": "fordelning", "row": "sspf", "column": "utfall_2023",
            "row_label": "SSPF (skola, socialtjänst, polis, fritid)", "column_label": "Utfall 2023",
            "old": {"kronor": "1600000.0", "shown": "1,6\u00a0mkr"}, "new": {"kronor": "1700000.0", "shown": "1,7\u00a0mkr"},
        }],
        "sums": [{
            "key": "fordelning.sum.utfall_2023", "table": "fordelning", "row": "sum", "column": "utfall_2023",
            "row_label": "SUMMA", "column_label": "Utfall 2023",
            "old": {"kronor": "4290000.00", "shown": "4,29\u00a0mkr"}, "new": {"kronor": "4390000.00", "shown": "4,39\u00a0mkr"},
        }],
        "decision": [],
        "text": [{
            "change": "changed", "section": "Sammanfattning av ärendet",
            "old": PARAGRAPH + "de lokala arbetsgrupperna.", "new": PARAGRAPH + "alla lokala arbetsgrupper.",
            "words": [["=", PARAGRAPH], ["-", "de"], ["+", "alla"], ["=", " lokala "],
                      ["-", "arbetsgrupperna"], ["+", "arbetsgrupper"], ["=", "."]],
        }],
    }


def test_the_case_as_it_is_now_against_the_latest_version(archived):
    same = memo_command(archived, "diff", CASE)
    assert (same.returncode, same.stdout) == (0, f"{CASE}: inga skillnader mellan v2 och cases/{CASE}.yaml\n")

    changed = diff_after_edits(
        archived,
        ("Kommunstyrelsen beslutar i enlighet med", "Kommunstyrelsen beslutar helt i enlighet med"),
        ("  - heading: Ärendet\n", "  - heading: Ärendet\n    body: Ett nytt stycke.\n"),
    )
    assert (changed.returncode, changed.stdout) == (1, (
        f"{CASE}: v2 → cases/{CASE}.yaml\n"
        "Beslutstext\n"
        "  Förslag till beslut\n"
        "    ändrat: Kommunstyrelsen beslutar{+ helt+} i enlighet med trygghetsutskottets förslag om fördelning av "
        "medel för 2024 års trygghetspaket enligt följande.\n"
        "Text\n"
        "  Ärendet\n"
        "    nytt: Ett nytt stycke.\n"
    ))


def test_words_changed_are_marked_within_the_paragraph():
    assert word_changes("till de lokala", "till alla lokala") == (("=", "till "), ("-", "de"), ("+", "alla"), ("=", " lokala"))
    assert word_changes("a b", "a b c") == (("=", "a b"), ("+", " c"))


def test_a_changed_title_and_date_are_facts_of_the_memo(archived):
    result = diff_after_edits(
        archived, ("title: Trygghetspaketet 2024", "title: Trygghetspaketet för 2024"), ("date: 2024-03-25", "date: 2024-03-26"))
    assert (result.returncode, result.stdout) == (1, (
        f"{CASE}: v2 → cases/{CASE}.yaml\n"
        "Uppgifter\n"
        "  rubrik: Trygghetspaketet 2024 → Trygghetspaketet för 2024\n"
        "  datum: 2024-03-25 → 2024-03-26\n"
        "Text\n"
        "  Handlingar i ärendet\n"
        "    ändrat: Tjänsteskrivelse daterad den [-25-]{+26+} mars 2024\n"  # the text cites the date
    ))


def diff_after_edits(workspace, *edits: tuple[str, str]):
    """``memo diff`` of the case, after replacing text in it, against its latest version."""
    for old, new in edits:
        edit_case(workspace, old, new)
    return memo_command(workspace, "diff", CASE)
