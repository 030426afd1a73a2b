"""One fixture per defect: the good example with one change; the cell must be named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import check
from pipeline.check.validate import cerberus_schema, clean_text, parse_number_text
from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig

from .conftest import DELETE_SHEET


def findings_for(path: Path, cfg: KommunConfig) -> Findings:
    return check(path, cfg).findings


def located(findings: Findings, where: str, errors_only: bool = True) -> list[str]:
    pool = findings.errors if errors_only else findings
    return [str(f) for f in pool if f.location == where]


def test_the_example_is_clean(example: Path, cfg: KommunConfig) -> None:
    findings = findings_for(example, cfg)
    assert not findings, [str(f) for f in findings]


@pytest.mark.parametrize(
    ("changes", "where", "needle"),
    [
        ({"Driftsbudget!E5": "tio"}, "Driftsbudget!E5", '"tio" är inte ett belopp'),
        ({"Volymer!C3": "många"}, "Volymer!C3", "är inte ett antal"),
        ({"Driftsbudget!C1": "Prognos 2021"}, "Driftsbudget!C1", "har fel år"),
        ({"Volymer!B1": "Utfall"}, "Volymer!B1", 'ska vara "Bokslut 2022"'),
        ({"Grunddata!B4": "tjugotjugofyra"}, "Grunddata!B4", "inte ett årtal"),
        ({"Grunddata!B3": None}, "Grunddata!B3", "Nämnd måste fyllas i"),
        ({"Grunddata!B5": "Oktembri"}, "Grunddata!B5", "inte en månad"),
        ({"Grunduppdrag!B2": "Bevaka"}, "Grunduppdrag!B2", "inte ett tillåtet värde"),
        ({"Grunduppdrag!A3": "Målgrupp"}, "Grunduppdrag!A3", "två gånger"),
        ({"Nyckeltal!C2": "procent"}, "Nyckeltal!C2", "inte ett tillåtet värde"),
        ({"Nyckeltal!A2": "Trygghet"}, "Nyckeltal!A2", "inte ett tillåtet värde"),
        ({"Målbild!A3": "Tillsammans skapar vi trygghet"}, "Målbild!A3", "två gånger"),
        (
            {"Satsningar och uppdrag!A2": "Satsning"},
            "Satsningar och uppdrag!A2",
            "Särskild satsning",
        ),
        ({"Utvecklingsmål!D2": "Kanske"}, "Utvecklingsmål!D2", "Ja, Nej"),
        ({"Hållbarhet!A2": 18}, "Hållbarhet!A2", "inget Agenda 2030-mål"),
        ({"Kommentarer!A2": "Budget"}, "Kommentarer!A2", "Volymer, Driftsbudget"),
        ({"Nyckeltal!E3": 1.5}, "Nyckeltal!E3", "formaterad som procent"),
        ({"Nyckeltal!D2": 150}, "Nyckeltal!D2", "150 % ligger utanför 0–100"),
        ({"Driftsbudget!E5": "=D5*2"}, "Driftsbudget!E5", "formel"),
    ],
)
def test_each_defect_is_named_by_cell(
    broken: Callable[..., Path], cfg: KommunConfig, changes: dict[str, Any], where: str, needle: str
) -> None:
    findings = findings_for(broken(changes), cfg)
    messages = located(findings, where)
    assert messages, f"nothing at {where}: {[str(f) for f in findings]}"
    assert any(needle in m for m in messages), messages


def test_missing_sheet_is_named(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    findings = findings_for(broken({"Volymer": DELETE_SHEET}), cfg)
    assert any(f.sheet == "Volymer" and "saknas" in f.message for f in findings.errors)


def test_wrong_year_headers_for_a_later_budget_year(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    # Every year header disagrees with Budgetår in the same way: one finding, not 20.
    findings = findings_for(broken({"Grunddata!B4": 2027}), cfg)
    msgs = located(findings, "Grunddata!B4")
    assert len(msgs) == 1, msgs
    assert "Budgetår är 2027" in msgs[0] and "budgetår 2024" in msgs[0]
    assert "skriv 2024 i Budgetår" in msgs[0]
    assert not [f for f in findings.errors if f.cell.endswith("1") and f.sheet != "Grunddata"]


def test_one_header_with_another_year_is_named_by_its_cell(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    findings = findings_for(broken({"Volymer!F1": "Plan 2026"}), cfg)
    msgs = located(findings, "Volymer!F1")
    assert msgs and "har fel år" in msgs[0] and '"Plan 2025"' in msgs[0]
    assert not located(findings, "Grunddata!B4")


def test_all_defects_are_reported_at_once(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    path = broken({"Driftsbudget!E5": "tio", "Volymer!C3": "x", "Grunddata!B5": None})
    where = {f.location for f in findings_for(path, cfg).errors}
    assert {"Driftsbudget!E5", "Volymer!C3", "Grunddata!B5"} <= where


def test_duplicate_names_both_cells(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    findings = findings_for(broken({"Grunduppdrag!A3": "Målgrupp"}), cfg)
    msg = located(findings, "Grunduppdrag!A3")[0]
    assert "Grunduppdrag!A2" in msg and "Grunduppdrag!A3" in msg


def test_number_typed_as_text_is_read_with_a_warning(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    result = check(broken({"Driftsbudget!E5": "−16,7"}), cfg)
    assert not result.findings.errors
    assert located(result.findings, "Driftsbudget!E5", errors_only=False)
    assert result.valid is not None
    row = result.valid.rows["Driftsbudget"][3]
    assert str(row["budget"].value) == "-16.7"


def test_control_characters_are_cleaned_with_a_warning(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    result = check(broken({"Hållbarhet!B2": "Text med klocka_x0007_ och _x0008_ slut."}), cfg)
    assert not result.findings.errors
    assert located(result.findings, "Hållbarhet!B2", errors_only=False)
    assert result.valid is not None
    assert result.valid.rows["Hållbarhet"][0]["text"].value == "Text med klocka och  slut."


def test_clean_text_and_number_parsing() -> None:
    assert clean_text("a\x00b\x1fc") == ("abc", True)
    # Escapes are decoded by the reader; what arrives here is the text itself.
    assert clean_text("vanlig _x0041_ text") == ("vanlig _x0041_ text", False)
    assert str(parse_number_text("2 660")) == "2660"
    assert str(parse_number_text("77,7 %")) == "77.7"
    assert parse_number_text("tio") is None


def test_cerberus_schema_comes_from_the_contract() -> None:
    from pipeline.spec.contract import SHEETS_BY_NAME

    spec = SHEETS_BY_NAME["Grunduppdrag"]
    schema = cerberus_schema(spec, tuple(c.choices for c in spec.columns))
    assert schema["perspektiv"]["allowed"] == ["Målgrupp", "Medarbetare", "Ekonomi"]
    assert schema["perspektiv"]["nullable"] is False


def test_findings_sort_by_sheet_then_cell(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    from pipeline.spec.contract import SHEET_ORDER

    path = broken({"Driftsbudget!E5": "tio", "Driftsbudget!B10": "x", "Volymer!C3": "y"})
    locs = [f.location for f in findings_for(path, cfg).sorted(SHEET_ORDER)]
    assert locs.index("Volymer!C3") < locs.index("Driftsbudget!E5") < locs.index("Driftsbudget!B10")


def test_long_text_and_plan_drop_are_warnings(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    path = broken({"Hållbarhet!B2": "Lång text. " * 400, "Driftsbudget!F2": -20.0})
    result = check(path, cfg)
    assert not result.findings.errors
    assert located(result.findings, "Hållbarhet!B2", errors_only=False)
    assert any("lägre än budgeten" in m for m in located(result.findings, "Driftsbudget!F2", False))


def test_budget_row_without_amounts_is_a_warning(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    changes = {f"Driftsbudget!{col}3": None for col in "BCDEFG"}
    result = check(broken(changes), cfg)
    assert not result.findings.errors
    assert any("inga belopp" in m for m in located(result.findings, "Driftsbudget!A3", False))


def test_cerberus_schemas_use_no_required_rule(cfg: KommunConfig) -> None:
    # Rows are validated with update=True (cerberus then skips 'required'); a required cell
    # is expressed as nullable=False, which update=True does not touch.
    from pipeline.check.validate import _validator
    from pipeline.spec.contract import SHEETS

    for spec in SHEETS:
        allowed = tuple(cfg.choices.for_column(spec.name, c) for c in spec.columns)
        schema = cerberus_schema(spec, allowed)
        for key, rules in schema.items():
            assert set(rules) <= {"nullable", "type", "allowed", "min", "max"}, (spec.name, key)
            col = spec.column(key)
            assert rules["nullable"] is (not col.required)
        _validator(schema)  # cerberus accepts it (its schema check raises SchemaError)


def test_values_settled_by_their_type_give_the_same_findings_as_sending_all(
    broken: Callable[..., Path], example: Path, second: Path, cfg: KommunConfig, monkeypatch: Any
) -> None:
    # Cells the parser already typed (text as str, figures as Decimal) are not sent to
    # cerberus when their column has no rule beyond type; the findings must be exactly
    # those of a run that sends every value.
    import pipeline.check.validate as v

    bad = broken({
        "Driftsbudget!E5": "tio", "Driftsbudget!B3": True, "Driftsbudget!A4": None,
        "Investeringsbudget!C2": "#DIV/0!", "Volymer!C3": -4, "Volymer!D3": "många",
        "Nyckeltal!C2": "procent", "Nyckeltal!E2": "n/a", "Hållbarhet!A2": 18,
        "Utvecklingsmål!D2": "Kanske", "Målbild!B2": None, "Kommentarer!C2": 12.5,
    })  # fmt: skip
    for path in (example, second, bad):
        shortcut = [str(f) for f in check(path, cfg).findings]
        with monkeypatch.context() as m:
            m.setattr(v, "_settled_by_type", lambda schema: {})
            everything = [str(f) for f in check(path, cfg).findings]
        assert shortcut == everything, path.name
    assert len(everything) >= 10  # the broken workbook really has findings of every kind
