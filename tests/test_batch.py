"""A kommun in one run: parallel batch, refusal of mixed batches, the council's summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from pipeline.build import build_many
from pipeline.cli.main import main
from pipeline.spec.config import KommunConfig

from .docx_read import read_docx

M = "\u2212"


def _folder(tmp_path: Path, books: dict[str, Path]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, src in books.items():
        (folder / name).write_bytes(src.read_bytes())
    return folder


def _with_namnd(broken: Callable[..., Path], namnd: str, name: str) -> Path:
    return broken({"Grunddata!B3": namnd}, name=name)


def test_batch_builds_the_good_ones_and_summarises(broken: Callable[..., Path],
                                                   tmp_path: Path) -> None:  # fmt: skip
    # The check: 15 workbooks, one broken -> 14 plans, exit 1, summary reconciles.
    books = {f"n{i:02d}.xlsx": _with_namnd(broken, f"Nämnd {i:02d}", f"n{i:02d}.xlsx")
             for i in range(1, 15)}  # fmt: skip
    books["trasig.xlsx"] = broken({"Grunddata!B3": "Trasiga nämnden", "Driftsbudget!E5": "tio"},
                                  name="trasig.xlsx")  # fmt: skip
    folder = _folder(tmp_path, books)
    out = tmp_path / "ut"
    (out).mkdir()
    (out / "trasig.docx").write_bytes(b"last year's plan")
    result = CliRunner().invoke(main, ["plan", str(folder), "-o", str(out), "--no-layout"])
    assert result.exit_code == 1
    assert "14 av 15 planer byggda" in result.output
    assert "Driftsbudget!E5" in result.output and "EJ BYGGD (trasig.xlsx)" in result.output
    assert (out / "trasig.docx").read_bytes() == b"last year's plan"

    summary = openpyxl.load_workbook(out / "sammanstallning-2024.xlsx")
    drift = summary["Driftsbudget"]
    rows = {r[0]: r[1:] for r in drift.iter_rows(min_row=2, values_only=True) if r[0]}
    # The broken one is a row without figures, so the Totalt says it is incomplete.
    assert set(rows) == {*(f"Nämnd {i:02d}" for i in range(1, 15)), "Totalt (ofullständigt)",
                         "Trasiga nämnden (ingen plan byggd)",
                         "* Saknas i Totalt: Trasiga nämnden (ingen plan byggd) – alla belopp "
                         "(se bladet Granskning)."}  # fmt: skip
    assert rows["Trasiga nämnden (ingen plan byggd)"] == (None,) * 7
    assert len(list(out.glob("n*.docx"))) == 14
    # Reconcile with each plan's Totalt row.
    for i in range(1, 15):
        table = next(
            t for t in read_docx(out / f"n{i:02d}.docx").tables
            if t[0][0].startswith("Verksamhet")
        )  # fmt: skip
        shown = table[-1][1:]
        assert [
            f"{v:.1f}".replace(".", ",").replace("-", M) for v in rows[f"Nämnd {i:02d}"]
        ] == shown
    assert abs(rows["Totalt (ofullständigt)"][4] - 14 * -281.6) < 1e-6
    findings = [r for r in summary["Granskning"].iter_rows(min_row=2, values_only=True)]
    assert any(r[0] == "Trasiga nämnden" and r[3] == "Driftsbudget!E5" for r in findings)


def test_mixed_budget_years_are_refused_and_nothing_written(example: Path, second: Path,
                                                             tmp_path: Path) -> None:  # fmt: skip
    folder = _folder(tmp_path, {"a.xlsx": example, "b.xlsx": second})
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["plan", str(folder), "-o", str(out), "--no-layout"])
    assert result.exit_code == 1
    assert "olika budgetår" in result.output and "a.xlsx" in result.output
    assert not out.exists() or not list(out.iterdir())


def test_parallel_and_sequential_builds_are_identical(broken: Callable[..., Path], cfg: KommunConfig,
                                                      tmp_path: Path) -> None:  # fmt: skip
    books = [_with_namnd(broken, f"Nämnd {i}", f"p{i}.xlsx") for i in range(4)]
    seq = build_many([(b, tmp_path / "seq" / f"{b.stem}.docx") for b in books], cfg,
                     layout=False, workers=1)  # fmt: skip
    par = build_many([(b, tmp_path / "par" / f"{b.stem}.docx") for b in books], cfg,
                     layout=False, workers=2)  # fmt: skip
    assert [r.output.name for r in par if r.output] == [f"p{i}.docx" for i in range(4)]
    for a, b in zip(seq, par, strict=True):
        assert a.output and b.output and a.output.read_bytes() == b.output.read_bytes()
        assert b.plan is not None and b.plan.namnd == a.plan.namnd  # type: ignore[union-attr]
