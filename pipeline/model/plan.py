"""What the plan says: immutable named tuples built from a validated workbook.

The model knows nothing of Excel or Word. Computed figures (the change column, the Totalt
rows) are derived here, never typed by the controller.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from pipeline.check.validate import Row, ValidWorkbook
from pipeline.spec.contract import AMOUNT_KEYS, GRUNDUPPDRAG

Amount = Decimal | None


class GoalReading(NamedTuple):
    goal: str
    text: str


class KeyFigure(NamedTuple):
    goal: str  # a kommun goal, or GRUNDUPPDRAG
    name: str
    unit: str
    older: Amount  # Utfall Y-2
    latest: Amount  # Utfall Y-1


class Commission(NamedTuple):
    kind: str  # "Särskild satsning" or "Uppdrag"
    heading: str
    text: str


class Perspective(NamedTuple):
    name: str
    direction: str  # Inriktning
    description: str
    current_state: str
    quality_analysis: str


class DevelopmentGoal(NamedTuple):
    goal: str
    description: str
    strategy: str
    linked_to_kf: bool
    linked_to_agenda2030: bool


class AmountRow(NamedTuple):
    """A row of Volymer, Driftsbudget or Investeringsbudget."""

    name: str
    bokslut: Amount
    prognos: Amount
    budget_prev: Amount
    budget: Amount
    plan1: Amount
    plan2: Amount

    @property
    def change(self) -> Amount:
        """Budget Y − Budget Y−1; an empty side counts as 0, both empty gives empty."""
        if self.budget is None and self.budget_prev is None:
            return None
        return (self.budget or Decimal(0)) - (self.budget_prev or Decimal(0))


class AmountTable(NamedTuple):
    rows: tuple[AmountRow, ...]

    def total(self, name: str = "Totalt") -> AmountRow:
        def col_sum(attr: str) -> Amount:
            values = [getattr(r, attr) for r in self.rows if getattr(r, attr) is not None]
            return sum(values, Decimal(0)) if values else None

        return AmountRow(name, *(col_sum(k) for k in _ROW_ATTRS))


_ROW_ATTRS = ("bokslut", "prognos", "budget_prev", "budget", "plan1", "plan2")


class Comment(NamedTuple):
    section: str  # Volymer, Driftsbudget or Investeringsbudget
    heading: str | None
    text: str


class SustainabilityItem(NamedTuple):
    goal_number: int
    text: str


class Plan(NamedTuple):
    kommun: str
    namnd: str
    year: int
    forecast_month: str
    case_number: str | None
    decision_date: date | None
    contact: str | None
    goal_readings: tuple[GoalReading, ...]
    key_figures: tuple[KeyFigure, ...]
    commissions: tuple[Commission, ...]
    perspectives: tuple[Perspective, ...]
    development_goals: tuple[DevelopmentGoal, ...]
    volumes: AmountTable
    operating: AmountTable
    investment: AmountTable
    comments: tuple[Comment, ...]
    sustainability: tuple[SustainabilityItem, ...]

    def key_figures_for(self, goal: str) -> tuple[KeyFigure, ...]:
        return tuple(k for k in self.key_figures if k.goal == goal)

    @property
    def basic_mission_figures(self) -> tuple[KeyFigure, ...]:
        return self.key_figures_for(GRUNDUPPDRAG)

    def comments_for(self, section: str) -> tuple[Comment, ...]:
        return tuple(c for c in self.comments if c.section == section)


def _v(row: Row, key: str) -> object:
    return row[key].value


def _amounts(rows: list[Row]) -> AmountTable:
    return AmountTable(
        tuple(
            AmountRow(str(_v(r, "namn") or ""), *(_v(r, k) for k in AMOUNT_KEYS))  # type: ignore[arg-type]
            for r in rows
        )
    )


def build_plan(valid: ValidWorkbook) -> Plan:
    """Map a validated workbook (without errors) to the plan model."""
    g = {k: c.value for k, c in valid.grunddata.items()}
    rows = valid.rows
    assert valid.year is not None, "build_plan needs a workbook without errors"
    return Plan(
        kommun=str(g["Kommun"]),
        namnd=str(g["Nämnd"]),
        year=valid.year,
        forecast_month=str(g["Prognosmånad"]),
        case_number=g.get("Diarienummer") or None,  # type: ignore[arg-type]
        decision_date=g.get("Beslutsdatum") or None,  # type: ignore[arg-type]
        contact=g.get("Kontaktperson") or None,  # type: ignore[arg-type]
        goal_readings=tuple(
            GoalReading(str(_v(r, "mal")), str(_v(r, "text"))) for r in rows["Målbild"]
        ),
        key_figures=tuple(
            KeyFigure(
                str(_v(r, "mal")),
                str(_v(r, "namn")),
                str(_v(r, "enhet")),
                _v(r, "utfall_2"),
                _v(r, "utfall_1"),
            )  # type: ignore[arg-type]
            for r in rows["Nyckeltal"]
        ),
        commissions=tuple(
            Commission(str(_v(r, "typ")), str(_v(r, "rubrik")), str(_v(r, "text")))
            for r in rows["Satsningar och uppdrag"]
        ),
        perspectives=tuple(
            Perspective(
                str(_v(r, "perspektiv")),
                str(_v(r, "inriktning")),
                str(_v(r, "beskrivning")),
                str(_v(r, "nulage")),
                str(_v(r, "analys")),
            )
            for r in rows["Grunduppdrag"]
        ),
        development_goals=tuple(
            DevelopmentGoal(
                str(_v(r, "mal")),
                str(_v(r, "beskrivning") or ""),
                str(_v(r, "strategi")),
                _v(r, "kf") == "Ja",
                _v(r, "agenda") == "Ja",
            )
            for r in rows["Utvecklingsmål"]
        ),
        volumes=_amounts(rows["Volymer"]),
        operating=_amounts(rows["Driftsbudget"]),
        investment=_amounts(rows["Investeringsbudget"]),
        comments=tuple(
            Comment(str(_v(r, "avsnitt")), _v(r, "rubrik") or None, str(_v(r, "text")))  # type: ignore[arg-type]
            for r in rows["Kommentarer"]
        ),
        sustainability=tuple(
            SustainabilityItem(int(_v(r, "mal")), str(_v(r, "text")))  # type: ignore[arg-type]
            for r in rows["Hållbarhet"]
        ),
    )
