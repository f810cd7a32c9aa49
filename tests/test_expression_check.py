"""The expression sandbox is closed: case text is data with references, never a program.

Each payload is refused with a located Swedish message within a second; the
allowed expressions keep working.
"""

import time
from decimal import Decimal

import pytest

from memo.expression_check import CALL, COMMENT, MAX_BRACKETS, MAX_DEPTH, STATEMENT
from memo.expressions import MAX_RESULT_BITS, ExpressionError, Filter, make_environment, render_expressions

ENV = make_environment({"kr": Filter(lambda value: f"{value} kr", "belopp", "{{ belopp | kr }}")})
CONTEXT = {"t": {"rad": {"a": Decimal("1.5")}, "sum": {"a": Decimal("3")}}, "title": "Budget", "n": 7}


def refused(source: str) -> list[tuple[int, str]]:
    start = time.perf_counter()
    with pytest.raises(ExpressionError) as caught:
        render_expressions(ENV, source, CONTEXT)
    assert time.perf_counter() - start < 1.0
    return caught.value.errors


PAYLOADS = [
    # statements and comments
    ("{% for i in range(9) %}x{% endfor %}", STATEMENT),
    ("{% set a = 9 %}{% set a = a * a %}{{ a }}", STATEMENT),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", STATEMENT),
    ("{% raw %}x{% endraw %}", STATEMENT),
    ("Budget {# x #} 2024", COMMENT),
    # method calls and string formatting
    ("{{ 'x'.center(10**9) }}", CALL),
    ("{{ t.items() }}", CALL),
    ("{{ '{:>999999999}'.format(1) }}", CALL),
    ("{{ 'x'.zfill(10**8) }}", CALL),
    ("{{ (1).to_bytes(10**9, 'big') }}", CALL),
    ("{{ ','.join(title) }}", CALL),
    ("{{ '%0999999999d' % 1 }}", "uttrycket är inte tillåtet — text formateras inte med % — räkna med belopp och tal"),
    ("{{ '%.999999999f' % 1.0 }}", "uttrycket är inte tillåtet — text formateras inte med % — räkna med belopp och tal"),
    ("{{ title % n }}", "uttrycket är inte tillåtet — text formateras inte med % — räkna med belopp och tal"),
    # Python's inner workings and Jinja's own names
    ("{{ self }}", "namnet self är reserverat och hör inte till ärendets data "
                   "— skriv ett namn ur ärendet, t.ex. tabell.rad.kolumn"),
    ("{{ t.items }}", "okänt namn t.items i uttrycket — kontrollera stavningen (under t finns rad, sum)"),
    ("{{ title.upper }}", "okänt namn title.upper i uttrycket — title är text, inget att hämta namn ur"),
    ("{{ t.__class__ }}", "uttrycket är inte tillåtet — __class__ hör inte till ärendets data"),
    ("{{ t[title] }}", "uttrycket hämtar med en uträknad nyckel — skriv namnet: tabell.rad.kolumn"),
    ("{{ t.rad }}", "uttrycket ger en hel tabell eller rad, inget värde — skriv hela vägen: tabell.rad.kolumn"),
    ("{{ [1] * 10**9 }}", "uttrycket bygger en lista — skriv ett värde ur ärendet, t.ex. {{ tabell.rad.kolumn | mkr }}"),
    ("{{ 1, 2 }}", "uttrycket bygger en lista (kommatecken) — skriv ett värde per uttryck"),
    ("{{ title[0:2] }}", "uttrycket tar en del av ett värde med [a:b] — skriv hela värdet"),
    ("{{ n | kr(*t) }}", "uttrycket ger filtret argument med * eller ** — skriv argumenten ut"),
    ("{{ n | kr(**t) }}", "uttrycket ger filtret argument med * eller ** — skriv argumenten ut"),
    ("{{ n is odd }}", "uttrycket använder ett is-test — uttryck får bara hämta värden ur ärendet, "
                       "räkna (+ - * / // %), jämföra och använda filter"),
    # sizes
    ("{{ (2 ** 90) ** 40 * (2 ** 90) ** 40 }}", "uttrycket är inte tillåtet — talet blir för stort"),
    ("{{ t.sum.a ** 99 ** 99 }}", "uttrycket är inte tillåtet — talet blir för stort eller för litet"),
    ("{{ t.sum.a ** 999 }}", "uttrycket är inte tillåtet — exponenten 999 är för stor (högst 100)"),
    ("{{ t.sum.a * 1e300 }}", "uttrycket är inte tillåtet — talet blir för stort eller för litet"),
    ("{{ 'abc' * 30000 ~ 'abc' * 30000 }}", "uttrycket är inte tillåtet — texten blir för lång (högst 100000 tecken)"),
    # control characters an expression produces
    ("{{ '\\x0c' }}", "uttrycket ger tecknet U+000C, som inte får finnas i ett dokument — ta bort det ur uttrycket"),
    ("{{ '\\x00' }}", "uttrycket ger tecknet U+0000, som inte får finnas i ett dokument — ta bort det ur uttrycket"),
    ("{{ '\\ud800' }}", "uttrycket ger tecknet U+D800, som inte får finnas i ett dokument — ta bort det ur uttrycket"),
    ("{{ '\\ufffe' }}", "uttrycket ger tecknet U+FFFE, som inte får finnas i ett dokument — ta bort det ur uttrycket"),
    # nesting and length
    ("{{ " + "(" * 30 + "1" + ")" * 30 + " }}", f"uttrycket är för djupt nästlat (högst {MAX_BRACKETS} nivåer) "
                                                  "— dela upp uträkningen"),
    ("{{ " + "-" * 150 + "1 }}", f"uttrycket är för djupt nästlat (högst {MAX_DEPTH} nivåer) — dela upp uträkningen"),
    ("{{ " + " + ".join(["1"] * 150) + " }}", "uttrycket är för långt (högst 200 delar) — dela upp det i flera uttryck"),
    ("{{ " + " + ".join(["n"] * 60) + " }}", f"uttrycket är för djupt nästlat (högst {MAX_DEPTH} nivåer) "
                                                  "— dela upp uträkningen"),
]


@pytest.mark.parametrize("source, message", PAYLOADS, ids=[source[:40] for source, _ in PAYLOADS])
def test_payload_is_refused_with_a_located_message_within_a_second(source, message):
    assert refused(source) == [(0, message)]


def test_the_refusal_is_located_on_the_line_of_the_payload():
    assert refused("Första raden.\nAndra {# dolt #} raden.\n{% if 1 %}x{% endif %}") == [
        (1, COMMENT),
        (2, STATEMENT),
    ]
    assert refused("Första raden.\n{{ title }} och {{ t.items() }}\n\n{{ [n] }}") == [
        (1, CALL),
        (3, "uttrycket bygger en lista — skriv ett värde ur ärendet, t.ex. {{ tabell.rad.kolumn | mkr }}"),
    ]


def test_a_hundred_nested_brackets_give_a_message_not_a_recursion_error():
    assert refused("{{ " + "(" * 100 + "1" + ")" * 100 + " }}") == [
        (0, f"uttrycket är för djupt nästlat (högst {MAX_BRACKETS} nivåer) — dela upp uträkningen"),
        (0, "uttrycket är för långt (högst 200 delar) — dela upp det i flera uttryck"),
    ]


def test_a_comment_no_longer_deletes_text_silently():
    with pytest.raises(ExpressionError):
        render_expressions(ENV, "Budget {# x #} 2024", CONTEXT)


@pytest.mark.parametrize("source, expected", [
    ("{{ t.rad.a | kr }}", "1.5 kr"),
    ("{{ (t['rad']['a'] + t.sum.a) | kr }}", "4.5 kr"),
    ("{{ ((t.sum.a - t.rad.a) * 2 / 3) | kr }}", "1.0 kr"),
    ("{{ n // 2 }} {{ n % 4 }} {{ -n }} {{ +n }}", "3 3 -7 7"),
    ("{{ t.sum.a > t.rad.a }}", "True"),
    ("{{ title ~ ' 2024' }}", "Budget 2024"),
    ("{{ 'ja' if n > 1 else 'nej' }}", "ja"),
    ("{{ 'a\\tb' }}", "a\tb"),
    ("{{ 2 ** 64 }}", str(2 ** 64)),
])
def test_expressions_on_case_data_still_work(source, expected):
    assert render_expressions(ENV, source, CONTEXT) == expected


def test_int_times_int_is_bounded_at_the_result_size():
    near = 2 ** (MAX_RESULT_BITS // 2 - 1)
    assert render_expressions(ENV, "{{ a * a }}", {"a": near}) == str(near * near)
    assert refused_with({"a": 2 ** (MAX_RESULT_BITS // 2 + 1)}) == [(0, "uttrycket är inte tillåtet — talet blir för stort")]


def refused_with(context):
    with pytest.raises(ExpressionError) as caught:
        render_expressions(ENV, "{{ a * a }}", context)
    return caught.value.errors


def test_a_text_past_its_time_budget_is_stopped_with_a_message(monkeypatch):
    def spin(value):
        while True:
            pass

    monkeypatch.setattr("memo.expressions.TIME_BUDGET", 0.05)
    env = make_environment({"spin": Filter(spin, "belopp", "{{ belopp | spin }}")})
    start = time.perf_counter()
    with pytest.raises(ExpressionError) as caught:
        render_expressions(env, "{{ n | spin }}", CONTEXT)
    assert time.perf_counter() - start < 1.0
    assert caught.value.errors == [(0, "uttrycket tar för lång tid att räkna ut (mer än 0.05 s) — förenkla uträkningen")]
