"""The follow-up report's model: Avvikelse and Totalt computed, the period written out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.model.report import build_report, is_followup
from pipeline.spec.followup import deviation

from .report_data import D, valid_followup


def test_every_avvikelse_is_prognos_minus_budget() -> None:
    report = build_report(valid_followup())
    assert [r.avvikelse for r in report.operating.rows] == [D("0.3"), D("-6.6"), D("-2.8"),
                                                            D("1.2")]  # fmt: skip
    assert [r.avvikelse for r in report.investment.rows] == [D("0.2"), D("0.0")]


def test_totalt_is_computed_down_every_column() -> None:
    total = build_report(valid_followup()).operating.total()
    assert total.name == "Totalt"
    assert total.bokslut == D("-486.2")
    assert total.budget == D("-503.3")
    assert total.utfall == D("-343.6")
    assert total.prognos == D("-511.2")
    assert total.avvikelse == D("-7.9")


def test_a_typed_totalt_row_is_a_row_not_the_total() -> None:
    """A controller who typed a Totalt row gets it as a row; the model's Totalt is still
    the sum of the rows (the sense check says the typed one is an error)."""
    rows = [["Verksamhet A", None, D("-10.0"), D("-6.0"), D("-10.5")],
            ["Totalt", None, D("-99.0"), D("-99.0"), D("-99.0")]]  # fmt: skip
    table = build_report(valid_followup({"Driftsredovisning": rows})).operating
    assert table.rows[1].name == "Totalt"
    assert table.total().budget == D("-109.0")


def test_verksamhetsberattelse_avvikelse_from_utfall_when_prognos_is_empty() -> None:
    rows = [["Äldreomsorg", D("-410.2"), D("-425.0"), D("-428.9"), None],
            ["Intäkter", D("35.0"), D("36.0"), D("37.4"), None],
            ["Med prognos ändå", None, D("-5.0"), D("-5.5"), D("-4.0")]]  # fmt: skip
    valid = valid_followup({"Driftsredovisning": rows}, Rapport="Verksamhetsberättelse",
                           Period_till_och_med="December")  # fmt: skip
    report = build_report(valid)
    assert [r.avvikelse for r in report.operating.rows] == [D("-3.9"), D("1.4"), D("1.0")]
    assert report.operating.total().avvikelse == D("-1.5")
    assert report.period == "2024"
    assert report.period_short == "2024"


def test_delarsrapport_without_prognos_has_no_avvikelse() -> None:
    rows = [["Äldreomsorg", None, D("-425.0"), D("-290.4"), None]]
    report = build_report(valid_followup({"Driftsredovisning": rows}))
    assert report.operating.rows[0].avvikelse is None
    assert report.operating.total().avvikelse is None


@pytest.mark.parametrize(
    ("budget", "prognos", "utfall", "whole", "expected"),
    [
        (D("-10.0"), D("-12.5"), None, False, D("-2.5")),
        (None, D("-1.0"), None, False, D("-1.0")),  # no budget: deviates by what it costs
        (D("4.0"), None, D("3.0"), False, None),
        (D("4.0"), None, D("3.0"), True, D("-1.0")),
        (D("4.0"), D("5.0"), D("3.0"), True, D("1.0")),  # a forecast still wins
        (None, None, None, True, None),
    ],
)
def test_deviation_rule(budget: Decimal | None, prognos: Decimal | None,
                        utfall: Decimal | None, whole: bool, expected: Decimal | None) -> None:  # fmt: skip
    rapport = "Verksamhetsberättelse" if whole else "Delårsrapport"
    assert deviation(budget, utfall, prognos, rapport) == expected


@pytest.mark.parametrize(
    ("rapport", "month", "period", "short"),
    [
        ("Tertialrapport", "April", "januari–april 2024", "jan–apr 2024"),
        ("Tertialrapport", "Mars", "januari–mars 2024", "jan–mars 2024"),
        ("Delårsrapport", "Augusti", "januari–augusti 2024", "jan–aug 2024"),
        ("Verksamhetsberättelse", "December", "2024", "2024"),
    ],
)
def test_period_written_out(rapport: str, month: str, period: str, short: str) -> None:
    report = build_report(valid_followup(Rapport=rapport, Period_till_och_med=month))
    assert (report.rapport, report.period, report.period_short) == (rapport, period, short)


def test_every_field_from_its_column() -> None:
    report = build_report(valid_followup())
    assert (report.kommun, report.namnd, report.year) == ("Enköpings kommun", "Socialnämnden",
                                                          2024)  # fmt: skip
    assert report.case_number == "SN2024/77"
    assert report.text("Personal") == "Sjukfrånvaron har minskat."
    assert report.text("Okänt") == ""
    a = report.assessment_of("Självständighet")
    assert a is not None and (a.assessment, a.analysis) == ("Ej uppfyllt", "Väntetiderna har ökat.")
    k = report.key_figures_for("Samhörighet")[0]
    assert (k.name, k.unit, k.previous, k.current, k.target) == (
        "Andel nöjda brukare", "%", D("81.5"), D("83.0"), D("85"))  # fmt: skip
    assert [k.name for k in report.basic_mission_figures] == ["Kostnad per brukare"]
    c = report.commissions[1]
    assert (c.kind, c.heading, c.status, c.comment) == ("Uppdrag", "Ta fram en bostadsplan",
                                                        "Genomfört", "Planen antogs i juni.")  # fmt: skip
    g = report.development_goals[0]
    assert (g.goal, g.assessment) == ("Fler i egen försörjning", "Delvis uppfyllt")
    v = report.volumes.rows[0]
    assert (v.name, v.bokslut, v.budget, v.utfall, v.prognos, v.avvikelse) == (
        "Hemtjänsttimmar", D("2660"), D("2700"), D("1850"), D("2750"), D("50"))  # fmt: skip
    assert [(m.text, m.effect, m.decided) for m in report.measures.rows] == [
        ("Översyn av bemanningen", D("2.5"), True), ("Färre externa placeringar", D("1.0"), False)]  # fmt: skip
    assert report.measures.total_effect() == D("3.5")
    assert [(c.heading, c.text) for c in report.comments_for("Volymer")] == [
        (None, "Hemtjänsten ökar.")
    ]
    assert is_followup(valid_followup())


def test_an_empty_assessment_is_none() -> None:
    rows = [["Samhörighet", None, "Ingen bedömning ännu."]]
    report = build_report(valid_followup({"Måluppföljning": rows}))
    assert report.goal_assessments[0].assessment is None


def test_a_verksamhet_without_budget_deviates_by_its_forecast_in_the_table_and_the_warning() -> (
    None
):
    # One rule for the report's Totalt and validation's deficit warning: they must agree.
    from pipeline.check.followup import total_deviation

    rows = [["Äldreomsorg", None, D("-425.0"), D("-290.4"), D("-424.0")],
            ["Nytt boende utan budget", None, None, D("-1.2"), D("-2.5")]]  # fmt: skip
    valid = valid_followup({"Driftsredovisning": rows})
    report = build_report(valid)
    assert [r.avvikelse for r in report.operating.rows] == [D("1.0"), D("-2.5")]
    assert report.operating.total().avvikelse == D("-1.5")
    assert total_deviation(valid)[0] == D("-1.5")
