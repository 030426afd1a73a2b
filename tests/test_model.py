import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.build import check
from pipeline.model.plan import (
    AmountRow,
    AmountTable,
    Comment,
    Commission,
    DevelopmentGoal,
    GoalReading,
    KeyFigure,
    Perspective,
    Plan,
    SustainabilityItem,
    build_plan,
)
from pipeline.spec.config import KommunConfig

from .made import made


def plan_of(path: Path, cfg: KommunConfig) -> Plan:
    result = check(path, cfg)
    assert result.ok and result.valid is not None
    return build_plan(result.valid)


def test_totals_and_changes_are_computed(example: Path, cfg: KommunConfig) -> None:
    plan = plan_of(example, cfg)
    total = plan.operating.total()
    assert total.budget == Decimal("-281.6")
    assert total.budget_prev == Decimal("-273.8")
    assert total.change == Decimal("-7.8")
    assert total.bokslut == Decimal("-254.7")
    first = plan.operating.rows[0]
    assert first.name == "Ekonomiskt bistånd" and first.change == Decimal("7.5")


def test_empty_stays_empty_and_one_sided_change_counts_zero() -> None:
    both_empty = AmountRow("a", None, None, None, None, None, None)
    assert both_empty.change is None
    new = AmountRow("b", None, None, None, Decimal("-1.5"), None, None)
    assert new.change == Decimal("-1.5")
    table = AmountTable((both_empty, new))
    assert table.total().bokslut is None and table.total().budget == Decimal("-1.5")


def test_plan_title_comes_from_budgetar(second: Path, cfg: KommunConfig) -> None:
    from pipeline.compose.blocks import compose
    from pipeline.compose.docmodel import Cover

    plan = plan_of(second, cfg)
    assert plan.year == 2026
    doc = compose(plan, cfg)
    cover = next(b for b in doc.blocks if isinstance(b, Cover))
    assert cover.title == "Nämndplan med budget 2026 och plan för 2027–2028"
    assert doc.running_title == (
        "Kultur- och fritidsnämnden, Nämndplan med budget 2026 och plan för 2027–2028"
    )


def test_percent_key_figures_read_as_percent_units(example: Path, cfg: KommunConfig) -> None:
    plan = plan_of(example, cfg)
    first = plan.key_figures[0]
    assert first.unit == "%" and first.older is None and first.latest == Decimal("77.7")


def _plan(tmp_path: Path, cfg: KommunConfig, **kw: Any) -> Plan:
    return plan_of(made(tmp_path, cfg, **kw), cfg)


def test_every_field_of_a_made_workbook_reaches_the_model(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Nyckeltal": [
            ["Samhörighet", "Andel nöjda", "%", 81.5, 77.7],
            ["Grunduppdrag", "Väntetid", "dagar", None, 38],
        ],
        "Satsningar och uppdrag": [["Uppdrag", "Rubrik i årsplanen", "Det innebär."]],
        "Utvecklingsmål": [
            ["Mål ett", "Beskrivning ett", "Strategi ett", "Ja", "Nej"],
            ["Mål två", None, "Strategi två", "Nej", "Ja"],
        ],
        "Volymer": [["Placerade barn", 40, 41, 42, 43, 44, 45]],
        "Investeringsbudget": [["Inventarier", None, -0.5, -1.0, -1.5, -2.0, None]],
        "Kommentarer": [
            ["Driftsbudget", "Ekonomiskt bistånd", "Kostnaderna ökar."],
            ["Volymer", None, "Fler barn."],
        ],
        "Hållbarhet": [[3, "Hälsa."], [16, "Fred."]],
    }
    grunddata = {
        "Diarienummer": "PN2023/17",
        "Beslutsdatum": dt.date(2023, 11, 21),
        "Kontaktperson": "Anna Andersson, controller",
    }
    plan = _plan(tmp_path, cfg, rows=rows, grunddata=grunddata, year=2025)
    assert (plan.kommun, plan.namnd, plan.year, plan.forecast_month) == (
        "Enköpings kommun", "Provnämnden", 2025, "Oktober",
    )  # fmt: skip
    assert plan.case_number == "PN2023/17"
    assert plan.decision_date == dt.date(2023, 11, 21)
    assert plan.contact == "Anna Andersson, controller"
    assert plan.goal_readings == (
        GoalReading("Tillsammans skapar vi trygghet",
                    "Nämndens text om Tillsammans skapar vi trygghet."),
        GoalReading("Samhörighet", "Nämndens text om Samhörighet."),
        GoalReading("Självständighet", "Nämndens text om Självständighet."),
        GoalReading("Stolthet", "Nämndens text om Stolthet."),
    )  # fmt: skip
    assert plan.key_figures == (
        KeyFigure("Samhörighet", "Andel nöjda", "%", Decimal("81.5"), Decimal("77.7")),
        KeyFigure("Grunduppdrag", "Väntetid", "dagar", None, Decimal(38)),
    )
    assert plan.key_figures_for("Samhörighet") == plan.key_figures[:1]
    assert plan.key_figures_for("Stolthet") == ()
    assert plan.basic_mission_figures == plan.key_figures[1:]
    assert plan.commissions == (Commission("Uppdrag", "Rubrik i årsplanen", "Det innebär."),)
    assert plan.perspectives == (
        Perspective("Målgrupp", "Kvalitetssäkra/bevaka", "Beskrivning M.", "Nuläge M.",
                    "Analys M."),
        Perspective("Medarbetare", "Utveckla/målsätta", "Beskrivning A.", "Nuläge A.",
                    "Analys A."),
        Perspective("Ekonomi", "Kvalitetssäkra/bevaka", "Beskrivning E.", "Nuläge E.",
                    "Analys E."),
    )  # fmt: skip
    assert plan.development_goals == (
        DevelopmentGoal("Mål ett", "Beskrivning ett", "Strategi ett", True, False),
        DevelopmentGoal("Mål två", "", "Strategi två", False, True),
    )
    D = Decimal
    assert plan.volumes.rows == (
        AmountRow("Placerade barn", D(40), D(41), D(42), D(43), D(44), D(45)),
    )
    assert plan.operating.rows == (
        AmountRow("Verksamhet A", D("-10.0"), D("-11.0"), D("-12.0"), D("-13.0"), D("-13.5"),
                  D("-14.0")),
        AmountRow("Verksamhet B", D("-20.0"), D("-21.0"), D("-22.0"), D("-23.0"), D("-23.5"),
                  D("-24.0")),
        AmountRow("Intäkter", D("5.0"), D("5.0"), D("5.0"), D("5.5"), D("5.5"), D("5.5")),
    )  # fmt: skip
    assert plan.operating.total() == AmountRow(
        "Totalt", D(-25), D(-27), D(-29), D("-30.5"), D("-31.5"), D("-32.5")
    )
    assert plan.operating.total("Summa").name == "Summa"
    assert plan.investment.rows == (
        AmountRow("Inventarier", None, D("-0.5"), D("-1.0"), D("-1.5"), D("-2.0"), None),
    )
    assert plan.investment.rows[0].change == D("-0.5")
    assert plan.comments == (
        Comment("Driftsbudget", "Ekonomiskt bistånd", "Kostnaderna ökar."),
        Comment("Volymer", None, "Fler barn."),
    )
    assert plan.comments_for("Volymer") == plan.comments[1:]
    assert plan.comments_for("Investeringsbudget") == ()
    assert plan.sustainability == (SustainabilityItem(3, "Hälsa."), SustainabilityItem(16, "Fred."))
    assert type(plan.sustainability[0].goal_number) is int


def test_the_cover_shows_diarienummer_beslutsdatum_and_kontaktperson(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    from pipeline.compose.blocks import compose
    from pipeline.compose.docmodel import Cover

    grunddata = {
        "Diarienummer": "PN2023/17",
        "Beslutsdatum": dt.date(2023, 11, 21),
        "Kontaktperson": "Anna Andersson",
    }
    plan = _plan(tmp_path, cfg, grunddata=grunddata)
    cover = next(b for b in compose(plan, cfg).blocks if isinstance(b, Cover))
    assert (cover.kommun, cover.namnd) == ("Enköpings kommun", "Provnämnden")
    assert cover.title == "Nämndplan med budget 2024 och plan för 2025–2026"
    assert cover.details == (
        ("Diarienummer", "PN2023/17"),
        ("Beslutsdatum", "21 november 2023"),
        ("Kontaktperson", "Anna Andersson"),
    )


def test_without_the_optional_fields_the_model_holds_none(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    plan = _plan(tmp_path, cfg)
    assert (plan.case_number, plan.decision_date, plan.contact) == (None, None, None)
    assert plan.key_figures == () and plan.volumes.rows == () and plan.comments == ()
    assert plan.volumes.total() == AmountRow("Totalt", None, None, None, None, None, None)


def test_change_and_total_by_hand() -> None:
    D = Decimal
    row = AmountRow("a", D(1), D(2), D("-3.5"), D("4.25"), D(5), D(6))
    assert row.change == D("7.75")
    assert AmountRow("b", None, None, D("2"), None, None, None).change == D(-2)
    assert AmountRow("c", None, None, D("0"), D("0"), None, None).change == D(0)
    table = AmountTable((row, AmountRow("b", None, D(1), D("2"), None, None, D("-6"))))
    assert table.total() == AmountRow("Totalt", D(1), D(3), D("-1.5"), D("4.25"), D(5), D(0))
    assert AmountTable(()).total() == AmountRow("Totalt", None, None, None, None, None, None)
