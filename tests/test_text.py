import pytest

from memo.memo import ItemList, Paragraph, Span
from memo.text import MarkupError, escape_markdown, parse_markup


def test_markup_subset_paragraphs_lists_emphasis():
    blocks = parse_markup("Ett *kursivt* och **fett** ord,\nsamma stycke.\n\n- a\n- b\n\n1. ett\n2. två\n")
    assert blocks == [
        Paragraph((Span("Ett "), Span("kursivt", italic=True), Span(" och "), Span("fett", bold=True),
                   Span(" ord, samma stycke."))),
        ItemList((Paragraph((Span("a"),)), Paragraph((Span("b"),))), ordered=False),
        ItemList((Paragraph((Span("ett"),)), Paragraph((Span("två"),))), ordered=True),
    ]


def test_markup_leaves_other_syntax_literal():
    text = "# inte rubrik\n\n    inte kod\n\n<b>inte html</b> &amp; [inte](länk)"
    assert [b.text for b in parse_markup(text)] == ["# inte rubrik", "inte kod", "<b>inte html</b> &amp; [inte](länk)"]


def test_nested_lists_are_refused():
    with pytest.raises(MarkupError):
        parse_markup("- a\n  - b\n")


def test_escape_markdown():
    assert escape_markdown("a_b*c") == r"a\_b\*c"
