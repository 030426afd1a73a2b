"""The command line: a thin layer over build.py; the only place that prints and exits.

Command names are English, help texts and messages Swedish.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.cli.common import NamndplanError, kommun_config, templates_line, templates_option
from pipeline.cli.common import guard as _guard
from pipeline.cli.sv import SwedishGroup
from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import SHEET_ORDER

ANNOTATED_SUFFIX = "-granskad"  # reviewed copies written by validate --annotate

DEFAULT_INPUT_DIR = Path("indata")
DEFAULT_OUTPUT_DIR = Path("output")


def _sheet_order(valid: Any) -> dict[str, int]:
    """The workbook's own sheet order (a follow-up workbook's sheets are not the plan's)."""
    contract = getattr(valid, "contract", None)
    return contract.sheet_order if contract is not None else SHEET_ORDER


def _print_findings(name: str, findings: Findings, order: dict[str, int] = SHEET_ORDER) -> None:
    """Errors first, then warnings; a kind of finding repeated down a column (numbers saved
    as text, texts carried over unchanged) is said once with its cells. The reviewed copy
    (``--annotate``) still marks every cell."""
    for f in findings.condensed(order):
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
                pdf: bool, batch: bool = False) -> list[Any]:  # fmt: skip
    """Build through build_many; a batch runs in parallel and shows a progress bar."""
    import os

    from pipeline.build import build_many
    from pipeline.common.errors import BatchError, LayoutError

    kwargs: dict[str, Any] = {
        "layout": False if no_layout else None,
        "pdf": pdf,
        "workers": (os.cpu_count() or 1) if batch else 1,
        "same_batch": batch,
    }
    try:
        if not (batch and sys.stderr.isatty() and len(targets) > 1):
            return build_many(targets, cfg, **kwargs)
        with click.progressbar(length=2 * len(targets), label="Bygger planer",
                               file=sys.stderr) as bar:  # fmt: skip
            return build_many(targets, cfg, progress=bar.update, **kwargs)
    except (LayoutError, BatchError) as exc:
        raise NamndplanError(str(exc)) from None


def _print_done(result: Any) -> None:
    pages = f" ({result.pages} sidor)" if result.pages else ""
    click.echo(f"  Klar: {result.output}{pages}")
    if result.pdf:
        click.echo(f"  PDF: {result.pdf}")
    for note in result.notes:
        click.echo(f"  Obs: {note}")
    click.echo(f"  {templates_line()}")


@click.group(cls=SwedishGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    from pipeline.check.workbook import check

    cfg = kommun_config(templates)
    failed = False
    for path in files:
        result = check(path, cfg)
        _print_findings(path.name, result.findings, _sheet_order(result.valid))
        if annotate and result.valid is not None and result.findings:
            from pipeline.common.errors import AnnotateError
            from pipeline.workbooks.annotate import annotate as write_annotated

            try:
                click.echo(f"  Granskad kopia: {write_annotated(path, result.findings)}")
            except AnnotateError as exc:
                click.echo(f"  Ingen granskad kopia skrevs: {exc}")
                failed = True
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
    """Granska en arbetsbok och bygg nämndplanen, eller rapporten ur en
    uppföljningsarbetsbok (Tertialrapport, Delårsrapport, Verksamhetsberättelse). Inget
    skrivs om arbetsboken har fel."""
    cfg = kommun_config(templates)
    target = out or DEFAULT_OUTPUT_DIR / f"{file.stem}.docx"
    result = _run_builds([(file, target)], cfg, no_layout, pdf)[0]
    _print_findings(file.name, result.check.findings, _sheet_order(result.check.valid))
    if result.output is None:
        noun = "plan" if result.kind is None else "rapport"
        click.echo(f"Ingen {noun} skrevs: rätta felen ovan. {target} är orörd.", err=True)
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
    """Bygg en plan för varje arbetsbok i mappen (standard: indata/) till output/, och en
    rapport för varje uppföljningsarbetsbok där."""
    cfg = kommun_config(templates)
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
    targets = [(p, out_dir / f"{p.stem}.docx") for p in books]
    results = _run_builds(targets, cfg, no_layout, pdf, batch=True)
    for path, result in zip(books, results, strict=True):
        if result.check.findings:
            _print_findings(path.name, result.check.findings, _sheet_order(result.check.valid))
    _print_summary(results)
    notes = list(dict.fromkeys(n for r in results for n in r.notes))
    for note in notes:
        click.echo(f"Obs: {note}")
    built = [r for r in results if r.output is not None]
    # One summary for the plans, and one for each kind of follow-up report (the batch has
    # one year of each: build.check_batch).
    kinds: dict[str | None, list[Any]] = {}
    for r in results:
        kinds.setdefault(r.kind, []).append(r)
    for kind, group in kinds.items():
        years = {r.check.valid.year for r in group if r.check.valid and r.check.valid.year}
        if not any(r.output is not None for r in group) or len(years) != 1:
            continue
        year = years.pop()
        from pipeline.workbooks import summary

        if kind is None:
            path = summary.write_summary(group, year, summary.summary_path(out_dir, year),
                                         cfg.amount.decimals)  # fmt: skip
        else:
            path = summary.write_report_summary(
                group, year, summary.report_summary_path(out_dir, kind, year), cfg.amount.decimals)  # fmt: skip
        click.echo(f"Sammanställning: {path}")
    failed = len(results) - len(built)
    click.echo(templates_line(cfg))
    plans = [r for r in results if r.kind is None]
    reports = [r for r in results if r.kind is not None]
    counts = []
    if plans or not reports:
        counts.append(f"{sum(r.output is not None for r in plans)} av {len(plans)} planer")
    if reports:
        counts.append(f"{sum(r.output is not None for r in reports)} av {len(reports)} rapporter")
    click.echo(f"{' och '.join(counts)} byggda i {out_dir}.")
    sys.exit(1 if failed else 0)


def _print_summary(results: list[Any]) -> None:
    reports = any(r.kind is not None for r in results)
    rows = [("Nämnd", "År", "Fel", "Varn.", "Sidor", "Dokument" if reports else "Plan")]
    for r in results:
        valid = r.check.valid
        document = r.plan or r.report
        namnd = document.namnd if document else (
            str(valid.grunddata["Nämnd"].value) if valid and "Nämnd" in valid.grunddata
            and valid.grunddata["Nämnd"].value else r.check.path.name)  # fmt: skip
        year = str(valid.year) if valid and valid.year else "?"
        if r.kind is not None:
            namnd = f"{namnd} ({r.kind})"
        rows.append((namnd, year, str(len(r.check.findings.errors)),
                     str(len(r.check.findings.warnings)), str(r.pages or "–"),
                     str(r.output) if r.output else f"EJ BYGGD ({r.check.path.name})"))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    click.echo("")
    for n, row in enumerate(rows):
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))


@main.command("a11y")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False,
                                                                  path_type=Path))  # fmt: skip
@_guard
def a11y_cmd(files: tuple[Path, ...]) -> None:
    """Granska tillgängligheten i Word-dokument (.docx) enligt lagen om tillgänglighet till
    digital offentlig service: titel, språk, rubriker, tomma stycken, listor, tabeller,
    alternativtext och kontrast."""
    import zipfile

    from pipeline.write.a11y import check_docx

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


def _register_workbook_commands() -> None:
    from pipeline.cli.kommun import init_cmd
    from pipeline.cli.workbooks import followup_cmd, rollover_cmd, template_cmd

    main.add_command(template_cmd)
    main.add_command(rollover_cmd)
    main.add_command(followup_cmd)
    main.add_command(init_cmd)


_register_workbook_commands()


def _register_web_commands() -> None:
    from pipeline.cli.web import account_group, serve_cmd

    main.add_command(serve_cmd)
    main.add_command(account_group)


_register_web_commands()


def run() -> None:
    """The ``namndplan`` program: the commands, then a quick exit.

    When a command is done, every object is moved out of the garbage collector's reach
    (``gc.freeze``): the interpreter's final collection at exit would otherwise walk the
    whole heap (the libraries' objects and ours) only to free memory the operating system
    takes back anyway, 10-15 ms of each run (issue 6). Output files are closed before,
    temporary folders are removed by their own exit handlers, and tests call ``main``,
    so no long-lived process is affected.
    """
    import gc

    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
