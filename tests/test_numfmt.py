from decimal import Decimal

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
    [(2660, f"2{NB}660"), (412000, f"412{NB}000"), (0, "0"), (None, ""), (487, "487")],
)
def test_count(value: int | None, expected: str) -> None:
    assert numfmt.count(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("77.7"), "%", f"77,7{NB}%"),
        (Decimal("91"), "%", f"91{NB}%"),
        (Decimal("48.90"), "%", f"48,9{NB}%"),
        (Decimal("122"), "dagar", "122"),
        (Decimal("1250"), "kr", f"1{NB}250"),
        (Decimal("3.75"), "index", "3,8"),
        (None, "%", ""),
    ],
)
def test_figure(value: Decimal | None, unit: str, expected: str) -> None:
    assert numfmt.figure(value, unit) == expected


def test_years_are_never_grouped() -> None:
    assert numfmt.year(2022) == "2022"


def test_fast_path_equals_babels_own_formatting() -> None:
    # numfmt formats digits with Python and takes only the symbols from babel; babel's own
    # pattern must give the very same text for every kind of value.
    import random
    from decimal import ROUND_HALF_UP

    assert numfmt._symbols() is not None, "Swedish groups by threes: the fast path is used"
    rnd = random.Random(6)
    values = [
        Decimal(0),
        Decimal("-0.04"),
        Decimal("999.95"),
        Decimal("-1000"),
        Decimal("1234567.891"),
    ]
    values += [Decimal(rnd.randint(-(10**9), 10**9)).scaleb(-rnd.randint(0, 4)) for _ in range(500)]
    for value in values:
        for decimals in (0, 1, 2):
            rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            rounded = abs(rounded) if rounded == 0 else rounded
            assert numfmt._fmt(value, decimals) == numfmt._fmt_babel(rounded, decimals), value
