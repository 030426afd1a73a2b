"""Swedish number formatting for the plan.

babel supplies the Swedish symbols (decimal comma, no-break space as the group separator)
and the grouping rule from CLDR; this module adds the conventions of a Swedish budget
document: a real minus sign (U+2212), rounding half away from zero as accounts do, percent
as ``77,7 %``, an empty value shown empty, and no negative zero.

Speed (issue 6): babel's ``NumberPattern.apply`` costs about 15 µs a number, most of a big
table's composing. When the locale groups digits by threes (Swedish does), the digits come
from Python's own ``format(Decimal, ",f")`` and only the symbols from babel, read once;
any other grouping goes through babel's pattern. A test holds the two paths equal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol, parse_pattern

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


@cache
def _symbols() -> tuple[str, str] | None:
    """(decimal symbol, group symbol) when the locale groups by threes, else None."""
    locale = _locale()
    if _pattern(0).grouping != (3, 3) or locale.decimal_formats[None].grouping != (3, 3):
        return None
    group = get_group_symbol(locale).replace("\u202f", NBSP)
    return get_decimal_symbol(locale), group


_QUANTA = {n: Decimal(1).scaleb(-n) for n in range(4)}


def _fmt(value: Decimal, decimals: int) -> str:
    rounded = value.quantize(_QUANTA[decimals], rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "−0,0"
    symbols = _symbols()
    if symbols is None:
        return _fmt_babel(rounded, decimals)
    text = format(rounded, ",f")  # "-2,660.3": grouped by threes, as many decimals as quantized
    if "," in text:
        text = text.replace(",", "\0")
    text = text.replace(".", symbols[0]).replace("\0", symbols[1])
    return text.replace("-", MINUS)


def _fmt_babel(rounded: Decimal, decimals: int) -> str:
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
