"""Checks of a follow-up workbook (Tertialrapport, Delårsrapport, Verksamhetsberättelse) that
a plan does not have: its required Sammanfattning, an assessment of every goal, the status
of every commission, a forecast deficit without åtgärder, an outcome far beyond the period's
share of the year's budget, and the columns a report needs filled.

The form of every cell, the typed Totalt and Avvikelse rows, amounts in the wrong unit and
fractions as percentages are checked as for a plan (``validate.py``, ``sense.py``, over the
follow-up's contract). Each finding names its ``Sheet!Cell`` and says what to do; all are
warnings except a missing Sammanfattning, which the report cannot do without.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.common import numfmt
from pipeline.common.findings import Findings
from pipeline.read.workbook import _cell_ref
from pipeline.spec.followup import (
    PERIOD_FIELD,
    VERKSAMHETSBERATTELSE,
    deviation,
    period_months,
    period_words,
)

if TYPE_CHECKING:
    from pipeline.check.validate import ValidWorkbook
    from pipeline.spec.config import KommunConfig

# An outcome for the period this many times the period's share of a cost's full-year
# budget (8/12 of it in a januari–augusti report) is worth a look: kommun.toml
# [granskning] utfall_periodandel_faktor.
PERIOD_SHARE_FACTOR = 1.5
SAMMANFATTNING = "Sammanfattning"
ATGARDER = "Åtgärder"
DRIFT = "Driftsredovisning"

# The columns a finished report needs, by sheet; a column empty on every row is warned
# about (the forecast not in a Verksamhetsberättelse, where the outcome is the year's).
FILLED: dict[str, tuple[str, ...]] = {
    "Volymer": ("bokslut_fg", "budget", "utfall", "prognos"),
    DRIFT: ("bokslut_fg", "budget", "utfall", "prognos"),
    "Investeringsredovisning": ("budget", "utfall", "prognos"),
}
_FILLED_WHAT = {
    "bokslut_fg": "förra årets bokslut",
    "budget": "årets budget",
    "utfall": "utfallet för perioden",
    "prognos": "prognosen för helåret",
}


def followup_checks(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """Add the follow-up's own findings to ``findings``."""
    _sammanfattning(valid, findings)
    _assessments(valid, cfg, findings)
    _statuses(valid, findings)
    _missing_forecasts(valid, findings)
    _deficit_without_measures(valid, cfg, findings)
    _outcome_beyond_share(valid, cfg, findings)
    _effects_beyond_budget(valid, cfg, findings)


def _header(valid: ValidWorkbook, sheet: str, key: str) -> tuple[str, str]:
    spec = valid.contract.sheets_by_name[sheet]
    i = next(i for i, c in enumerate(spec.columns) if c.key == key)
    col = spec.columns[i]
    return (col.header_for(valid.year) if valid.year else col.header), _cell_ref(1, i + 1)


def _refused(findings: Findings) -> set[str]:
    """The cells validation refused (a value not in the list): said once, not also as
    missing."""
    return {f.location for f in findings.errors}


# --- required parts ---------------------------------------------------------------------------


def _sammanfattning(valid: ValidWorkbook, findings: Findings) -> None:
    rows = valid.rows.get(SAMMANFATTNING, [])
    if rows and not any(r["avsnitt"].value == SAMMANFATTNING for r in rows):
        findings.error(
            SAMMANFATTNING,
            _cell_ref(len(rows) + 2, 1),
            f"Raden {SAMMANFATTNING} saknas: rapporten börjar med nämndens sammanfattning.",
            f"Lägg till en rad med Avsnitt {SAMMANFATTNING} och texten i kolumn Text.",
        )


def _assessments(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """Every goal of kommunfullmäktige followed up, and every goal and development goal
    given a Bedömning."""
    rows = valid.rows.get("Måluppföljning", [])
    if rows:
        from pipeline.spec.profile import shown_goals

        # the goals the report shows a part for: all, or the målområden only (profil.toml)
        profile = getattr(cfg.profile, "followup", None) or cfg.profile
        present = {r["mal"].value for r in rows}
        for goal in shown_goals(profile, cfg.goals):
            if goal not in present:
                findings.warning(
                    "Måluppföljning",
                    "",
                    f'Målet "{goal}" följs inte upp: det har ingen rad på bladet.',
                    "Lägg till en rad med målet, bedömningen och analysen.",
                )
    for sheet, what in (("Måluppföljning", "målet "), ("Utvecklingsmål", "utvecklingsmålet ")):
        _missing_choice(valid, findings, sheet, "bedomning", "mal", what)


def _statuses(valid: ValidWorkbook, findings: Findings) -> None:
    _missing_choice(valid, findings, "Satsningar och uppdrag", "status", "rubrik", "")


def _missing_choice(valid: ValidWorkbook, findings: Findings, sheet: str, key: str,
                    name_key: str, what: str) -> None:  # fmt: skip
    """A warning for each row that names something (``name_key``) but leaves the closed-list
    column ``key`` empty; the hint lists the column's choices from the contract. A value the
    list refused is an error already and not said again."""
    header, _ = _header(valid, sheet, key)
    choices = valid.contract.sheets_by_name[sheet].column(key).choices
    hint = f"Välj {', '.join(choices[:-1])} eller {choices[-1]}."
    refused = _refused(findings)
    for row in valid.rows.get(sheet, []):
        cell = row[key]
        if cell.value is None and row[name_key].value and cell.where not in refused:
            findings.warning(
                sheet,
                cell.ref,
                f'{header} saknas för {what}"{row[name_key].value}".',
                hint,
                group=f"{header} saknas på bladet {sheet}",
            )


# --- columns a report needs -------------------------------------------------------------------


def empty_columns(valid: ValidWorkbook, findings: Findings) -> None:
    """One warning per column a report needs that is empty on every row of its sheet."""
    final = valid.report == VERKSAMHETSBERATTELSE
    for sheet, keys in FILLED.items():
        rows = valid.rows.get(sheet, [])
        if not rows:
            continue
        for key in keys:
            if (final and key == "prognos") or any(r[key].value is not None for r in rows):
                continue
            header, ref = _header(valid, sheet, key)
            findings.warning(
                sheet,
                ref,
                f'Kolumnen "{header}" är tom på alla rader.',
                f"En färdig uppföljning behöver {_FILLED_WHAT[key]}: fyll i kolumnen (efter "
                "namndplan followup är den tom tills du gör det).",
            )


def _missing_forecasts(valid: ValidWorkbook, findings: Findings) -> None:
    """A verksamhet with a budget but no forecast, where others have one: its Avvikelse
    cannot be computed and the Totalt leaves it out."""
    if valid.report == VERKSAMHETSBERATTELSE:
        return
    rows = valid.rows.get(DRIFT, [])
    if not any(r["prognos"].value is not None for r in rows):
        return  # the whole column is empty: said once by empty_columns
    header, _ = _header(valid, DRIFT, "prognos")
    for row in rows:
        if row["budget"].value is not None and row["prognos"].value is None:
            findings.warning(
                DRIFT,
                row["prognos"].ref,
                f'{header} saknas för "{row["namn"].value}"; avvikelsen mot budget kan inte '
                "räknas ut för raden och den kommer inte med i Totalt.",
                "Fyll i prognosen för helåret i samma enhet som budgeten.",
            )


# --- economy ---------------------------------------------------------------------------------


def total_deviation(valid: ValidWorkbook) -> tuple[Decimal | None, bool]:
    """Driftsredovisning's Totalt Avvikelse (``followup.deviation`` summed over the rows),
    and whether it is the outcome's (a Verksamhetsberättelse without forecasts)."""
    total: Decimal | None = None
    by_outcome = False
    for row in valid.rows.get(DRIFT, []):
        d = deviation(row["budget"].value, row["utfall"].value, row["prognos"].value,
                      valid.report)  # fmt: skip
        if d is None:
            continue
        total = d if total is None else total + d
        by_outcome = by_outcome or not isinstance(row["prognos"].value, Decimal)
    return total, by_outcome


def _deficit_without_measures(valid: ValidWorkbook, cfg: KommunConfig,
                              findings: Findings) -> None:  # fmt: skip
    total, by_outcome = total_deviation(valid)
    if total is None or total >= 0 or valid.rows.get(ATGARDER):
        return  # no deficit, or measures
    amount = cfg.amount
    shown = numfmt.amount(-total, amount.decimals)
    if shown.strip("0,") == "":
        return  # a deficit that rounds to 0,0 is none to act on
    what = "Utfallet" if by_outcome else "Prognosen"
    effect, _ = _header(valid, ATGARDER, "effekt")
    findings.warning(
        ATGARDER,
        "A2",
        f"{what} visar ett underskott på {shown} {amount.unit} mot budget (Totalt på bladet "
        f"{DRIFT}) men bladet {ATGARDER} "
        f"{'är tomt' if ATGARDER in valid.rows else 'saknas i arbetsboken'}.",
        f"Beskriv på bladet {ATGARDER} vad nämnden gör åt underskottet: åtgärden, dess "
        f"effekt ({effect}) och om den är beslutad. Kommunen förväntar sig en åtgärdsplan "
        "vid ett befarat underskott.",
    )


def _outcome_beyond_share(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """A cost whose outcome for the period is far beyond the period's share of its full-year
    budget: an outcome for the whole year, a sign slip or an amount in the wrong row."""
    period = valid.period
    if period is None:
        return
    months = period_months(period)
    factor = Decimal(str(cfg.setting("granskning", "utfall_periodandel_faktor",
                                     PERIOD_SHARE_FACTOR)))  # fmt: skip
    share = Decimal(months) / 12
    decimals = cfg.amount.decimals
    unit = cfg.amount.unit
    header, _ = _header(valid, DRIFT, "utfall")
    for row in valid.rows.get(DRIFT, []):
        budget, cell = row["budget"].value, row["utfall"]
        outcome = cell.value
        if not (isinstance(budget, Decimal) and isinstance(outcome, Decimal)):
            continue
        if budget >= 0:
            continue  # costs only: an income can come in one payment
        expected = -budget * share
        if -outcome <= expected * factor:
            continue
        of_budget = numfmt.percent((outcome / budget * 100).quantize(Decimal(1)))
        where = (f"perioden {period_words(period)} ({months} av 12 månader)"
                 if months < 12 else "helåret")  # fmt: skip
        findings.warning(
            DRIFT,
            cell.ref,
            f"Utfallet {numfmt.amount(outcome, decimals)} {unit} ({header}) för "
            f'"{row["namn"].value}" är {of_budget} av helårsbudgeten '
            f"({numfmt.amount(budget, decimals)} {unit}); för {where} väntas omkring "
            f"{numfmt.amount(-expected, decimals)} {unit}.",
            f"Kontrollera att utfallet gäller perioden till och med {period.lower()} "
            f"({PERIOD_FIELD} på bladet Grunddata) och är skrivet i {unit}; är det rätt kan "
            "varningen lämnas.",
        )


def _effects_beyond_budget(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """A measure whose effect this year is larger than the nämnd's whole operating budget:
    typed in the smaller unit (tkr among Mnkr), surely."""
    budgets = [r["budget"].value for r in valid.rows.get(DRIFT, [])]
    total = sum((b for b in budgets if isinstance(b, Decimal)), Decimal(0))
    if total == 0:
        return
    amount = cfg.amount
    header, _ = _header(valid, ATGARDER, "effekt")
    for row in valid.rows.get(ATGARDER, []):
        cell = row["effekt"]
        if isinstance(cell.value, Decimal) and abs(cell.value) > abs(total):
            findings.warning(
                ATGARDER,
                cell.ref,
                f"Effekten {numfmt.amount(cell.value, amount.decimals)} {amount.unit} "
                f"({header}) är större än nämndens hela driftsbudget "
                f"({numfmt.amount(total, amount.decimals)} {amount.unit}). Det ser ut att vara "
                f"skrivet i {amount.smaller}; i {amount.unit} blir det "
                f"{numfmt.amount(cell.value / 1000, amount.decimals)}.",
                f"Belopp skrivs i {amount.unit} ({amount.words}) {amount.exact}.",
            )
