"""Expressions: sandboxed, exact, and every failure a Swedish message with its line."""

import time
from datetime import date
from decimal import Decimal

import pytest

from memo.expressions import COMMON_FILTERS, ExpressionError, Filter, make_environment, render_expressions
from memo.memo import Paragraph, Span
from memo.text import parse_markup

ENV = make_environment({"long_date": Filter(lambda value: value.isoformat(), "datum", "{{ date | long_date }}")})


def render(source, **context):
    return render_expressions(ENV, source, context)


def errors(source, **context) -> list[tuple[int, str]]:
    with pytest.raises(ExpressionError) as caught:
        render(source, **context)
    return caught.value.errors


def test_expressions_quote_the_data():
    assert render("År {{ year + 1 }}: {{ t.rad.namn }}", year=2024, t={"rad": {"namn": "Skola"}}) == "År 2025: Skola"
    assert render("{{ a - b == c }}", a=Decimal("1.6"), b=Decimal("1.4"), c=Decimal("0.2")) == "True"


def test_a_number_is_shown_through_a_filter_never_in_pythons_own_form():
    """1500000.0 or 214285.714… in a memo would be no Swedish number: the text must say how to show it."""
    assert errors("Summa {{ t.sum.a }} kr", t={"sum": {"a": Decimal("1500000.0")}}) == [
        (0, "uttrycket ger talet 1500000.0 utan format — skriv ut det med ett filter, t.ex. | mkr, | tkr eller "
            "| kr för ett belopp, | number för ett tal"),
    ]


def test_a_decimal_written_in_an_expression_counts_exactly_with_amounts():
    assert render("{{ a * 1.1 == c }}", a=Decimal("3"), c=Decimal("3.3")) == "True"  # not 3.3000000000000003
    assert render("{{ (a + 0.1) | abs == c }}", a=Decimal("-0.3"), c=Decimal("0.2")) == "True"


def test_unknown_name_is_an_error_with_line_and_suggestion():
    assert errors("rad ett\nrad två {{ t.sspff.a }}", t={"sspf": {"a": 1}}) == [
        (1, "okänt namn t.sspff i uttrycket — menade du t.sspf? (under t finns sspf)"),
    ]


def test_every_failing_expression_of_a_text_is_reported_with_its_line():
    source = "Ett {{ t.x }} och {{ 1 / 0 }}\ntvå {{ t.a }}\n{{ t.a | nej }} och {{ t.b }} och {{"
    assert errors(source, t={"a": Decimal(1)}) == [
        (0, "okänt namn t.x i uttrycket — kontrollera stavningen (under t finns a)"),
        (0, "uttrycket delar med noll — kontrollera nämnaren (t.ex. en kolumn som summerar till 0)"),
        (1, "uttrycket ger talet 1 utan format — skriv ut det med ett filter, t.ex. | mkr, | tkr eller | kr för ett "
            "belopp, | number för ett tal"),
        (2, "okänt filter nej — Filtren är long_date, round, abs"),
        (2, "okänt namn t.b i uttrycket — kontrollera stavningen (under t finns a)"),
        (2, "uttrycket går inte att läsa — skriv t.ex. {{ tabell.rad.kolumn | mkr }}; för en bokstavlig {{ skriv {{ '{{' }}"),
    ]


def test_the_same_mistake_twice_on_a_line_is_reported_once():
    assert errors("{{ x }} och {{ x }}\n{{ x }}") == [
        (0, "okänt namn x i uttrycket — kontrollera stavningen (namnen på översta nivån är inga)"),
        (1, "okänt namn x i uttrycket — kontrollera stavningen (namnen på översta nivån är inga)"),
    ]


def test_statements_are_refused_for_the_whole_text():
    assert errors("{% set x = 1 %}{{ x }} {{ y }}") == [
        (0, "{% … %} är inte tillåtet i ärendets text — texten får bara hämta värden med {{ … }}; "
            "för bokstavliga tecken skriv {{ '{%' }}"),
    ]


@pytest.mark.parametrize("source, message", [
    ("{{ t.a | long_date }}", "filtret long_date gäller datum, men värdet är ett belopp — skriv t.ex. {{ date | long_date }}"),
    ("{{ d | long_date(1) }}", "filtret long_date tar inga argument — skriv t.ex. {{ date | long_date }}"),
    ("{{ t.a | round(1, 'upp') }}",
     "filtret round: sättet att avrunda ska vara 'common', 'ceil' eller 'floor' — skriv t.ex. {{ belopp | round(1) }}"),
    ("{{ t.a | round(1, 2, 3) }}", "filtret round tar högst 2 argument — skriv t.ex. {{ belopp | round(1) }}"),
    ("{{ t.c | abs }}", "okänt namn t.c i uttrycket — kontrollera stavningen (under t finns a)"),
    ("{{ t }}", "uttrycket ger en hel tabell eller rad, inget värde — skriv hela vägen: tabell.rad.kolumn"),
])
def test_filters_say_how_they_are_written(source, message):
    assert errors(source, t={"a": Decimal(1)}, d=date(2024, 3, 25)) == [(0, message)]


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
    with pytest.raises(ExpressionError) as caught:
        render(source, x="", d={})
    assert time.perf_counter() - start < 1.0
    assert all(message.startswith(("uttrycket", "okänt")) for _, message in caught.value.errors) or all(
        message.startswith("{% … %} är inte tillåtet") for _, message in caught.value.errors)


def test_literal_braces_are_written_as_an_expression():
    assert render("{{ '{{' }} x }}") == "{{ x }}"


def test_common_filters_follow_the_organisations_own():
    assert list(ENV.filters) == ["long_date", *COMMON_FILTERS]


def test_a_decimal_written_in_a_comparison_compares_exactly():
    """1.6 − 1.4 is 0.2 in a memo, also where a text asks whether it is (a float would say 0.19999…)."""
    context = {"a": Decimal("1.6"), "b": Decimal("1.4")}
    assert render("{{ 'ja' if a - b == 0.2 else 'nej' }}", **context) == "ja"
    assert render("{{ 'ja' if 0.2 >= a - b else 'nej' }}", **context) == "ja"
    assert render("{{ 'ja' if a - b < 0.2 else 'nej' }}", **context) == "nej"
    assert render("{{ 'ja' if 2 == 2 else 'nej' }}") == "ja"  # whole numbers as before
