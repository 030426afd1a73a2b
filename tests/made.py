"""Small workbooks made in a test from literal rows, through the blank template.

``made(tmp_path, rows={...})`` is a complete, valid workbook (every required sheet filled
with neutral rows) in which the given sheets are replaced by the given rows, written by
``workbook_template.build_workbook`` as the controller's blank template would hold them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.spec.config import KommunConfig
from pipeline.workbooks.template import build_workbook

GOALS = ("Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet")

BASE_ROWS: dict[str, list[list[Any]]] = {
    "Målbild": [[g, f"Nämndens text om {g}."] for g in GOALS],
    "Grunduppdrag": [
        ["Målgrupp", "Kvalitetssäkra/bevaka", "Beskrivning M.", "Nuläge M.", "Analys M."],
        ["Medarbetare", "Utveckla/målsätta", "Beskrivning A.", "Nuläge A.", "Analys A."],
        ["Ekonomi", "Kvalitetssäkra/bevaka", "Beskrivning E.", "Nuläge E.", "Analys E."],
    ],
    "Driftsbudget": [
        ["Verksamhet A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
        ["Verksamhet B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
        ["Intäkter", 5.0, 5.0, 5.0, 5.5, 5.5, 5.5],
    ],
}

BASE_GRUNDDATA: dict[str, Any] = {
    "Nämnd": "Provnämnden",
    "Prognosmånad": "Oktober",
}


def made(
    tmp_path: Path,
    cfg: KommunConfig,
    rows: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    grunddata: Mapping[str, Any] | None = None,
    year: int = 2024,
    name: str = "gjord.xlsx",
    edit: Callable[[Any], None] | None = None,
) -> Path:
    """``edit(wb)``, if given, changes the openpyxl workbook before it is saved (a header,
    a cell beyond the columns, a sheet renamed)."""
    all_rows = {**BASE_ROWS, **(rows or {})}
    wb = build_workbook(year, cfg, grunddata={**BASE_GRUNDDATA, **(grunddata or {})},
                        rows=all_rows)  # fmt: skip
    if edit is not None:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path
