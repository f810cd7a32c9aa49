"""Diarienummer: the file name a Dnr gets, and an example of an organisation's form.

An example is generated from the profile's ``dnr_pattern`` so that ``memo check``
can try a new organisation's skeleton and letterhead before any case exists, and
find two organisations whose patterns accept the same Dnr.
"""

from __future__ import annotations

import re
import re._parser as sre  # the standard library's own regular-expression parser
from re._constants import (  # opcodes of the parsed pattern
    ANY, AT, BRANCH, CATEGORY, CATEGORY_DIGIT, CATEGORY_SPACE, CATEGORY_WORD, IN, LITERAL, MAX_REPEAT,
    MIN_REPEAT, NEGATE, NOT_LITERAL, RANGE, SUBPATTERN,
)


def file_stem(dnr: str) -> str:
    """The file name a Dnr gets: spaces and slashes become '-' ('AB 24/0001' -> 'AB-24-0001')."""
    return re.sub(r"[\s/\\]+", "-", dnr.strip())


def matches(pattern: str, dnr: str) -> bool:
    """Whether a Dnr has the form of a profile's pattern; \\d means 0–9 only, not every script's digits."""
    return re.fullmatch(pattern, dnr, re.ASCII) is not None


_CATEGORY_EXAMPLES = {CATEGORY_DIGIT: "1", CATEGORY_WORD: "a", CATEGORY_SPACE: " "}


def example_dnr(pattern: str) -> str | None:
    """A Dnr the pattern accepts (digits 1, the first letter of each class), or None if none is found."""
    try:
        text = _example(sre.parse(pattern))
    except (KeyError, ValueError, TypeError, re.error):
        return None
    return text if text is not None and matches(pattern, text) else None


def _example(items) -> str | None:
    out: list[str] = []
    for op, arg in items:
        if op == LITERAL:
            out.append(chr(arg))
        elif op == ANY:
            out.append("a")
        elif op == NOT_LITERAL:
            out.append("a" if arg != ord("a") else "b")
        elif op == IN:
            out.append(_member(arg))
        elif op == CATEGORY:
            out.append(_CATEGORY_EXAMPLES[arg])
        elif op in (MAX_REPEAT, MIN_REPEAT):
            low, _high, inner = arg
            inner_text = _example(inner)
            if inner_text is None:
                return None
            out.append(inner_text * low)
        elif op in (SUBPATTERN, BRANCH):
            inner_text = _example(arg[-1] if op == SUBPATTERN else arg[1][0])
            if inner_text is None:
                return None
            out.append(inner_text)
        elif op == AT:
            continue
        else:
            return None
    return "".join(out)


def _member(members) -> str:
    for op, arg in members:
        if op == NEGATE:
            return "a" if not any(op2 == LITERAL and arg2 == ord("a") for op2, arg2 in members) else "b"
        if op == LITERAL:
            return chr(arg)
        if op == RANGE:
            return chr(arg[0]) if arg[0] != ord("0") else "1"
        if op == CATEGORY:
            return _CATEGORY_EXAMPLES[arg]
    raise ValueError(members)
