"""The saved cell values of an .xlsx workbook's sheets, read straight from the sheet XML.

Why not ``openpyxl.load_workbook``: an input workbook is read for every ``validate`` and
``build``, and with ``read_only=True`` openpyxl opens every sheet (the instruction and list
sheets too), parses each one twice (once for its dimensions, since a small sheet fits the
parser's first 16 kB chunk) and builds objects for everything in it: drop-down rules, views,
page set-up. That was most of the time of ``validate`` (issue 6). Here lxml parses only the
sheets asked for, once, and only their ``<row>`` elements are looked at.

openpyxl still defines the meaning of a cell: its number formats (``BUILTIN_FORMATS``), its
test of which formats are dates (``is_date_format``), its Excel date conversion
(``from_excel``, both 1900 and 1904 epochs) and its way of reading shared strings (plain and
rich text joined, phonetic runs left out, ``_x005F_`` unescaped). tests/test_xlsx.py checks
every value against ``openpyxl.load_workbook(read_only=True, data_only=True)``.

Escapes: OOXML strings are ``ST_Xstring``, in which ``_xHHHH_`` stands for the character
U+HHHH (Excel writes a pasted carriage return as ``_x000D_``) and ``_x005F_`` for a literal
underscore, so ``_x005F_x000D_`` is the text "_x000D_". openpyxl only removes ``x005F_``;
this reader decodes every escape in one left-to-right pass over shared, inline and formula
strings (``escapes="ecma"``, the default). ``escapes="openpyxl"`` reads as openpyxl does and
is what tests/test_xlsx.py compares with openpyxl.

Formulas: a ``<f>`` cell without a saved ``<v>`` is flagged (never read as empty or 0), in
the same pass.

Hostile and foreign files (issue 11): memory is bounded by what the contract can hold, not
by the file. Every part is inflated in 64 KiB steps and its bytes are counted as they come
(``Inflated``; a zip's declared sizes are never trusted), against one budget for the whole
workbook; sheets and shared strings are parsed as a stream (``iterparse``, each row cleared
once read); cells past the contract's last column are not built (the first is remembered,
``beyond``), empty rows are passed over, and a sheet stops at Excel's own row limit or at the
row cap (``truncated``). Workbooks saved as "Strict Open XML" are read the same way, in
their ISO namespaces.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from lxml import etree

_TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIGITS = "0123456789"
_new = tuple.__new__

CHUNK = 64 * 1024  # bytes inflated at a time: never a whole part at once
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # inflated bytes of all parts read, together
MAX_SMALL_PART_BYTES = 20 * 1024 * 1024  # workbook.xml, relationships, styles
EXCEL_MAX_ROWS = 1_048_576  # a sheet of Excel's has no more rows (nor row numbers)
MAX_CONTENT_ROWS = 20_000  # rows with something in them per sheet: far beyond any plan


class XlsxCell(NamedTuple):
    column: int  # 1-based
    ref: str  # A1 reference
    value: Any  # str, int, float, bool, datetime/timedelta, or None
    number_format: str
    formula_without_value: bool


class TooMuchData(Exception):
    """A part inflates past the workbook's budget (a zip bomb, or not an input workbook)."""

    def __init__(self, part: str, limit: int):
        super().__init__(part)
        self.part = part
        self.limit = limit


class Damaged(Exception):
    """A part refers to something the workbook does not have (a shared string, say)."""

    def __init__(self, part: str, ref: str = ""):
        super().__init__(part)
        self.part = part
        self.ref = ref


class BrokenXml(Exception):
    """A part of the workbook is not well-formed XML; ``sheet`` names it when it is a sheet."""

    def __init__(self, part: str, sheet: str = "", line: int | None = None):
        super().__init__(part)
        self.part = part
        self.sheet = sheet
        self.line = line


class Budget:
    """Inflated bytes left for the parts still to be read."""

    def __init__(self, total: int = MAX_UNPACKED_BYTES):
        self.left = total
        self.total = total
        self.used = 0

    def spend(self, n: int, part: str) -> None:
        self.used += n
        self.left -= n
        if self.left < 0:
            raise TooMuchData(part, self.total)


class Inflated:
    """A zip member read in ``CHUNK`` steps with every inflated byte counted: a file-like
    object for lxml's parsers. zipfile cuts a member at its declared size (and then fails
    its CRC check), but only after inflating whatever one read asks for: a single
    ``read()`` of a bomb inflated 1,2 GB at once."""

    def __init__(self, zf: zipfile.ZipFile, part: str, budget: Budget, limit: int | None = None):
        self._fh = zf.open(part)
        self._part = part
        self._budget = budget
        self._limit = limit
        self._read = 0

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(CHUNK if size is None or size < 0 or size > CHUNK else size)
        self._read += len(data)
        if self._limit is not None and self._read > self._limit:
            raise TooMuchData(self._part, self._limit)
        self._budget.spend(len(data), self._part)
        return data

    def readall(self) -> bytes:
        chunks = []
        while chunk := self.read(CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Inflated:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parser() -> etree.XMLParser:
    # No entities, no network, no DTD: a workbook is untrusted input. huge_tree lets one
    # long text through (a cell over lxml's 10 MB text limit is then named by the reader,
    # not reported as broken XML); the inflate budget bounds it.
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                           load_dtd=False, huge_tree=True)  # fmt: skip


def _iterparse(source: Inflated, tag: str) -> Any:
    return etree.iterparse(source, events=("end",), tag=tag, resolve_entities=False,
                           no_network=True, remove_comments=True, load_dtd=False,
                           huge_tree=True)  # fmt: skip


def _release(elem: Any) -> None:
    """Free a parsed element and the siblings before it (the streaming idiom)."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escaped_char(m: re.Match[str]) -> str:
    return chr(int(m[1], 16))


def decode_escapes(text: str) -> str:
    """ECMA-376 ``ST_Xstring``: every ``_xHHHH_`` becomes U+HHHH, in one pass.

    ``_x005F_`` is the underscore itself, so an escaped escape stays text. Escaped UTF-16
    surrogate pairs are joined; a lone surrogate (not a character) becomes U+FFFD.
    """
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(_escaped_char, text)
    if any("\ud800" <= ch <= "\udfff" for ch in decoded):
        decoded = decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return decoded


def _openpyxl_unescape(text: str) -> str:
    return text.replace("x005F_", "")


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _number(v: str) -> int | float | str:
    """A ``t="n"`` value as openpyxl casts it; text that is no number stays text (openpyxl
    raises), and an integer too long for ``int`` (over 4 300 digits) becomes a float."""
    try:
        return float(v) if ("." in v or "E" in v or "e" in v) else int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


class XlsxBook:
    """One open workbook: its sheets by name, shared strings and cell formats."""

    def __init__(self, zf: zipfile.ZipFile, escapes: str = "ecma", budget: Budget | None = None):
        self._part = "xl/workbook.xml"  # the part being read, for BrokenXml
        try:
            self._load(zf, escapes, budget)
        except etree.XMLSyntaxError as exc:
            raise BrokenXml(self._part, line=exc.lineno) from None

    def _load(self, zf: zipfile.ZipFile, escapes: str, budget: Budget | None) -> None:
        from openpyxl.styles.numbers import (
            builtin_format_code,
            is_date_format,
            is_timedelta_format,
        )
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

        self._zf = zf
        self.budget = budget or Budget()
        #: how ``_xHHHH_`` escapes in strings are read (see the module docstring); openpyxl
        #: unescapes ``_x005F_`` in shared strings only
        ecma = escapes == "ecma"
        self.unescape: Callable[[str], str] = decode_escapes if ecma else str
        unescape_shared = decode_escapes if ecma else _openpyxl_unescape
        parser = self._parser = _parser()
        names = set(zf.namelist())
        workbook = etree.fromstring(self._small("xl/workbook.xml"), parser)
        #: saved as "Strict Open XML" (ISO/IEC 29500 strict namespaces)
        self.strict = workbook.tag == f"{{{_STRICT}}}workbook"
        main = f"{{{_STRICT if self.strict else _TRANSITIONAL}}}"
        rel_ns = f"{{{_REL_STRICT if self.strict else _REL_TRANSITIONAL}}}"
        self._tags = tuple(f"{main}{t}" for t in ("row", "c", "v", "f", "is", "t", "r", "si"))
        rels_part = "xl/_rels/workbook.xml.rels"
        rels = etree.fromstring(self._small(rels_part), parser) if rels_part in names else None
        relations = list(rels.iter(f"{_PKG_REL}Relationship")) if rels is not None else []
        targets = {r.get("Id"): r.get("Target", "") for r in relations}
        by_type = {r.get("Type", "").rsplit("/", 1)[-1]: r.get("Target", "") for r in relations}
        #: sheet name -> zip member, in the workbook's order (worksheets only)
        self.sheets: dict[str, str] = {}
        for sheet in workbook.iter(f"{main}sheet"):
            part = _part(targets.get(sheet.get(f"{rel_ns}id"), ""))
            if part in names and "/worksheets/" in f"/{part}":
                self.sheets[str(sheet.get("name", ""))] = part
        pr = workbook.find(f"{main}workbookPr")
        date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        self.epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        #: per sheet, the first cell past the columns asked for (not read)
        self.beyond: dict[str, str] = {}
        #: per sheet, why and at which row reading stopped: "excel" (more rows than Excel
        #: has: not a sheet Excel wrote) or "cap" (more rows with content than MAX_CONTENT_ROWS)
        self.truncated: dict[str, tuple[str, int]] = {}

        self.strings: list[str] = []
        strings = _part(by_type.get("sharedStrings", "sharedStrings.xml"))
        if strings in names:
            self._part = strings
            with Inflated(zf, strings, self.budget) as source:
                for _, si in _iterparse(source, self._tags[7]):
                    self.strings.append(unescape_shared(self._text(si)))
                    _release(si)

        #: number format per style id (the ``s`` of a cell), and the ids that hold dates
        self.formats: list[str] = []
        self.date_ids: set[int] = set()
        self.timedelta_ids: set[int] = set()
        styles = _part(by_type.get("styles", "styles.xml"))
        if styles in names:
            root = etree.fromstring(self._small(styles), parser)
            custom = {int(n.get("numFmtId", -1)): n.get("formatCode", "General")
                      for n in root.iter(f"{main}numFmt")}  # fmt: skip
            xfs = root.find(f"{main}cellXfs")
            for i, xf in enumerate(xfs.iterchildren(f"{main}xf") if xfs is not None else ()):
                fid = int(xf.get("numFmtId", 0))
                code = custom[fid] if fid in custom else builtin_format_code(fid)
                self.formats.append(code or "General")
                if is_date_format(code):
                    self.date_ids.add(i)
                if is_timedelta_format(code):
                    self.timedelta_ids.add(i)

    def _small(self, part: str) -> bytes:
        self._part = part
        with Inflated(self._zf, part, self.budget, MAX_SMALL_PART_BYTES) as source:
            return source.readall()

    def _text(self, si: Any) -> str:
        """A string item's text: its ``<t>`` and its rich-text runs' ``<t>`` joined (not the
        phonetic ``<rPh>`` runs), as openpyxl's ``Text.content``."""
        t_tag, r_tag = self._tags[5], self._tags[6]
        parts: list[str] = []
        for child in si:
            tag = child.tag
            if tag == t_tag:
                parts.append(child.text or "")
            elif tag == r_tag:
                parts.extend(t.text or "" for t in child if t.tag == t_tag)
        return parts[0] if len(parts) == 1 else "".join(parts)

    def rows(self, sheet: str, max_col: int | None = None) -> Iterator[tuple[int, list[XlsxCell]]]:
        """(row number, cells in column order) for each ``<row>`` of a sheet with a cell
        that holds something (a value, or a formula); cells past ``max_col`` are left out
        (the first is remembered in ``beyond``). Broken XML raises BrokenXml naming the
        sheet."""
        try:
            yield from self._rows(sheet, max_col)
        except etree.XMLSyntaxError as exc:
            raise BrokenXml(self.sheets[sheet], sheet, exc.lineno) from None

    def _rows(self, sheet: str, max_col: int | None) -> Iterator[tuple[int, list[XlsxCell]]]:
        from openpyxl.utils.cell import column_index_from_string, get_column_letter
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        row_tag, c_tag, v_tag, f_tag, is_tag = self._tags[:5]
        strings, formats, date_ids = self.strings, self.formats, self.date_ids
        unescape = self.unescape
        n_formats = len(formats)
        n_strings = len(strings)
        limit = max_col or 16_384
        columns: dict[str, int] = {}
        row_no = 0
        elements = content = 0
        with Inflated(self._zf, self.sheets[sheet], self.budget) as source:
            for _, row in _iterparse(source, row_tag):
                elements += 1
                r = row.get("r")
                row_no = int(r) if r and r.isdigit() else row_no + 1
                if elements > EXCEL_MAX_ROWS or row_no > EXCEL_MAX_ROWS:
                    self.truncated[sheet] = ("excel", row_no)
                    return
                if not len(row):  # <row/>: formatted, nothing in it
                    _release(row)
                    continue
                cells: list[XlsxCell] = []
                col = 0
                for c in row:
                    if c.tag != c_tag:
                        continue
                    ref = c.get("r")
                    letters = ref.rstrip(_DIGITS) if ref else ""
                    if letters and letters != ref:
                        col = columns.get(letters) or columns.setdefault(
                            letters, _column(letters, column_index_from_string)
                        )
                        if ref[len(letters) :] != str(row_no):  # names another row
                            ref = None
                    else:  # no reference, or one without a row: the next column
                        col += 1
                        ref = None
                    if not len(c):  # a formatted cell without a value
                        continue
                    if col > limit:
                        letter = get_column_letter(min(col, 16_384))  # XFD: Excel's last
                        self.beyond.setdefault(sheet, ref or f"{letter}{row_no}")
                        continue
                    if ref is None:
                        ref = f"{get_column_letter(col)}{row_no}"
                    s = c.get("s")
                    style = int(s) if s and s.isdigit() else 0
                    fmt = formats[style] if style < n_formats else "General"
                    t = c.get("t") or "n"
                    v = None
                    inline = None
                    formula = False
                    for child in c:  # one pass over <v>, <f>, <is>
                        tag = child.tag
                        if tag == v_tag:
                            v = child.text or None  # an empty <v/> is no value
                        elif tag == f_tag:
                            formula = True
                        elif tag == is_tag:
                            inline = child
                    value: Any = None
                    if v is not None:
                        if t == "n":
                            value = _number(v)
                            if style in date_ids and not isinstance(value, str):
                                try:
                                    value = from_excel(value, self.epoch,
                                                       timedelta=style in self.timedelta_ids)  # fmt: skip
                                except (OverflowError, ValueError):
                                    value = "#VALUE!"  # as openpyxl: a date out of range
                        elif t == "s":
                            i = int(v) if v.isdigit() else -1
                            if not 0 <= i < n_strings:
                                raise Damaged(self.sheets[sheet], ref)
                            value = strings[i]
                        elif t == "b":
                            value = v.strip() in ("1", "true")
                        elif t == "d":
                            try:
                                value = from_ISO8601(v)
                            except ValueError:
                                value = v
                        elif t == "str":  # a formula's text
                            value = unescape(v)
                        else:  # "e" (an error such as #DIV/0!)
                            value = v
                    elif t == "inlineStr" and inline is not None:
                        value = unescape(self._text(inline))
                    if value is None and not formula:
                        continue
                    # tuple.__new__: a named tuple without the Python-level __new__ call
                    cells.append(_new(XlsxCell, (col, ref, value, fmt, value is None and formula)))
                _release(row)
                if not cells:
                    continue
                content += row_no > 1  # data rows; the header is row 1
                if content > MAX_CONTENT_ROWS:
                    self.truncated[sheet] = ("cap", row_no)
                    return
                yield row_no, cells


def _column(letters: str, index: Callable[[str], int]) -> int:
    try:
        return index(letters)
    except ValueError:  # not a column (past XFD, or no letters): beyond any contract column
        return 1 << 20
