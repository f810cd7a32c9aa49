import time
from decimal import Decimal

import pytest

from memo.memo import ItemList, Paragraph, Span
from memo.text import ExpressionError, MarkupError, escape_markdown, make_environment, parse_markup, render_expressions

ENV = make_environment({"upper": str.upper})


def render(source, **context):
    return render_expressions(ENV, source, context)


def test_expressions_quote_the_data():
    assert render("Summa {{ t.sum.a }} kr", t={"sum": {"a": Decimal("5")}}) == "Summa 5 kr"
    assert render("{{ (a - b) }}", a=Decimal("1.6"), b=Decimal("1.4")) == "0.2"


def test_unknown_name_is_an_error_with_line_and_suggestion():
    with pytest.raises(ExpressionError) as caught:
        render("rad ett\nrad två {{ t.sspff.a }}", t={"sspf": {"a": 1}})
    assert caught.value.line == 1
    assert caught.value.message == "okänt namn sspff i uttrycket — menade du sspf?"


def test_expression_output_cannot_become_markup():
    assert render("{{ x }}", x="*fet* [länk]") == r"\*fet\* \[länk\]"
    assert parse_markup(render("{{ x }}", x="*inte kursiv*")) == [Paragraph((Span("*inte kursiv*"),))]


@pytest.mark.parametrize("source", [
    "{{ 9 ** 99999999 }}", "{{ 'a' * 10000000 }}", "{{ x.__class__ }}", "{{ d.update({'a': 1}) }}",
    "{{ range(10**9) | list }}", "{% import 'os' as os %}{{ os }}", "{{ ''.__class__.__mro__ }}",
    "{{ (10 ** 99) ** 99 }}", "{{ (((10 ** 99) ** 99) ** 99) ** 99 }}", "{{ [1] * 10**9 }}", "{{ 'abc' * 90000 * 90000 }}",
])
def test_sandbox_refuses_bombs_and_escapes_quickly(source):
    start = time.perf_counter()
    with pytest.raises(ExpressionError):
        render(source, x="", d={})
    assert time.perf_counter() - start < 1.0


def test_literal_braces_are_written_as_an_expression():
    assert render("{{ '{{' }} x }}") == "{{ x }}"


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
