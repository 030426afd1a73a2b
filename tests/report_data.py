"""Validated follow-up workbooks made in a test from literal rows (no Excel in between).

``valid_followup(rows={...})`` is a ``ValidWorkbook`` as validation hands it to the model:
Grunddata and the sheets of ``spec/followup.py``, rows keyed by the contract's column keys,
every value typed (Decimal amounts, the closed lists' words) and with its cell. The default
rows are a small, plausible Delårsrapport of the default kommun; a test replaces the sheets
it is about. Values are literals: nothing here is computed by the code under test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.check.validate import ValidWorkbook
from pipeline.read.workbook import CellValue
from pipeline.spec.followup import FOLLOWUP_SHEETS_BY_NAME, report_slug

GOALS = ("Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet")

D = Decimal

BASE_ROWS: dict[str, list[list[Any]]] = {
    "Sammanfattning": [
        ["Sammanfattning", "Nämnden prognostiserar ett underskott.\nArbetet fortsätter."],
        ["Väsentliga händelser", "- Ny verksamhetschef\n- Nytt boende öppnat"],
        ["Förväntad utveckling", "Behoven ökar under hösten."],
        ["Personal", "Sjukfrånvaron har minskat."],
    ],
    "Måluppföljning": [
        [GOALS[0], "Delvis uppfyllt", "Tryggheten har ökat något."],
        [GOALS[1], "Uppfyllt", "Fler deltar i föreningslivet."],
        [GOALS[2], "Ej uppfyllt", "Väntetiderna har ökat."],
        [GOALS[3], "Kan inte bedömas", "Mätningen görs i december."],
    ],
    "Utvecklingsmål": [
        [
            "Fler i egen försörjning",
            "Beskrivning.",
            "Samverkan med arbetsmarknaden.",
            "Ja",
            "Nej",
            "Delvis uppfyllt",
            "Andelen har ökat från 60 till 64 procent.",
        ],
    ],  # fmt: skip
    "Nyckeltal": [
        [GOALS[1], "Andel nöjda brukare", "%", D("81.5"), D("83.0"), D("85")],
        [GOALS[2], "Väntetid till särskilt boende", "dagar", D("38"), D("45"), D("30")],
        ["Grunduppdrag", "Kostnad per brukare", "kr", D("1868"), D("1910"), None],
    ],
    "Satsningar och uppdrag": [
        [
            "Särskild satsning",
            "Heltid som norm",
            "Fler heltider.",
            "Pågår",
            "Andelen heltider är 78 %.",
        ],
        [
            "Uppdrag",
            "Ta fram en bostadsplan",
            "Planen tas fram.",
            "Genomfört",
            "Planen antogs i juni.",
        ],
    ],  # fmt: skip
    "Volymer": [
        ["Hemtjänsttimmar", D("2660"), D("2700"), D("1850"), D("2750")],
        ["Platser särskilt boende", D("412"), D("410"), D("408"), D("410")],
    ],
    "Driftsredovisning": [
        ["Nämnd och förvaltning", D("-12.3"), D("-12.8"), D("-8.1"), D("-12.5")],
        ["Äldreomsorg", D("-410.2"), D("-425.0"), D("-290.4"), D("-431.6")],
        ["Individ- och familjeomsorg", D("-98.7"), D("-101.5"), D("-70.2"), D("-104.3")],
        ["Intäkter", D("35.0"), D("36.0"), D("25.1"), D("37.2")],
    ],
    "Investeringsredovisning": [
        ["Inventarier", D("-2.0"), D("-0.6"), D("-1.8")],
        ["Välfärdsteknik", D("-1.5"), D("-1.1"), D("-1.5")],
    ],
    "Åtgärder": [
        ["Översyn av bemanningen", D("2.5"), "Ja"],
        ["Färre externa placeringar", D("1.0"), "Nej"],
    ],
    "Kommentarer": [
        ["Driftsredovisning", "Äldreomsorg", "Fler brukare med stora behov."],
        ["Volymer", None, "Hemtjänsten ökar."],
    ],
}

GRUNDDATA: dict[str, Any] = {
    "Kommun": "Enköpings kommun",
    "Nämnd": "Socialnämnden",
    "Budgetår": 2024,
    "Diarienummer": "SN2024/77",
    "Beslutsdatum": date(2024, 9, 24),
    "Rapport": "Delårsrapport",
    "Period till och med": "Augusti",
}


def _column_letter(i: int) -> str:
    return chr(ord("A") + i)


def valid_followup(rows: Mapping[str, Sequence[Sequence[Any]]] | None = None,
                   **grunddata: Any) -> ValidWorkbook:  # fmt: skip
    """A validated follow-up workbook: the base rows with ``rows``' sheets replaced, and
    Grunddata with the given fields replaced (``Rapport="Verksamhetsberättelse"``)."""
    g = {**GRUNDDATA, **{k.replace("_", " "): v for k, v in grunddata.items()}}
    cells = {name: CellValue("Grunddata", f"B{i}", value)
             for i, (name, value) in enumerate(g.items(), start=2) if value is not None}  # fmt: skip
    sheets = {**BASE_ROWS, **(rows or {})}
    typed: dict[str, list[dict[str, CellValue]]] = {}
    for name, sheet_rows in sheets.items():
        spec = FOLLOWUP_SHEETS_BY_NAME[name]
        typed[name] = []
        for r, values in enumerate(sheet_rows, start=2):
            assert len(values) == len(spec.columns), (name, values)
            typed[name].append({
                col.key: CellValue(name, f"{_column_letter(i)}{r}", value)
                for i, (col, value) in enumerate(zip(spec.columns, values, strict=True))
            })  # fmt: skip
    year = g["Budgetår"]
    return ValidWorkbook(year, cells, typed)


# -- a follow-up workbook through Excel's format: made by `followup`, filled as a controller
# fills it (openpyxl, values typed into the cells), then read and validated for real.

FILLED_TEXTS = {
    "Sammanfattning": [("Sammanfattning", "Nämnden prognostiserar ett underskott mot budget.\n"
                        "Arbetet med åtgärdsplanen pågår."),
                       ("Väsentliga händelser", "- Ny mottagning öppnad\n- Ny socialtjänstlag"),
                       ("Personal", "Sjukfrånvaron har minskat till 7,1 procent.")],
}  # fmt: skip


def filled_followup(folder: Path, cfg: Any, rapport: str = "Delårsrapport",
                    plan: Path | None = None, name: str | None = None,
                    period: str | None = None) -> Path:  # fmt: skip
    """The example plan's follow-up workbook (``namndplan followup``), filled in:
    Driftsredovisning's first rows with literal outcome and forecast (Avvikelse −1,6 and
    −0,2), the rest forecast at budget; texts, assessments, statuses, key figures, one
    Åtgärd. Returns the path of the filled workbook."""
    import openpyxl

    from pipeline.workbooks.followup import make_followup

    from .conftest import EXAMPLE

    folder.mkdir(parents=True, exist_ok=True)
    out = folder / (name or f"socialnamnden-{report_slug(rapport)}-2024.xlsx")
    made = make_followup(plan or EXAMPLE, rapport, cfg, out, period=period, overwrite=True)
    wb = openpyxl.load_workbook(made)
    ws = wb["Sammanfattning"]
    for i, (section, text) in enumerate(FILLED_TEXTS["Sammanfattning"], start=2):
        ws.cell(i, 1, section)
        ws.cell(i, 2, text)
    words = ("Delvis uppfyllt", "Uppfyllt", "Ej uppfyllt", "Kan inte bedömas")
    ws = wb["Måluppföljning"]
    for i in range(2, ws.max_row + 1):
        if ws.cell(i, 1).value:
            ws.cell(i, 2, words[(i - 2) % 4])
            ws.cell(i, 3, f"Analys av målet {ws.cell(i, 1).value}.")
    ws = wb["Utvecklingsmål"]
    for i in range(2, ws.max_row + 1):
        if ws.cell(i, 1).value:
            ws.cell(i, 6, "Delvis uppfyllt")
            ws.cell(i, 7, "Arbetet pågår enligt plan.")
    ws = wb["Nyckeltal"]
    for col, value in ((5, 0.801), (6, 0.85)):  # Utfall and Målvärde 2024, as Excel holds %
        ws.cell(2, col, value).number_format = "0.0%"
    ws = wb["Satsningar och uppdrag"]
    for i in range(2, ws.max_row + 1):
        if ws.cell(i, 1).value:
            ws.cell(i, 4, "Pågår")
            ws.cell(i, 5, "Enligt plan.")
    ws = wb["Driftsredovisning"]
    literal = {2: (-36.1, -54.0), 3: (0.3, 0.5)}
    for i in range(2, ws.max_row + 1):
        budget = ws.cell(i, 3).value
        if ws.cell(i, 1).value is None or budget is None:
            continue
        utfall, prognos = literal.get(i, (None, budget))
        ws.cell(i, 2, budget)  # Bokslut 2023
        ws.cell(i, 4, utfall)
        ws.cell(i, 5, prognos)
    ws = wb["Volymer"]
    for i in range(2, ws.max_row + 1):
        budget = ws.cell(i, 3).value
        if ws.cell(i, 1).value and budget is not None:
            for col in (2, 4, 5):
                ws.cell(i, col, budget)
    ws = wb["Investeringsredovisning"]
    ws.cell(2, 3, -0.1)
    ws.cell(2, 4, -0.2)
    ws = wb["Åtgärder"]
    ws.cell(2, 1, "Översyn av externa placeringar")
    ws.cell(2, 2, 1.0)
    ws.cell(2, 3, "Ja")
    ws = wb["Kommentarer"]
    ws.cell(2, 1, "Driftsredovisning")
    ws.cell(2, 2, "Ekonomiskt bistånd")
    ws.cell(2, 3, "Fler hushåll har behov av bistånd.")
    wb.save(made)
    return made
