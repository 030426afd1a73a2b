"""The input workbook contract (shared/spec/indata.md) as data.

This module is the single description of the workbook: the reader, the validator (via the
cerberus schemas built from it) and the blank-template generator all derive from it, so
they cannot drift apart. Sheet names, headers and their order are a public interface.

``Contract`` bundles one kind of workbook (Grunddata's fields, the data sheets, which sheets
hold amounts): ``PLAN`` here, ``followup.FOLLOWUP`` for a follow-up workbook. The reader
picks one per workbook (a Grunddata row ``Rapport`` means a follow-up) and the later stages
take it from there instead of asking which kind they have.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    """What a column holds; decides parsing, validation and formatting."""

    TEXT = "text"  # free text, paragraphs by line break
    LABEL = "label"  # a short single-line name (a row's first column)
    MONEY = "money"  # in the kommun's unit: Mnkr with one decimal, or tkr (profil.toml)
    COUNT = "count"  # a volume
    FIGURE = "figure"  # a key figure; meaning depends on the row's Enhet
    CHOICE = "choice"  # one of a closed list
    GOAL = "goal"  # one of the kommun's configured goals
    YESNO = "yesno"  # Ja / Nej
    AGENDA = "agenda"  # Agenda 2030 goal number 1-17


ENHETER = ("%", "antal", "dagar", "kr", "index")
TYPER = ("Särskild satsning", "Uppdrag")
PERSPEKTIV = ("Målgrupp", "Medarbetare", "Ekonomi")
INRIKTNINGAR = ("Kvalitetssäkra/bevaka", "Utveckla/målsätta")
JA_NEJ = ("Ja", "Nej")
AVSNITT = ("Volymer", "Driftsbudget", "Investeringsbudget")
GRUNDUPPDRAG = "Grunduppdrag"
MIN_YEAR, MAX_YEAR = 1990, 2200  # a Budgetår outside this is a typing slip
MANADER = (
    "Januari", "Februari", "Mars", "April", "Maj", "Juni",
    "Juli", "Augusti", "September", "Oktober", "November", "December",
)  # fmt: skip


class Column(NamedTuple):
    key: str  # internal field name
    header: str  # header text; with year_offset set, the year is appended
    kind: Kind
    required: bool = False
    year_offset: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""  # Swedish: what to type (input messages, hints)

    def header_for(self, year: int) -> str:
        if self.year_offset is None:
            return self.header
        return f"{self.header} {year + self.year_offset}"


class SheetSpec(NamedTuple):
    name: str
    columns: tuple[Column, ...]
    purpose: str  # Swedish, for the instruction sheet; "{enhet}" is the kommun's amount unit
    unique: tuple[str, ...] = ()  # column keys whose values may occur once only
    required_rows: bool = False  # at least one data row is needed

    def headers_for(self, year: int) -> list[str]:
        return [c.header_for(year) for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


class Field(NamedTuple):
    """A row of the key-value sheet Grunddata."""

    name: str
    required: bool
    kind: str  # "text", "year", "month", "date", "report"
    help: str
    choices: tuple[str, ...] = ()  # the template's drop-down, when narrower than the kind's


GRUNDDATA_SHEET = "Grunddata"
GRUNDDATA_HEADERS = ("Fält", "Värde")
GRUNDDATA_EXTRA_HEADERS = ("Förklaring",)  # the template's explanations beside the values
GRUNDDATA_FIELDS: tuple[Field, ...] = (
    Field("Kommun", True, "text", "Kommunens namn, t.ex. Enköpings kommun."),
    Field("Nämnd", True, "text", "Nämndens namn, t.ex. Socialnämnden."),
    Field("Budgetår", True, "year", "Budgetåret som ett årtal, t.ex. 2024."),
    Field("Prognosmånad", True, "month", "Månaden för prognoskolumnen, t.ex. Oktober."),
    Field("Diarienummer", False, "text", "Ärendets diarienummer (frivilligt)."),
    Field("Beslutsdatum", False, "date", "Datum då nämnden antog planen, t.ex. 2023-11-21."),
    Field("Kontaktperson", False, "text", "Vem man kan fråga om innehållet (frivilligt)."),
)

_YEAR_COLUMNS = (("Bokslut", -2), ("Prognos", -1), ("Budget", -1), ("Budget", 0),
                 ("Plan", 1), ("Plan", 2))  # fmt: skip
AMOUNT_KEYS = ("bokslut", "prognos", "budget_fg", "budget", "plan1", "plan2")


def _amount_columns(first: Column, kind: Kind, help_: str) -> tuple[Column, ...]:
    cols = [first]
    for key, (header, offset) in zip(AMOUNT_KEYS, _YEAR_COLUMNS, strict=True):
        cols.append(Column(key, header, kind, year_offset=offset, help=help_))
    return tuple(cols)


# The help of an amount column names the kommun's unit: KommunConfig.column_help.
_MNKR_HELP = (
    "Belopp i Mnkr med en decimal, kostnader negativa, t.ex. -52,4. Lämna tomt om uppgift saknas."
)
_TEXT_HELP = "Radbrytning (Alt+Enter) ger nytt stycke. Rader som börjar med '- ' blir punktlista."

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Målbild",
        (
            Column(
                "mal",
                "Mål",
                Kind.GOAL,
                required=True,
                help="Ett av kommunfullmäktiges mål, välj i listan.",
            ),
            Column("text", "Text", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Nämndens tolkning av kommunfullmäktiges målbild och övergripande mål: en rad per mål.",
        unique=("mal",),
        required_rows=True,
    ),
    SheetSpec(
        "Nyckeltal",
        (
            Column(
                "mal",
                "Mål",
                Kind.GOAL,
                required=True,
                help="Målet nyckeltalet hör till, eller Grunduppdrag.",
            ),
            Column("namn", "Nyckeltal", Kind.LABEL, required=True, help="Nyckeltalets namn."),
            Column(
                "enhet",
                "Enhet",
                Kind.CHOICE,
                required=True,
                choices=ENHETER,
                help="Enhet: %, antal, dagar, kr eller index.",
            ),
            Column(
                "utfall_2",
                "Utfall",
                Kind.FIGURE,
                year_offset=-2,
                help="Utfallet som tal; procent som 77,7 eller 77,7 %. Tomt om uppgift saknas.",
            ),
            Column(
                "utfall_1",
                "Utfall",
                Kind.FIGURE,
                year_offset=-1,
                help="Utfallet som tal; procent som 77,7 eller 77,7 %. Tomt om uppgift saknas.",
            ),
        ),
        "Nämndens nyckeltal per mål och för grunduppdraget, med utfall för de två senaste åren.",
    ),
    SheetSpec(
        "Satsningar och uppdrag",
        (
            Column(
                "typ",
                "Typ",
                Kind.CHOICE,
                required=True,
                choices=TYPER,
                help="Särskild satsning eller Uppdrag.",
            ),
            Column(
                "rubrik",
                "Rubrik",
                Kind.LABEL,
                required=True,
                help="Rubriken i kommunfullmäktiges årsplan.",
            ),
            Column("text", "För nämnden innebär det", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Särskilda satsningar och uppdrag i kommunfullmäktiges årsplan och vad de innebär för nämnden.",
    ),
    SheetSpec(
        "Grunduppdrag",
        (
            Column(
                "perspektiv",
                "Perspektiv",
                Kind.CHOICE,
                required=True,
                choices=PERSPEKTIV,
                help="Målgrupp, Medarbetare eller Ekonomi, vart och ett en gång.",
            ),
            Column(
                "inriktning",
                "Inriktning",
                Kind.CHOICE,
                required=True,
                choices=INRIKTNINGAR,
                help="Kvalitetssäkra/bevaka eller Utveckla/målsätta.",
            ),
            Column("beskrivning", "Beskrivning", Kind.TEXT, required=True, help=_TEXT_HELP),
            Column("nulage", "Beskrivning av nuläget", Kind.TEXT, required=True, help=_TEXT_HELP),
            Column("analys", "Analys av kvalitetsnivån", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Nämndens grunduppdrag i tre perspektiv: Målgrupp, Medarbetare och Ekonomi.",
        unique=("perspektiv",),
        required_rows=True,
    ),
    SheetSpec(
        "Utvecklingsmål",
        (
            Column("mal", "Utvecklingsmål", Kind.LABEL, required=True, help="Målet i en mening."),
            Column("beskrivning", "Beskrivning", Kind.TEXT, help=_TEXT_HELP),
            Column(
                "strategi", "Strategi för att nå målet", Kind.TEXT, required=True, help=_TEXT_HELP
            ),
            Column(
                "kf",
                "KF:s målbild och mål",
                Kind.YESNO,
                required=True,
                choices=JA_NEJ,
                help="Ja om målet kopplas till KF:s målbild och mål, annars Nej.",
            ),
            Column(
                "agenda",
                "Agenda 2030-mål",
                Kind.YESNO,
                required=True,
                choices=JA_NEJ,
                help="Ja om målet kopplas till Agenda 2030, annars Nej.",
            ),
        ),
        "Nämndens utvecklingsmål för grunduppdraget, med strategi och koppling.",
    ),
    SheetSpec(
        "Volymer",
        _amount_columns(
            Column("namn", "Volym", Kind.LABEL, required=True, help="Volymens namn."),
            Kind.COUNT,
            "Antal som heltal, t.ex. 2660. Lämna tomt om uppgift saknas.",
        ),
        "Nämndens volymer: antal per år.",
    ),
    SheetSpec(
        "Driftsbudget",
        _amount_columns(
            Column("namn", "Verksamhet", Kind.LABEL, required=True, help="Verksamhetens namn."),
            Kind.MONEY,
            _MNKR_HELP,
        ),
        "Driftsbudget per verksamhet i {enhet}. Förändringskolumnen och Totalt räknas ut av "
        "verktyget.",
        required_rows=True,
    ),
    SheetSpec(
        "Investeringsbudget",
        _amount_columns(
            Column("namn", "Investering", Kind.LABEL, required=True, help="Investeringens namn."),
            Kind.MONEY,
            _MNKR_HELP,
        ),
        "Investeringsbudget per investering i {enhet}. Totalt räknas ut av verktyget.",
    ),
    SheetSpec(
        "Kommentarer",
        (
            Column(
                "avsnitt",
                "Avsnitt",
                Kind.CHOICE,
                required=True,
                choices=AVSNITT,
                help="Volymer, Driftsbudget eller Investeringsbudget.",
            ),
            Column(
                "rubrik",
                "Rubrik",
                Kind.LABEL,
                help="Underrubrik, t.ex. Ekonomiskt bistånd. Tomt: texten följer tabellen.",
            ),
            Column("text", "Text", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Kommentarer som placeras under volymer, driftsbudget eller investeringsbudget.",
    ),
    SheetSpec(
        "Hållbarhet",
        (
            Column(
                "mal",
                "Agenda 2030-mål",
                Kind.AGENDA,
                required=True,
                help="Målets nummer 1–17, t.ex. 3.",
            ),
            Column("text", "Text", Kind.TEXT, required=True, help=_TEXT_HELP),
        ),
        "Nämndens hållbarhetsarbete per Agenda 2030-mål.",
        unique=("mal",),
    ),
)

SHEET_NAMES: tuple[str, ...] = (GRUNDDATA_SHEET, *(s.name for s in SHEETS))

# Written by ``rollover``, very hidden: a checksum of every text it carried over from last
# year's workbook, by sheet and column key, so that validation can tell a text nobody has
# updated since. Not part of the public contract; a workbook without it is fine.
CARRIED_SHEET = "namndplan_overfort"
CARRIED_HEADERS = ("Blad", "Kolumn", "Kontrollsumma", "Från budgetår")
SHEET_ORDER: dict[str, int] = {name: i for i, name in enumerate(SHEET_NAMES)}
SHEETS_BY_NAME: dict[str, SheetSpec] = {s.name: s for s in SHEETS}


class Contract(NamedTuple):
    """One kind of input workbook: the plan's (``PLAN``, here) or a follow-up's
    (``followup.FOLLOWUP``). The reader, the validator, the sense checks and the template
    writer take one of these instead of asking which kind they have; the workbook's
    Grunddata decides (a ``Rapport`` row: a follow-up)."""

    kind: str  # "plan" or "followup"
    grunddata_fields: tuple[Field, ...]
    sheets: tuple[SheetSpec, ...]
    #: the sheets whose rows hold amounts (year columns) and may not have a typed Totalt
    amount_sheets: tuple[str, ...]
    #: of those, the sheets in the kommun's amount unit
    money_sheets: tuple[str, ...]
    #: headers the tool computes and a controller must not type: header -> what it is
    computed: tuple[tuple[str, str], ...] = ()
    #: what the workbook becomes, as messages say it: "kommer inte med i planen"
    document: str = "planen"
    #: where a typed total row would be counted twice
    totals_in: str = "planen, diagrammet och sammanställningen"

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return (GRUNDDATA_SHEET, *(s.name for s in self.sheets))

    @property
    def sheets_by_name(self) -> dict[str, SheetSpec]:
        return {s.name: s for s in self.sheets}

    @property
    def sheet_order(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.sheet_names)}

    @property
    def is_followup(self) -> bool:
        return self.kind == "followup"


PLAN = Contract(
    "plan",
    GRUNDDATA_FIELDS,
    SHEETS,
    ("Volymer", "Driftsbudget", "Investeringsbudget"),
    ("Driftsbudget", "Investeringsbudget"),
)


class AgendaGoal(NamedTuple):
    number: int
    name: str


AGENDA_2030: tuple[AgendaGoal, ...] = tuple(
    AgendaGoal(i, name)
    for i, name in enumerate(
        (
            "Ingen fattigdom",
            "Ingen hunger",
            "God hälsa och välbefinnande",
            "God utbildning för alla",
            "Jämställdhet",
            "Rent vatten och sanitet",
            "Hållbar energi för alla",
            "Anständiga arbetsvillkor och ekonomisk tillväxt",
            "Hållbar industri, innovationer och infrastruktur",
            "Minskad ojämlikhet",
            "Hållbara städer och samhällen",
            "Hållbar konsumtion och produktion",
            "Bekämpa klimatförändringarna",
            "Hav och marina resurser",
            "Ekosystem och biologisk mångfald",
            "Fredliga och inkluderande samhällen",
            "Genomförande och globalt partnerskap",
        ),
        start=1,
    )
)


class Choices(NamedTuple):
    """The closed lists that depend on the kommun: its goals (kommun.toml) and the lists of
    its profile (profil.toml ``[listor]``), the contract's own as the default."""

    goals: tuple[str, ...] = ()
    perspektiv: tuple[str, ...] = PERSPEKTIV
    inriktning: tuple[str, ...] = INRIKTNINGAR

    def for_column(self, sheet: str, col: Column) -> tuple[str, ...]:
        if col.kind is Kind.GOAL:
            return self.goals + ((GRUNDUPPDRAG,) if sheet == "Nyckeltal" else ())
        if sheet == "Grunduppdrag" and col.key in ("perspektiv", "inriktning"):
            return tuple(getattr(self, col.key))
        return col.choices
