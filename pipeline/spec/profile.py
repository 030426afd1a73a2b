"""The kommun profile: the shape of the kommun's documents, as data (``templates/profil.toml``).

A profile says, for each kind of document (``[namndplan]``, and ``[uppfoljning]`` for the
follow-up reports: Tertialrapport, Delårsrapport, Verksamhetsberättelse), its title and running
header, the parts in order — a heading at a level (1–4) and the content blocks that fill it —
what a part with nothing to show does (left out, or one sentence), table captions and column
headings, and heading numbering; and for the kommun, its closed lists (perspektiv,
inriktning) and the amount unit (Mnkr with one decimal, or tkr as whole numbers). Texts are
jinja2 expressions: ``Driftsbudget {{ år }} och plan {{ år + 1 }}–{{ år + 2 }}``.

Python keeps the mechanisms, the block kinds of ``BLOCKS``: ``compose`` has one function per
kind. This module reads and checks a profile (tomllib only, so ``validate`` stays fast);
``check_texts`` compiles and tries every text with jinja2 before anything is built, so a
misspelt variable is one Swedish message naming the file and the line, never blank text.

The part list is flat, each part with its level, so that renaming, moving, dropping or adding
a chapter is editing, moving, deleting or copying one ``[[namndplan.del]]`` entry. Keys are
written without å, ä and ö (TOML's bare keys are ASCII), as in kommun.toml; texts and
values are ordinary Swedish.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.spec.config import ConfigError
from pipeline.spec.contract import AVSNITT, INRIKTNINGAR, PERSPEKTIV, SHEETS_BY_NAME, TYPER
from pipeline.spec.followup import (
    BEDOMNINGAR,
    FOLLOWUP_SHEETS_BY_NAME,
    KOMMENTAR_AVSNITT,
    SAMMANFATTNING_AVSNITT,
)

PROFILE_FILE = "profil.toml"
DOCUMENT = "namndplan"
FOLLOWUP_DOCUMENT = "uppfoljning"  # the follow-up reports: one kind for all three
AMOUNT_SHEETS = ("Volymer", "Driftsbudget", "Investeringsbudget")
REPORT_AMOUNT_SHEETS = ("Volymer", "Driftsredovisning", "Investeringsredovisning")


class ProfileError(ConfigError):
    """A mistake in the profile: a Swedish message naming the file and the line."""


class Option(NamedTuple):
    kind: type | tuple[type, ...]
    required: bool = False
    choices: tuple[str, ...] = ()


_TEXT = Option(str)
_FLAG = Option(bool)

# Block kinds and their options: what a communicator can write in [[namndplan.del.block]].
BLOCKS: dict[str, dict[str, Option]] = {
    "kommuntext": {"mall": Option(str, True)},
    "text": {"text": Option(str, True)},
    "måltext": {},
    "nyckeltal": {"mal": _TEXT, "rubrik": _TEXT, "forsta_kolumn": _TEXT},
    "satsningar": {"slag": Option(str, True, TYPER), "rubrik": _TEXT, "kolumn": _TEXT},
    "grunduppdrag": {"nulage": _TEXT, "analys": _TEXT},
    "utvecklingsmål": {"rubrik": _TEXT, "kolumner": Option(list)},
    "belopp": {
        "blad": Option(str, True, AMOUNT_SHEETS),
        "rubrik": _TEXT,
        "forsta_kolumn": _TEXT,
        "forandring": _FLAG,
        "totalt": _FLAG,
        "om_tomt": _TEXT,
    },  # fmt: skip
    "diagram": {"rubrik": _TEXT, "axel": _TEXT},
    "kommentarer": {"avsnitt": Option(str, True, AVSNITT)},
    "hållbarhet": {"rubrik": _TEXT},
}
# The sheets whose rows fill a block (for validate's warning about an empty part).
BLOCK_SHEETS = {
    "måltext": "Målbild", "nyckeltal": "Nyckeltal", "satsningar": "Satsningar och uppdrag",
    "grunduppdrag": "Grunduppdrag", "utvecklingsmål": "Utvecklingsmål",
    "kommentarer": "Kommentarer", "hållbarhet": "Hållbarhet", "diagram": "Driftsbudget",
}  # fmt: skip
# The follow-up reports' block kinds ([[uppfoljning.del.block]]): the same mechanisms on the
# follow-up workbook's sheets (spec/followup.py).
REPORT_BLOCKS: dict[str, dict[str, Option]] = {
    "kommuntext": {"mall": Option(str, True)},
    "text": {"text": Option(str, True)},
    "avsnittstext": {"avsnitt": Option(str, True, SAMMANFATTNING_AVSNITT)},
    "målbedömning": {"rubrik": _TEXT, "kolumner": Option(list)},
    "måluppföljning": {"bedomning": _TEXT, "analys": _TEXT},
    "nyckeltal": {"mal": _TEXT, "rubrik": _TEXT, "forsta_kolumn": _TEXT},
    "satsningar": {"slag": Option(str, False, TYPER), "rubrik": _TEXT, "kolumner": Option(list)},
    "utvecklingsmål": {"rubrik": _TEXT, "kolumner": Option(list)},
    "belopp": {
        "blad": Option(str, True, REPORT_AMOUNT_SHEETS),
        "rubrik": _TEXT,
        "forsta_kolumn": _TEXT,
        "avvikelse": _FLAG,
        "totalt": _FLAG,
        "om_tomt": _TEXT,
    },  # fmt: skip
    "åtgärder": {"rubrik": _TEXT, "kolumner": Option(list), "totalt": _FLAG},
    "kommentarer": {"avsnitt": Option(str, True, KOMMENTAR_AVSNITT)},
}
BLOCK_SHEETS.update({
    "avsnittstext": "Sammanfattning", "målbedömning": "Måluppföljning",
    "måluppföljning": "Måluppföljning", "åtgärder": "Åtgärder",
})  # fmt: skip
# Blocks whose ``kolumner`` name a fixed number of columns: (kind -> (count, what they are)).
REPORT_COLUMN_LISTS = {
    "målbedömning": (2, "mål och bedömning"),
    "satsningar": (3, "rubrik, status och kommentar"),
    "utvecklingsmål": (3, "utvecklingsmål, bedömning och analys"),
    "åtgärder": (3, "åtgärd, effekt och beslutad"),
}
PART_KEYS = {"rubrik", "niva", "om_tomt", "for_varje", "block"}
# "mål": kommunfullmäktige's målbild and every goal; "målområde": the goals ([[mal]]) only.
FOR_EACH = ("mål", "målområde")

# Amount table columns (keys of contract.AMOUNT_KEYS, and the computed change).
COLUMN_KEYS = ("bokslut", "prognos", "budget_fg", "forandring", "budget", "plan1", "plan2")
DEFAULT_COLUMNS = {
    "bokslut": "Bokslut {{ år - 2 }}",
    "prognos": "Prognos {{ år - 1 }} ({{ prognosmånad }})",
    "budget_fg": "Budget {{ år - 1 }}",
    "forandring": "Förändring budget {{ fg_år_kort }}/{{ år_kort }}",
    "budget": "Budget {{ år }}",
    "plan1": "Plan {{ år + 1 }}",
    "plan2": "Plan {{ år + 2 }}",
}

# The report's column headings: amount tables and the key-figure table.
REPORT_COLUMN_KEYS = ("bokslut", "budget", "utfall", "prognos", "avvikelse", "nyckeltal_fg",
                      "nyckeltal_utfall", "malvarde")  # fmt: skip
DEFAULT_REPORT_COLUMNS = {
    "bokslut": "Bokslut {{ år - 1 }}",
    "budget": "Budget {{ år }}",
    "utfall": "Utfall {{ period_kort }}",
    "prognos": "Prognos {{ år }}",
    "avvikelse": "Avvikelse",
    "nyckeltal_fg": "Utfall {{ år - 1 }}",
    "nyckeltal_utfall": "Utfall {{ år }}",
    "malvarde": "Målvärde {{ år }}",
}
DEFAULT_LEGEND = "Teckenförklaring"
DEFAULT_UNASSESSED = "Inte bedömd"


class Amount(NamedTuple):
    """The unit amounts are typed and shown in."""

    unit: str  # "Mnkr" or "tkr"
    decimals: int  # 1 for Mnkr, 0 for tkr
    words: str  # "miljoner kronor"
    mnkr_per_unit: float  # 1 for Mnkr, 0.001 for tkr
    smaller: str  # the unit a slip would be typed in: "tkr" for Mnkr, "kr" for tkr

    @property
    def example(self) -> str:
        return "-52,4" if self.decimals == 1 else "-52400"

    @property
    def exact(self) -> str:
        return "med en decimal" if self.decimals == 1 else "i hela tal"

    @property
    def help(self) -> str:
        """What to type in an amount cell (template input messages, validation hints)."""
        return (f"Belopp i {self.unit} {self.exact}, kostnader negativa, t.ex. {self.example}. "
                "Lämna tomt om uppgift saknas.")  # fmt: skip

    @property
    def rule(self) -> str:
        """The rule as the instruction sheet states it."""
        return (f"{self.unit} {self.exact}. Kostnader negativa, intäkter positiva, t.ex. "
                f"{self.example}.")  # fmt: skip


UNITS = {
    "Mnkr": Amount("Mnkr", 1, "miljoner kronor", 1.0, "tkr"),
    "tkr": Amount("tkr", 0, "tusen kronor", 0.001, "kr"),
}


class Block(NamedTuple):
    kind: str
    options: dict[str, Any]
    line: int


class Part(NamedTuple):
    level: int  # 1-4; 0 for a part without a heading of its own (a kommun-wide text)
    heading: str | None  # a jinja2 text
    blocks: tuple[Block, ...]
    if_empty: str | None  # None: left out when empty; else the sentence shown
    for_each: str | None  # "mål"/"målområde": one part per goal, {{ mål }} its name
    line: int


def shown_goals(profile: Profile | None, goals: tuple[str, ...]) -> tuple[str, ...]:
    """The goals the document shows a part for: all (målbild first) unless the profile
    repeats its parts per målområde only."""
    kinds = {p.for_each for p in profile.parts} if profile is not None else set()
    return goals[1:] if "målområde" in kinds and "mål" not in kinds else goals


class Profile(NamedTuple):
    path: Path
    title: str
    running_title: str
    numbering: bool
    toc_title: str | None  # None: no table of contents
    cover: bool
    keywords: tuple[str, ...]
    parts: tuple[Part, ...]
    columns: dict[str, str]
    lists: dict[str, tuple[str, ...]]
    amount: Amount
    # The follow-up reports' own document ([uppfoljning]); None when the profile has none.
    followup: Profile | None = None
    symbols: tuple[tuple[str, str], ...] = ()  # (Bedömning, symbol shown beside the word)
    legend: str = ""  # the word before the symbols' explanation, e.g. "Teckenförklaring"
    unassessed: str = ""  # what an empty Bedömning says, e.g. "Inte bedömd"

    def symbol(self, assessment: str) -> str:
        return next((sym for word, sym in self.symbols if word == assessment), "")

    def where(self, line: int) -> str:
        return f"{self.path}, rad {line}" if line else str(self.path)


_ARRAY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([^\]\n]*?)[ \t]*\]\]", re.MULTILINE)
_HEADER_LINES: dict[str, dict[str, list[int]]] = {}  # file text -> header -> its lines


def _lines(text: str, header: str) -> list[int]:
    """1-based line numbers of every ``[[header]]`` in the file, in order.

    One pass over the file for all headers, lines counted from the previous match (counting
    from the start for each match grew with the file: a third of loading the profile)."""
    found = _HEADER_LINES.get(text)
    if found is None:
        found = {}
        line, pos = 1, 0
        for m in _ARRAY_HEADER.finditer(text):
            line += text.count("\n", pos, m.start())
            pos = m.start()
            found.setdefault(m[1], []).append(line)
        _HEADER_LINES.clear()  # one profile at a time
        _HEADER_LINES[text] = found
    return found.get(header, [])


def _key_line(text: str, start: int, key: str) -> int:
    """The line of ``key =`` at or after line ``start`` (else ``start``)."""
    lines = text.splitlines()
    for n in range(max(start - 1, 0), len(lines)):
        if re.match(rf"^[ \t]*{re.escape(key)}[ \t]*=", lines[n]):
            return n + 1
        if n >= start and lines[n].lstrip().startswith("["):
            break
    return start


def _table_line(text: str, header: str) -> int:
    """The line after ``[header]`` (0 when the file has no such table)."""
    m = re.search(rf"^[ \t]*\[[ \t]*{re.escape(header)}[ \t]*\][ \t]*$", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 2 if m else 0


def load_profile(directory: Path) -> Profile:
    """Read ``profil.toml`` in the kommun folder and check its structure (not yet its
    texts: ``check_texts``). A folder without a profile raises ProfileError."""
    path = directory / PROFILE_FILE
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ProfileError(f"{path}: kommunens profil (dokumentets form) saknas.") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: filen går inte att läsa: {exc}") from None
    doc = data.get(DOCUMENT)
    if not isinstance(doc, dict):
        raise ProfileError(f"{path}: avsnittet [{DOCUMENT}] saknas.")

    def fail(line: int, message: str) -> ProfileError:
        return ProfileError(f"{path}, rad {line}: {message}" if line else f"{path}: {message}")

    lists = {"perspektiv": PERSPEKTIV, "inriktning": INRIKTNINGAR}
    for key, values in data.get("listor", {}).items():
        if key not in lists:
            raise fail(_key_line(text, 1, key), f'okänd lista "{key}" i [listor]; listorna '
                       f"heter {', '.join(lists)}.")  # fmt: skip
        if (not isinstance(values, list) or not values
                or not all(isinstance(v, str) and v.strip() for v in values)):  # fmt: skip
            raise fail(_key_line(text, 1, key), f"listan {key} ska vara texter inom "
                       'citattecken, t.ex. ["Målgrupp", "Medarbetare"].')  # fmt: skip
        lists[key] = tuple(v.strip() for v in values)
    unit = data.get("belopp", {}).get("enhet", "Mnkr")
    if unit not in UNITS:
        raise fail(_key_line(text, 1, "enhet"), f'enhet kan vara {" eller ".join(UNITS)}, '
                   f'inte "{unit}".')  # fmt: skip
    plan = _document(doc, DOCUMENT, text, fail, path, lists, UNITS[unit])
    report = data.get(FOLLOWUP_DOCUMENT)
    if report is None:
        return plan
    if not isinstance(report, dict):
        raise fail(0, f"[{FOLLOWUP_DOCUMENT}] ska vara ett avsnitt med delar.")
    followup = _document(report, FOLLOWUP_DOCUMENT, text, fail, path, lists, UNITS[unit])
    return plan._replace(followup=followup)


def _document(doc: dict[str, Any], name: str, text: str, fail: Any, path: Path,
              lists: dict[str, tuple[str, ...]], amount: Amount) -> Profile:  # fmt: skip
    """One kind of document of the profile: ``[namndplan]`` or ``[uppfoljning]``."""
    report = name == FOLLOWUP_DOCUMENT
    kinds = REPORT_BLOCKS if report else BLOCKS
    part_lines = _lines(text, f"{name}.del")
    block_lines = iter(_lines(text, f"{name}.del.block"))
    raw_parts = doc.get("del", [])
    if not isinstance(raw_parts, list) or not raw_parts:
        raise fail(0, f"[[{name}.del]] saknas: dokumentet har inga delar.")
    parts: list[Part] = []
    previous_level = 0
    for i, raw in enumerate(raw_parts):
        line = part_lines[i] if i < len(part_lines) else 0
        unknown = sorted(set(raw) - PART_KEYS)
        if unknown:
            raise fail(_key_line(text, line, unknown[0]), f'okänd uppgift "{unknown[0]}" i '
                       f"en del; tillåtna: {', '.join(sorted(PART_KEYS))}.")  # fmt: skip
        heading = raw.get("rubrik")
        level = raw.get("niva", 1 if heading is not None else 0)
        if heading is not None and not isinstance(heading, str):
            raise fail(_key_line(text, line, "rubrik"), "rubrik ska vara en text inom citattecken.")
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
            raise fail(_key_line(text, line, "niva"), "niva ska vara 1, 2, 3 eller 4.")
        if heading is not None and level == 0:
            raise fail(_key_line(text, line, "niva"), "en del med rubrik har nivå 1–4.")
        if heading is not None and level > previous_level + 1:
            raise fail(_key_line(text, line, "niva"), f"niva {level} följer på niva "
                       f"{previous_level}: rubriknivåer får inte hoppas över.")  # fmt: skip
        if heading is not None:
            previous_level = level
        for_each = raw.get("for_varje")
        if for_each is not None and for_each not in FOR_EACH:
            raise fail(_key_line(text, line, "for_varje"),
                       f'for_varje kan vara "{", ".join(FOR_EACH)}", inte "{for_each}".')  # fmt: skip
        if_empty = raw.get("om_tomt")
        if if_empty is not None and not isinstance(if_empty, str):
            raise fail(_key_line(text, line, "om_tomt"), "om_tomt ska vara en mening inom "
                       "citattecken (eller utelämnas: då tas delen bort när den är tom).")  # fmt: skip
        blocks = []
        for raw_block in raw.get("block", []):
            bline = next(block_lines, line)
            blocks.append(_block(raw_block, bline, text, fail, for_each, kinds))
        parts.append(Part(level, heading, tuple(blocks), if_empty or None, for_each, line))

    columns = dict(DEFAULT_REPORT_COLUMNS if report else DEFAULT_COLUMNS)
    column_keys = REPORT_COLUMN_KEYS if report else COLUMN_KEYS
    start = _table_line(text, f"{name}.kolumner") if report else 1
    for key, value in doc.get("kolumner", {}).items():
        if key not in column_keys or not isinstance(value, str):
            raise fail(_key_line(text, start, key), f'okänd kolumn "{key}" i [{name}.kolumner]; '
                       f"kolumnerna heter {', '.join(column_keys)}.")  # fmt: skip
        columns[key] = value
    symbols: list[tuple[str, str]] = []
    start = _table_line(text, f"{name}.symboler")
    for key, value in doc.get("symboler", {}).items() if report else ():
        if key not in BEDOMNINGAR or not isinstance(value, str):
            line = _key_line(text, start, f'"{key}"') if start else 0
            line = _key_line(text, start, key) if line == start else line
            raise fail(line, f'[{name}.symboler]: "{key}" ska vara en '
                       f"av bedömningarna {', '.join(BEDOMNINGAR)}, med en symbol inom "
                       "citattecken.")  # fmt: skip
        if value.strip():
            symbols.append((key, value.strip()))
    toc = doc.get("innehallsforteckning", "Innehåll")
    profile = Profile(
        path=path,
        title=str(doc.get("titel", "")),
        running_title=str(doc.get("sidhuvud", "{{ nämnd }}, {{ titel }}")),
        numbering=bool(doc.get("rubriknumrering", True)),
        toc_title=str(toc) if toc else None,
        cover=bool(doc.get("forsattsblad", True)),
        keywords=tuple(str(k) for k in doc.get("nyckelord", [])),
        parts=tuple(parts),
        columns=columns,
        lists=lists,
        amount=amount,
        symbols=tuple(symbols),
        legend=str(doc.get("teckenforklaring", DEFAULT_LEGEND)) if report else "",
        unassessed=str(doc.get("utan_bedomning", DEFAULT_UNASSESSED)) if report else "",
    )
    _check_scopes(profile, text)
    return profile


def _block(raw: dict[str, Any], line: int, text: str, fail: Any, for_each: str | None,
           kinds: dict[str, dict[str, Option]] = BLOCKS) -> Block:  # fmt: skip
    kind = raw.get("typ")
    if kind not in kinds:
        known = ", ".join(kinds)
        raise fail(_key_line(text, line, "typ"), f'okänd blocktyp "{kind}"; blocktyperna är '
                   f"{known}.")  # fmt: skip
    spec = kinds[kind]
    options = {k: v for k, v in raw.items() if k != "typ"}
    for key, value in options.items():
        if key not in spec:
            allowed = ", ".join(spec) or "inga"
            raise fail(_key_line(text, line, key), f'blocket "{kind}" har ingen uppgift "{key}"; '
                       f"tillåtna: {allowed}.")  # fmt: skip
        opt = spec[key]
        if not isinstance(value, opt.kind) or isinstance(value, bool) != (opt.kind is bool):
            raise fail(_key_line(text, line, key), f'{key} i blocket "{kind}" har fel slag av '
                       "värde (text inom citattecken, true/false eller en lista).")  # fmt: skip
        if opt.choices and value not in opt.choices:
            raise fail(_key_line(text, line, key), f'{key} = "{value}" finns inte; välj ett av: '
                       f"{', '.join(opt.choices)}.")  # fmt: skip
    for key, opt in spec.items():
        if opt.required and key not in options:
            raise fail(line, f'blocket "{kind}" behöver uppgiften {key}.')
    if kind in ("måltext", "måluppföljning") and for_each not in FOR_EACH:
        raise fail(line, f'blocket "{kind}" hör till en del med for_varje = "mål".')
    if kind == "nyckeltal" and "mal" not in options and for_each not in FOR_EACH:
        raise fail(line, 'blocket "nyckeltal" behöver mal = "…" (t.ex. "Grunduppdrag") '
                   'utanför en del med for_varje = "mål".')  # fmt: skip
    if kinds is BLOCKS and kind == "utvecklingsmål" and "kolumner" in options:
        cols = options["kolumner"]
        if len(cols) != 3 or not all(isinstance(c, str) for c in cols):
            raise fail(_key_line(text, line, "kolumner"), "kolumner i utvecklingsmål ska vara "
                       "tre rubriker: mål, strategi och kopplingar.")  # fmt: skip
    elif kinds is REPORT_BLOCKS and kind in REPORT_COLUMN_LISTS and "kolumner" in options:
        cols = options["kolumner"]
        count, what = REPORT_COLUMN_LISTS[kind]
        if len(cols) != count or not all(isinstance(c, str) for c in cols):
            raise fail(_key_line(text, line, "kolumner"), f"kolumner i {kind} ska vara "
                       f"{count} rubriker: {what}.")  # fmt: skip
    return Block(kind, options, line)


# Variables a text has only where compose gives them, with check_texts' sample values:
# {{ mål }} in a part repeated per goal, {{ nummer }} and {{ namn }} in the heading of each
# of hållbarhet's goals, {{ titel }} in every text but the title itself.
SCOPED: dict[str, Any] = {"mål": "Mål", "nummer": 1, "namn": "Ingen fattigdom", "titel": "Titel"}
SCOPED_WHERE = {
    "mål": 'i en del med for_varje = "mål" eller "målområde"',
    "nummer": 'i rubrik i blocket "hållbarhet"',
    "namn": 'i rubrik i blocket "hållbarhet"',
    "titel": "i texterna efter titeln, inte i titeln själv",
}  # fmt: skip


def texts_of(profile: Profile) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """Every jinja2 text of the profile: (line of its part or block, key, text, the
    ``SCOPED`` variables it has). A document-wide text (title, column headings) has no
    {{ mål }}: it is shown outside the parts repeated per goal too."""
    out: list[tuple[int, str, str, tuple[str, ...]]] = [
        (0, "titel", profile.title, ()),
        (0, "sidhuvud", profile.running_title, ("titel",)),
    ]
    out += [(0, key, v, ("titel",)) for key, v in profile.columns.items()]
    out += [(0, "nyckelord", k, ("titel",)) for k in profile.keywords]
    if profile.legend:
        out.append((0, "teckenforklaring", profile.legend, ("titel",)))
    if profile.unassessed:
        out.append((0, "utan_bedomning", profile.unassessed, ("titel",)))
    for part in profile.parts:
        scope: tuple[str, ...] = ("titel", "mål") if part.for_each else ("titel",)
        if part.heading is not None:
            out.append((part.line, "rubrik", part.heading, scope))
        if part.if_empty:
            out.append((part.line, "om_tomt", part.if_empty, scope))
        for block in part.blocks:
            for key, value in block.options.items():
                own = (
                    (*scope, "nummer", "namn")
                    if (block.kind, key) == ("hållbarhet", "rubrik")
                    else scope
                )
                if isinstance(value, str) and key not in ("blad", "avsnitt", "mall", "slag"):
                    out.append((block.line, key, value, own))
                elif isinstance(value, list):
                    out += [(block.line, key, v, own) for v in value if isinstance(v, str)]
    return out


_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


def _check_scopes(profile: Profile, file_text: str) -> None:
    """Refuse, when the profile is read, a text using {{ mål }} outside a part repeated per
    goal: compose has no goal there. (Read without jinja2, so that reading stays fast; the
    texts are tried with jinja2 in ``check_texts`` before a document is built.)"""
    used = re.compile(r"(?<![\w.])mål(?!\w)")
    for line, key, text, scope in texts_of(profile):
        if "mål" in scope or "mål" not in text:
            continue
        if any(used.search(_STRING.sub("", m[0])) for m in _EXPRESSION.finditer(text)):
            where = _key_line(file_text, line, key) if line else _text_line(file_text, text)
            raise ProfileError(f"{profile.where(where)}: texten {text!r} kan inte fyllas i: "
                               f"variabeln mål finns bara {SCOPED_WHERE['mål']}. "
                               f"{'Lägg till for_varje i delen, eller ta' if line else 'Ta'} "
                               "bort {{ mål }} ur texten.")  # fmt: skip


_COMPILED: dict[str, Any] = {}


def render(text: str, context: dict[str, Any]) -> str:
    """A profile text filled in (jinja2, StrictUndefined; compiled once per process)."""
    template = _COMPILED.get(text)
    if template is None:
        from jinja2 import Environment, StrictUndefined

        env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
        template = _COMPILED[text] = env.from_string(text)
    return template.render(**context)


def check_texts(profile: Profile, context: dict[str, Any], templates_dir: Path) -> None:
    """Try every text of the profile with a sample context; a kommun-wide text's template
    file must exist. ProfileError names the file and the line of the first problem."""
    from jinja2 import TemplateError

    file_text = profile.path.read_text(encoding="utf-8")
    # Each text with the variables compose gives it there (SCOPED): never {{ mål }} outside
    # a part per goal, whatever the caller's context holds.
    base = {k: v for k, v in context.items() if k not in SCOPED}
    for line, key, text, scope in texts_of(profile):
        try:
            render(text, {**base, **{name: SCOPED[name] for name in scope}})
        except TemplateError as exc:
            where = _key_line(file_text, line, key) if line else _text_line(file_text, text)
            raise ProfileError(f"{profile.where(where)}: texten {text!r} kan inte fyllas i: "
                               f"{_swedish(exc)}.") from None  # fmt: skip
    for part in profile.parts:
        for block in part.blocks:
            if block.kind == "kommuntext":
                name = str(block.options["mall"])
                if not (templates_dir / "texter" / name).is_file():
                    raise ProfileError(f"{profile.where(block.line)}: kommuntexten {name} "
                                       f"finns inte i {templates_dir / 'texter'}.")  # fmt: skip


def _text_line(file_text: str, text: str) -> int:
    index = file_text.find(text)
    return file_text.count("\n", 0, index) + 1 if index >= 0 else 0


def _swedish(exc: Exception) -> str:
    message = str(exc)
    m = re.match(r"'([^']+)' is undefined", message)
    if m and m[1] in SCOPED_WHERE:
        return f"variabeln {m[1]} finns bara {SCOPED_WHERE[m[1]]}"
    if m:
        return f"variabeln {m[1]} finns inte"
    return message


def sample_context() -> dict[str, Any]:
    """Plausible values of the variables every profile text has (for ``check_texts``, which
    adds those only some texts have: ``SCOPED``)."""
    return text_context("Kommun", "Nämnd", 2000, "Oktober", "Mnkr", {})


def sample_report_context() -> dict[str, Any]:
    """``sample_context`` with the follow-up reports' variables (``[uppfoljning]``'s texts)."""
    context = sample_context()
    context.update(report_variables("Delårsrapport", "januari–augusti 2000", "jan–aug 2000"))
    return context


def report_variables(rapport: str, period: str, period_short: str) -> dict[str, Any]:
    """The variables a follow-up report's texts have besides ``text_context``'s:
    ``{{ rapport }}`` (Delårsrapport), ``{{ period }}`` (januari–augusti 2024, or 2024 for the
    whole year) and ``{{ period_kort }}`` (jan–aug 2024, or 2024)."""
    return {"rapport": rapport, "period": period, "period_kort": period_short}


def text_context(kommun: str, namnd: str, year: int, month: str, unit: str,
                 data: dict[str, Any], goal: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The variables of the profile's texts (and the kommun.toml tables besides)."""
    context = dict(data)
    context.update(
        kommun=kommun, nämnd=namnd, år=year, prognosmånad=month, enhet=unit,
        år_kort=f"{year % 100:02d}", fg_år_kort=f"{(year - 1) % 100:02d}",
    )  # fmt: skip
    if goal is not None:
        context["mål"] = goal
    return context


def sheet_of(block: Block) -> str | None:
    """The sheet whose rows fill a block (None: always has content, e.g. a text)."""
    if block.kind == "belopp":
        return str(block.options["blad"])
    return BLOCK_SHEETS.get(block.kind)


def contract_header(sheet: str, key: str) -> str:
    """A column's header text in the contract (defaults of block options)."""
    return SHEETS_BY_NAME[sheet].column(key).header


def report_header(sheet: str, key: str) -> str:
    """A column's header text in the follow-up contract (defaults of report block options)."""
    return FOLLOWUP_SHEETS_BY_NAME[sheet].column(key).header
