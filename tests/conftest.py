"""Shared fixtures: the shipped example, the kommun config, built documents."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.spec.config import KommunConfig, load_config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "indata" / "socialnamnden-2024.xlsx"
SECOND = ROOT / "tests" / "fixtures" / "kultur-och-fritidsnamnden-2026.xlsx"
REFERENCE = ROOT.parent / "shared" / "reference" / "socialnamnden-namndplan-2024.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Regenerate golden files instead of comparing with them.",
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from .golden_util import report  # the diff of every golden file rewritten

    report(terminalreporter)


@pytest.fixture(scope="session")
def cfg() -> KommunConfig:
    return load_config(ROOT / "templates")


@pytest.fixture(scope="session")
def example() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def second() -> Path:
    return SECOND


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    from pipeline.build import build

    out = tmp_path_factory.mktemp("built") / "socialnamnden-2024.docx"
    result = build(EXAMPLE, out, cfg)
    assert result.output == out, [str(f) for f in result.check.findings]
    return out


@pytest.fixture(scope="session")
def built_second(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    from pipeline.build import build

    out = tmp_path_factory.mktemp("built2") / "kfn-2026.docx"
    result = build(SECOND, out, cfg)
    assert result.output == out, [str(f) for f in result.check.findings]
    return out


@pytest.fixture
def broken(tmp_path: Path) -> Callable[..., Path]:
    """Copy the example with changes: ``broken({"Driftsbudget!E5": "tio"})``.

    A value of ``DELETE_SHEET`` removes the sheet named by the key.
    """

    def make(changes: dict[str, Any], name: str = "trasig.xlsx", source: Path = EXAMPLE) -> Path:
        wb = openpyxl.load_workbook(source)
        for where, value in changes.items():
            if value is DELETE_SHEET:
                del wb[where]
                continue
            sheet, cell = where.split("!")
            wb[sheet][cell] = value
        path = tmp_path / name
        wb.save(path)
        return path

    return make


DELETE_SHEET = object()


@pytest.fixture
def own_templates(tmp_path: Path, cfg: KommunConfig) -> Callable[..., Path]:
    """A copy of templates/ with text edits: ``own_templates({"kommun.toml": (old, new)})``.

    Each ``old`` must occur in its file, so a test cannot pass on an edit that did nothing.
    """

    def make(edits: dict[str, tuple[str, str]] | None = None) -> Path:
        target = tmp_path / "mallar"
        shutil.copytree(cfg.templates_dir, target)
        for name, (old, new) in (edits or {}).items():
            path = target / name
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {name}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        return target

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    path = tmp_path / "socialnamnden-2024.xlsx"
    shutil.copy(EXAMPLE, path)
    return path
