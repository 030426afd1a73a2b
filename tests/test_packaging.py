"""Installed as a package, on Windows too: where the kommun folder is found, `init`,
`python -m pipeline`, the version, the wheel's package data, a batch with "spawn", files
held open by Excel or Word, LibreOffice where Windows puts it."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline
from pipeline.build import NO_LAYOUT_NOTE, START_METHOD_ENV, build_many
from pipeline.cli.common import NamndplanError, guard
from pipeline.cli.main import main
from pipeline.spec.config import (
    SOURCE_BUNDLED,
    SOURCE_CWD,
    SOURCE_ENV,
    SOURCE_OPTION,
    TEMPLATES_ENV,
    KommunConfig,
    bundled_templates_dir,
    load_config,
    locate_templates,
)
from pipeline.write import layout as layout_pass

from .conftest import ROOT
from .docx_read import read_docx


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory outside the repository, no NAMNDPLAN_MALLAR."""
    work = tmp_path / "arbete"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv(TEMPLATES_ENV, raising=False)
    return work


def _kommun(folder: Path, genitiv: str = "Provstads kommuns") -> Path:
    """A kommun folder: the default's files with another genitive name."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in bundled_templates_dir().rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            dest = folder / path.relative_to(bundled_templates_dir())
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
    toml = folder / "kommun.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'genitiv = "Enköpings kommuns"' in text
    toml.write_text(text.replace('genitiv = "Enköpings kommuns"', f'genitiv = "{genitiv}"'),
                    encoding="utf-8")  # fmt: skip
    return folder


# -- the search order ------------------------------------------------------------------


def test_bundled_default_is_the_repositorys_templates_in_a_checkout(elsewhere: Path) -> None:
    found, source = locate_templates()
    assert source == SOURCE_BUNDLED
    assert (found / "kommun.toml").read_bytes() == (ROOT / "templates/kommun.toml").read_bytes()
    assert load_config().source == SOURCE_BUNDLED


def test_search_order_option_env_cwd_bundled(elsewhere: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # A templates/ without kommun.toml (a web project's, say) is not the kommun's.
    (elsewhere / "templates").mkdir()
    assert locate_templates()[1] == SOURCE_BUNDLED
    _kommun(elsewhere / "templates", "Lokala kommuns")
    assert locate_templates() == (Path("templates"), SOURCE_CWD)
    assert load_config().data["kommun"]["genitiv"] == "Lokala kommuns"
    env_dir = _kommun(elsewhere / "frånmiljö", "Miljöstads kommuns")
    monkeypatch.setenv(TEMPLATES_ENV, str(env_dir))
    assert locate_templates() == (env_dir, SOURCE_ENV)
    given = _kommun(elsewhere / "angiven", "Angivna kommuns")
    assert locate_templates(given) == (given, SOURCE_OPTION)
    cfg = load_config(None)
    assert cfg.templates_dir == env_dir and cfg.data["kommun"]["genitiv"] == "Miljöstads kommuns"


def test_env_pointing_nowhere_says_so(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEMPLATES_ENV, str(elsewhere / "finns-inte"))
    code, out = _run("template", "--year", "2025", "-o", "x.xlsx")
    assert code == 1 and not (elsewhere / "x.xlsx").exists()
    assert "kommunens konfiguration saknas" in out and TEMPLATES_ENV in out


def test_help_of_mallar_gives_the_order() -> None:
    for command in ("build", "plan", "validate", "template", "rollover"):
        code, out = _run(command, "--help")
        text = " ".join(out.split())
        assert code == 0
        assert TEMPLATES_ENV in text and "templates/ i arbetsmappen" in text, command
        assert (
            text.index(TEMPLATES_ENV)
            < text.index("templates/ i arbetsmappen")
            < text.index("inbyggda standardmallarna")
        )


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# -- build and plan say which folder ---------------------------------------------------


def test_build_from_an_empty_folder_uses_and_names_the_bundled_kommun(elsewhere: Path,
                                                                      example: Path) -> None:  # fmt: skip
    code, out = _run("build", str(example), "--no-layout")
    assert code == 0, out
    assert (elsewhere / "output" / "socialnamnden-2024.docx").exists()
    line = next(x for x in out.splitlines() if "Kommunens mallar:" in x)
    assert line.strip() == (
        f"Kommunens mallar: {bundled_templates_dir().absolute()} (inbyggda standardmallar)"
    )


def test_plan_names_the_folder_given(elsewhere: Path, example: Path) -> None:
    (elsewhere / "in").mkdir()
    (elsewhere / "in" / "s.xlsx").write_bytes(example.read_bytes())
    mine = _kommun(elsewhere / "vår kommun")
    code, out = _run("plan", "in", "-o", "ut", "--no-layout", "--mallar", str(mine))
    assert code == 0, out
    assert f"Kommunens mallar: {mine.absolute()} (angivna med --mallar)" in out
    assert "Provstads kommuns styrmodell" in read_docx(elsewhere / "ut" / "s.docx").all_text()


# -- init ------------------------------------------------------------------------------


def test_init_writes_an_editable_kommun_and_build_follows_it(elsewhere: Path,
                                                             example: Path) -> None:  # fmt: skip
    code, out = _run("init", "kommun")
    assert code == 0, out
    folder = elsewhere / "kommun"
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == sorted(
        str(p.relative_to(ROOT / "templates"))
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert {"kommun.toml", "layout.docx", "logo.png", "texter/styrmodell.txt.j2"} <= set(names)
    assert "--mallar kommun" in " ".join(out.split())
    assert not [p for p in elsewhere.iterdir() if p.name != "kommun"]  # no staging left

    toml = folder / "kommun.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'genitiv = "Enköpings kommuns"', 'genitiv = "Initstads kommuns"'), encoding="utf-8")  # fmt: skip
    code, out = _run("build", str(example), "--no-layout", "--mallar", "kommun", "-o", "p.docx")
    assert code == 0, out
    text = read_docx(elsewhere / "p.docx").all_text()
    assert "Initstads kommuns styrmodell" in text and "Enköpings kommuns styrmodell" not in text


def test_init_refuses_a_folder_with_content_and_writes_nothing(elsewhere: Path) -> None:
    folder = elsewhere / "kommun"
    folder.mkdir()
    (folder / "kommun.toml").write_text("# vår egen\n", encoding="utf-8")
    code, out = _run("init", "kommun")
    assert code == 1
    assert "finns redan och är inte tom" in out and "lämnas orörd" in out
    assert [p.name for p in folder.iterdir()] == ["kommun.toml"]
    assert (folder / "kommun.toml").read_text(encoding="utf-8") == "# vår egen\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["kommun"]


def test_init_fills_an_empty_folder_and_refuses_a_file(elsewhere: Path) -> None:
    (elsewhere / "tom").mkdir()
    assert _run("init", "tom")[0] == 0
    assert load_config(elsewhere / "tom").namn == "Enköpings kommun"
    (elsewhere / "fil").write_text("x", encoding="utf-8")
    code, out = _run("init", "fil")
    assert code == 1 and "är en fil" in out
    assert (elsewhere / "fil").read_text(encoding="utf-8") == "x"


# -- python -m pipeline, the version, the wheel's data ---------------------------------


def test_python_m_pipeline_is_the_program(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "python -m pipeline" in proc.stdout and "init" in proc.stdout and "build" in proc.stdout


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project.get("dynamic", [])
    assert pipeline.__version__ == version("namndplan") == project["version"]
    assert _run("--version")[1].strip() == f"namndplan {project['version']}"


def test_every_file_of_templates_is_package_data_of_the_wheel() -> None:
    """pyproject maps pipeline.kommun onto templates/; a kommun file no glob covers (a logo
    saved as .svg, a new text) would be missing from the wheel's default kommun."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    setup = tool["setuptools"]
    assert setup["package-dir"] == {"pipeline.kommun": "templates"}
    data = setup["package-data"]
    tracked = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert "templates/kommun.toml" in tracked and "templates/layout.docx" in tracked
    for name in tracked:
        parts = Path(name).parts[1:]
        package = ".".join(("pipeline", "kommun", *parts[:-1]))
        assert package in setup["packages"], name
        assert any(fnmatch.fnmatch(parts[-1], g) for g in data.get(package, [])), name
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "namndplan contributors" in licence


# -- a batch with the spawn start method (Windows' only one) ---------------------------


def test_batch_with_spawn_gives_the_same_bytes_as_sequential(
    tmp_path: Path, cfg: KommunConfig, example: Path, second: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    books = {"a.xlsx": example, "b.xlsx": second, "c.xlsx": ROOT / "indata/tekniska-namnden-2024.xlsx",
             "d.xlsx": example}  # fmt: skip
    sources = []
    for name, src in books.items():
        (tmp_path / name).write_bytes(src.read_bytes())
        sources.append(tmp_path / name)
    seq = [(s, tmp_path / "seq" / f"{s.stem}.docx") for s in sources]
    par = [(s, tmp_path / "spawn" / f"{s.stem}.docx") for s in sources]
    build_many(seq, cfg, layout=False, workers=1)
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    import concurrent.futures.process as cfp

    started: list[str] = []
    real = cfp.ProcessPoolExecutor.__init__

    def spy(self, *args, mp_context=None, **kwargs):  # type: ignore[no-untyped-def]
        started.append(mp_context.get_start_method())
        real(self, *args, mp_context=mp_context, **kwargs)

    monkeypatch.setattr(cfp.ProcessPoolExecutor, "__init__", spy)
    results = build_many(par, cfg, layout=False, workers=3)
    assert started == ["spawn", "spawn"]  # check/compose, then write: both in spawned workers
    assert [r.output for r in results] == [out for _, out in par]
    for (_, a), (_, b) in zip(seq, par, strict=True):
        assert a.read_bytes() == b.read_bytes(), b.name


def test_unknown_start_method_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         cfg: KommunConfig, example: Path) -> None:  # fmt: skip
    from pipeline.common.errors import BatchError

    monkeypatch.setenv(START_METHOD_ENV, "tråd")
    targets = [(example, tmp_path / f"{i}.docx") for i in range(3)]
    with pytest.raises(BatchError, match=f"{START_METHOD_ENV}=tråd"):
        build_many(targets, cfg, layout=False, workers=2)
    assert not list(tmp_path.glob("*.docx"))


# -- Windows: files held open, LibreOffice's place, no pdftotext ------------------------


def test_plan_open_in_word_is_named_and_left_as_it_was(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file Word holds open: the error names the plan (not the
    temporary file), the old plan stays, the temporary file goes."""
    from pipeline.common.atomic import atomic_write

    out = tmp_path / "plan.docx"
    out.write_bytes(b"last year's plan, open in Word")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Åtkomst nekad", str(src), None, str(dst))

    monkeypatch.setattr("pipeline.common.atomic.os.replace", locked)
    with pytest.raises(PermissionError) as caught:
        atomic_write(out, lambda tmp: Path(tmp).write_bytes(b"new"))
    assert caught.value.filename == str(out) and caught.value.filename2 is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]

    code, text = _run("build", str(example), "--no-layout", "-o", str(out))
    assert code == 1
    assert str(out) in text and "Word" in text and "Traceback" not in text
    assert out.read_bytes() == b"last year's plan, open in Word"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]  # temp file removed


def test_workbook_locked_by_excel_is_one_sentence_naming_it() -> None:
    @guard
    def read() -> None:
        raise PermissionError(13, "Permission denied", "indata\\socialnamnden-2024.xlsx")

    with pytest.raises(NamndplanError) as caught:
        read()
    message = caught.value.format_message()
    assert message.startswith("Filen indata\\socialnamnden-2024.xlsx går inte att öppna")
    assert "stäng den" in message and message.count(".") == 1 + message.count(".xlsx")


def test_libreoffice_is_found_where_windows_installs_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    x86 = tmp_path / "Program Files (x86)"
    exe = x86 / "LibreOffice" / "program" / "soffice.exe"
    env = {"ProgramFiles": str(tmp_path / "Program Files"), "ProgramFiles(x86)": str(x86)}
    assert layout_pass.windows_candidates(env) == [
        tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe",
        Path(r"C:\Program Files", "LibreOffice", "program", "soffice.exe"),
        exe,
    ]
    assert Path(r"C:\Program Files (x86)", "LibreOffice", "program", "soffice.exe") in (
        layout_pass.windows_candidates({})
    )
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setattr(layout_pass.shutil, "which", lambda name: None)  # nothing on PATH
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.setattr(layout_pass.sys, "platform", "win32")
    assert layout_pass.soffice() == str(exe)
    # LibreOffice without pdftotext (poppler is rare on Windows): no layout pass, no failure.
    assert not layout_pass.available()


def test_without_pdftotext_the_plan_is_built_without_page_numbers(
    tmp_path: Path, cfg: KommunConfig, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout_pass, "soffice", lambda: "/opt/libreoffice/program/soffice")
    monkeypatch.setattr(layout_pass, "pdftotext", lambda: None)
    result = build_many([(example, tmp_path / "p.docx")], cfg)[0]
    assert result.output == tmp_path / "p.docx" and result.output.exists()
    assert result.notes == [NO_LAYOUT_NOTE] and result.pages is None


def test_output_redirected_in_the_ansi_code_page_does_not_fail() -> None:
    import io

    from pipeline.cli.common import tolerant_output

    raw = io.BytesIO()
    legacy = io.TextIOWrapper(raw, encoding="cp1252")
    with pytest.raises(UnicodeEncodeError):
        legacy.write("ersätt \u2212 med -")
        legacy.flush()
    tolerant_output(legacy)
    legacy.write("ersätt \u2212 med -")
    legacy.flush()
    assert raw.getvalue().endswith("ersätt ? med -".encode("cp1252"))
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    tolerant_output(utf8)
    assert utf8.errors == "strict"
