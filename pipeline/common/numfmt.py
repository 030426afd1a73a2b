"""Swedish number and date formatting for the plan.

The Swedish symbols (decimal comma, no-break space as the group separator, digits grouped
by threes) and month names are CLDR's, as babel supplies them, snapshotted in
``locale_sv.py`` by tools/make_locale.py (a test compares it with babel). This module adds
the conventions of a Swedish budget document: a real minus sign (U+2212), rounding half
away from zero as accounts do, percent as ``77,7 %``, an empty value shown empty, and no
negative zero.

Speed (issue 6): babel's ``NumberPattern.apply`` costs about 15 µs a number and loading its
locale data 16 ms a process; Python's ``format(Decimal, ",f")`` gives the digits grouped by
threes, and only the symbols are swapped in. tests/test_numfmt.py holds the result equal to
babel's own formatting.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from pipeline.common.locale_sv import DECIMAL_SYMBOL, GROUP_SYMBOL, MONTHS

MINUS = "\u2212"
NBSP = "\u00a0"

Number = Decimal | int | float

_QUANTA = {n: Decimal(1).scaleb(-n) for n in range(4)}
_GROUP = GROUP_SYMBOL.replace("\u202f", NBSP)  # a narrow no-break space would be too tight


def _dec(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _fmt(value: Decimal, decimals: int) -> str:
    rounded = value.quantize(_QUANTA[decimals], rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "−0,0"
    text = format(rounded, ",f")  # "-2,660.3": grouped by threes, as many decimals as quantized
    if "," in text:
        text = text.replace(",", "\0")
    text = text.replace(".", DECIMAL_SYMBOL).replace("\0", _GROUP)
    return text.replace("-", MINUS)


def date_long(value: dt.date) -> str:
    """A date written out: ``31 oktober 2023`` (CLDR's ``d MMMM y``)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def mnkr(value: Number | None) -> str:
    """Mnkr with one decimal: ``−52,4``; ``None`` gives ``""``."""
    return "" if value is None else _fmt(_dec(value), 1)


def amount(value: Number | None, decimals: int) -> str:
    """An amount in the kommun's unit: Mnkr with one decimal, tkr as whole numbers
    (``−52 400``); ``None`` gives ``""``."""
    return "" if value is None else _fmt(_dec(value), decimals)


COUNT_DECIMALS = 2  # a count is shown as typed, with at most this many decimals


def count(value: Number | None) -> str:
    """A count with thousands grouped: ``2 660``; a decimal stays: ``5 230,5`` (never
    rounded to a whole number behind the reader's back; at most two decimals)."""
    if value is None:
        return ""
    d = _dec(value)
    return _fmt(d, _natural_decimals(d, COUNT_DECIMALS))


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


# Units written after a key figure, with a no-break space, as "77,7 %" is: (one, many).
UNIT_WORDS = {"kr": ("kr", "kr"), "dagar": ("dag", "dagar")}


def figure(value: Number | None, unit: str) -> str:
    """A key figure by its unit: ``77,7 %``, ``1 868 kr``, ``38 dagar``, ``1 dag``; a count
    (``antal``) and an ``index`` are the number alone."""
    if value is None:
        return ""
    if unit == "%":
        return percent(value)
    d = _dec(value)
    text = _fmt(d, _natural_decimals(d, 1))
    if unit in UNIT_WORDS:
        one, many = UNIT_WORDS[unit]
        text += NBSP + (one if text == "1" else many)
    return text


def year(value: int) -> str:
    """Years are never grouped: ``2022``."""
    return str(int(value))
