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
import signal
import threading
import unicodedata
from contextlib import contextmanager
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .loading import RESERVED
from .expression_check import check_tokens, check_tree
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
MAX_DECIMAL_EXPONENT = 100  # amounts up to a googol: any larger is a mistake
MAX_TEXT = 100_000  # characters in one value
TIME_BUDGET = 1.0  # seconds for one text, a second line of defence behind the bounds
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
    """The immutable sandbox with bounded, exact arithmetic on case data read by name only."""

    intercepted_binops = frozenset({"**", "*", "+", "-", "/", "//", "%"})

    def call_binop(self, context, operator_name, left, right):
        if isinstance(left, Decimal) or isinstance(right, Decimal):
            left, right = _exact(left), _exact(right)
        if operator_name == "%" and isinstance(left, str):
            raise jinja2.sandbox.SecurityError("text formateras inte med % — räkna med belopp och tal")
        if operator_name == "**" and isinstance(right, (int, float, Decimal)):
            if abs(right) > MAX_POWER_EXPONENT:
                raise jinja2.sandbox.SecurityError(f"exponenten {right} är för stor (högst {MAX_POWER_EXPONENT})")
            if isinstance(left, int) and left.bit_length() * abs(right) > MAX_RESULT_BITS:
                raise jinja2.sandbox.SecurityError("talet blir för stort")
        if operator_name == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(count, int) and len(sequence) * count > MAX_REPEAT:
                raise jinja2.sandbox.SecurityError(f"för många upprepningar (högst {MAX_REPEAT} tecken)")
        if operator_name == "*" and isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_RESULT_BITS:
                raise jinja2.sandbox.SecurityError("talet blir för stort")
        return _bounded(super().call_binop(context, operator_name, left, right))

    def getattr(self, obj, attribute):
        return self.getitem(obj, attribute)

    def getitem(self, obj, argument):
        """Case data is read by name from its tables and rows; nothing of Python is reachable."""
        if isinstance(obj, Unchecked):
            return obj
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()
        if isinstance(argument, str) and argument.startswith("_"):
            raise jinja2.sandbox.SecurityError(f"access to attribute '{argument}' is unsafe")
        if isinstance(obj, dict) and argument in obj:
            return obj[argument]
        return self.undefined(obj=obj, name=argument)


def _bounded(result: Any) -> Any:
    """Every result of an operation stays small: numbers in digits, text in length."""
    if isinstance(result, int) and result.bit_length() > MAX_RESULT_BITS:
        raise jinja2.sandbox.SecurityError("talet blir för stort")
    if isinstance(result, Decimal) and result.is_finite() and result and abs(result.adjusted()) > MAX_DECIMAL_EXPONENT:
        raise jinja2.sandbox.SecurityError("talet blir för stort eller för litet")
    if isinstance(result, str) and len(result) > MAX_TEXT:
        raise jinja2.sandbox.SecurityError(f"texten blir för lång (högst {MAX_TEXT} tecken)")
    return result


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


_PRINTABLE = (str, int, float, Decimal, date, Unchecked)


def _plain_value(value: Any) -> str:
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    if isinstance(value, (dict, list)):
        raise FilterError("uttrycket ger en hel tabell eller rad, inget värde — skriv hela vägen: tabell.rad.kolumn")
    if not isinstance(value, _PRINTABLE):
        raise FilterError(f"uttrycket ger {kind_of(value)}, inget värde att skriva — skriv t.ex. tabell.rad.kolumn")
    if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
        # Python's own form (1500000.0, 214285.71428…) is no Swedish number: the text says how to show it.
        raise FilterError(f"uttrycket ger talet {_bounded(value)} utan format — skriv ut det med ett filter, "
                          "t.ex. | mkr, | tkr eller | kr för ett belopp, | number för ett tal")
    text = str(_bounded(value))
    for character in text:
        if _forbidden(character):
            raise FilterError(f"uttrycket ger tecknet U+{ord(character):04X}, som inte får finnas i ett dokument "
                              "— ta bort det ur uttrycket")
    return text


def _forbidden(character: str) -> bool:
    """Control characters, surrogates and non-characters (not text, not allowed in XML), and the
    invisible separator memo marks the template's block regions with (loading.RESERVED)."""
    if character == "\t":
        return False
    return unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff" + RESERVED


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
        return []  # statements and comments are refused for the text as a whole
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
        template, refused = _compiled(env, source)
        if refused:
            raise ExpressionError(refused)
        with _time_budget(TIME_BUDGET):
            return template.render(context)
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
    except _TooSlow:
        raise ExpressionError([(0, f"uttrycket tar för lång tid att räkna ut (mer än {TIME_BUDGET:g} s) "
                                   "— förenkla uträkningen")]) from None
    except (TypeError, ArithmeticError, ValueError, LookupError, AttributeError, jinja2.TemplateRuntimeError) as exc:
        raise ExpressionError([(_line_of(exc, source), python_error_message(exc))]) from None


@functools.lru_cache(maxsize=4096)
def _compiled(env: jinja2.Environment, source: str) -> tuple[jinja2.Template | None, list[tuple[int, str]]]:
    """Check and compile each text once per process: a rebuilt case mostly repeats its texts.

    Returns the template, or None and what the text may not contain.
    """
    refused = check_tokens(env, source)
    if refused:
        return None, refused
    try:
        tree = env.parse(source)
        refused = check_tree(env, tree)
        return (None, refused) if refused else (env.from_string(_exact_comparisons(tree)), [])
    except (RecursionError, MemoryError):
        return None, [(0, "uttrycket är för djupt nästlat — dela upp uträkningen")]


_ORDERING = frozenset({"eq", "ne", "lt", "lteq", "gt", "gteq"})


def _exact_comparisons(tree):
    """``a == 0.2`` compared exactly, like arithmetic: Jinja compiles a comparison without a sandbox hook, so
    one with a decimal written in it becomes ``(a - 0.2) == 0``, whose subtraction the sandbox makes exact."""
    for compare in tree.find_all(nodes.Compare):
        if len(compare.ops) != 1 or compare.ops[0].op not in _ORDERING:
            continue
        left, right = compare.expr, compare.ops[0].expr
        if any(isinstance(side, nodes.Const) and isinstance(side.value, float) for side in (left, right)):
            compare.expr = nodes.Sub(left, right, lineno=compare.lineno)
            compare.ops[0].expr = nodes.Const(0, lineno=compare.lineno)
    return tree


class _TooSlow(Exception):
    """A text ran past its time budget."""


@contextmanager
def _time_budget(seconds: float):
    """Interrupt rendering after ``seconds``; only where signals can be used (the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _line_of(exc: BaseException, source: str) -> int:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return (line - 1) if line else 0
