"""The command line: exit codes, Swedish messages, nothing written from bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli.main import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_validate_good_workbook_exits_0(example: Path) -> None:
    code, out = run("validate", str(example))
    assert code == 0 and "0 fel" in out


def test_validate_bad_workbook_exits_1_naming_the_cell(broken: Callable[..., Path]) -> None:
    code, out = run("validate", str(broken({"Driftsbudget!E5": "tio"})))
    assert code == 1
    assert 'Driftsbudget!E5: "tio" är inte ett belopp' in out
    assert "Traceback" not in out


def test_strict_makes_warnings_fail(broken: Callable[..., Path]) -> None:
    path = broken({"Driftsbudget!E5": "−16,7"})
    assert run("validate", str(path))[0] == 0
    assert run("validate", "--strict", str(path))[0] == 1


def test_build_writes_the_plan(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    code, text = run("build", str(example), "-o", str(out))
    assert code == 0 and out.exists() and "Klar" in text
    assert not list(tmp_path.glob("*.tmp"))


def test_build_with_errors_leaves_existing_output_untouched(
    broken: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "plan.docx"
    out.write_bytes(b"previous plan")
    code, text = run("build", str(broken({"Volymer!C3": "x"})), "-o", str(out))
    assert code == 1 and "Volymer!C3" in text
    assert out.read_bytes() == b"previous plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "trasig.xlsx"]


def test_not_a_workbook_is_one_line_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "plan.xlsx"
    bad.write_text("hej")
    code, out = run("build", str(bad), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "plan.xlsx" in out and "Traceback" not in out
    assert not (tmp_path / "x.docx").exists()


def test_plan_builds_every_workbook_in_a_folder(
    example: Path, broken: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "socialnamnden-2024.xlsx").write_bytes(example.read_bytes())
    bad = broken({"Driftsbudget!E5": "tio"}, name="trasig.xlsx")
    (folder / "trasig.xlsx").write_bytes(bad.read_bytes())
    out_dir = tmp_path / "ut"
    code, text = run("plan", str(folder), "-o", str(out_dir))
    assert code == 1
    assert (out_dir / "socialnamnden-2024.docx").exists()
    assert not (out_dir / "trasig.docx").exists()
    assert "1 av 2 planer" in text and "Driftsbudget!E5" in text


def test_internal_error_is_one_line_with_log(monkeypatch, example: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pipeline.check.workbook as build_mod

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("oväntat")

    monkeypatch.setattr(build_mod, "read_workbook", boom)
    code, out = run("validate", str(example))
    assert code == 1 and "internt fel" in out and "Traceback" not in out


def test_help_texts_are_swedish() -> None:
    code, out = run("--help")
    assert code == 0 and "Bygger nämndplaner" in out
    assert "Granska" in run("validate", "--help")[1]


def test_annotate_writes_a_reviewed_copy_and_never_touches_the_original(
    broken: Callable[..., Path],
) -> None:
    import openpyxl

    path = broken({"Driftsbudget!E5": "tio"})
    before = path.read_bytes()
    code, out = run("validate", "--annotate", str(path))
    assert code == 1
    copy = path.with_name("trasig-granskad.xlsx")
    assert copy.exists() and path.read_bytes() == before
    wb = openpyxl.load_workbook(copy)
    cell = wb["Driftsbudget"]["E5"]
    assert "inte ett belopp" in cell.comment.text
    assert cell.fill.start_color.rgb.endswith("FFC7CE")
    assert wb.sheetnames[0] == "Granskning"
    assert wb["Granskning"]["A2"].value == "Driftsbudget!E5"


def test_plan_skips_reviewed_copies(example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(example.read_bytes())
    (folder / "a-granskad.xlsx").write_bytes(example.read_bytes())
    code, text = run("plan", str(folder), "-o", str(tmp_path / "ut"), "--no-layout")
    assert code == 0 and "1 av 1 planer" in text


def test_validate_imports_neither_python_docx_nor_the_writer(example: Path) -> None:
    # Issue 6: validating must stay cheap; python-docx, jinja2 and the document side are
    # for build only. Run in a fresh interpreter so earlier tests' imports do not count.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline.cli.main import main\n"
        f"sys.argv = ['namndplan', 'validate', {str(example)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "               ('docx', 'jinja2', 'babel', 'multiprocessing')\n"
        "               or m in ('pipeline.build', 'pipeline.compose.docmodel', 'pipeline.write.word'))\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "0 fel" in proc.stdout


def test_the_program_entry_keeps_exit_codes_and_output(broken: Callable[..., Path]) -> None:
    # `namndplan` runs pipeline.cli.main:run (the commands, then gc.freeze before exit).
    import subprocess
    import sys

    bad = broken({"Driftsbudget!E5": "tio"})
    code = f"import sys\nfrom pipeline.cli.main import run\nsys.argv = ['namndplan', 'validate', {str(bad)!r}]\nrun()\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "Driftsbudget!E5" in proc.stdout and "1 fel" in proc.stdout


def test_validate_lists_errors_first_and_numbers_as_text_once_per_column(
    broken: Callable[..., Path],
) -> None:
    changes: dict[str, object] = {f"Driftsbudget!E{r}": f"−{r},5" for r in range(2, 17)}
    changes |= {"Volymer!C3": "många", "Hållbarhet!A2": 99, "Driftsbudget!B2": "x"}
    code, out = run("validate", str(broken(changes)))
    lines = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert code == 1
    assert [line.startswith("FEL") for line in lines[:3]] == [True, True, True]
    as_text = [line for line in lines if "sparade som text" in line]
    assert len(as_text) == 1 and "Driftsbudget!E2:E16" in as_text[0] and "15 celler" in as_text[0]
    assert "trasig.xlsx: 3 fel" in out
