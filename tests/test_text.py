import pytest

from memo.memo import ItemList, ListItem, Paragraph, Span
from memo.text import MarkupError, escape_markdown, parse_markup


def test_markup_subset_paragraphs_lists_emphasis():
    blocks = parse_markup("Ett *kursivt* och **fett** ord,\nsamma stycke.\n\n- a\n- b\n\n1. ett\n2. två\n")
    assert blocks == [
        Paragraph((Span("Ett "), Span("kursivt", italic=True), Span(" och "), Span("fett", bold=True),
                   Span(" ord, samma stycke."))),
        ItemList((_item("a"), _item("b")), ordered=False),
        ItemList((_item("ett"), _item("två")), ordered=True),
    ]


def _item(*texts: str, sublist: ItemList | None = None) -> ListItem:
    return ListItem(tuple(Paragraph((Span(t),)) for t in texts), sublist)


def test_a_numbered_list_keeps_its_start_number():
    blocks = parse_markup("1. ett\n\nEtt stycke emellan.\n\n2. två\n")
    assert blocks == [ItemList((_item("ett"),), ordered=True), Paragraph((Span("Ett stycke emellan."),)),
                      ItemList((_item("två"),), ordered=True, start=2)]


def test_an_item_with_several_paragraphs_stays_one_item():
    assert parse_markup("- första\n\n  andra stycket\n- nästa\n") == [
        ItemList((_item("första", "andra stycket"), _item("nästa")))]


def test_lists_nest_two_levels_with_the_organisations_bullet():
    assert parse_markup("1. ett\n   1. a\n   2. b\n2. två\n", bullet="\u2013") == [
        ItemList((_item("ett", sublist=ItemList((_item("a"), _item("b")), ordered=True, bullet="\u2013")), _item("två")),
                 ordered=True, bullet="\u2013")]


def test_a_quote_is_a_paragraph_in_quote_style():
    assert parse_markup("> Citerad *text*\n> fortsätter.\n") == [
        Paragraph((Span("Citerad "), Span("text", italic=True), Span(" fortsätter.")), "quote")]


def test_a_bold_label_at_a_paragraphs_start_stays_emphasis():
    [paragraph] = parse_markup("**Villkor:** tillståndet gäller i fem år.")
    assert paragraph == Paragraph((Span(""), Span("Villkor:", bold=True), Span(" tillståndet gäller i fem år.")))


def test_markup_leaves_other_syntax_literal():
    text = "# inte rubrik\n\n    inte kod\n\n<b>inte html</b> &amp; [inte](länk)"
    assert [b.text for b in parse_markup(text)] == ["# inte rubrik", "inte kod", "<b>inte html</b> &amp; [inte](länk)"]


@pytest.mark.parametrize("text, line, message", [
    ("- a\n  - b\n    - c\n", 2, "listor i tre nivåer stöds inte — använd högst två (en lista med underpunkter)"),
    ("- a\n  - b\n\n  mer\n", 3, "text efter en underlista i samma listpunkt stöds inte — skriv texten före underlistan"),
    ("- a\n  - b\n- c\n  1. d\n", 0, "underlistorna i en lista ska vara av samma slag — antingen numrerade eller punktlistor"),
    ("- a\n\n  > b\n", 2, "citat i listor stöds inte — skriv citatet före eller efter listan"),
])
def test_structures_outside_the_subset_are_refused_with_their_line(text, line, message):
    with pytest.raises(MarkupError) as caught:
        parse_markup(text)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_escape_markdown():
    assert escape_markdown("a_b*c") == r"a\_b\*c"


def test_footnotes_are_numbered_in_the_order_of_their_references():
    from itertools import count

    from memo.memo import Note

    [paragraph] = parse_markup("Ett[^b] och två[^a].\n\n[^a]: Andra.\n[^b]: Första *noten*.\n", notes=count(3))
    first = Note(3, (Paragraph((Span("Första "), Span("noten", italic=True), Span("."))),))
    second = Note(4, (Paragraph((Span("Andra."),)),))
    assert paragraph == Paragraph((Span("Ett"), Span("", note=first), Span(" och två"), Span("", note=second), Span(".")))
    assert paragraph.text == "Ett[3] och två[4]."
    assert first.lines == ["[3] Första noten."]


def test_a_footnote_referred_to_twice_is_refused():
    with pytest.raises(MarkupError) as caught:
        parse_markup("Ett[^a] och[^a].\n\n[^a]: Noten.\n")
    assert caught.value.message == "fotnoten [^a] hänvisas till två gånger — en fotnot har en hänvisning; skriv en ny fotnot"


def test_a_year_at_a_paragraphs_start_is_text_not_a_list_item():
    [paragraph] = parse_markup("2024. Det året hände mycket.")
    assert paragraph.text == "2024. Det året hände mycket."


def test_a_value_never_turns_into_markup_at_a_lines_start():
    for value in ("1. Budget", "2024) Budget", "- fem", "+ sex", "> citat"):
        [paragraph] = parse_markup(escape_markdown(value) + " och mer")
        assert paragraph.text == value + " och mer"
