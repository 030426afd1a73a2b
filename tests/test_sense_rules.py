"""sense.py rule by rule, on small workbooks made from literal rows (tests/made.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import check
from pipeline.config import KommunConfig

from .made import made
from .test_validate_rules import said

M = "\u2212"
CHECK = "Kontrollera beloppet; är det avsiktligt kan varningen lämnas."


def test_a_plan_far_below_the_budget_is_warned_on_every_row_after_one_without_budget(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Driftsbudget": [
            ["Utan budget", -10.0, -10.0, -10.0, None, -1.0, -1.0],
            ["Noll i budget", -10.0, -10.0, -10.0, 0, -1.0, -1.0],
            ["Sjunker", -10.0, -10.0, -10.0, -10.0, -7.4, -7.6],  # 26 % and 24 % lower
            ["Precis 25 %", -10.0, -10.0, -10.0, -10.0, -7.5, -10.0],
            ["Byter tecken", -10.0, -10.0, -10.0, -10.0, 1.0, None],
            ["Intäkt", 10.0, 10.0, 10.0, 10.0, 7.0, 12.0],
        ],
        "Investeringsbudget": [["Inventarier", None, None, -2.0, -2.0, -1.0, -2.0]],
    }
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    assert [s for s in said(found) if "Planen" in s] == [
        f"Driftsbudget!F4: Planen ({M}7,4) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}",
        f"Driftsbudget!F7: Planen (7,0) är mer än 25 % lägre än budgeten (10,0). {CHECK}",
        f"Investeringsbudget!F2: Planen ({M}1,0) är mer än 25 % lägre än budgeten ({M}2,0). "
        f"{CHECK}",
    ]
