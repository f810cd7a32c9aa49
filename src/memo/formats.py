"""Swedish number, amount and date formats: the one place where values become text.

CLDR data comes from babel so that separators and month names are the
standard ones; what babel leaves to the caller (how many decimals to show,
which unit label an organisation prints, which minus sign) is decided here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import functools

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"

#: Scale of each unit an amount can be given or shown in, in kronor.
UNIT_FACTORS: dict[str, Decimal] = {
    "kr": Decimal(1),
    "tkr": Decimal(1_000),
    "mkr": Decimal(1_000_000),
}


@dataclass(frozen=True)
class AmountStyle:
    """How one kind of amount is shown: unit, decimals, label and minus sign.

    ``min_decimals`` are always shown; further decimals up to
    ``max_decimals`` only where the value has them (1,6 / 0,09 / 5,0).
    """

    unit: str = "kr"
    min_decimals: int = 0
    max_decimals: int = 2
    label: str | None = None
    minus: str = MINUS

    def with_label(self, label: str | None) -> AmountStyle:
        return AmountStyle(self.unit, self.min_decimals, self.max_decimals, label, self.minus)


def scale(amount: Decimal, unit: str) -> Decimal:
    """An amount in kronor expressed in ``unit`` (exact)."""
    return amount / UNIT_FACTORS[unit]


def round_to(value: Decimal, decimals: int) -> Decimal:
    """Commercial rounding (half away from zero), as Swedish budgets round."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal, min_decimals: int = 0, max_decimals: int = 2, minus: str = MINUS) -> str:
    """1234567.5 -> '1 234 567,5' with U+00A0 between thousands."""
    rounded = round_to(value, max_decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0,0"
    text = _pattern(min_decimals, max_decimals).apply(rounded, _locale())
    text = text.replace("\u202f", NBSP).replace(" ", NBSP)
    if text.startswith(("-", MINUS)):
        text = minus + text[1:]
    return text


@functools.lru_cache(maxsize=64)
def _pattern(min_decimals: int, max_decimals: int) -> NumberPattern:
    """CLDR's decimal pattern with these decimals, parsed once (babel parses it on every call otherwise)."""
    return parse_pattern("#,##0" + ("." + "0" * min_decimals + "#" * (max_decimals - min_decimals) if max_decimals else ""))


@functools.lru_cache(maxsize=1)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def format_amount(amount_kr: Decimal, style: AmountStyle) -> str:
    """An amount in kronor as the style shows it: '1,6 mkr', '200 tkr', '-4 849'."""
    number = format_number(scale(amount_kr, style.unit), style.min_decimals, style.max_decimals, style.minus)
    return f"{number}{NBSP}{style.label}" if style.label else number


def format_percent(value: Decimal, min_decimals: int = 0, max_decimals: int = 2, minus: str = MINUS) -> str:
    """A percentage as typed, never scaled: 3.5 -> '3,5 %' (U+00A0 before the sign, as Swedish sets it)."""
    return f"{format_number(value, min_decimals, max_decimals, minus)}{NBSP}%"


def iso_date(value: date) -> str:
    """Dates in headers: 2024-03-25."""
    return value.isoformat()


def long_date(value: date) -> str:
    """Dates in running text: 25 mars 2024."""
    return format_date(value, "d MMMM y", locale=LOCALE)


#: Digits an amount may have: sums of every amount a 1 MiB case can hold, in any unit,
#: then stay within Decimal's 28 significant digits, so they are counted exactly.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 6
_NUMBER = (r"[-\u2212]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3}){1,4}(?:[.,][0-9]{1,6})?"
           r"|[-\u2212]?[0-9]{1,15}(?:[.,][0-9]{1,6})?")
_ANY_LENGTH = re.compile(r"[-\u2212]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?|[-\u2212]?[0-9]+(?:[.,][0-9]+)?")
_AMOUNT = re.compile(_NUMBER)
#: The whitespace str.strip() removes, as a character class that Python and ECMAScript read alike.
SPACE_CLASS = "[\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
#: What parse_amount accepts, as one pattern for JSON Schema (the editor) and Python alike.
AMOUNT_PATTERN = f"^{SPACE_CLASS}*(?:{_NUMBER}){SPACE_CLASS}*$"


def too_many_digits(text: str) -> bool:
    """An amount written right but with more digits than are counted exactly."""
    cleaned = text.strip()
    return not _AMOUNT.fullmatch(cleaned) and _ANY_LENGTH.fullmatch(cleaned) is not None


def parse_amount(text: str) -> Decimal:
    """Read an amount as an official types it, exactly: '1.6', '1,6', '1 600 000', '-632'.

    Raises ValueError for anything else ('1,6,0', 'fem', 'NaN', 'inf').
    """
    cleaned = text.strip()
    if not _AMOUNT.fullmatch(cleaned):
        raise ValueError(cleaned)
    normalised = re.sub(r"[ \u00a0\u202f]", "", cleaned).replace(",", ".").replace(MINUS, "-")
    try:
        return Decimal(normalised)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(cleaned) from exc


#: Units a number is kept together with in prose ("5 000 kronor", "12 procent").
PROSE_UNITS = ("kr", "kronor", "tkr", "mkr", "mnkr", "miljoner", "miljarder", "procent", "%", "st", "timmar", "kvm", "km")
_DIGIT_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])")
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:" + "|".join(map(re.escape, PROSE_UNITS)) + r")(?!\w))")


def keep_numbers_whole(text: str) -> str:
    """Spaces between a number's digit groups and between a number and its unit become non-breaking,
    so that a number typed in prose never breaks across lines ("60 873 000 kronor")."""
    text = _DIGIT_GROUPS.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return _NUMBER_UNIT.sub(NBSP, text)
