"""Swedish number formatting for the plan.

babel supplies the Swedish symbols (decimal comma, no-break space as the group separator);
this module adds the conventions of a Swedish budget document: a real minus sign (U+2212),
rounding half away from zero as accounts do, percent as ``77,7 %``, an empty value shown
empty, and no negative zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "sv_SE"
MINUS = "\u2212"
NBSP = "\u00a0"

Number = Decimal | int | float


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _pattern(decimals: int) -> NumberPattern:
    """babel's parsed pattern, kept: parsing it per value dominated big tables."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def _dec(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _fmt(value: Decimal, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "−0,0"
    text = _pattern(decimals).apply(rounded, _locale(), decimal_quantization=True)
    return text.replace("-", MINUS).replace("\u2212", MINUS).replace("\u202f", NBSP)


def mnkr(value: Number | None) -> str:
    """Mnkr with one decimal: ``−52,4``; ``None`` gives ``""``."""
    return "" if value is None else _fmt(_dec(value), 1)


def count(value: Number | None) -> str:
    """A whole count with thousands grouped: ``2 660``."""
    return "" if value is None else _fmt(_dec(value), 0)


def _natural_decimals(value: Decimal, max_decimals: int) -> int:
    """Decimals needed to show ``value`` without trailing zeros, at most ``max_decimals``."""
    rounded = value.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    exponent = rounded.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, min(max_decimals, -exponent))


def percent(value: Number | None) -> str:
    """A percentage given in percent units (77.7): ``77,7 %``; at most one decimal."""
    if value is None:
        return ""
    d = _dec(value)
    return f"{_fmt(d, _natural_decimals(d, 1))}{NBSP}%"


def figure(value: Number | None, unit: str) -> str:
    """A key figure by its unit (``%``, ``antal``, ``dagar``, ``kr``, ``index``)."""
    if value is None:
        return ""
    if unit == "%":
        return percent(value)
    d = _dec(value)
    return _fmt(d, _natural_decimals(d, 1))


def year(value: int) -> str:
    """Years are never grouped: ``2022``."""
    return str(int(value))
