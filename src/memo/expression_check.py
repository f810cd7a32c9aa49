"""What a text may contain before it is run: data with references, not a program.

A text may only hold ``{{ … }}`` expressions that name case data, read it by
name, count, compare and use the memo's filters. Statements, comments, calls,
literal lists and Jinja's own names are refused here, from the tokens and the
parsed tree, before anything runs — each with the line it is on. The walk is
iterative and the size of an expression is bounded, so no input reaches
Python's recursion limit.
"""

from __future__ import annotations

import jinja2
from jinja2 import nodes

MAX_TOKENS = 200  # tokens in one {{ … }}
MAX_BRACKETS = 20  # brackets open at once
MAX_DEPTH = 50  # levels in the parsed tree of one text

_ADVICE = "uttryck får bara hämta värden ur ärendet, räkna (+ - * / // %), jämföra och använda filter"
STATEMENT = ("{% … %} är inte tillåtet i ärendets text — texten får bara hämta värden med {{ … }}; "
             "för bokstavliga tecken skriv {{ '{%' }}")
COMMENT = ("{# … #} är inte tillåtet — en kommentar tar bort texten i den; "
           "skriv texten utan kommentar, eller {{ '{#' }} för bokstavliga tecken")
CALL = ("uttrycket anropar en funktion med () — ta bort parenteserna; "
        "filter skrivs efter |, t.ex. {{ belopp | mkr }}")
TOO_LONG = f"uttrycket är för långt (högst {MAX_TOKENS} delar) — dela upp det i flera uttryck"
TOO_DEEP = "uttrycket är för djupt nästlat (högst {} nivåer) — dela upp uträkningen"
COMPUTED_KEY = "uttrycket hämtar med en uträknad nyckel — skriv namnet: tabell.rad.kolumn"
RESERVED = "namnet {} är reserverat och hör inte till ärendets data — skriv ett namn ur ärendet, t.ex. tabell.rad.kolumn"

_FORBIDDEN_TOKENS = {
    "block_begin": STATEMENT, "linestatement_begin": STATEMENT, "raw_begin": STATEMENT,
    "comment_begin": COMMENT, "linecomment_begin": COMMENT,
}
_RESERVED_NAMES = frozenset({"self", "loop", "super", "caller", "varargs", "kwargs"})
_ALLOWED = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Const,
    nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Neg, nodes.Pos,
    nodes.Compare, nodes.Operand, nodes.Filter, nodes.Keyword, nodes.Concat, nodes.CondExpr,
    nodes.And, nodes.Or, nodes.Not,
)
_KINDS = {
    nodes.Call: CALL,
    nodes.List: "uttrycket bygger en lista — skriv ett värde ur ärendet, t.ex. {{ tabell.rad.kolumn | mkr }}",
    nodes.Tuple: "uttrycket bygger en lista (kommatecken) — skriv ett värde per uttryck",
    nodes.Dict: "uttrycket bygger en tabell — skriv ett värde ur ärendet, t.ex. {{ tabell.rad.kolumn | mkr }}",
    nodes.Slice: "uttrycket tar en del av ett värde med [a:b] — skriv hela värdet",
    nodes.Test: "uttrycket använder ett is-test — " + _ADVICE,
}


def check_tokens(env: jinja2.Environment, source: str) -> list[tuple[int, str]]:
    """Statements, comments and oversized expressions, found in the tokens: (0-based line, message)."""
    errors: list[tuple[int, str]] = []
    tokens = depth = 0
    for line, kind, value in env.lex(source):
        if kind in _FORBIDDEN_TOKENS:
            errors.append((line - 1, _FORBIDDEN_TOKENS[kind]))
        elif kind == "variable_begin":
            tokens = depth = 0
        elif kind not in ("whitespace", "variable_end", "data"):
            tokens += 1
            depth += (value in "([{") - (value in ")]}") if kind == "operator" else 0
            if tokens == MAX_TOKENS + 1:
                errors.append((line - 1, TOO_LONG))
            if depth == MAX_BRACKETS + 1 and value in "([{":
                errors.append((line - 1, TOO_DEEP.format(MAX_BRACKETS)))
    return sorted(dict.fromkeys(errors), key=lambda error: error[0])


def check_tree(env: jinja2.Environment, tree: nodes.Template) -> list[tuple[int, str]]:
    """Every node that is not an allowed part of an expression: (0-based line, message)."""
    errors: list[tuple[int, str]] = []
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        message = _refusal(env, node, depth)
        if message:
            errors.append(((node.lineno or 1) - 1, message))
            if depth > MAX_DEPTH:
                continue
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    return sorted(dict.fromkeys(errors), key=lambda error: error[0])


def _refusal(env: jinja2.Environment, node: nodes.Node, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return TOO_DEEP.format(MAX_DEPTH)
    if not isinstance(node, _ALLOWED):
        return _KINDS.get(type(node), "uttrycket är inte tillåtet — " + _ADVICE)
    if isinstance(node, nodes.Name) and node.name in _RESERVED_NAMES:
        return RESERVED.format(node.name)
    if isinstance(node, nodes.Getitem) and not isinstance(node.arg, (nodes.Const, nodes.Slice)):
        return COMPUTED_KEY
    if isinstance(node, nodes.Filter) and (node.dyn_args or node.dyn_kwargs):
        return "uttrycket ger filtret argument med * eller ** — skriv argumenten ut"
    return None
