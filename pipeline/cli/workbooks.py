"""Commands for the input workbooks: ``template`` (a blank one) and ``rollover`` (next year).

Registered on the main group in ``cli.py``::

    from pipeline.cli.workbooks import rollover_cmd, template_cmd
    main.add_command(template_cmd)
    main.add_command(rollover_cmd)

The shared pieces (the guard, the domain error, --mallar) come from ``cli_common``.
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.common import NamndplanError, kommun_config, templates_option
from pipeline.cli.common import guard as _guard
from pipeline.spec.contract import MAX_YEAR, MIN_YEAR

DEFAULT_TEMPLATE_DIR = Path("input_templates")


def _fail(message: str) -> click.ClickException:
    return NamndplanError(message)


def _check_year(year: int, option: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(f"{option} {year} är inget rimligt budgetår; skriv ett årtal, t.ex. 2025.")


def _check_xlsx(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise _fail(f"Utfilen {path} ska vara en Excel-arbetsbok (.xlsx).")


def _check_free(path: Path, overwrite: bool) -> None:
    """Refuse an existing output without --skriv-over (the same wording as rollover)."""
    try:
        exists = path.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise _fail(f"{path.name} kan inte skrivas ({exc.strerror}). Välj ett annat namn "
                    "med -o.") from None  # fmt: skip
    if exists and not overwrite:
        raise _fail(
            f"{path} finns redan och lämnas orörd. Välj ett annat namn med -o, eller "
            "ersätt filen med --skriv-over."
        )


@click.command("template")
@click.option(
    "--year",
    "year",
    type=int,
    required=True,
    help="Budgetåret som arbetsboken gäller, t.ex. 2025.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Utfil (.xlsx). Standard: input_templates/namndplan-<år>.xlsx.",
)
@click.option(
    "--skriv-over",
    "overwrite",
    is_flag=True,
    help="Ersätt utfilen om den redan finns.",
)
@templates_option
@_guard
def template_cmd(year: int, out: Path | None, overwrite: bool, templates: Path | None) -> None:
    """Skriv en tom indata-arbetsbok för ett budgetår: instruktioner, rubriker för året,
    listor att välja i och hjälptexter. Kommun och Budgetår är ifyllda. En fil som redan
    finns lämnas orörd utan --skriv-over."""
    from pipeline.workbooks.template import write_workbook

    _check_year(year, "--year")
    target = out or DEFAULT_TEMPLATE_DIR / f"namndplan-{year}.xlsx"
    _check_xlsx(target)
    _check_free(target, overwrite)
    cfg = kommun_config(templates)
    try:
        write_workbook(target, year, cfg)
    except OSError as exc:  # a folder that is not there, a name too long, a locked file
        raise _fail(f"{target} kan inte skrivas ({exc.strerror or type(exc).__name__}). "
                    "Välj ett annat namn eller en annan mapp med -o.") from None  # fmt: skip
    click.echo(f"Klar: {target}")
    click.echo(
        f"Spara en kopia per nämnd, t.ex. socialnamnden-{year}.xlsx, fyll i den och granska "
        "den med namndplan validate."
    )


@click.command("rollover")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--to",
    "to_year",
    type=int,
    required=True,
    help="Det nya budgetåret: arbetsbokens Budgetår + 1.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Utfil (.xlsx). Standard: samma namn med det nya året, "
    "t.ex. socialnamnden-2025.xlsx, i samma mapp.",
)
@click.option(
    "--skriv-over",
    "overwrite",
    is_flag=True,
    help="Ersätt utfilen om den redan finns. Originalet skrivs aldrig över.",
)
@templates_option
@_guard
def rollover_cmd(
    file: Path, to_year: int, out: Path | None, overwrite: bool, templates: Path | None
) -> None:
    """Skapa nästa års arbetsbok från årets. Texterna följer med. Belopp och utfall behåller
    sina år och hamnar i det nya årets kolumner (Plan 2025 blir Budget 2025). Originalet
    ändras inte."""
    from pipeline.workbooks.rollover import RolloverError, rollover

    _check_year(to_year, "--to")
    cfg = kommun_config(templates)
    try:
        target = rollover(file, to_year, cfg, out, overwrite=overwrite)
    except RolloverError as exc:
        raise _fail(str(exc)) from None
    click.echo(f"Klar: {target}")
    click.echo(
        f"Fyll i Bokslut {to_year - 2}, Prognos {to_year - 1} och Plan {to_year + 2} i "
        f"volymerna och budgetarna och Utfall {to_year - 1} för nyckeltalen, uppdatera "
        f"texterna och granska sedan med: namndplan validate {target}"
    )
