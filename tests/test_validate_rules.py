"""validate.py rule by rule, on small workbooks made from literal rows (tests/made.py):
each finding is compared as the controller reads it, message and hint."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import check
from pipeline.config import KommunConfig
from pipeline.findings import Findings
from pipeline.validate import parse_number_text

from .made import BASE_ROWS, made

EMPTY_SHEET = "Bladet har inga uppgifter"  # the sense warnings about empty chapters


def findings(tmp_path: Path, cfg: KommunConfig, **kw: Any) -> Findings:
    return check(made(tmp_path, cfg, **kw), cfg).findings


def said(found: Findings, level: str = "") -> list[str]:
    """Every finding as printed, without the empty-chapter warnings of the made workbook."""
    return [
        str(f)
        for f in found
        if EMPTY_SHEET not in f.message
        and (not level or f.level.name == level)
        and "är tom på alla rader" not in f.message
    ]


def test_the_made_workbook_is_clean(tmp_path: Path, cfg: KommunConfig) -> None:
    assert said(findings(tmp_path, cfg)) == []


def test_each_missing_perspective_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    found = findings(tmp_path, cfg, rows={"Grunduppdrag": BASE_ROWS["Grunduppdrag"][:1]})
    assert said(found) == [
        "Grunduppdrag: Perspektivet Medarbetare saknas. Lägg till en rad med Perspektiv "
        "Medarbetare.",
        "Grunduppdrag: Perspektivet Ekonomi saknas. Lägg till en rad med Perspektiv Ekonomi.",
    ]
    assert all(f.is_error for f in found if "Perspektivet" in f.message)


def test_each_goal_without_a_text_is_a_warning(tmp_path: Path, cfg: KommunConfig) -> None:
    found = findings(tmp_path, cfg, rows={"Målbild": BASE_ROWS["Målbild"][1:3]})
    assert said(found, "WARNING") == [
        'Målbild: Målet "Tillsammans skapar vi trygghet" har ingen text från nämnden. '
        "Lägg till en rad om nämnden ska beskriva målet.",
        'Målbild: Målet "Stolthet" har ingen text från nämnden. Lägg till en rad om nämnden '
        "ska beskriva målet.",
    ]
    assert said(found, "ERROR") == []


def test_percent_from_0_to_100_is_fine_and_outside_is_an_error(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Nyckeltal": [
            ["Samhörighet", "a", "%", 100, 0],
            ["Samhörighet", "b", "%", 100.05, 55],
            ["Samhörighet", "c", "%", -3, 99.99],
            ["Samhörighet", "d", "antal", 250, 1000],  # not a percentage: any size
        ]
    }
    assert said(findings(tmp_path, cfg, rows=rows)) == [
        "Nyckeltal!D3: 100,05 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
        "Nyckeltal!D4: -3 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\u00a0234,5", Decimal("1234.5")),  # a no-break space between the groups
        ("1\u202f234,5", Decimal("1234.5")),  # a narrow no-break space
        ("1 234 567", Decimal("1234567")),
        ("\u22122\u00a0000", Decimal("-2000")),
        ("-52,4", Decimal("-52.4")),
        ("+5", Decimal("5")),
        ("77,7 %", Decimal("77.7")),
        ("  12.5  ", Decimal("12.5")),
        ("0012", Decimal("12")),
        ("1.234,5", None),
        ("12,", None),
        ("1 23", None),
        ("tio", None),
        ("", None),
        ("1e3", None),
    ],
)
def test_numbers_typed_as_text(text: str, expected: Decimal | None) -> None:
    assert parse_number_text(text) == expected


def test_a_number_typed_as_text_is_read_with_a_warning(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsbudget": [["A", "1\u00a0023,5", "\u22121 000", None, -1000.0, -1000.0, -1000.0]]}
    found = findings(tmp_path, cfg, rows=rows)
    convert = 'Det har lästs som ett tal. Skriv om talet, eller markera cellerna och välj ' \
        '"Konvertera till tal" i varningsikonen bredvid dem.'  # fmt: skip
    minus = (
        'Det har lästs som ett tal. Excels "Konvertera till tal" klarar inte det långa '
        'minustecknet (−): använd Sök och ersätt (Ctrl+H), ersätt "−" med "-" i kolumnen, '
        "eller skriv om talet."
    )
    assert said(found) == [
        f'Driftsbudget!B2: Talet "1\u00a0023,5" är sparat som text. {convert}',
        f'Driftsbudget!C2: Talet "\u22121 000" är sparat som text. {minus}',
    ]
    groups = [f.group for f in found if "sparat som text" in f.message]
    assert groups == [
        'Tal i kolumnen "Bokslut 2022" är sparade som text',
        'Tal i kolumnen "Prognos 2023" är sparade som text',
    ]
