"""The follow-up workbook contract (shared/spec/uppfoljning.md) as data.

A follow-up workbook (Tertialrapport, Delårsrapport, Verksamhetsberättelse) holds one
nämnd, one budget year Y and one report. Like the plan's contract (``contract.py``) this is
the single description the reader, the validator, the blank template and ``followup`` derive
from; sheet names, headers and their order are a public interface. A workbook whose
Grunddata has a ``Rapport`` row is a follow-up workbook.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from pipeline.spec.contract import (
    GRUNDDATA_FIELDS,
    JA_NEJ,
    MANADER,
    SHEETS_BY_NAME,
    Column,
    Contract,
    Field,
    Kind,
    SheetSpec,
)


class Report(NamedTuple):
    """One kind of follow-up report and the periods it may cover."""

    name: str  # Grunddata's Rapport
    periods: tuple[str, ...]  # allowed "Period till och med" months, first is the default


REPORTS: tuple[Report, ...] = (
    Report("Tertialrapport", ("April", "Mars")),
    Report("Delårsrapport", ("Augusti",)),
    Report("Verksamhetsberättelse", ("December",)),
)
REPORTS_BY_NAME: dict[str, Report] = {r.name: r for r in REPORTS}
REPORT_NAMES: tuple[str, ...] = tuple(r.name for r in REPORTS)

BEDOMNINGAR = ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Kan inte bedömas")
STATUSAR = ("Genomfört", "Pågår", "Ej påbörjat", "Avbrutet")
SAMMANFATTNING_AVSNITT = ("Sammanfattning", "Väsentliga händelser", "Förväntad utveckling",
                          "Personal")  # fmt: skip
KOMMENTAR_AVSNITT = ("Volymer", "Driftsredovisning", "Investeringsredovisning")

# Grunddata: the plan's fields (Prognosmånad no longer required: the forecast is the
# report's own), then Rapport and Period till och med.
FOLLOWUP_GRUNDDATA_FIELDS: tuple[Field, ...] = (
    *(
        f._replace(required=False, help="Används inte i en uppföljning (frivilligt).")
        if f.name == "Prognosmånad"
        else f
        for f in GRUNDDATA_FIELDS
    ),
    Field("Rapport", True, "report",
          "Tertialrapport, Delårsrapport eller Verksamhetsberättelse.", REPORT_NAMES),
    Field("Period till och med", True, "month",
          "Periodens sista månad: Mars eller April (tertial), Augusti (delår), "
          "December (verksamhetsberättelse).",
          tuple(m for m in MANADER if any(m in r.periods for r in REPORTS))),
)  # fmt: skip

_TEXT_HELP = "Radbrytning (Alt+Enter) ger nytt stycke. Rader som börjar med '- ' blir punktlista."
_MONEY_HELP = (
    "Belopp i Mnkr med en decimal, kostnader negativa, t.ex. -52,4. Lämna tomt om uppgift saknas."
)
_BEDOMNING = Column("bedomning", "Bedömning", Kind.CHOICE, choices=BEDOMNINGAR,
                    help="Uppfyllt, Delvis uppfyllt, Ej uppfyllt eller Kan inte bedömas.")  # fmt: skip
_ANALYS = Column("analys", "Analys", Kind.TEXT, help=_TEXT_HELP)
_FIGURE_HELP = "Utfallet som tal; procent som 77,7 eller 77,7 %. Tomt om uppgift saknas."


def _money(key: str, header: str, offset: int, kind: Kind = Kind.MONEY) -> Column:
    help_ = _MONEY_HELP if kind is Kind.MONEY else "Antal som heltal. Tomt om uppgift saknas."
    return Column(key, header, kind, year_offset=offset, help=help_)


_plan = SHEETS_BY_NAME

FOLLOWUP_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Sammanfattning",
        (
            Column("avsnitt", "Avsnitt", Kind.CHOICE, required=True,
                   choices=SAMMANFATTNING_AVSNITT,
                   help="Sammanfattning, Väsentliga händelser, Förväntad utveckling eller "
                        "Personal, vart och ett en gång."),
            Column("text", "Text", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Rapportens sammanfattande texter: Sammanfattning (krävs), Väsentliga händelser, "
        "Förväntad utveckling och Personal.",
        unique=("avsnitt",),
        required_rows=True,
    ),
    SheetSpec(
        "Måluppföljning",
        (
            Column("mal", "Mål", Kind.GOAL, required=True,
                   help="Ett av kommunfullmäktiges mål, välj i listan."),
            _BEDOMNING,
            _ANALYS,
        ),
        "Bedömning och analys per mål i kommunfullmäktiges målbild: en rad per mål.",
        unique=("mal",),
        required_rows=True,
    ),
    SheetSpec(
        "Utvecklingsmål",
        (*_plan["Utvecklingsmål"].columns, _BEDOMNING, _ANALYS),
        "Nämndens utvecklingsmål från planen, med bedömning och analys.",
    ),
    SheetSpec(
        "Nyckeltal",
        (
            *_plan["Nyckeltal"].columns[:3],
            Column("utfall_fg", "Utfall", Kind.FIGURE, year_offset=-1, help=_FIGURE_HELP),
            Column("utfall", "Utfall", Kind.FIGURE, year_offset=0,
                   help="Årets utfall hittills; tomt om det ännu inte är mätt."),
            Column("malvarde", "Målvärde", Kind.FIGURE, year_offset=0,
                   help="Målvärdet för året (frivilligt)."),
        ),
        "Nyckeltalen från planen med förra årets utfall, årets utfall och målvärde.",
    ),
    SheetSpec(
        "Satsningar och uppdrag",
        (
            *_plan["Satsningar och uppdrag"].columns,
            Column("status", "Status", Kind.CHOICE, choices=STATUSAR,
                   help="Genomfört, Pågår, Ej påbörjat eller Avbrutet."),
            Column("kommentar", "Kommentar", Kind.TEXT, help=_TEXT_HELP),
        ),
        "Satsningarna och uppdragen från planen, med status och kommentar.",
    ),
    SheetSpec(
        "Volymer",
        (
            Column("namn", "Volym", Kind.LABEL, required=True, help="Volymens namn."),
            _money("bokslut_fg", "Bokslut", -1, Kind.COUNT),
            _money("budget", "Budget", 0, Kind.COUNT),
            _money("utfall", "Utfall", 0, Kind.COUNT),
            _money("prognos", "Prognos", 0, Kind.COUNT),
        ),
        "Volymer: förra årets bokslut, årets budget, utfall för perioden och prognos för helåret.",
    ),
    SheetSpec(
        "Driftsredovisning",
        (
            Column("namn", "Verksamhet", Kind.LABEL, required=True, help="Verksamhetens namn."),
            _money("bokslut_fg", "Bokslut", -1),
            _money("budget", "Budget", 0),
            _money("utfall", "Utfall", 0),
            _money("prognos", "Prognos", 0),
        ),
        "Driftsredovisning per verksamhet i {enhet}: utfall för perioden och prognos för "
        "helåret. Avvikelse och Totalt räknas ut av verktyget.",
        required_rows=True,
    ),
    SheetSpec(
        "Investeringsredovisning",
        (
            Column("namn", "Investering", Kind.LABEL, required=True,
                   help="Investeringens namn."),
            _money("budget", "Budget", 0),
            _money("utfall", "Utfall", 0),
            _money("prognos", "Prognos", 0),
        ),
        "Investeringsredovisning per investering i {enhet}. Avvikelse och Totalt räknas ut av "
        "verktyget.",
    ),
    SheetSpec(
        "Åtgärder",
        (
            Column("atgard", "Åtgärd", Kind.TEXT, required=True,
                   help="Vad nämnden gör åt ett befarat underskott."),
            _money("effekt", "Effekt", 0),
            Column("beslutad", "Beslutad", Kind.YESNO, required=True, choices=JA_NEJ,
                   help="Ja om nämnden har beslutat åtgärden, annars Nej."),
        ),
        "Åtgärder vid befarat underskott: åtgärden, dess effekt i {enhet} i år och om den är "
        "beslutad.",
    ),
    SheetSpec(
        "Kommentarer",
        (
            Column("avsnitt", "Avsnitt", Kind.CHOICE, required=True, choices=KOMMENTAR_AVSNITT,
                   help="Volymer, Driftsredovisning eller Investeringsredovisning."),
            *_plan["Kommentarer"].columns[1:],
        ),
        "Kommentarer som placeras under volymer, drifts- eller investeringsredovisningen.",
    ),
)  # fmt: skip

FOLLOWUP_SHEET_NAMES: tuple[str, ...] = ("Grunddata", *(s.name for s in FOLLOWUP_SHEETS))
FOLLOWUP_SHEETS_BY_NAME: dict[str, SheetSpec] = {s.name: s for s in FOLLOWUP_SHEETS}

# Carried over from the plan workbook by ``namndplan followup``: follow-up sheet -> (plan
# sheet, {follow-up column key: plan column key}). Everything else starts empty.
CARRIED_FROM_PLAN: dict[str, tuple[str, dict[str, str]]] = {
    "Måluppföljning": ("Målbild", {"mal": "mal"}),
    "Utvecklingsmål": ("Utvecklingsmål", {c.key: c.key for c in _plan["Utvecklingsmål"].columns}),
    "Nyckeltal": ("Nyckeltal", {"mal": "mal", "namn": "namn", "enhet": "enhet",
                                "utfall_fg": "utfall_1"}),
    "Satsningar och uppdrag": ("Satsningar och uppdrag",
                               {c.key: c.key for c in _plan["Satsningar och uppdrag"].columns}),
    "Volymer": ("Volymer", {"namn": "namn", "budget": "budget"}),
    "Driftsredovisning": ("Driftsbudget", {"namn": "namn", "budget": "budget"}),
    "Investeringsredovisning": ("Investeringsbudget", {"namn": "namn", "budget": "budget"}),
}  # fmt: skip


# Computed by the tool, never typed: a header or a row of this name typed by hand is named.
AVVIKELSE = "Avvikelse"
COMPUTED_HEADERS: tuple[tuple[str, str], ...] = (
    (AVVIKELSE, "Avvikelse räknas ut av verktyget (Prognos − Budget)"),
    ("Totalt", "Totalt räknas ut av verktyget (summan av raderna)"),
)

FOLLOWUP = Contract(
    "followup",
    FOLLOWUP_GRUNDDATA_FIELDS,
    FOLLOWUP_SHEETS,
    ("Volymer", "Driftsredovisning", "Investeringsredovisning"),
    ("Driftsredovisning", "Investeringsredovisning"),
    COMPUTED_HEADERS,
    "rapporten",
    "rapporten och sammanställningen",
)

RAPPORT_FIELD = "Rapport"
PERIOD_FIELD = "Period till och med"
VERKSAMHETSBERATTELSE = "Verksamhetsberättelse"


def period_months(month: str) -> int:
    """The months a period January..``month`` covers: ``Augusti`` -> 8."""
    return MANADER.index(month) + 1


def period_words(month: str) -> str:
    """The period written out: ``januari–augusti``; ``helåret`` for December."""
    if month == MANADER[-1]:
        return "helåret"
    return f"{MANADER[0].lower()}–{month.lower()}"


def report_title(report: str, month: str | None, year: int) -> str:
    """The report's title as uppfoljning.md writes it: ``Delårsrapport januari–augusti
    2024``, ``Verksamhetsberättelse 2024`` (a whole year has no period in its title)."""
    if month is None or month == MANADER[-1]:
        return f"{report} {year}"
    return f"{report} {period_words(month)} {year}"


def report_slug(report: str) -> str:
    """The report's name for a file name: ``Delårsrapport`` -> ``delarsrapport``."""
    return report.casefold().translate(str.maketrans("åäöé", "aaoe"))


def deviation(
    budget: object, utfall: object, prognos: object, report: str | None
) -> Decimal | None:
    """A row's Avvikelse: Prognos − Budget (negative: a deficit against budget). In a
    Verksamhetsberättelse the forecast is the outcome, so with Prognos empty it is
    Utfall − Budget. Without the figure to compare, no Avvikelse; an empty Budget counts
    as 0 (an activity without a budget that costs money deviates by what it costs). The
    one rule for the report's tables, its Totalt, the summary and validation's deficit."""
    basis = prognos if isinstance(prognos, Decimal) else None
    if basis is None and report == VERKSAMHETSBERATTELSE and isinstance(utfall, Decimal):
        basis = utfall
    if basis is None:
        return None
    return basis - (budget if isinstance(budget, Decimal) else Decimal(0))
