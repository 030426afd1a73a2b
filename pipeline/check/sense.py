"""Sense checks: figures and texts that pass the contract but make no sense in a plan.

Validation (``validate.py``) checks the form of every cell. This stage looks at the typed
workbook as a controller's colleague would before the plan goes to the nämnd: a Totalt row
typed by hand (the tool computes totals, so it would be counted twice), an amount in tkr
among amounts in Mnkr, a percentage pasted as a fraction, a volume with decimals, a column
the rollover left empty, a text nobody has updated since last year's plan, a chapter that
will be empty. Each is a finding naming its ``Sheet!Cell`` and saying what to do.

The checks run over the workbook's contract: a follow-up's Driftsredovisning,
Investeringsredovisning and Volymer get the same checks as a plan's budgets, its parts that
will be empty and its rows no part shows are judged by the profile's ``[uppfoljning]`` as a
plan's are by ``[namndplan]``, and the follow-up's own checks are in ``followup.py``.

Only a typed Totalt row is an error (it makes the plan wrong); the rest are warnings, since
each can be what the controller means. Thresholds live in ``kommun.toml`` under
``[granskning]`` and default to the constants below.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pipeline.common import numfmt
from pipeline.common.findings import Findings
from pipeline.read.workbook import RawWorkbook, _cell_ref
from pipeline.spec.contract import (
    CARRIED_SHEET,
    Column,
    Contract,
    Kind,
    SheetSpec,
)

if TYPE_CHECKING:
    from pipeline.check.validate import Row, ValidWorkbook
    from pipeline.spec.config import KommunConfig
    from pipeline.spec.profile import Profile

_AMOUNT_KINDS = (Kind.MONEY, Kind.COUNT)
LONG_TEXT_CHARS = 3000  # a section text is usually well under this
PLAN_DROP_SHARE = 0.25  # a Plan year this much below Budget is suspicious
# An amount this many times the table's usual amount (the median of the other rows), or
# the same row's other years, was probably typed in tkr: 1 000 times too large. Real
# tables spread far less: an investment of 250 Mnkr beside furniture for 0,5 is 500x.
TABLE_SCALE_FACTOR = 1000
ROW_SCALE_FACTOR = 300
EXACT_SCALE_ROWS = 30  # up to this many rows, the table's scale leaves the row itself out
SCALE_FLOOR = 100  # a figure under this many Mnkr is never taken for tkr (< 0,1 Mnkr)
# No single verksamhet of a Swedish kommun costs this much (Mnkr): tkr, surely.
LARGEST_AMOUNT_MNKR = 50_000
VOLUME_DECIMALS = 2  # the plan shows a volume with up to this many decimals

# Words a total row starts with, or is (any case; "S:a" is Swedish for "Summa").
_TOTAL_FIRST = {"totalt", "summa", "s:a", "s.a", "delsumma", "totalsumma", "summering",
                "slutsumma", "nettosumma"}  # fmt: skip
_TOTAL_ALONE = {"total", "totals", "sum", "tot", "grand total", "summa totalt"}
_TOTAL_LAST = {"totalt", "summa"}


def sense_checks(valid: ValidWorkbook, raw: RawWorkbook, cfg: KommunConfig,
                 findings: Findings) -> None:  # fmt: skip
    """Add every sense finding for a validated workbook to ``findings``."""
    _total_rows(valid, findings)
    _magnitudes(valid, cfg, findings)
    _fraction_percents(valid, findings)
    _decimal_volumes(valid, findings)
    _empty_columns(valid, findings)
    _carried_texts(valid, raw, findings)
    _empty_chapters(valid, cfg, findings)
    _unshown(valid, cfg, findings)
    _long_texts(valid, cfg, findings)
    if valid.contract.is_followup:
        from pipeline.check.followup import followup_checks

        followup_checks(valid, cfg, findings)
        return
    _plan_drops(valid, cfg, findings)


def amount_keys(spec: SheetSpec) -> tuple[str, ...]:
    """The keys of a sheet's amount columns (money or counts), in the contract's order."""
    return tuple(c.key for c in spec.columns if c.kind in _AMOUNT_KINDS)


def median(values: list[Decimal]) -> Decimal:
    """The median (statistics.median costs an import of 1,4 ms on every validate)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _header(spec: SheetSpec, key: str, year: int | None) -> tuple[str, str]:
    """A column's header text and the A1 reference of its header cell."""
    i = next(i for i, c in enumerate(spec.columns) if c.key == key)
    col = spec.columns[i]
    return (col.header_for(year) if year else col.header), _cell_ref(1, i + 1)


def _shown(value: Decimal, decimals: int | None = None) -> str:
    """A figure as typed (no rounding), or an amount with the unit's ``decimals``."""
    if decimals is None:
        text = format(value.normalize(), "f")
        return text.replace("-", numfmt.MINUS).replace(".", ",")
    return numfmt.amount(value, decimals)


# --- totals typed by hand -------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    """A row name's words, folded: spacing of any kind between them, punctuation around the
    name gone, a colon inside a word kept ("S:a" is one word)."""
    return re.sub(r"[\s\u00a0]+", " ", name.casefold()).strip(" .:;-–—").split(" ")


def is_total_name(name: str) -> bool:
    """Whether a row's name says it is a total: "Totalt", "SUMMA", "S:a kostnader",
    "Nämnden totalt", "Total" (any case and spacing)."""
    words = _name_words(name)
    if not words or not words[0]:
        return False
    first, last = words[0].rstrip(":"), words[-1].rstrip(":.")
    compact = "".join(words).rstrip(":.")
    return (
        first in _TOTAL_FIRST
        or last in _TOTAL_LAST
        or " ".join(words) in _TOTAL_ALONE
        or compact in _TOTAL_FIRST | _TOTAL_ALONE
    )


def _tolerance(sheet: str, contract: Contract) -> Decimal:
    # Half the last shown digit: a total typed from rounded figures still matches.
    return Decimal("0.05") if sheet in contract.money_sheets else Decimal("0.5")


class _Above:
    """Running per-column sums, counts and maxima of the rows above (linear in the rows: a
    list of rows re-summed for every row made a 575-row table 3x slower to validate)."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        self.sums = dict.fromkeys(keys, Decimal(0))
        self.counts = dict.fromkeys(keys, 0)
        self.maxima: dict[str, Decimal] = {}
        self.rows = 0

    def add(self, row: Row) -> None:
        self.rows += 1
        for key in self.keys:
            v = row[key].value
            if isinstance(v, Decimal):
                self.sums[key] += v
                self.counts[key] += 1
                if key not in self.maxima or v > self.maxima[key]:
                    self.maxima[key] = v

    def summed_by(self, row: Row, tol: Decimal) -> bool:
        """Every filled figure of ``row`` is the sum of these rows in its column: at least
        two filled figures, each over at least two rows (a coincidence in a short table is
        not taken for a total), and not all zero."""
        filled = [(k, row[k].value) for k in self.keys if isinstance(row[k].value, Decimal)]
        if len(filled) < 2 or all(v == 0 for _, v in filled):
            return False
        return all(self.counts[k] >= 2 and abs(self.sums[k] - v) <= tol for k, v in filled)

    def exceeded_by(self, row: Row) -> bool:
        """Every filled figure of ``row`` is at least the largest above it in its column."""
        filled = [(k, row[k].value) for k in self.keys if isinstance(row[k].value, Decimal)]
        if not filled or not self.rows:
            return False
        return all(k in self.maxima and v >= self.maxima[k] for k, v in filled)


def _only_total_words(name: str) -> bool:
    words = [w.rstrip(":") for w in _name_words(name)]  # "Summa: volymer", "S:a"
    return (
        len(words) <= 2
        and is_total_name(name)
        and (len(words) == 1 or words[1] in ("volymer", "antal", "totalt", "summa"))
    )


def _total_rows(valid: ValidWorkbook, findings: Findings) -> None:
    contract = valid.contract
    # rows named as computed (Avvikelse); a Totalt row is found as every total row is
    computed = {h.casefold(): what for h, what in contract.computed if not is_total_name(h)}
    for name in contract.amount_sheets:
        rows = valid.rows.get(name, [])
        tol = _tolerance(name, contract)
        keys = amount_keys(contract.sheets_by_name[name])
        plain = _Above(keys)  # the rows above that are not totals themselves
        since = _Above(keys)  # the same since the last total (a subtotal's block)
        for row in rows:
            label = row["namn"].value
            what = (computed.get(" ".join(label.split()).casefold())
                    if label and name in contract.money_sheets else None)  # fmt: skip
            if what is not None:
                findings.error(name, row["namn"].ref, f'Raden "{label}" är inskriven för hand. '
                               f"{what}, så raden skulle räknas in i Totalt.",
                               "Ta bort raden.")  # fmt: skip
                continue
            by_name = isinstance(label, str) and is_total_name(label)
            if by_name and name == "Volymer" and not _only_total_words(str(label)):
                # "Totalt antal placerade barn" may count something of its own: a total
                # only if it is at least as large as every row above it.
                by_name = plain.exceeded_by(row)
            by_sum = not by_name and (plain.summed_by(row, tol) or since.summed_by(row, tol))
            if by_name or by_sum:
                why = ("heter som en summarad" if by_name
                       else "har belopp som är summan av raderna ovanför")  # fmt: skip
                if name == "Volymer":
                    hint = (f"Volymerna summeras inte i {contract.document}. Ta bort raden, "
                            "eller byt namn på den om den räknar något eget.")  # fmt: skip
                else:
                    hint = ("Verktyget räknar själv ut Totalt, så raden skulle räknas två "
                            f"gånger i {contract.totals_in}. Ta bort raden.")  # fmt: skip
                findings.error(name, row["namn"].ref, f'Raden "{label or ""}" {why}.', hint)
                since = _Above(keys)
                continue
            plain.add(row)
            since.add(row)


# --- amounts in the wrong unit ----------------------------------------------------------


def _magnitudes(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    amount = cfg.amount
    per_unit = Decimal(str(amount.mnkr_per_unit))  # the thresholds are in Mnkr
    largest = Decimal(str(cfg.setting("granskning", "storsta_belopp_mnkr",
                                      LARGEST_AMOUNT_MNKR))) / per_unit  # fmt: skip
    floor = SCALE_FLOOR / per_unit
    decimals = amount.decimals

    def shown(v: Decimal) -> str:
        return numfmt.amount(v, decimals)

    for name in valid.contract.money_sheets:
        spec = valid.contract.sheets_by_name[name]
        keys = amount_keys(spec)
        rows = valid.rows.get(name, [])
        sizes = [[abs(r[k].value) for k in keys
                  if isinstance(r[k].value, Decimal) and r[k].value != 0] for r in rows]  # fmt: skip
        everything = [v for vs in sizes for v in vs]
        overall = median(everything) if everything else None
        for i, row in enumerate(rows):
            if len(rows) > EXACT_SCALE_ROWS:
                table = overall  # one row hardly moves the median of a long table
            else:
                others = [v for j, vs in enumerate(sizes) if j != i for v in vs]
                table = median(others) if others else None
            for key in keys:
                cell = row[key]
                v = cell.value
                if not isinstance(v, Decimal) or abs(v) < floor:
                    continue
                same_row = [s for s in sizes[i] if s != abs(v)]
                if abs(v) >= largest:
                    why = f"större än {numfmt.count(largest)} {amount.unit}"
                elif table is not None and abs(v) >= TABLE_SCALE_FACTOR * table:
                    why = (f"mycket större än tabellens övriga belopp (vanligen kring "
                           f"{shown(table)})")  # fmt: skip
                elif same_row and abs(v) >= ROW_SCALE_FACTOR * median(same_row):
                    why = (f"mycket större än radens övriga belopp (vanligen kring "
                           f"{shown(median(same_row))})")  # fmt: skip
                else:
                    continue
                header, _ = _header(spec, key, valid.year)
                findings.warning(
                    name,
                    cell.ref,
                    f"Beloppet {shown(v)} ({header}) är {why}. Det ser ut att vara skrivet i "
                    f"{amount.smaller}; i {amount.unit} blir det {shown(v / 1000)}.",
                    f"Belopp skrivs i {amount.unit} ({amount.words}) {amount.exact}. Är "
                    "beloppet rätt kan varningen lämnas.",
                )


# --- a percentage pasted as a fraction ------------------------------------------------


def _fraction_percents(valid: ValidWorkbook, findings: Findings) -> None:
    spec = valid.contract.sheets_by_name["Nyckeltal"]
    figures = [c.key for c in spec.columns if c.kind is Kind.FIGURE]
    for row in valid.rows.get("Nyckeltal", []):
        if row["enhet"].value != "%":
            continue
        for key in figures:
            cell = row[key]
            v = cell.value
            if cell.is_percent_format or not isinstance(v, Decimal) or not 0 < abs(v) <= 1:
                continue
            header, _ = _header(spec, key, valid.year)
            meant = numfmt.percent(v * 100)
            findings.warning(
                cell.sheet,
                cell.ref,
                f"Utfallet {_shown(v)} ({header}) visas i {valid.contract.document} som "
                f"{numfmt.percent(v)}. "
                f"Är det en andel, inklistrad som bråktal, menar du {meant}?",
                f"Skriv procentsatsen som {meant.replace(numfmt.NBSP, ' ')} eller "
                f"{_shown(v * 100)}. Är det verkligen {numfmt.percent(v)} kan varningen "
                "lämnas.",
                group=f'Utfall i kolumnen "{header}" ser ut att vara andelar, inte procent',
            )


# --- volumes with decimals ----------------------------------------------------------------


def _decimal_volumes(valid: ValidWorkbook, findings: Findings) -> None:
    spec = valid.contract.sheets_by_name["Volymer"]
    for row in valid.rows.get("Volymer", []):
        for key in amount_keys(spec):
            cell = row[key]
            v = cell.value
            if not isinstance(v, Decimal) or v == v.to_integral_value():
                continue
            header, _ = _header(spec, key, valid.year)
            exponent = v.normalize().as_tuple().exponent
            shown = numfmt.count(v)
            more = isinstance(exponent, int) and -exponent > VOLUME_DECIMALS
            findings.warning(
                cell.sheet,
                cell.ref,
                f"Volymen {_shown(v)} ({header}) har decimaler; "
                f"{valid.contract.document} visar "
                f"{shown}{' (avrundat)' if more else ''}.",
                "Volymer är oftast antal i heltal. Kontrollera talet; är det rätt kan "
                "varningen lämnas.",
            )


# --- columns the rollover left empty ------------------------------------------------------

_EMPTY_COLUMN_HINT = {
    "bokslut": "bokslutet",
    "prognos": "prognosen",
    "budget_fg": "förra årets budget",
    "budget": "budgeten",
    "plan1": "planen",
    "plan2": "planen",
    "utfall_2": "utfallet",
    "utfall_1": "utfallet",
}


# The columns a rollover leaves empty: the new year's outcome, forecast and last plan year.
ROLLOVER_EMPTIED = ("bokslut", "prognos", "plan2")


def _empty_columns(valid: ValidWorkbook, findings: Findings) -> None:
    """One warning per year column that is empty on every row of its sheet.

    Investments are often new (no Bokslut, no Prognos), so on Investeringsbudget only the
    mark of an unfinished rollover counts: Bokslut, Prognos and the last Plan all empty.
    A follow-up has its own columns to fill (``check.followup.empty_columns``).
    """
    if valid.contract.is_followup:
        from pipeline.check.followup import empty_columns

        empty_columns(valid, findings)
        return
    for spec in valid.contract.sheets:
        keys = [c.key for c in spec.columns if c.year_offset is not None]
        rows = valid.rows.get(spec.name, [])
        if not keys or not rows:
            continue
        empty = [k for k in keys if all(r[k].value is None for r in rows)]
        if spec.name == "Investeringsbudget" and not set(ROLLOVER_EMPTIED) <= set(empty):
            continue
        for key in empty:
            header, ref = _header(spec, key, valid.year)
            findings.warning(
                spec.name,
                ref,
                f'Kolumnen "{header}" är tom på alla rader.',
                f"En färdig plan behöver {_EMPTY_COLUMN_HINT.get(key, 'uppgifterna')}: fyll i "
                "kolumnen (efter namndplan rollover är den tom tills du gör det).",
            )


# --- texts carried over by rollover and never edited --------------------------------------


def text_checksum(text: str) -> str:
    """A checksum of a text as the plan would show it (spacing folded)."""
    import hashlib  # only for rolled-over workbooks: 3 ms of import

    folded = " ".join(text.split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).hexdigest()


def carried_record(sheet: str, col: Column, text: str) -> tuple[str, str, str]:
    """The row rollover writes on the hidden sheet for a text it carried over."""
    return (sheet, col.key, text_checksum(text))


def _carried_texts(valid: ValidWorkbook, raw: RawWorkbook, findings: Findings) -> None:
    record = raw.sheets.get(CARRIED_SHEET)
    if record is None:
        return
    carried: dict[tuple[str, str], set[str]] = {}
    from_year: int | None = None
    for row in record.rows:
        values = [c.value for c in row] + [None] * 4
        sheet, key, checksum, year = values[:4]
        if isinstance(sheet, str) and isinstance(key, str) and isinstance(checksum, str):
            carried.setdefault((sheet, key), set()).add(checksum)
        if isinstance(year, int) and not isinstance(year, bool):
            from_year = year
    if not carried:
        return
    since = f" ({from_year})" if from_year else ""
    for spec in valid.contract.sheets:
        for col in spec.columns:
            sums = carried.get((spec.name, col.key))
            if not sums or col.kind is not Kind.TEXT:
                continue
            header, _ = _header(spec, col.key, valid.year)
            for row in valid.rows.get(spec.name, []):
                cell = row[col.key]
                if isinstance(cell.value, str) and text_checksum(cell.value) in sums:
                    findings.warning(
                        spec.name,
                        cell.ref,
                        f"Texten är oförändrad sedan förra årets plan{since}.",
                        f"Uppdatera texten för {valid.year}, eller lämna den som den är om "
                        "den fortfarande stämmer.",
                        group=f'Texter i kolumnen "{header}" är oförändrade sedan förra '
                        f"årets plan{since}",
                    )


# --- parts of the document that will be empty ---------------------------------------------

# Block kinds whose emptiness is no chapter warning: Åtgärder is filled only for a forecast
# deficit, and a deficit without åtgärder is warned about by ``followup.py`` on the sheet.
_EMPTY_BY_DESIGN = ("åtgärder",)


def _document_profile(valid: ValidWorkbook, cfg: KommunConfig) -> Profile | None:
    """The profile of the workbook's document: ``[namndplan]`` for a plan, ``[uppfoljning]``
    for a follow-up report (None: the kommun has none; building the report says so)."""
    profile = cfg.profile
    if profile is not None and valid.contract.is_followup:
        return profile.followup
    return profile


def _block_empty(block: Any, valid: ValidWorkbook) -> bool:
    """Whether a profile block will have nothing to show, judged from the workbook."""
    from pipeline.spec.profile import sheet_of

    sheet = sheet_of(block)
    if sheet is None:
        return False  # a kommun-wide or fixed text
    return not any(_shows(block, r) for r in valid.rows.get(sheet, []))


def _shows(block: Any, row: Row, goals: tuple[str, ...] | None = None) -> bool:
    """Whether a profile block shows a row of its sheet: a comment of its section, a
    report's text of its avsnitt, a satsning of its kind, a key figure or a goal's
    follow-up of its goal. ``goals``: those of the block's part when it is repeated per
    goal (None: any goal)."""
    opts = block.options
    if block.kind in ("kommentarer", "avsnittstext"):
        return bool(row["avsnitt"].value == opts["avsnitt"])
    if block.kind == "satsningar" and "slag" in opts:  # a report's block may show every kind
        return bool(row["typ"].value == opts["slag"])
    if block.kind == "nyckeltal" and "mal" in opts:
        return bool(row["mal"].value == opts["mal"])
    if block.kind in ("nyckeltal", "måluppföljning") and goals is not None:
        return row["mal"].value in goals
    return True


class _UnknownYear:
    """The budget year in a message when the workbook has none: "…", whatever is added to
    it or taken from it (``{{ år + 1 }}``)."""

    def __str__(self) -> str:
        return "…"

    def __add__(self, other: object) -> _UnknownYear:
        return self

    __radd__ = __sub__ = __rsub__ = __add__


_NO_YEAR = _UnknownYear()


def _filled(text: str, context: dict[str, Any]) -> str:
    """A profile text filled in for a message. What this workbook cannot fill (a comparison
    with the unknown year; a misspelt variable, which the build refuses with the profile's
    line) shows as "…": a warning is no place to fail."""
    from jinja2 import TemplateError

    from pipeline.spec.profile import render

    try:
        return render(text, context)
    except (TemplateError, TypeError):
        shown = re.sub(r"\{\{.*?\}\}", "…", text, flags=re.S)
        return re.sub(r"\{%.*?%\}", "", shown, flags=re.S)


def _text_context(valid: ValidWorkbook, cfg: KommunConfig, profile: Profile) -> dict[str, Any]:
    """The variables of the profile's texts, as far as the workbook gives them: a report's
    forecast month is its period's last, and it has ``{{ rapport }}`` and ``{{ period }}``
    too (``{{ period_kort }}``, for column headings, shows as "…")."""
    from pipeline.spec.profile import report_variables, text_context

    g = {k: c.value for k, c in valid.grunddata.items()}
    followup = valid.contract.is_followup
    month = valid.period if followup else g.get("Prognosmånad")
    context = text_context(str(g.get("Kommun") or ""), str(g.get("Nämnd") or ""),
                           valid.year or 0, str(month or ""), profile.amount.unit,
                           cfg.data)  # fmt: skip
    year: Any = valid.year
    if valid.year is None:  # Budgetår missing (its own error): "…", never year 0
        year = _NO_YEAR
        context.update(år=_NO_YEAR, år_kort=_NO_YEAR, fg_år_kort=_NO_YEAR)
    if followup:
        from pipeline.spec.contract import MANADER
        from pipeline.spec.followup import period_words

        if valid.period == MANADER[-1]:
            period = str(year)
        elif valid.period is not None:
            period = f"{period_words(valid.period)} {year}"
        else:
            period = "…"
        context.update(report_variables(str(valid.report or "…"), period, "…"))
    return context


def _errors_at(valid: ValidWorkbook, findings: Findings) -> set[str]:
    """The cells of a report that have an error: what is wrong there is said once, by the
    error (a sheet without its required rows is not also a part left out; a row with a value
    not in the list is not also a row no part shows). A plan's findings are as they were."""
    return {f.location for f in findings.errors} if valid.contract.is_followup else set()


def _missing_report_sheet(valid: ValidWorkbook, sheet: str) -> bool:
    """A report's optional sheet left out of the workbook: validation has said so already."""
    return (valid.contract.is_followup and sheet in valid.contract.sheets_by_name
            and sheet not in valid.rows)  # fmt: skip


def _empty_chapters(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """A warning for each part of the profile that will have no content of its own or under
    it: what the document does with it (leaves it out, or shows its one sentence). Parts
    repeated per goal are left to the document (a goal without text or key figures)."""
    from pipeline.spec.profile import sheet_of

    profile = _document_profile(valid, cfg)
    if profile is None:
        return
    parts = profile.parts
    empty = []
    for i, part in enumerate(parts):
        by_design = bool(part.blocks) and all(b.kind in _EMPTY_BY_DESIGN for b in part.blocks)
        if part.heading is None or part.for_each or by_design:
            empty.append(False)
            continue
        own = [b for b in part.blocks if not _block_empty(b, valid)]
        under = []
        for later in parts[i + 1 :]:
            if later.heading is not None and later.level <= part.level:
                break
            under.append(later)
        has_under = any(
            later.for_each or any(not _block_empty(b, valid) for b in later.blocks)
            for later in under
        )
        empty.append(not own and not has_under)
    context: dict[str, Any] | None = None
    errors = _errors_at(valid, findings)
    reported_level = 0
    for i, part in enumerate(parts):
        if part.heading is not None and part.level <= reported_level:
            reported_level = 0
        if not empty[i] or reported_level:
            continue
        reported_level = part.level  # its parts below are empty too: said once
        sheets = [b for p in (part, *parts[i + 1 :]) for b in p.blocks][:1]
        if context is None:
            context = _text_context(valid, cfg, profile)
        heading = _filled(part.heading or "", context)
        sheet = (sheet_of(sheets[0]) if sheets else None) or "Grunddata"
        if f"{sheet}!A2" in errors or _missing_report_sheet(valid, sheet):
            continue
        sentence = part.if_empty or next(
            (str(b.options["om_tomt"]) for b in part.blocks if "om_tomt" in b.options), None
        )
        if sentence:
            message = (f'Bladet har inga uppgifter till avsnittet "{heading}"; det får '
                       f"bara meningen: {_filled(sentence, context)}")  # fmt: skip
        else:
            message = (f'Bladet har inga uppgifter till avsnittet "{heading}", så avsnittet '
                       f"tas inte med i {valid.contract.document}.")  # fmt: skip
        findings.warning(sheet, "A2", message,
                         "Fyll i bladet om avsnittet ska ha innehåll; annars kan varningen "
                         "lämnas.")  # fmt: skip


def _unshown(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    """A warning for filled rows that no block of the kommun's profile shows (a Hållbarhet
    sheet where the plan has no Agenda 2030 chapter, comments for a section it lacks, key
    figures of a goal it does not show, satsningar of a kind it has no block for; a report's
    Personal text where its [uppfoljning] has no Personal chapter, volumes where it has no
    table of them): they would be lost without a word."""
    from pipeline.spec.profile import sheet_of

    profile = _document_profile(valid, cfg)
    if profile is None:
        return
    # Each sheet's blocks, with the goals of their part (a part per målområde leaves out
    # kommunfullmäktige's målbild, as compose does).
    shown_by: dict[str, list[tuple[Any, tuple[str, ...] | None]]] = {}
    for part in profile.parts:
        goals = {"mål": cfg.goals, "målområde": cfg.goals[1:]}.get(part.for_each or "", ())
        for b in part.blocks:
            sheet = sheet_of(b)
            if sheet is not None:
                shown_by.setdefault(sheet, []).append((b, goals))
    refused = _errors_at(valid, findings)  # a Kommentarer row of Avsnitt "Driftsbudget"
    for spec in valid.contract.sheets:
        rows = [r for r in valid.rows.get(spec.name, [])
                if not any(c.where in refused for c in r.values())]  # fmt: skip
        blocks = shown_by.get(spec.name, [])
        lost = [r for r in rows if not any(_shows(b, r, goals) for b, goals in blocks)]
        if not lost:
            continue
        first = next(iter(lost[0].values()))
        one = len(lost) == 1
        # A plan's words as they were; a report names itself and its profile's table.
        where, table = ((valid.contract.document, " under [uppfoljning]")
                        if valid.contract.is_followup else ("kommunens plan", ""))  # fmt: skip
        findings.warning(spec.name, first.ref, f"{'1 rad' if one else f'{len(lost)} rader'} på "
                         f"bladet visas inte någonstans i {where}; {'den' if one else 'de'} "
                         "kommer inte med.",
                         "Kommunens profil (profil.toml) har inget avsnitt för "
                         f"{'den' if one else 'dem'}{table}. Ta bort "
                         f"{'raden' if one else 'raderna'}, eller be den som förvaltar "
                         "profilen lägga till ett avsnitt.")  # fmt: skip


# --- long texts and plans far below the budget ------------------------------------------------


def _long_texts(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    limit = int(cfg.setting("granskning", "lang_text_tecken", LONG_TEXT_CHARS))
    for spec in valid.contract.sheets:
        text_keys = [c.key for c in spec.columns if c.kind is Kind.TEXT]
        for row in valid.rows.get(spec.name, []):
            for key in text_keys:
                cell = row[key]
                if isinstance(cell.value, str) and len(cell.value) > limit:
                    findings.warning(
                        spec.name,
                        cell.ref,
                        f"Texten är mycket lång ({len(cell.value)} "
                        f"tecken; vanligen under {limit}).",
                        "Kontrollera att inget har klistrats in två gånger.",
                    )


def _plan_drops(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    share = Decimal(str(cfg.setting("granskning", "plan_minskning_andel", PLAN_DROP_SHARE)))
    decimals = cfg.amount.decimals
    for name in valid.contract.money_sheets:
        for row in valid.rows.get(name, []):
            budget = row["budget"].value
            if not isinstance(budget, Decimal) or budget == 0:
                continue
            for key in ("plan1", "plan2"):
                cell = row[key]
                # A plan of the other sign is something else (a cost turned income); a plan
                # of 0 is a drop of it all, for an income as for a cost.
                same_sign = isinstance(cell.value, Decimal) and cell.value * budget >= 0
                if same_sign and abs(cell.value) < abs(budget) * (1 - share):
                    findings.warning(
                        name,
                        cell.ref,
                        f"Planen ({_shown(cell.value, decimals)}) är mer än "
                        f"{int(share * 100)} % lägre än budgeten ({_shown(budget, decimals)}).",
                        "Kontrollera beloppet; är det avsiktligt kan varningen lämnas.",
                    )
