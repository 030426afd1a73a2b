"""What a follow-up report says: immutable named tuples built from a validated follow-up
workbook (Tertialrapport, Delårsrapport, Verksamhetsberättelse; shared/spec/uppfoljning.md).

Like ``model/plan.py`` the model knows nothing of Excel or Word. The figures a controller
must never type are computed here: every row's Avvikelse (Prognos − Budget; in a report of
the whole year, when Prognos is empty, Utfall − Budget) and the Totalt rows, in Decimal. A
Totalt row typed into the workbook is not read as one: it is the sense check's business to
say so, and the model sums the rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from pipeline.check.validate import Row, ValidWorkbook
from pipeline.common.locale_sv import MONTHS
from pipeline.spec.contract import GRUNDUPPDRAG, MANADER
from pipeline.spec.followup import deviation

Amount = Decimal | None

# Months as column headings write them ("Utfall jan–aug 2024"): CLDR's abbreviated Swedish
# month names without their full stop (mars, maj, juni and juli are not abbreviated).
SHORT_MONTHS = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt",
                "nov", "dec")  # fmt: skip
EN_DASH = "\u2013"
WHOLE_YEAR_MONTH = "December"  # a period that ends in December is the whole year


class GoalAssessment(NamedTuple):
    """A row of Måluppföljning: a goal of kommunfullmäktige, its Bedömning and Analys."""

    goal: str
    assessment: str | None  # Uppfyllt, Delvis uppfyllt, Ej uppfyllt, Kan inte bedömas
    analysis: str


class ReportKeyFigure(NamedTuple):
    goal: str  # a kommun goal, or GRUNDUPPDRAG
    name: str
    unit: str
    previous: Amount  # Utfall Y-1
    current: Amount  # Utfall Y (so far)
    target: Amount  # Målvärde Y


class ReportCommission(NamedTuple):
    kind: str  # "Särskild satsning" or "Uppdrag"
    heading: str
    text: str  # what it means for the nämnd (from the plan)
    status: str | None  # Genomfört, Pågår, Ej påbörjat, Avbrutet
    comment: str


class ReportDevelopmentGoal(NamedTuple):
    goal: str
    description: str
    strategy: str
    assessment: str | None
    analysis: str


class AccountRow(NamedTuple):
    """A row of Driftsredovisning, Investeringsredovisning or Volymer, its Avvikelse
    computed."""

    name: str
    bokslut: Amount  # Bokslut Y-1 (not in Investeringsredovisning)
    budget: Amount
    utfall: Amount
    prognos: Amount
    avvikelse: Amount


def _col_sum(values: list[Amount]) -> Amount:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


class AccountTable(NamedTuple):
    rows: tuple[AccountRow, ...]

    def total(self, name: str = "Totalt") -> AccountRow:
        """The sum of each column, Avvikelse too: the Totalt row (never a typed one).

        Each column sums the rows that have the figure (empty when none has); Avvikelse is
        the sum of the rows' Avvikelser, so the Totalt row adds up down every column."""
        return AccountRow(
            name,
            *(_col_sum([getattr(r, k) for r in self.rows]) for k in AccountRow._fields[1:]),
        )


class Measure(NamedTuple):
    """A row of Åtgärder: what the nämnd does about a forecast deficit."""

    text: str
    effect: Amount  # Effekt Y, in the kommun's unit
    decided: bool  # Beslutad: Ja


class MeasureTable(NamedTuple):
    rows: tuple[Measure, ...]

    def total_effect(self) -> Amount:
        return _col_sum([m.effect for m in self.rows])


class Comment(NamedTuple):
    section: str  # Volymer, Driftsredovisning or Investeringsredovisning
    heading: str | None
    text: str


class Report(NamedTuple):
    kommun: str
    namnd: str
    year: int
    rapport: str  # Tertialrapport, Delårsrapport or Verksamhetsberättelse
    period_end: str  # the last month of the period, as in contract.MANADER: "Augusti"
    case_number: str | None
    decision_date: date | None
    contact: str | None
    texts: tuple[tuple[str, str], ...]  # (Avsnitt, text) in the workbook's order
    goal_assessments: tuple[GoalAssessment, ...]
    key_figures: tuple[ReportKeyFigure, ...]
    commissions: tuple[ReportCommission, ...]
    development_goals: tuple[ReportDevelopmentGoal, ...]
    volumes: AccountTable
    operating: AccountTable
    investment: AccountTable
    measures: MeasureTable
    comments: tuple[Comment, ...]

    @property
    def whole_year(self) -> bool:
        return self.period_end == WHOLE_YEAR_MONTH

    @property
    def forecast_month(self) -> str:
        """The month the report's forecast is made in: the period's last."""
        return self.period_end

    @property
    def period(self) -> str:
        """The period written out with its year: ``januari–augusti 2024``, or ``2024`` for
        the whole year."""
        if self.whole_year:
            return str(self.year)
        return f"{MONTHS[0]}{EN_DASH}{MONTHS[self._month_index]} {self.year}"

    @property
    def period_short(self) -> str:
        """The period as column headings write it: ``jan–aug 2024``, or ``2024``."""
        if self.whole_year:
            return str(self.year)
        return f"{SHORT_MONTHS[0]}{EN_DASH}{SHORT_MONTHS[self._month_index]} {self.year}"

    @property
    def _month_index(self) -> int:
        return MANADER.index(self.period_end)

    def text(self, section: str) -> str:
        return next((t for s, t in self.texts if s == section), "")

    def assessment_of(self, goal: str) -> GoalAssessment | None:
        return next((a for a in self.goal_assessments if a.goal == goal), None)

    def key_figures_for(self, goal: str) -> tuple[ReportKeyFigure, ...]:
        return tuple(k for k in self.key_figures if k.goal == goal)

    @property
    def basic_mission_figures(self) -> tuple[ReportKeyFigure, ...]:
        return self.key_figures_for(GRUNDUPPDRAG)

    def comments_for(self, section: str) -> tuple[Comment, ...]:
        return tuple(c for c in self.comments if c.section == section)


def is_followup(valid: ValidWorkbook) -> bool:
    """A workbook whose Grunddata has a Rapport is a follow-up workbook."""
    cell = valid.grunddata.get("Rapport")
    return cell is not None and bool(cell.value)


def _v(row: Row, key: str) -> object:
    cell = row.get(key)
    return None if cell is None else cell.value


def _s(row: Row, key: str) -> str:
    value = _v(row, key)
    return "" if value is None else str(value)


def _opt(row: Row, key: str) -> str | None:
    value = _v(row, key)
    return str(value) if value not in (None, "") else None


def _accounts(rows: list[Row], rapport: str) -> AccountTable:
    out = []
    for r in rows:
        budget, utfall, prognos = _v(r, "budget"), _v(r, "utfall"), _v(r, "prognos")
        out.append(AccountRow(_s(r, "namn"), _v(r, "bokslut_fg"), budget, utfall, prognos,  # type: ignore[arg-type]
                              deviation(budget, utfall, prognos, rapport)))  # type: ignore[arg-type]  # fmt: skip
    return AccountTable(tuple(out))


def build_report(valid: ValidWorkbook) -> Report:
    """Map a validated follow-up workbook (without errors) to the report model."""
    g = {k: c.value for k, c in valid.grunddata.items()}
    rows = valid.rows
    assert valid.year is not None, "build_report needs a workbook without errors"
    period_end = str(g["Period till och med"])

    def sheet(name: str) -> list[Row]:
        return rows.get(name, [])

    return Report(
        kommun=str(g["Kommun"]),
        namnd=str(g["Nämnd"]),
        year=valid.year,
        rapport=str(g["Rapport"]),
        period_end=period_end,
        case_number=g.get("Diarienummer") or None,  # type: ignore[arg-type]
        decision_date=g.get("Beslutsdatum") or None,  # type: ignore[arg-type]
        contact=g.get("Kontaktperson") or None,  # type: ignore[arg-type]
        texts=tuple((_s(r, "avsnitt"), _s(r, "text")) for r in sheet("Sammanfattning")),
        goal_assessments=tuple(
            GoalAssessment(_s(r, "mal"), _opt(r, "bedomning"), _s(r, "analys"))
            for r in sheet("Måluppföljning")
        ),
        key_figures=tuple(
            ReportKeyFigure(
                _s(r, "mal"),
                _s(r, "namn"),
                _s(r, "enhet"),
                _v(r, "utfall_fg"),  # type: ignore[arg-type]
                _v(r, "utfall"),
                _v(r, "malvarde"),
            )  # type: ignore[arg-type]  # fmt: skip
            for r in sheet("Nyckeltal")
        ),
        commissions=tuple(
            ReportCommission(
                _s(r, "typ"), _s(r, "rubrik"), _s(r, "text"), _opt(r, "status"), _s(r, "kommentar")
            )  # fmt: skip
            for r in sheet("Satsningar och uppdrag")
        ),
        development_goals=tuple(
            ReportDevelopmentGoal(
                _s(r, "mal"),
                _s(r, "beskrivning"),
                _s(r, "strategi"),
                _opt(r, "bedomning"),
                _s(r, "analys"),
            )  # fmt: skip
            for r in sheet("Utvecklingsmål")
        ),
        volumes=_accounts(sheet("Volymer"), str(g["Rapport"])),
        operating=_accounts(sheet("Driftsredovisning"), str(g["Rapport"])),
        investment=_accounts(sheet("Investeringsredovisning"), str(g["Rapport"])),
        measures=MeasureTable(
            tuple(
                Measure(_s(r, "atgard"), _v(r, "effekt"), _v(r, "beslutad") == "Ja")  # type: ignore[arg-type]
                for r in sheet("Åtgärder")
            )
        ),
        comments=tuple(
            Comment(_s(r, "avsnitt"), _opt(r, "rubrik"), _s(r, "text"))
            for r in sheet("Kommentarer")
        ),
    )
