"""Commands for the input workbooks: ``template`` (a blank one, a plan's or a follow-up's),
``rollover`` (next year's plan) and ``followup`` (a follow-up workbook from the plan).

Registered on the main group in ``cli.py``::

    from pipeline.cli.workbooks import followup_cmd, rollover_cmd, template_cmd
    main.add_command(template_cmd)
    main.add_command(rollover_cmd)
    main.add_command(followup_cmd)

The shared pieces (the guard, the domain error, --mallar) come from ``cli_common``.
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.common import NamndplanError, kommun_config, templates_option
from pipeline.cli.common import guard as _guard
from pipeline.spec.contract import MAX_YEAR, MIN_YEAR

DEFAULT_TEMPLATE_DIR = Path("input_templates")
# The follow-up reports, as the contract names them (spec/followup.py REPORT_NAMES); kept
# literal here so that the command line does not import the contracts before it runs.
REPORTS = ("Tertialrapport", "Delårsrapport", "Verksamhetsberättelse")

rapport_help = "Uppföljningens rapport: Tertialrapport, Delårsrapport eller Verksamhetsberättelse."
period_help = (
    "Periodens sista månad: Mars eller April för en tertialrapport (standard April), "
    "Augusti för en delårsrapport, December för en verksamhetsberättelse."
)


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
    help="Utfil (.xlsx). Standard: input_templates/namndplan-<år>.xlsx, med --rapport "
    "t.ex. input_templates/delarsrapport-<år>.xlsx.",
)
@click.option("--rapport", "rapport", default=None, metavar="RAPPORT",
              help=rapport_help + " Utan --rapport blir det en nämndplans arbetsbok.")  # fmt: skip
@click.option("--period", "period", default=None, metavar="MÅNAD", help=period_help)
@click.option(
    "--skriv-over",
    "overwrite",
    is_flag=True,
    help="Ersätt utfilen om den redan finns.",
)
@templates_option
@_guard
def template_cmd(year: int, out: Path | None, rapport: str | None, period: str | None,
                 overwrite: bool, templates: Path | None) -> None:  # fmt: skip
    """Skriv en tom indata-arbetsbok för ett budgetår: instruktioner, rubriker för året,
    listor att välja i och hjälptexter. Kommun och Budgetår är ifyllda; med --rapport blir
    det en uppföljnings arbetsbok med Rapport och Period till och med ifyllda. En fil som
    redan finns lämnas orörd utan --skriv-over."""
    from pipeline.workbooks.template import write_workbook

    _check_year(year, "--year")
    grunddata, contract, name = None, None, f"namndplan-{year}.xlsx"
    if rapport is not None:
        from pipeline.spec.followup import FOLLOWUP, report_slug
        from pipeline.workbooks.followup import FollowupError, period_month, report_name

        try:
            report = report_name(rapport)
            grunddata = {"Rapport": report, "Period till och med": period_month(report, period)}
        except FollowupError as exc:
            raise _fail(str(exc)) from None
        contract, name = FOLLOWUP, f"{report_slug(report)}-{year}.xlsx"
    elif period is not None:
        raise _fail("--period gäller bara en uppföljning: ange också --rapport.")
    target = out or DEFAULT_TEMPLATE_DIR / name
    _check_xlsx(target)
    _check_free(target, overwrite)
    cfg = kommun_config(templates)
    try:
        if contract is None:
            write_workbook(target, year, cfg)
        else:
            write_workbook(target, year, cfg, grunddata, contract=contract)
    except OSError as exc:  # a folder that is not there, a name too long, a locked file
        raise _fail(f"{target} kan inte skrivas ({exc.strerror or type(exc).__name__}). "
                    "Välj ett annat namn eller en annan mapp med -o.") from None  # fmt: skip
    click.echo(f"Klar: {target}")
    example = f"{year}.xlsx" if contract is None else name
    click.echo(
        f"Spara en kopia per nämnd, t.ex. socialnamnden-{example}, fyll i den och granska "
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


@click.command("followup")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--rapport", "rapport", required=True, metavar="RAPPORT", help=rapport_help)
@click.option("--period", "period", default=None, metavar="MÅNAD", help=period_help)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="Utfil (.xlsx) eller mapp. Standard: planens namn med rapporten, t.ex. "
    "socialnamnden-2024-delarsrapport.xlsx, i samma mapp som planen.",
)
@click.option(
    "--skriv-over",
    "overwrite",
    is_flag=True,
    help="Ersätt utfilen om den redan finns. Planen skrivs aldrig över.",
)
@templates_option
@_guard
def followup_cmd(file: Path, rapport: str, period: str | None, out: Path | None,
                 overwrite: bool, templates: Path | None) -> None:  # fmt: skip
    """Skapa arbetsboken för en uppföljning (tertialrapport, delårsrapport eller
    verksamhetsberättelse) från nämndens plan för samma år. Verksamheter och budget,
    investeringar, volymer, mål, utvecklingsmål, satsningar och uppdrag och nyckeltal följer
    med; utfall, prognos, bedömningar och texter fyller du i. Planen granskas först och
    ändras inte."""
    from pipeline.workbooks.followup import FollowupError, make_followup

    cfg = kommun_config(templates)
    try:
        target = make_followup(file, rapport, cfg, out, period=period, overwrite=overwrite)
    except FollowupError as exc:
        raise _fail(str(exc)) from None
    click.echo(f"Klar: {target}")
    click.echo(
        "Fyll i utfall och prognos, bedömningar, status och texterna (bladen Sammanfattning, "
        "Måluppföljning, Driftsredovisning och de andra) och granska sedan med: "
        f"namndplan validate {target}"
    )
