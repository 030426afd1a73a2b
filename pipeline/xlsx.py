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
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _F, _IS, _T, _R, _RPH = (f"{_MAIN}{t}" for t in ("row", "c", "v", "f", "is", "t", "r", "rPh"))  # fmt: skip
_DIGITS = "0123456789"
_new = tuple.__new__


class XlsxCell(NamedTuple):
    column: int  # 1-based
    ref: str  # A1 reference
    value: Any  # str, int, float, bool, datetime/timedelta, or None
    number_format: str
    formula_without_value: bool


def _parser() -> etree.XMLParser:
    # No entities, no network, lxml's default size limits: a workbook is untrusted input.
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


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


def _text(si: Any) -> str:
    """A string item's text: its ``<t>`` and its rich-text runs' ``<t>`` joined (not the
    phonetic ``<rPh>`` runs), as openpyxl's ``Text.content``."""
    parts: list[str] = []
    for child in si:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _R:
            parts.extend(t.text or "" for t in child if t.tag == _T)
    return parts[0] if len(parts) == 1 else "".join(parts)


class XlsxBook:
    """One open workbook: its sheets by name, shared strings and cell formats."""

    def __init__(self, zf: zipfile.ZipFile, escapes: str = "ecma"):
        from openpyxl.styles.numbers import (
            builtin_format_code,
            is_date_format,
            is_timedelta_format,
        )
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

        self._zf = zf
        #: how ``_xHHHH_`` escapes in strings are read (see the module docstring); openpyxl
        #: unescapes ``_x005F_`` in shared strings only
        ecma = escapes == "ecma"
        self.unescape: Callable[[str], str] = decode_escapes if ecma else str
        unescape_shared = decode_escapes if ecma else _openpyxl_unescape
        parser = self._parser = _parser()
        workbook = etree.fromstring(zf.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
        by_type = {r.get("Type", "").rsplit("/", 1)[-1]: r.get("Target", "")
                   for r in rels.iter(f"{_PKG_REL}Relationship")}  # fmt: skip
        names = set(zf.namelist())
        #: sheet name -> zip member, in the workbook's order (worksheets only)
        self.sheets: dict[str, str] = {}
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            part = _part(targets.get(sheet.get(f"{_REL}id"), ""))
            if part in names and "/worksheets/" in f"/{part}":
                self.sheets[str(sheet.get("name", ""))] = part
        pr = workbook.find(f"{_MAIN}workbookPr")
        date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        self.epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH

        self.strings: list[str] = []
        strings = _part(by_type.get("sharedStrings", "sharedStrings.xml"))
        if strings in names:
            root = etree.fromstring(zf.read(strings), parser)
            self.strings = [unescape_shared(_text(si)) for si in root.iterchildren(f"{_MAIN}si")]

        #: number format per style id (the ``s`` of a cell), and the ids that hold dates
        self.formats: list[str] = []
        self.date_ids: set[int] = set()
        self.timedelta_ids: set[int] = set()
        styles = _part(by_type.get("styles", "styles.xml"))
        if styles in names:
            root = etree.fromstring(zf.read(styles), parser)
            custom = {int(n.get("numFmtId", -1)): n.get("formatCode", "General")
                      for n in root.iter(f"{_MAIN}numFmt")}  # fmt: skip
            xfs = root.find(f"{_MAIN}cellXfs")
            for i, xf in enumerate(xfs.iterchildren(f"{_MAIN}xf") if xfs is not None else ()):
                fid = int(xf.get("numFmtId", 0))
                code = custom[fid] if fid in custom else builtin_format_code(fid)
                self.formats.append(code or "General")
                if is_date_format(code):
                    self.date_ids.add(i)
                if is_timedelta_format(code):
                    self.timedelta_ids.add(i)

    def rows(self, sheet: str) -> Iterator[tuple[int, list[XlsxCell]]]:
        """(row number, cells in column order) for each ``<row>`` of a sheet."""
        from openpyxl.utils.cell import column_index_from_string, get_column_letter
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        root = etree.fromstring(self._zf.read(self.sheets[sheet]), self._parser)
        data = root.find(f"{_MAIN}sheetData")
        if data is None:
            return
        strings, formats, date_ids = self.strings, self.formats, self.date_ids
        unescape = self.unescape
        n_formats = len(formats)
        columns: dict[str, int] = {}
        row_no = 0
        for row in data:
            if row.tag != _ROW:
                continue
            r = row.get("r")
            row_no = int(r) if r else row_no + 1
            cells: list[XlsxCell] = []
            col = 0
            for c in row:
                if c.tag != _C:
                    continue
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip(_DIGITS)
                    col = columns.get(letters) or columns.setdefault(
                        letters, column_index_from_string(letters)
                    )
                else:
                    col += 1
                    ref = f"{get_column_letter(col)}{row_no}"
                s = c.get("s")
                style = int(s) if s else 0
                fmt = formats[style] if style < n_formats else "General"
                t = c.get("t") or "n"
                v = None
                inline = None
                formula = False
                for child in c:  # one pass over <v>, <f>, <is>
                    tag = child.tag
                    if tag == _V:
                        v = child.text or None  # an empty <v/> is no value
                    elif tag == _F:
                        formula = True
                    elif tag == _IS:
                        inline = child
                value: Any = None
                if v is not None:
                    if t == "n":
                        value = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
                        if style in date_ids:
                            try:
                                value = from_excel(value, self.epoch,
                                                   timedelta=style in self.timedelta_ids)  # fmt: skip
                            except (OverflowError, ValueError):
                                value = "#VALUE!"  # as openpyxl: a date out of range
                    elif t == "s":
                        value = strings[int(v)]
                    elif t == "b":
                        value = bool(int(v))
                    elif t == "d":
                        value = from_ISO8601(v)
                    elif t == "str":  # a formula's text
                        value = unescape(v)
                    else:  # "e" (an error such as #DIV/0!)
                        value = v
                elif t == "inlineStr" and inline is not None:
                    value = unescape(_text(inline))
                # tuple.__new__: a named tuple without the Python-level __new__ call
                cells.append(_new(XlsxCell, (col, ref, value, fmt, value is None and formula)))
            yield row_no, cells
