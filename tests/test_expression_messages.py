"""Python's exceptions and Jinja's lookups, worded for an official."""

from decimal import Decimal

import jinja2
import pytest

from memo.expression_messages import UnknownName, python_error_message, unknown_name_message

CONTEXT = {"date": None, "t": {"r": {"a": Decimal(1), "b": Decimal(2)}, "sum": {"a": Decimal(1)}, "frame": Decimal(5)}}


def python_error(expression: str) -> Exception:
    try:
        eval(expression, {"Decimal": Decimal})
    except Exception as exc:  # noqa: BLE001 - the exception is what is tested
        return exc
    raise AssertionError(expression)


@pytest.mark.parametrize("expression, message", [
    ("Decimal(1) / 0", "uttrycket delar med noll — kontrollera nämnaren (t.ex. en kolumn som summerar till 0)"),
    ("Decimal(0) / Decimal(0)", "uttrycket ger inget tal (t.ex. 0 delat med 0) — kontrollera uträkningen"),
    ("Decimal(1) - '1 mkr'", "uttrycket räknar ett belopp - text, och det går inte — räkna bara med belopp och tal; "
                             "sätt parentes runt en uträkning före filtret: {{ (a - b) | mkr }}"),
    ("'a' < 1", "uttrycket jämför text < ett heltal, och det går inte — jämför belopp med belopp och text med text"),
    ("'a'.encode('nej')", "uttrycket kan inte räknas ut — räkna bara med belopp, tal, text och datum ur ärendet"),
])
def test_python_errors_become_swedish(expression, message):
    assert python_error_message(python_error(expression)) == message


def test_a_name_at_another_level_is_shown_with_its_whole_path():
    exc = UnknownName(CONTEXT["t"], "a")
    assert unknown_name_message(exc, CONTEXT) == (
        "okänt namn t.a i uttrycket — a finns på en annan nivå: skriv t.ex. t.r.a eller t.sum.a "
        "(under t finns frame, r, sum)"
    )


def test_a_name_under_a_value_says_the_value_has_no_names():
    exc = UnknownName(CONTEXT["t"]["frame"], "x")
    assert unknown_name_message(exc, CONTEXT) == "okänt namn t.frame.x i uttrycket — t.frame är ett belopp, inget att hämta namn ur"


def test_an_unknown_top_level_name_lists_the_top_level():
    exc = UnknownName(jinja2.runtime.missing, "tt")
    assert unknown_name_message(exc, CONTEXT) == "okänt namn tt i uttrycket — menade du t? (namnen på översta nivån är date, t)"
