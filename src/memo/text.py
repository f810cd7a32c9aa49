"""Section text: expressions that quote the data, then a small Markdown subset.

Expressions (``{{ fordelning.sspf.forslag_2024 | mkr }}``) run in Jinja's
immutable sandbox with StrictUndefined, so an unknown name is an error, never a
blank. Their output is escaped for Markdown, so a value can never turn into
markup. The Markdown subset: paragraphs, bullet and numbered lists, *kursiv*
and **fet** text, backslash escapes. Everything else is literal text.
"""

from __future__ import annotations

import difflib
import functools
import operator
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown_it import MarkdownIt

from .memo import ItemList, Paragraph, Span

MAX_POWER_EXPONENT = 100
MAX_REPEAT = 100_000
MAX_RESULT_BITS = 4096


class ExpressionError(Exception):
    """An expression that cannot be evaluated; ``line`` is 0-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounded arithmetic: no power or repetition bombs."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**" and isinstance(right, (int, float)):
            if abs(right) > MAX_POWER_EXPONENT:
                raise jinja2.sandbox.SecurityError(f"exponenten {right} är för stor (högst {MAX_POWER_EXPONENT})")
            if isinstance(left, int) and left.bit_length() * abs(right) > MAX_RESULT_BITS:
                raise jinja2.sandbox.SecurityError("talet blir för stort")
        if operator_name == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(count, int) and len(sequence) * count > MAX_REPEAT:
                raise jinja2.sandbox.SecurityError(f"för många upprepningar (högst {MAX_REPEAT} tecken)")
        return super().call_binop(context, operator_name, left, right)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~])")


def escape_markdown(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def make_environment(filters: dict[str, Callable[..., str]], markup: bool = True) -> jinja2.Environment:
    """One sandbox per organisation and kind of text; built once and reused for every text.

    ``markup``: the text is Markdown afterwards, so values are escaped for it.
    """
    env = _Sandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=(lambda v: escape_markdown(str(v))) if markup else str,
        keep_trailing_newline=True,
    )
    env.filters = {"round": env.filters["round"], "abs": operator.abs}
    env.filters.update(filters)
    env.globals = {}
    return env


def render_expressions(env: jinja2.Environment, source: str, context: dict[str, Any]) -> str:
    """Evaluate the ``{{ … }}`` expressions of one text; raise ExpressionError."""
    if "{" not in source:
        return source
    try:
        return _compiled(env, source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise ExpressionError(
            (exc.lineno or 1) - 1,
            "uttrycket går inte att läsa — skriv t.ex. {{ tabell.rad.kolumn | mkr }}; för en bokstavlig {{ skriv {{ '{{' }}",
        ) from None
    except jinja2.UndefinedError as exc:
        raise ExpressionError(_line_of(exc, source), _undefined_message(exc, context)) from None
    except jinja2.sandbox.SecurityError as exc:
        raise ExpressionError(_line_of(exc, source), f"uttrycket är inte tillåtet — {_security_reason(exc)}") from None
    except (TypeError, ArithmeticError, ValueError) as exc:
        raise ExpressionError(_line_of(exc, source), f"uttrycket kan inte räknas ut ({exc})") from None


@functools.lru_cache(maxsize=4096)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """Compile each text once per process: a rebuilt case mostly repeats its texts."""
    return env.from_string(source)


def _security_reason(exc: Exception) -> str:
    text = str(exc)
    attribute = re.search(r"attribute '([^']+)'", text)
    if attribute:
        return f"{attribute.group(1)} hör inte till ärendets data"
    if "unsafe" in text or "not safely callable" in text:
        return "uttryck får bara läsa och räkna med ärendets data, inte ändra den"
    return text


def _undefined_message(exc: jinja2.UndefinedError, context: dict[str, Any]) -> str:
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
    name = (match.group(1) or match.group(2)) if match else ""
    known = sorted(_names(context))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"menade du {close[0]}?" if close else f"namnen på översta nivån är {', '.join(sorted(context))}"
    return f"okänt namn {name} i uttrycket — {hint}"


def _names(value: Any) -> set[str]:
    """Every name reachable in the expression context (tables, rows, columns)."""
    if not isinstance(value, dict):
        return set()
    names = set(value)
    for item in value.values():
        names |= _names(item)
    return names


def _line_of(exc: BaseException, source: str) -> int:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return (line - 1) if line else 0


_PARSER = (
    MarkdownIt("zero")
    .enable(["paragraph", "list", "emphasis", "escape", "newline"])
)


class MarkupError(Exception):
    """Markup outside the supported subset; ``line`` is 0-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse_markup(text: str) -> list[Paragraph | ItemList]:
    """Markdown subset to paragraphs and lists of the intermediate form."""
    tokens = _PARSER.parse(text)
    blocks: list[Paragraph | ItemList] = []
    lists: list[tuple[bool, list[Paragraph]]] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if lists:
                raise MarkupError(token.map[0] if token.map else 0, "listor i listor stöds inte — använd en nivå")
            lists.append((token.type == "ordered_list_open", []))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = lists.pop()
            blocks.append(ItemList(tuple(items), ordered))
        elif token.type == "inline":
            paragraph = Paragraph(tuple(_spans(token.children or [])))
            (lists[-1][1] if lists else blocks).append(paragraph)  # type: ignore[arg-type]
    return blocks


def _spans(children) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type == "softbreak":
            _append(spans, Span(" ", bold, italic))
        elif child.type == "hardbreak":
            spans.append(Span("\n", bold, italic))
        elif child.type == "text":
            _append(spans, Span(child.content, bold, italic))
    return spans


def _append(spans: list[Span], span: Span) -> None:
    """Join neighbouring spans of the same emphasis so the text stays in one run."""
    if spans and spans[-1].text != "\n" and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    else:
        spans.append(span)
