from decimal import Decimal
from pathlib import Path

from pipeline.build import check
from pipeline.config import KommunConfig
from pipeline.model import AmountRow, AmountTable, Plan, build_plan


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
    plan = plan_of(second, cfg)
    assert plan.year == 2026
    assert plan.title == "Nämndplan med budget 2026 och plan för 2027–2028"
    assert plan.running_title.startswith("Kultur- och fritidsnämnden, ")


def test_percent_key_figures_read_as_percent_units(example: Path, cfg: KommunConfig) -> None:
    plan = plan_of(example, cfg)
    first = plan.key_figures[0]
    assert first.unit == "%" and first.older is None and first.latest == Decimal("77.7")
