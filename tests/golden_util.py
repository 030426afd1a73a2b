"""Golden files: what a plan's reader (or a controller's workbook) holds, as reviewable text.

``check_golden`` compares a text with its file under ``tests/golden/`` and fails with a
unified diff; with ``--update-golden`` (``make golden``) it writes the file instead and the
diff of every file it rewrote is printed at the end of the run (``report``, called from
``pytest_terminal_summary`` in conftest). A text is never compared with the file it was
just written to.

``docx_text`` renders a .docx package: the body of ``word/document.xml`` paragraph by
paragraph with the formatting a reader sees (style names resolved from styles.xml, bold,
alignment, keep/page-break properties, tables with their row and cell properties, fields,
hyperlinks, bookmarks, drawings with their targets), the headers and footers, the
document properties, styles, numbering, settings and charts; every other part by its hash.
``workbook_text`` renders an .xlsx as openpyxl reads it: sheets, cells with values and
formats, column widths, data validations, protection, defined names and print settings.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

GOLDEN_DIR = Path(__file__).parent / "golden"
MAX_DIFF_LINES = 400  # in a failure message; `make golden` prints the whole diff

_rewritten: list[tuple[str, str]] = []  # (name, unified diff) written in this session
_unchanged: list[str] = []


# -- comparing and updating ------------------------------------------------------------------


def unified_diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/tests/golden/{name}",
        tofile=f"b/tests/golden/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check_golden(name: str, text: str, config: pytest.Config) -> None:
    """Compare ``text`` with ``tests/golden/<name>``, or rewrite it with --update-golden."""
    path = GOLDEN_DIR / name
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if config.getoption("--update-golden"):
        if old == text:
            _unchanged.append(name)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        _rewritten.append((name, unified_diff(old or "", text, name)))
        return
    if old is None:
        pytest.fail(f"tests/golden/{name} is missing: run `make golden` and review it", False)
    if old != text:
        diff = unified_diff(old, text, name).splitlines()
        shown = "\n".join(diff[:MAX_DIFF_LINES])
        more = len(diff) - MAX_DIFF_LINES
        if more > 0:
            shown += f"\n... {more} more diff lines"
        pytest.fail(
            f"tests/golden/{name} differs from what is built now (- golden, + now).\n"
            "If the change is intended: `make golden`, review `git diff tests/golden`.\n"
            f"{shown}",
            pytrace=False,
        )


def assert_same_text(expected: str, actual: str, what: str, hint: str) -> None:
    """Fail with a unified diff (- expected, + actual) when two texts differ."""
    if expected == actual:
        return
    diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                actual.splitlines(keepends=True), "expected", "actual")  # fmt: skip
    lines = "".join(line if line.endswith("\n") else line + "\n" for line in diff).splitlines()
    shown = "\n".join(lines[:MAX_DIFF_LINES])
    if len(lines) > MAX_DIFF_LINES:
        shown += f"\n... {len(lines) - MAX_DIFF_LINES} more diff lines"
    pytest.fail(f"{what} (- expected, + actual). {hint}\n{shown}", pytrace=False)


def report(terminalreporter: Any) -> None:
    """Print the diff of every golden file this session rewrote (from conftest)."""
    if not _rewritten and not _unchanged:
        return
    tr = terminalreporter
    tr.section("golden files")
    for name, diff in _rewritten:
        tr.write_line(f"rewritten: tests/golden/{name}", bold=True)
        for line in diff.splitlines():
            if line.startswith(("+++", "---")):
                tr.write_line(line, bold=True)
            elif line.startswith("+"):
                tr.write_line(line, green=True)
            elif line.startswith("-"):
                tr.write_line(line, red=True)
            elif line.startswith("@@"):
                tr.write_line(line, cyan=True)
            else:
                tr.write_line(line)
    for name in _unchanged:
        tr.write_line(f"unchanged: tests/golden/{name}")
    if _rewritten:
        tr.write_line("Review the diff above (and `git diff tests/golden`) before committing.")


# -- shared text helpers -----------------------------------------------------------------------

NBSP_MARK = "⍽"


def visible(text: str) -> str:
    """Text with the characters a reader cannot tell apart made visible: a no-break space
    as ⍽, other invisible or control characters as ⟨U+XXXX⟩."""
    out = []
    for ch in text:
        if ch == "\u00a0":
            out.append(NBSP_MARK)
        elif ch != " " and unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def _value(v: str) -> str:
    """An attribute value: bare when unambiguous, else quoted."""
    if re.fullmatch(r"[\w.#%+\-/:→]+", v):
        return visible(v)
    return json.dumps(visible(v), ensure_ascii=False)


# -- docx --------------------------------------------------------------------------------------

NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "c",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "ep",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": "vt",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "urn:schemas-microsoft-com:office:office": "o",
    "urn:schemas-microsoft-com:vml": "v",
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELTYPE_PREFIXES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/",
)


def _w(local: str) -> str:
    return f"{{{W}}}{local}"


def _qname(clark: str) -> str:
    """``{ns}local`` as ``prefix:local``; WordprocessingML's own names without a prefix."""
    if not clark.startswith("{"):
        return clark
    ns, local = clark[1:].split("}")
    prefix = NAMESPACES.get(ns)
    if prefix == "w":
        return local
    return f"{prefix}:{local}" if prefix else clark


class _Part:
    """One XML part with what its references resolve to (relationships, styles)."""

    def __init__(self, name: str, rels: dict[str, str], styles: dict[str, str]) -> None:
        self.name = name
        self.rels = rels  # rId -> target (package path, or URL for external)
        self.styles = styles  # styleId -> name
        self.drawings: list[etree._Element] = []

    def attr(self, key: str, value: str, element: str) -> str:
        if key.startswith(f"{{{R}}}"):
            return "→" + self.rels.get(value, f"?{value}")
        if element in ("pStyle", "rStyle", "tblStyle") and key == _w("val"):
            return self.styles.get(value, f"?{value}")
        return value

    def attrs(self, el: etree._Element) -> list[str]:
        name = _qname(el.tag)
        pairs = sorted((_qname(k), self.attr(k, v, name)) for k, v in el.attrib.items())
        return [f"{k}={_value(v)}" for k, v in pairs]

    def flat(self, el: etree._Element) -> str:
        """One element on one line: ``name=val``, ``name(a=1 b=2){child, child}``."""
        name = _qname(el.tag)
        attrs = self.attrs(el)
        if name in ("tcW", "tblW") and attrs == ["type=dxa", f"w={el.get(_w('w'))}"]:
            return f"{name}={el.get(_w('w'))}"  # widths in twips, on every cell
        children = [c for c in el if isinstance(c.tag, str)]
        text = el.text or ""
        if not children and not text.strip() and len(attrs) == 1 and attrs[0].startswith("val="):
            return f"{name}={attrs[0][4:]}"
        out = name + (f"({' '.join(attrs)})" if attrs else "")
        if text.strip():
            out += f"={_value(text)}"
        if children:
            out += "{" + ", ".join(self.flat(c) for c in children) + "}"
        return out

    def tree(self, el: etree._Element, depth: int = 0) -> list[str]:
        """An element as an indented tree; a chain of single children on one line."""
        pad = "  " * depth
        head = _qname(el.tag) + "".join(f" {a}" for a in self.attrs(el))
        children = [c for c in el if isinstance(c.tag, str)]
        text = el.text if el.text and el.text.strip() else ""
        if not children:
            return [pad + head + (f": {visible(text)}" if text else "")]
        if len(children) == 1 and not text:
            inner = self.tree(children[0])
            if len(inner) == 1:
                return [f"{pad}{head} > {inner[0]}"]
        lines = [pad + head + (f": {visible(text)}" if text else "")]
        for c in children:
            lines += self.tree(c, depth + 1)
        return lines

    # -- WordprocessingML --------------------------------------------------------------------

    def run(self, r: etree._Element) -> str:
        rpr = r.find(_w("rPr"))
        props = [self.flat(c) for c in rpr] if rpr is not None else []
        parts: list[str] = []
        for c in r:
            if c is rpr or not isinstance(c.tag, str):
                continue
            tag = _qname(c.tag)
            if tag in ("t", "instrText", "delText"):
                parts.append(visible(c.text or ""))
            elif tag == "tab":
                parts.append("⇥")
            elif tag == "br" and not c.attrib:
                parts.append("↵")
            elif tag == "fldChar" and set(c.attrib) == {_w("fldCharType")}:
                parts.append({"begin": "{", "separate": "|", "end": "}"}[c.get(_w("fldCharType"))])
            elif tag == "drawing":
                self.drawings.append(c)
                parts.append(f"[drawing {len(self.drawings)}]")
            else:
                parts.append(f"⟦{self.flat(c)}⟧")
        body = "".join(parts)
        if not props:
            return body
        if props == ["b", "bCs"]:
            return f"**{body}**"
        return f"[[{', '.join(props)}]]{body}[[/]]"

    def inline(self, el: etree._Element) -> str:
        out: list[str] = []
        for c in el:
            if not isinstance(c.tag, str):
                continue
            tag = _qname(c.tag)
            if tag == "pPr":
                continue
            if tag == "r":
                out.append(self.run(c))
            elif tag == "hyperlink":
                anchor = c.get(_w("anchor"))
                target = f"#{anchor}" if anchor else ""
                rest = [a for a in self.attrs(c) if not a.startswith("anchor=")]
                out.append(f"[link {' '.join([target, *rest]).strip()}]{self.inline(c)}[/link]")
            elif tag == "bookmarkStart":
                out.append(f"[bm {c.get(_w('id'))} {c.get(_w('name'))}]")
            elif tag == "bookmarkEnd":
                out.append(f"[/bm {c.get(_w('id'))}]")
            elif tag == "fldSimple":
                out.append("{" + visible(c.get(_w("instr")) or "") + "|" + self.inline(c) + "}")
            else:
                out.append(f"⟦{self.flat(c)}⟧")
        return "".join(out)

    def paragraph(self, p: etree._Element, pad: str = "") -> list[str]:
        ppr = p.find(_w("pPr"))
        style = "(no style)"
        props: list[str] = []
        if ppr is not None:
            for c in ppr:
                if c.tag == _w("pStyle"):
                    style = self.styles.get(c.get(_w("val")), f"?{c.get(_w('val'))}")
                elif isinstance(c.tag, str):
                    props.append(self.flat(c))
        start = len(self.drawings)
        text = self.inline(p)
        head = f"{pad}¶ {style}" + (f" [{', '.join(props)}]" if props else "")
        lines = [f"{head}: {text}" if text else head]
        for n, drawing in enumerate(self.drawings[start:], start=start + 1):
            lines.append(f"{pad}  drawing {n}:")
            for c in drawing:
                lines += self.tree(c, len(pad) // 2 + 2)
        return lines

    def table(self, tbl: etree._Element, pad: str = "") -> list[str]:
        lines = [f"{pad}[table]"]
        tbl_pr = tbl.find(_w("tblPr"))
        props: list[str] = []
        for c in tbl_pr if tbl_pr is not None else ():
            if c.tag in (_w("tblCaption"), _w("tblDescription")):
                lines.append(f"{pad}  {_qname(c.tag)}: {visible(c.get(_w('val')) or '')}")
            elif isinstance(c.tag, str):
                props.append(self.flat(c))
        lines.insert(1, f"{pad}  props: {', '.join(props)}")
        grid = tbl.find(_w("tblGrid"))
        if grid is not None:
            lines.append(f"{pad}  grid: " + " ".join(g.get(_w("w")) or "?" for g in grid))
        for n, tr in enumerate(tbl.findall(_w("tr")), start=1):
            tr_pr = tr.find(_w("trPr"))
            row_props = [self.flat(c) for c in tr_pr] if tr_pr is not None else []
            lines.append(f"{pad}  row {n}" + (f" [{', '.join(row_props)}]" if row_props else ""))
            for tc in tr.findall(_w("tc")):
                tc_pr = tc.find(_w("tcPr"))
                cell = f"{pad}    cell" + (
                    f" [{', '.join(self.flat(c) for c in tc_pr)}]" if tc_pr is not None else ""
                )
                content = [c for c in tc if c is not tc_pr and isinstance(c.tag, str)]
                body = self.blocks(content, pad + "      ")
                if len(body) == 1 and len(content) == 1:
                    lines.append(f"{cell} {body[0].lstrip()}")
                else:
                    lines += [cell, *body]
        lines.append(f"{pad}[/table]")
        return lines

    def blocks(self, elements: Iterable[etree._Element], pad: str = "") -> list[str]:
        lines: list[str] = []
        for el in elements:
            if not isinstance(el.tag, str):
                continue
            if el.tag == _w("p"):
                lines += self.paragraph(el, pad)
            elif el.tag == _w("tbl"):
                lines += self.table(el, pad)
            elif el.tag == _w("sectPr"):
                lines.append(f"{pad}[section] " + ", ".join(self.flat(c) for c in el))
            else:
                lines += self.tree(el, len(pad) // 2)
        return lines


TEXT_ELEMENTS = {_w("t"), _w("instrText"), _w("delText"), _w("delInstrText")}


def _stray_text(root: etree._Element) -> list[str]:
    """Character data where WordprocessingML allows none (between runs, inside properties):
    Word refuses such a file, and the renderings above show only element content."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        where = "/".join(_qname(a.tag) for a in reversed([el, *el.iterancestors()]))
        if el.tag not in TEXT_ELEMENTS and el.text and el.text.strip():
            out.append(f"STRAY TEXT in {where}: {json.dumps(el.text, ensure_ascii=False)}")
        if el.tail and el.tail.strip():
            out.append(f"STRAY TEXT after {where}: {json.dumps(el.tail, ensure_ascii=False)}")
    return out


def _rels(data: bytes, source: str) -> dict[str, tuple[str, str, bool]]:
    """rId -> (short type, target as a package path or URL, external)."""
    base = posixpath.dirname(source.replace("_rels/", "").removesuffix(".rels"))
    out = {}
    for rel in etree.fromstring(data):
        rtype = rel.get("Type") or ""
        for prefix in RELTYPE_PREFIXES:
            rtype = rtype.removeprefix(prefix)
        target = rel.get("Target") or ""
        external = rel.get("TargetMode") == "External"
        if not external:
            target = posixpath.normpath(posixpath.join(base, target)).lstrip("/")
        out[rel.get("Id") or ""] = (rtype, target, external)
    return out


def _rel_key(rid: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", rid)
    return (int(digits) if digits else 0, rid)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def docx_text(path: Path, name: str | None = None) -> str:
    """The .docx package as stable, readable text (see the module docstring); ``name`` is
    the file name the header gives (default: the path's)."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        data = {n: zf.read(n) for n in names}
    out = [
        f"# {name or path.name}: the Word package as text (tests/golden_util.py docx_text).",
        "# ¶ style [paragraph properties]: text · **bold** · [[run properties]]…[[/]] · ⇥ tab",
        "# {field instruction|result} · [link #anchor]…[/link] · [bm id name]…[/bm id]",
        "# ⍽ no-break space · →target: a relationship resolved · `make golden` rewrites this.",
        "",
        "== [Content_Types].xml ==",
    ]
    for el in etree.fromstring(data["[Content_Types].xml"]):
        local = etree.QName(el).localname
        key = el.get("Extension") if local == "Default" else el.get("PartName")
        out.append(f"{local.lower()} {key}: {el.get('ContentType')}")

    rels: dict[str, dict[str, tuple[str, str, bool]]] = {}
    for name in names:
        if name.endswith(".rels"):
            source = name.replace("_rels/", "").removesuffix(".rels")
            rels[source] = _rels(data[name], name)
    for source in sorted(rels):
        out += ["", f"== relationships of {source or '(package)'} =="]
        for rid in sorted(rels[source], key=_rel_key):
            rtype, target, external = rels[source][rid]
            out.append(f"{rid} {rtype} → {target}" + (" (external)" if external else ""))

    styles: dict[str, str] = {}
    if "word/styles.xml" in data:
        for s in etree.fromstring(data["word/styles.xml"]).iter(_w("style")):
            name_el = s.find(_w("name"))
            styles[s.get(_w("styleId")) or ""] = (
                name_el.get(_w("val")) if name_el is not None else "?"
            ) or "?"

    def part(name: str) -> _Part:
        return _Part(name, {k: v[1] for k, v in rels.get(name, {}).items()}, styles)

    rendered: list[str] = []
    body_parts = ["word/document.xml"] + sorted(
        n for n in names if re.fullmatch(r"word/(header|footer)\d+\.xml", n)
    )
    for name in body_parts:
        if name not in data:
            continue
        root = etree.fromstring(data[name])
        container = root.find(_w("body")) if name == "word/document.xml" else root
        out += ["", f"== {name} =="]
        out += part(name).blocks(container if container is not None else ())
        out += _stray_text(root)
        rendered.append(name)

    for name in ("docProps/core.xml", "docProps/app.xml", "word/settings.xml",
                 "word/numbering.xml"):  # fmt: skip
        if name in data:
            out += ["", f"== {name} ==", *part(name).tree(etree.fromstring(data[name]))]
            rendered.append(name)

    if "word/styles.xml" in data:
        out += ["", "== word/styles.xml =="]
        p = part("word/styles.xml")
        for el in etree.fromstring(data["word/styles.xml"]):
            if not isinstance(el.tag, str):
                continue
            if el.tag == _w("latentStyles"):
                exceptions = el.findall(_w("lsdException"))
                digest = _sha(b"".join(etree.tostring(e, method="c14n") for e in exceptions))
                out.append(f"latentStyles({' '.join(p.attrs(el))}): {len(exceptions)} "
                           f"lsdException sha256={digest}")  # fmt: skip
            elif el.tag == _w("style"):
                name_el = el.find(_w("name"))
                head = [a for a in p.attrs(el) if not a.startswith("styleId=")]
                rest = [p.flat(c) for c in el if c is not name_el and isinstance(c.tag, str)]
                label = name_el.get(_w("val")) if name_el is not None else "?"
                out.append(f"style {json.dumps(label, ensure_ascii=False)} "
                           f"id={el.get(_w('styleId'))} {' '.join(head)}: {', '.join(rest)}")  # fmt: skip
            else:
                out.append(p.flat(el))
        rendered.append("word/styles.xml")

    for name in sorted(n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)):
        out += ["", f"== {name} ==", *part(name).tree(etree.fromstring(data[name]))]
        rendered.append(name)

    out += ["", "== other parts (by content) =="]
    for name in names:
        if name in rendered or name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        out.append(f"{name}: {len(data[name])} bytes, sha256={_sha(data[name])}")
    return "\n".join(out) + "\n"


# -- xlsx ---------------------------------------------------------------------------------------


def _differing(obj: Any, default: Any = None) -> list[str]:
    """``name=value`` for each attribute of an openpyxl object that differs from its
    default (a freshly made object of the same class)."""
    if obj is None:
        return []
    obj = getattr(obj, "_StyleProxy__target", obj)  # a cell's style attributes are proxies
    if default is None:
        try:
            default = type(obj)()
        except TypeError:
            default = None
    out = []
    for name in getattr(obj, "__attrs__", ()):
        value = getattr(obj, name, None)
        if value is None or (default is not None and value == getattr(default, name, None)):
            continue
        out.append(f"{name}={_plain(value)}")
    return out


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return _value(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _colour(c: Any) -> str:
    if c is None:
        return ""
    if c.type == "rgb":
        return str(c.rgb)
    if c.type == "theme":
        return f"theme{c.theme}" + (f"{c.tint:+g}" if c.tint else "")
    if c.type == "indexed":
        return f"indexed{c.indexed}"
    return str(c.value)


def _style(obj: Any, base_font: Any) -> str:
    """The formatting of a cell or a column that differs from the workbook's default."""
    parts: list[str] = []
    if obj.number_format != "General":
        parts.append(f"fmt={json.dumps(obj.number_format, ensure_ascii=False)}")
    font = obj.font
    for attr, label in (("b", "bold"), ("i", "italic"), ("strike", "strike")):
        if getattr(font, attr):
            parts.append(label)
    if font.u:
        parts.append(f"underline={font.u}")
    if font.name != base_font.name:
        parts.append(f"font={_value(font.name or '')}")
    if font.sz is not None and font.sz != base_font.sz:
        parts.append(f"size={_plain(font.sz)}")
    if font.color is not None and _colour(font.color) != _colour(base_font.color):
        parts.append(f"colour={_colour(font.color)}")
    fill = obj.fill
    if getattr(fill, "fill_type", None):
        parts.append(f"fill={fill.fill_type}:{_colour(fill.fgColor)}")
    parts += [f"align.{a}" for a in _differing(obj.alignment)]
    border = obj.border
    for side in ("left", "right", "top", "bottom"):
        s = getattr(border, side)
        if s is not None and s.style:
            parts.append(f"border.{side}={s.style}:{_colour(s.color)}")
    if not obj.protection.locked:
        parts.append("unlocked")
    if obj.protection.hidden:
        parts.append("hidden")
    return " ".join(parts)


def _cell_value(v: Any, data_type: str) -> str:
    if data_type == "f":
        return f"formula {v}"
    if isinstance(v, str):
        return json.dumps(visible(v), ensure_ascii=False)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (datetime, date, time)):
        return f"date {v.isoformat()}"
    return repr(v)


def workbook_text(path: Path, name: str | None = None) -> str:
    """An .xlsx as stable, readable text: what a controller meets when opening it."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.load_workbook(path)
    base_font = wb._named_styles["Normal"].font
    out = [
        f"# {name or path.name}: the workbook as text (tests/golden_util.py workbook_text).",
        "# Cells: value | formatting that differs from the default (Normal style, General,",
        "# locked); a column's formatting is what its empty cells take. ⍽ no-break space.",
        "",
        "== workbook ==",
        *(f"sheet {ws.title} ({ws.sheet_state})" for ws in wb.worksheets),
        f"active: {wb.active.title if wb.active else '-'}",
        f"dates: {'1904' if wb.epoch == CALENDAR_MAC_1904 else '1900'} system",
        f"default font: {base_font.name} {_plain(base_font.sz)}",
    ]
    props = wb.properties
    for attr in ("creator", "lastModifiedBy", "created", "modified", "title", "subject",
                 "keywords", "description", "category", "language"):  # fmt: skip
        value = getattr(props, attr, None)
        if value:
            out.append(f"property {attr}: {_plain(value)}")
    if wb.security is not None:
        out.append("workbook protection: " + (" ".join(_differing(wb.security)) or "-"))
    out.append("calculation: " + (" ".join(_differing(wb.calculation)) or "-"))
    for name in sorted(wb.defined_names):
        dn = wb.defined_names[name]
        extra = " ".join(_differing(dn, type(dn)(name=name, attr_text=dn.attr_text)))
        out.append(f"defined name {name} = {dn.attr_text}" + (f" [{extra}]" if extra else ""))

    for ws in wb.worksheets:
        out += ["", f"== sheet {ws.title} =="]
        out.append(f"state: {ws.sheet_state}")
        tab = ws.sheet_properties.tabColor
        if tab is not None:
            out.append(f"tab colour: {_colour(tab)}")
        view = ws.sheet_view
        out.append("view: " + (" ".join(_differing(view)) or "-")
                   + f"; freeze panes: {ws.freeze_panes or '-'}")  # fmt: skip
        for sel in view.selection:
            if _differing(sel):
                out.append("selection: " + " ".join(_differing(sel)))
        out.append("protection: " + (" ".join(_differing(ws.protection)) or "-"))
        out.append("page setup: " + (" ".join(_differing(ws.page_setup)) or "-"))
        fit = ws.sheet_properties.pageSetUpPr
        out.append("page setup properties: " + (" ".join(_differing(fit)) or "-"))
        out.append("print options: " + (" ".join(_differing(ws.print_options)) or "-"))
        out.append("margins: " + " ".join(f"{a}={_plain(getattr(ws.page_margins, a))}"
                                          for a in ws.page_margins.__attrs__))  # fmt: skip
        out.append(f"print titles: rows={ws.print_title_rows or '-'} "
                   f"columns={ws.print_title_cols or '-'}; print area: {ws.print_area or '-'}")  # fmt: skip
        for kind in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
                     "firstFooter"):  # fmt: skip
            hf = getattr(ws, kind)
            for pos in ("left", "center", "right"):
                text = getattr(hf, pos).text
                if text:
                    out.append(f"{kind}.{pos}: {json.dumps(text, ensure_ascii=False)}")
        for _, dim in sorted(ws.column_dimensions.items(),
                             key=lambda kv: (kv[1].min or 0, kv[0])):  # fmt: skip
            span = get_column_letter(dim.min or 1)
            if dim.max and dim.max != dim.min:
                span += f":{get_column_letter(dim.max)}"
            bits = [f"width={_plain(dim.width)}"] if dim.customWidth or dim.width else []
            bits += ["hidden"] if dim.hidden else []
            bits += [f"outline={dim.outlineLevel}"] if dim.outlineLevel else []
            style = _style(dim, base_font)
            out.append(f"column {span}: {' '.join(bits + ([style] if style else []))}")
        for r, dim in sorted(ws.row_dimensions.items()):
            bits = [f"height={_plain(dim.ht)}"] if dim.ht is not None else []
            bits += ["hidden"] if dim.hidden else []
            if dim.s:
                bits.append(_style(dim, base_font))
            if bits:
                out.append(f"row {r}: {' '.join(bits)}")
        for rng in sorted(str(m) for m in ws.merged_cells.ranges):
            out.append(f"merged: {rng}")
        for _, cell in sorted(ws._cells.items()):
            style = _style(cell, base_font)
            if cell.value is None and not style:
                continue
            line = f"{cell.coordinate} = " + (
                _cell_value(cell.value, cell.data_type) if cell.value is not None else "(empty)"
            )
            if style:
                line += f" | {style}"
            out.append(line)
            if cell.comment is not None:
                out.append(f"  comment ({cell.comment.author}): "
                           f"{json.dumps(cell.comment.text, ensure_ascii=False)}")  # fmt: skip
            if cell.hyperlink is not None:
                out.append("  link: " + " ".join(_differing(cell.hyperlink)))
        for dv in ws.data_validations.dataValidation:
            out.append(f"validation {dv.sqref}: " + " ".join(
                a for a in _differing(dv) if not a.startswith("sqref=")))  # fmt: skip
            for attr in ("formula1", "formula2"):
                value = getattr(dv, attr)
                if value is not None:
                    out.append(f"  {attr}: {value}")
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                out.append(f"conditional {cf.sqref}: " + " ".join(_differing(rule))
                           + (f" formula={rule.formula}" if rule.formula else ""))  # fmt: skip
        if ws.auto_filter.ref:
            out.append(f"auto filter: {ws.auto_filter.ref}")
        for name, table in sorted(ws.tables.items()):
            out.append(f"table {name}: {table.ref}")
        if ws._images or ws._charts:
            out.append(f"drawings: {len(ws._images)} images, {len(ws._charts)} charts")
    return "\n".join(out) + "\n"
