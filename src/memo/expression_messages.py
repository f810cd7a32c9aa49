"""What went wrong in an expression, in the words of an official: never Python's text."""

from __future__ import annotations

import difflib
import re
from decimal import DivisionByZero, InvalidOperation
from typing import Any, Iterator

import jinja2

LISTED = 12  # names listed in a message before "…"

#: Python's type names as an official would call the values.
KINDS: dict[str, str] = {
    "Decimal": "ett belopp", "int": "ett heltal", "float": "ett decimaltal", "str": "text",
    "date": "ett datum", "dict": "en tabell eller rad", "NoneType": "inget värde",
    "bool": "sant/falskt", "list": "en lista", "tuple": "en lista",
}


class UnknownName(jinja2.UndefinedError):
    """A name that is not in the expression's data, with the object it was looked up in."""

    def __init__(self, parent: Any, name: str | None, message: str | None = None):
        super().__init__(message)
        self.parent = parent
        self.name = name or ""


def kind_of(value: Any) -> str:
    return KINDS.get(type(value).__name__, "ett värde av annat slag")


def _kind_named(type_name: str) -> str:
    return KINDS.get(type_name.rsplit(".", 1)[-1], "ett värde av annat slag")


def unknown_name_message(exc: UnknownName, context: dict[str, Any]) -> str:
    """Name the unknown name by its full path, say where it does exist, and list what is there."""
    top = exc.parent is jinja2.runtime.missing
    parent = "" if top else _path_of(exc.parent, context)
    full = f"{parent}.{exc.name}" if parent else exc.name
    if not top and not isinstance(exc.parent, dict):
        return f"okänt namn {full} i uttrycket — {parent or 'värdet'} är {kind_of(exc.parent)}, inget att hämta namn ur"
    scope = context if top else exc.parent
    known = sorted(scope)
    elsewhere = [path for path, _ in _walk(context) if path.rsplit(".", 1)[-1] == exc.name]
    close = difflib.get_close_matches(exc.name, known, n=1, cutoff=0.6)
    if elsewhere:
        hint = f"{exc.name} finns på en annan nivå: skriv t.ex. {' eller '.join(elsewhere[:2])}"
    elif close:
        hint = f"menade du {parent + '.' if parent else ''}{close[0]}?"
    else:
        hint = "kontrollera stavningen"
    where = f"under {parent} finns" if parent else "namnen på översta nivån är"
    shown = ", ".join(known[:LISTED]) + (", …" if len(known) > LISTED else "")
    return f"okänt namn {full} i uttrycket — {hint} ({where} {shown or 'inga'})"


def _walk(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every named value under ``value`` with its dotted path, in the data's order."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            yield path, item
            yield from _walk(item, path)


def _path_of(target: Any, context: dict[str, Any]) -> str:
    return next((path for path, value in _walk(context) if value is target), "")


def filter_list_message(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"menade du {close[0]}? " if close else ""
    return f"okänt filter {name} — {hint}Filtren är {', '.join(known)}"


def security_message(exc: Exception) -> str:
    text = str(exc)
    attribute = re.search(r"attribute '([^']+)'", text)
    if attribute:
        reason = f"{attribute.group(1)} hör inte till ärendets data"
    elif "unsafe" in text or "not safely callable" in text:
        reason = "uttryck får bara läsa och räkna med ärendets data, inte ändra den"
    elif re.search("[åäö]|för ", text):
        reason = text  # the sandbox's own limits are worded in Swedish
    else:
        reason = "uttryck får bara läsa och räkna med ärendets data"
    return f"uttrycket är inte tillåtet — {reason}"


OPERATORS = frozenset({"+", "-", "*", "/", "//", "%", "**", "<", ">", "<=", ">="})
_PARENTHESES = "sätt parentes runt en uträkning före filtret: {{{{ (a - b) | mkr }}}}"  # str.format template

_TYPE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"unsupported operand type\(s\) for (\S+): '([\w.]+)' and '([\w.]+)'"),
     "uttrycket räknar {1} {0} {2}, och det går inte — räkna bara med belopp och tal; " + _PARENTHESES),
    (re.compile(r"'(\S+)' not supported between instances of '([\w.]+)' and '([\w.]+)'"),
     "uttrycket jämför {1} {0} {2}, och det går inte — jämför belopp med belopp och text med text"),
    (re.compile(r'can only concatenate str \(not "([\w.]+)"\) to str'),
     "uttrycket lägger ihop text och {0} med + — sätt ihop text med ~, och räkna med belopp före filtret: "
     "{{{{ (a + b) | mkr }}}}"),
    (re.compile(r"can't multiply sequence by non-int of type '([\w.]+)'"),
     "uttrycket multiplicerar text med {0} — " + _PARENTHESES),
    (re.compile(r"bad operand type for unary (\S+): '([\w.]+)'"),
     "uttrycket sätter {0} framför {1} — tecknet gäller bara belopp och tal; " + _PARENTHESES),
    (re.compile(r"'([\w.]+)' object is not callable"),
     "uttrycket anropar {0} med () — ta bort parenteserna; filter skrivs efter |, t.ex. {{{{ belopp | mkr }}}}"),
]


def python_error_message(exc: Exception) -> str:
    """A Python exception raised while evaluating an expression, as a Swedish message."""
    if isinstance(exc, (ZeroDivisionError, DivisionByZero)):
        return "uttrycket delar med noll — kontrollera nämnaren (t.ex. en kolumn som summerar till 0)"
    if isinstance(exc, InvalidOperation):
        return "uttrycket ger inget tal (t.ex. 0 delat med 0) — kontrollera uträkningen"
    if isinstance(exc, OverflowError):
        return "talet blir för stort — kontrollera uträkningen"
    if isinstance(exc, TypeError):
        for pattern, template in _TYPE_ERRORS:
            match = pattern.search(str(exc))
            if match:
                parts = [part if part in OPERATORS else _kind_named(part) for part in match.groups()]
                return template.format(*parts)
    return "uttrycket kan inte räknas ut — räkna bara med belopp, tal, text och datum ur ärendet"
