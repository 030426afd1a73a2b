"""The command line: a thin layer over build.py; the only place that prints and exits.

Command names are English, help texts and messages Swedish.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .config import ConfigError, KommunConfig, load_config
from .contract import SHEET_ORDER
from .findings import Findings

ANNOTATED_SUFFIX = "-granskad"  # reviewed copies written by validate --annotate

LOG_PATH = Path(tempfile.gettempdir()) / "namndplan.log"
DEFAULT_INPUT_DIR = Path("indata")
DEFAULT_OUTPUT_DIR = Path("output")


class NamndplanError(click.ClickException):
    """A domain error shown as one Swedish line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fel: {self.format_message()}", err=True)


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """No traceback ever reaches the user: unexpected errors are logged, said in one line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except ConfigError as exc:
            raise NamndplanError(str(exc)) from None
        except Exception:
            try:
                LOG_PATH.write_text(traceback.format_exc(), encoding="utf-8")
                where = f" Detaljer finns i {LOG_PATH}."
            except OSError:
                where = ""
            raise NamndplanError(f"Ett internt fel uppstod i namndplan.{where}") from None

    return wrapper


def _config(templates: Path | None) -> KommunConfig:
    try:
        return load_config(templates)
    except ConfigError as exc:
        raise NamndplanError(str(exc)) from None


def _print_findings(name: str, findings: Findings) -> None:
    for f in findings.sorted(SHEET_ORDER):
        label = "FEL    " if f.is_error else "VARNING"
        click.echo(f"  {label} {f}")
    click.echo(f"{name}: {findings.summary()}")


layout_option = click.option(
    "--no-layout",
    "no_layout",
    is_flag=True,
    help="Hoppa över LibreOffice-utläggningen; sidnumren i innehållsförteckningen sätts då "
    "när Word uppdaterar fältet.",
)
pdf_option = click.option("--pdf", is_flag=True, help="Skriv även en PDF bredvid .docx-filen.")


def _run_builds(targets: list[tuple[Path, Path]], cfg: KommunConfig, no_layout: bool,
                pdf: bool) -> list[Any]:  # fmt: skip
    from .build import build_many
    from .layout_pass import LayoutError

    try:
        return build_many(targets, cfg, layout=False if no_layout else None, pdf=pdf)
    except LayoutError as exc:
        raise NamndplanError(str(exc)) from None


def _print_done(result: Any) -> None:
    pages = f" ({result.pages} sidor)" if result.pages else ""
    click.echo(f"  Klar: {result.output}{pages}")
    if result.pdf:
        click.echo(f"  PDF: {result.pdf}")
    for note in result.notes:
        click.echo(f"  Obs: {note}")


templates_option = click.option(
    "--mallar",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mapp med kommunens mallar (kommun.toml, texter/, layout.docx). Standard: templates/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="namndplan", message="namndplan %(version)s")
def main() -> None:
    """Bygger nämndplaner (.docx) från ifyllda indata-arbetsböcker (.xlsx)."""


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Behandla varningar som fel.")
@click.option("--annotate", is_flag=True,
              help="Skriv en granskad kopia (<namn>-granskad.xlsx) med varje fel som kommentar "
              "i cellen. Originalet ändras aldrig.")  # fmt: skip
@templates_option
@_guard
def validate_cmd(files: tuple[Path, ...], strict: bool, annotate: bool,
                 templates: Path | None) -> None:  # fmt: skip
    """Granska en eller flera arbetsböcker och visa alla fel och varningar."""
    from .build import check

    cfg = _config(templates)
    failed = False
    for path in files:
        result = check(path, cfg)
        _print_findings(path.name, result.findings)
        if annotate and result.valid is not None and result.findings:
            from .annotate import annotate as write_annotated

            click.echo(f"  Granskad kopia: {write_annotated(path, result.findings)}")
        if result.findings.has_errors or (strict and result.findings.warnings):
            failed = True
    sys.exit(1 if failed else 0)


@main.command("build")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Utfil (.docx). Standard: output/<arbetsbokens namn>.docx.",
)
@layout_option
@pdf_option
@templates_option
@_guard
def build_cmd(file: Path, out: Path | None, no_layout: bool, pdf: bool,
              templates: Path | None) -> None:  # fmt: skip
    """Granska en arbetsbok och bygg nämndplanen. Inget skrivs om arbetsboken har fel."""
    cfg = _config(templates)
    target = out or DEFAULT_OUTPUT_DIR / f"{file.stem}.docx"
    result = _run_builds([(file, target)], cfg, no_layout, pdf)[0]
    _print_findings(file.name, result.check.findings)
    if result.output is None:
        click.echo(f"Ingen plan skrevs: rätta felen ovan. {target} är orörd.", err=True)
        sys.exit(1)
    _print_done(result)


@main.command("plan")
@click.argument(
    "directory",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_INPUT_DIR,
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT_DIR,
    show_default=True,
    help="Mapp för de färdiga planerna.",
)
@layout_option
@pdf_option
@templates_option
@_guard
def plan_cmd(directory: Path, out_dir: Path, no_layout: bool, pdf: bool,
             templates: Path | None) -> None:  # fmt: skip
    """Bygg en plan för varje arbetsbok i mappen (standard: indata/) till output/."""
    cfg = _config(templates)
    if not directory.is_dir():
        raise NamndplanError(f"Mappen {directory} finns inte.")
    books = sorted(
        p
        for p in directory.iterdir()
        if p.suffix.lower() in (".xlsx", ".xlsm")
        and not p.name.startswith(("~$", "."))
        and not p.stem.endswith(ANNOTATED_SUFFIX)
    )
    if not books:
        raise NamndplanError(f"Mappen {directory} innehåller inga arbetsböcker (.xlsx).")
    failed = 0
    results = _run_builds([(p, out_dir / f"{p.stem}.docx") for p in books], cfg, no_layout, pdf)
    for path, result in zip(books, results, strict=True):
        _print_findings(path.name, result.check.findings)
        if result.output is None:
            failed += 1
            click.echo(f"  Ingen plan byggdes för {path.name}.")
        else:
            _print_done(result)
    click.echo(f"{len(books) - failed} av {len(books)} planer byggda i {out_dir}.")
    sys.exit(1 if failed else 0)


@main.command("a11y")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False,
                                                                  path_type=Path))  # fmt: skip
@_guard
def a11y_cmd(files: tuple[Path, ...]) -> None:
    """Granska tillgängligheten i Word-dokument (.docx) enligt lagen om tillgänglighet till
    digital offentlig service: titel, språk, rubriker, tomma stycken, listor, tabeller,
    alternativtext och kontrast."""
    import zipfile

    from .a11y import check_docx

    failed = False
    for path in files:
        try:
            checks = check_docx(path)
        except (zipfile.BadZipFile, ValueError, KeyError):
            raise NamndplanError(
                f"{path.name}: filen är inget läsbart Word-dokument (.docx)."
            ) from None
        click.echo(f"{path.name}:")
        for c in checks:
            click.echo(f"  {'OK ' if c.ok else 'FEL'} {c.name}")
            for problem in c.problems:
                click.echo(f"        {problem}")
        bad = sum(not c.ok for c in checks)
        click.echo(f"{path.name}: {len(checks) - bad} av {len(checks)} kontroller godkända.")
        failed = failed or bad > 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
