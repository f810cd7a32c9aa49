"""Expressions in text: ``{{ fordelning.sspf.forslag_2024 | mkr }}``.

They run in Jinja's immutable sandbox with bounded arithmetic. A name that
does not exist is an error, never a blank. Every way an expression can fail
ends as an ExpressionError with a Swedish message and the line in the text;
when a text fails, each of its expressions is evaluated on its own so that
every failing expression is reported, not just the first.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .expression_messages import (
    UnknownName,
    filter_list_message,
    kind_of,
    python_error_message,
    security_message,
    unknown_name_message,
)
from .text import escape_markdown

MAX_POWER_EXPONENT = 100
MAX_REPEAT = 100_000
MAX_RESULT_BITS = 4096
SYNTAX_MESSAGE = ("uttrycket går inte att läsa — skriv t.ex. {{ tabell.rad.kolumn | mkr }}; "
                  "för en bokstavlig {{ skriv {{ '{{' }}")


class ExpressionError(Exception):
    """Expressions of one text that cannot be evaluated: (0-based line, message) in text order."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__("; ".join(message for _, message in errors))
        self.errors = errors

    @property
    def line(self) -> int:
        return self.errors[0][0]

    @property
    def message(self) -> str:
        return self.errors[0][1]


class FilterError(Exception):
    """A filter used on the wrong kind of value or with the wrong arguments (Swedish message)."""


@dataclass(frozen=True)
class Filter:
    """A filter expressions can use: what it applies to, how it is written, what its arguments may be."""

    function: Callable[..., Any]
    applies_to: str  # "belopp" or "datum": the value before the |
    usage: str  # how it is written, e.g. {{ belopp | number('mkr') }}
    check: Callable[..., str | None] = lambda *args, **kwargs: None  # a message when the arguments are wrong


def _round_arguments(precision: Any = 0, method: Any = "common") -> str | None:
    if not isinstance(precision, int) or isinstance(precision, bool) or not 0 <= precision <= 6:
        return "antalet decimaler ska vara ett heltal 0–6"
    if method not in ("common", "ceil", "floor"):
        return "sättet att avrunda ska vara 'common', 'ceil' eller 'floor'"
    return None


#: Filters every organisation has, after its own (kr, tkr, mkr, number, long_date, iso_date).
COMMON_FILTERS: dict[str, Filter] = {
    "round": Filter(jinja2.filters.do_round, "belopp", "{{ belopp | round(1) }}", _round_arguments),
    "abs": Filter(abs, "belopp", "{{ belopp | abs }}"),
}


def _exact(value: Any) -> Any:
    """A float written in an expression (1.5) counted exactly, like the amounts it meets."""
    return Decimal(repr(value)) if isinstance(value, float) else value


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounded, exact arithmetic: no power or repetition bombs."""

    intercepted_binops = frozenset({"**", "*", "+", "-", "/", "//", "%"})

    def call_binop(self, context, operator_name, left, right):
        if isinstance(left, Decimal) or isinstance(right, Decimal):
            left, right = _exact(left), _exact(right)
        if operator_name == "**" and isinstance(right, (int, float, Decimal)):
            if abs(right) > MAX_POWER_EXPONENT:
                raise jinja2.sandbox.SecurityError(f"exponenten {right} är för stor (högst {MAX_POWER_EXPONENT})")
            if isinstance(left, int) and left.bit_length() * abs(right) > MAX_RESULT_BITS:
                raise jinja2.sandbox.SecurityError("talet blir för stort")
        if operator_name == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(count, int) and len(sequence) * count > MAX_REPEAT:
                raise jinja2.sandbox.SecurityError(f"för många upprepningar (högst {MAX_REPEAT} tecken)")
        return super().call_binop(context, operator_name, left, right)


class Unchecked:
    """A value that did not validate: expressions that use it are not judged (its error is reported already)."""

    def __getattr__(self, name: str) -> Unchecked:
        return self

    def __getitem__(self, key: Any) -> Unchecked:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Unchecked:
        return self

    def __str__(self) -> str:
        return ""

    def _absorb(self, *other: Any) -> Unchecked:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _absorb
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = _absorb
    __lt__ = __le__ = __gt__ = __ge__ = _absorb


UNCHECKED = Unchecked()


class _Unknown(jinja2.StrictUndefined):
    """StrictUndefined whose error remembers where the name was looked up, for the message."""

    __slots__ = ()

    def __init__(self, hint=None, obj=jinja2.runtime.missing, name=None, exc=jinja2.UndefinedError):
        if exc is jinja2.UndefinedError:  # the sandbox passes SecurityError for what it hides
            exc = functools.partial(UnknownName, obj, name)
        super().__init__(hint, obj, name, exc)


def make_environment(filters: dict[str, Filter], markup: bool = True) -> jinja2.Environment:
    """One sandbox per organisation and kind of text; built once and reused for every text.

    ``markup``: the text is Markdown afterwards, so values are escaped for it.
    """
    env = _Sandbox(undefined=_Unknown, autoescape=False, keep_trailing_newline=True,
                   finalize=_markdown_value if markup else _plain_value)
    env.filters = {name: _guarded(name, spec) for name, spec in {**filters, **COMMON_FILTERS}.items()}
    env.globals = {}
    return env


def _plain_value(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise FilterError("uttrycket ger en hel tabell eller rad, inget värde — skriv hela vägen: tabell.rad.kolumn")
    return str(value)


def _markdown_value(value: Any) -> str:
    return escape_markdown(_plain_value(value))


def _guarded(name: str, spec: Filter) -> Callable[..., Any]:
    """The filter, refusing wrong values and arguments with a message that says how it is written."""
    signature = inspect.signature(spec.function)
    arguments = len(signature.parameters) - 1

    def apply(value: Any, *args: Any, **kwargs: Any) -> Any:
        for item in (value, *args, *kwargs.values()):
            if isinstance(item, jinja2.Undefined):
                item._fail_with_undefined_error()
            if isinstance(item, Unchecked):
                return item
        try:
            signature.bind(value, *args, **kwargs)
        except TypeError:
            count = "tar inga argument" if arguments == 0 else f"tar högst {arguments} argument"
            raise FilterError(f"filtret {name} {count} — skriv t.ex. {spec.usage}") from None
        value = _exact(value)
        expected = (Decimal, int) if spec.applies_to == "belopp" else (date,)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise FilterError(f"filtret {name} gäller {spec.applies_to}, men värdet är {kind_of(value)} "
                              f"— skriv t.ex. {spec.usage}")
        wrong = spec.check(*args, **kwargs)
        if wrong:
            raise FilterError(f"filtret {name}: {wrong} — skriv t.ex. {spec.usage}")
        return spec.function(Decimal(value) if isinstance(value, int) else value, *args, **kwargs)

    return apply


_EXPRESSION = re.compile(r"""\{\{(?:[^'"}]|'[^']*'|"[^"]*"|\}(?!\}))*\}\}""")


def render_expressions(env: jinja2.Environment, source: str, context: dict[str, Any]) -> str:
    """Evaluate the ``{{ … }}`` expressions of one text; raise ExpressionError with every failure."""
    if "{" not in source:
        return source
    try:
        return _render(env, source, context)
    except ExpressionError as whole:
        raise ExpressionError(_each_error(env, source, context) or whole.errors) from None


def _each_error(env: jinja2.Environment, source: str, context: dict[str, Any]) -> list[tuple[int, str]]:
    """Every failing expression of a text, each evaluated on its own; then what lies between them."""
    if "{%" in source or "{#" in source:
        return []  # statements and comments can define or hide names: only the text as a whole is meaningful
    errors: list[tuple[int, str]] = []
    for match in _EXPRESSION.finditer(source):
        try:
            _render(env, match.group(), context)
        except ExpressionError as exc:
            offset = source.count("\n", 0, match.start())
            errors += [(offset + line, message) for line, message in exc.errors]
    rest = _EXPRESSION.sub(lambda m: "\n" * m.group().count("\n"), source)
    try:
        _render(env, rest, context)
    except ExpressionError as exc:
        errors += exc.errors
    return sorted(dict.fromkeys(errors), key=lambda error: error[0])  # the same mistake twice on a line: once


def _render(env: jinja2.Environment, source: str, context: dict[str, Any]) -> str:
    try:
        return _compiled(env, source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) - 1
        unknown_filter = re.search(r"No filter named '([^']+)'", exc.message or "")
        message = filter_list_message(unknown_filter.group(1), list(env.filters)) if unknown_filter else SYNTAX_MESSAGE
        raise ExpressionError([(line, message)]) from None
    except UnknownName as exc:
        raise ExpressionError([(_line_of(exc, source), unknown_name_message(exc, context))]) from None
    except jinja2.sandbox.SecurityError as exc:
        raise ExpressionError([(_line_of(exc, source), security_message(exc))]) from None
    except FilterError as exc:
        raise ExpressionError([(_line_of(exc, source), str(exc))]) from None
    except (TypeError, ArithmeticError, ValueError, LookupError, AttributeError, jinja2.TemplateRuntimeError) as exc:
        raise ExpressionError([(_line_of(exc, source), python_error_message(exc))]) from None


@functools.lru_cache(maxsize=4096)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """Compile each text once per process: a rebuilt case mostly repeats its texts."""
    return env.from_string(source)


def _line_of(exc: BaseException, source: str) -> int:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return (line - 1) if line else 0
