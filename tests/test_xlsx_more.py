"""The reader on package relationships as other programs write them (issue 12)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.read.xlsx import XlsxBook

from .test_xlsx import _excel_style


def test_a_styles_relationship_without_a_target_is_as_no_styles(tmp_path: Path) -> None:
    # A relationship of the styles type that names no part (a package another program
    # wrote carelessly): no cell formats, every cell General, the values still read.
    path = _excel_style(tmp_path / "t.xlsx", '<row r="1"><c r="A1" s="1"><v>2.5</v></c>'
                        '<c r="B1" t="s"><v>0</v></c></row>', ["text"],
                        styles='<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs>')  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        ' Target="styles.xml"', ""
    )
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        assert book.formats == []
        cells = [(c.ref, c.value, c.number_format) for _, row in book.rows("Driftsbudget")
                 for c in row]  # fmt: skip
    assert cells == [("A1", 2.5, "General"), ("B1", "text", "General")]
