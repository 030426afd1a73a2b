from decimal import Decimal
from pathlib import Path

import pytest

from pipeline import numfmt

NB = "\u00a0"
M = "\u2212"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("-52.4"), f"{M}52,4"),
        (Decimal("7.5"), "7,5"),
        (Decimal("-281.6"), f"{M}281,6"),
        (Decimal("-0.04"), "0,0"),  # no negative zero
        (Decimal("0"), "0,0"),
        (Decimal("-7.85"), f"{M}7,9"),  # half away from zero, as accounts round
        (Decimal("-2660.25"), f"{M}2{NB}660,3"),
        (None, ""),  # empty stays empty, never 0
    ],
)
def test_mnkr(value: Decimal | None, expected: str) -> None:
    assert numfmt.mnkr(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2660, f"2{NB}660"),
        (412000, f"412{NB}000"),
        (0, "0"),
        (None, ""),
        (487, "487"),
        # A decimal volume is shown as typed, never rounded to a whole number.
        (Decimal("5230.5"), f"5{NB}230,5"),
        (Decimal("12.25"), "12,25"),
        (Decimal("12.257"), "12,26"),  # at most two decimals
        (Decimal("5230.0"), f"5{NB}230"),
    ],
)
def test_count(value: int | None, expected: str) -> None:
    assert numfmt.count(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("77.7"), "%", f"77,7{NB}%"),
        (Decimal("91"), "%", f"91{NB}%"),
        (Decimal("48.90"), "%", f"48,9{NB}%"),
        (Decimal("122"), "dagar", f"122{NB}dagar"),
        (Decimal("1"), "dagar", f"1{NB}dag"),
        (Decimal("1250"), "kr", f"1{NB}250{NB}kr"),
        (Decimal("38"), "antal", "38"),
        (Decimal("3.75"), "index", "3,8"),
        (None, "%", ""),
    ],
)
def test_figure(value: Decimal | None, unit: str, expected: str) -> None:
    assert numfmt.figure(value, unit) == expected


def test_years_are_never_grouped() -> None:
    assert numfmt.year(2022) == "2022"


def test_locale_snapshot_is_what_babel_says_today() -> None:
    # pipeline/locale_sv.py is generated from babel (tools/make_locale.py); after a babel
    # upgrade that changes CLDR this fails until the script is run again.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    try:
        import make_locale
    finally:
        sys.path.pop(0)
    assert make_locale.OUTPUT.read_text(encoding="utf-8") == make_locale.render()


def test_numbers_equal_babels_own_formatting() -> None:
    # numfmt formats digits with Python and swaps in the Swedish symbols; babel's own
    # pattern (CLDR, sv_SE) must give the very same text for every kind of value.
    import random
    from decimal import ROUND_HALF_UP

    from babel.numbers import parse_pattern

    rnd = random.Random(6)
    values = [
        Decimal(0),
        Decimal("-0.04"),
        Decimal("999.95"),
        Decimal("-1000"),
        Decimal("1234567.891"),
    ]
    values += [Decimal(rnd.randint(-(10**9), 10**9)).scaleb(-rnd.randint(0, 4)) for _ in range(500)]
    for decimals in (0, 1, 2):
        pattern = parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))
        for value in values:
            rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            rounded = abs(rounded) if rounded == 0 else rounded
            theirs = pattern.apply(rounded, "sv_SE", decimal_quantization=True)
            theirs = theirs.replace("-", M).replace("\u202f", NB)
            assert numfmt._fmt(value, decimals) == theirs, value


def test_dates_equal_babels_long_swedish_dates() -> None:
    import datetime as dt

    from babel.dates import format_date

    for month in range(1, 13):
        for day in (1, 9, 28):
            d = dt.date(2023, month, day)
            assert numfmt.date_long(d) == format_date(d, "d MMMM y", locale="sv")
    assert numfmt.date_long(dt.date(2023, 10, 31)) == "31 oktober 2023"
