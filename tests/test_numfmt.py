from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.common import numfmt

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
    # pipeline/common/locale_sv.py is generated from babel (tools/make_locale.py); after a babel
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
    # pattern (CLDR, sv_SE) must give the very same text for every kind of value. The values
    # already have the pattern's decimals, so nothing is rounded on either side (rounding is
    # checked against literals below, not by repeating the code's own rule).
    import random

    from babel.numbers import parse_pattern

    rnd = random.Random(6)
    for decimals in (0, 1, 2):
        pattern = parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))
        values = [Decimal(0), Decimal(-1000), Decimal(999), Decimal(1234567)]
        values += [Decimal(rnd.randint(-(10**9), 10**9)) for _ in range(300)]
        for value in (v.scaleb(-decimals) for v in values):
            theirs = pattern.apply(value, "sv_SE").replace("-", M).replace("\u202f", NB)
            assert numfmt._fmt(value, decimals) == theirs, value


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        # half away from zero, as accounts round (Python's own round() would give 0,0 and 2,4)
        (Decimal("0.05"), 1, "0,1"),
        (Decimal("-0.05"), 1, f"{M}0,1"),
        (Decimal("2.45"), 1, "2,5"),
        (Decimal("2.449"), 1, "2,4"),
        (Decimal("-0.049"), 1, "0,0"),  # rounds to zero: no minus sign
        (Decimal("999.95"), 1, f"1{NB}000,0"),
        (Decimal("-52400"), 0, f"{M}52{NB}400"),
        (Decimal("1234567.5"), 0, f"1{NB}234{NB}568"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("-0.5"), 0, f"{M}1"),
        (Decimal("-0.4"), 0, "0"),
        (Decimal("1.005"), 2, "1,01"),
        (Decimal("1.004"), 2, "1,00"),
        (2.675, 2, "2,68"),  # the float as written (its binary value is 2.67499...)
        (-1.25, 1, f"{M}1,3"),
        (7, 1, "7,0"),
        (-12345, 0, f"{M}12{NB}345"),
        (Decimal("1E+3"), 1, f"1{NB}000,0"),
        (None, 1, ""),
        (None, 0, ""),
    ],
)
def test_amounts_round_half_away_from_zero(
    value: Decimal | float | int | None, decimals: int, expected: str
) -> None:
    assert numfmt.amount(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("77.75"), f"77,8{NB}%"),  # one decimal at most, rounded half up
        (Decimal("77.74"), f"77,7{NB}%"),
        (Decimal("77.70"), f"77,7{NB}%"),
        (Decimal("77.04"), f"77{NB}%"),
        (Decimal("99.96"), f"100{NB}%"),
        (Decimal("100"), f"100{NB}%"),
        (Decimal("0.05"), f"0,1{NB}%"),
        (Decimal("0.04"), f"0{NB}%"),
        (Decimal("-2.5"), f"{M}2,5{NB}%"),
        (Decimal("1000"), f"1{NB}000{NB}%"),
        (0.5, f"0,5{NB}%"),
        (88, f"88{NB}%"),
        (None, ""),
    ],
)
def test_percent_has_at_most_one_decimal(
    value: Decimal | float | int | None, expected: str
) -> None:
    assert numfmt.percent(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.005"), "12,01"),  # half up (half to even would show 12)
        (Decimal("12.004"), "12"),
        (Decimal("0.001"), "0"),
        (Decimal("-0.004"), "0"),
        (Decimal("-3"), f"{M}3"),
        (Decimal("-2660.5"), f"{M}2{NB}660,5"),
        (Decimal("1E+3"), f"1{NB}000"),
        (Decimal("2.50"), "2,5"),
        (2.5, "2,5"),
        (1000000, f"1{NB}000{NB}000"),
    ],
)
def test_count_more(value: Decimal | float | int, expected: str) -> None:
    assert numfmt.count(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("77.75"), "%", f"77,8{NB}%"),
        (Decimal("1"), "kr", f"1{NB}kr"),
        (Decimal("1868"), "kr", f"1{NB}868{NB}kr"),
        (Decimal("1234.56"), "kr", f"1{NB}234,6{NB}kr"),
        (Decimal("1.04"), "dagar", f"1{NB}dag"),  # shown as 1: one day
        (Decimal("0.96"), "dagar", f"1{NB}dag"),
        (Decimal("1.5"), "dagar", f"1,5{NB}dagar"),
        (Decimal("2"), "dagar", f"2{NB}dagar"),
        (Decimal("0"), "dagar", f"0{NB}dagar"),
        (Decimal("-1"), "dagar", f"{M}1{NB}dagar"),
        (Decimal("12.34"), "antal", "12,3"),
        (Decimal("1"), "antal", "1"),
        (Decimal("2660"), "index", f"2{NB}660"),
        (Decimal("5"), "st", "5"),  # a unit without a word: the number alone
        (7, "dagar", f"7{NB}dagar"),
        (None, "kr", ""),
        (None, "antal", ""),
    ],
)
def test_figure_by_unit(value: Decimal | int | None, unit: str, expected: str) -> None:
    assert numfmt.figure(value, unit) == expected


def test_symbols_are_the_swedish_ones() -> None:
    assert numfmt.MINUS == "\u2212" and numfmt.NBSP == "\u00a0"
    assert numfmt.mnkr(Decimal("-1234.5")) == "\u22121\u00a0234,5"


def test_years_and_dates_written_out() -> None:
    import datetime as dt

    assert numfmt.year(Decimal("2024")) == "2024"
    assert numfmt.year(2031.0) == "2031"  # type: ignore[arg-type]
    assert numfmt.date_long(dt.date(2024, 1, 1)) == "1 januari 2024"
    assert numfmt.date_long(dt.date(2023, 12, 31)) == "31 december 2023"
    assert numfmt.date_long(dt.date(2025, 5, 9)) == "9 maj 2025"


def test_dates_equal_babels_long_swedish_dates() -> None:
    import datetime as dt

    from babel.dates import format_date

    for month in range(1, 13):
        for day in (1, 9, 28):
            d = dt.date(2023, month, day)
            assert numfmt.date_long(d) == format_date(d, "d MMMM y", locale="sv")
    assert numfmt.date_long(dt.date(2023, 10, 31)) == "31 oktober 2023"
