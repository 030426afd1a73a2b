"""Findings: validation results as values with a location, collected and reported at once."""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Level(Enum):
    ERROR = "fel"
    WARNING = "varning"


_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d+)(?::[A-Z]{1,3}\d+)?$")  # a cell, or a range


def _column_index(letters: str) -> int:
    """A1 column letters to a number (A=1, Z=26, AA=27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


class Finding(NamedTuple):
    """One problem found in an input, located as precisely as possible.

    ``sheet`` is a sheet name (or the file name for file-level problems), ``cell`` an
    A1 reference or "" when the finding concerns the whole sheet or file.

    ``group`` is set on findings of a kind that repeats cell after cell (a number saved as
    text, a text carried over unchanged): the message a group of them shares, so that a
    listing can say it once with the cells (``condensed``) while the reviewed copy of the
    workbook still marks every cell.
    """

    level: Level
    sheet: str
    cell: str
    message: str
    hint: str = ""
    group: str = ""

    @property
    def location(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def sort_key(self, sheet_order: dict[str, int]) -> tuple[int, str, int, int, str]:
        match = _CELL_RE.match(self.cell)
        row, col = (int(match[2]), _column_index(match[1])) if match else (0, 0)
        return (sheet_order.get(self.sheet, -1), self.sheet, row, col, self.message)


class Findings(list[Finding]):
    """An ordered collection of findings with helpers to add and query them."""

    def error(self, sheet: str, cell: str, message: str, hint: str = "", group: str = "") -> None:
        self.append(Finding(Level.ERROR, sheet, cell, message, hint, group))

    def warning(self, sheet: str, cell: str, message: str, hint: str = "", group: str = "") -> None:
        self.append(Finding(Level.WARNING, sheet, cell, message, hint, group))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self if not f.is_error]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self)

    def sorted(self, sheet_order: dict[str, int] | None = None) -> list[Finding]:
        order = sheet_order or {}
        return sorted(self, key=lambda f: f.sort_key(order))

    def condensed(self, sheet_order: dict[str, int] | None = None) -> list[Finding]:
        """The findings sorted, errors first, with each group of two or more findings that
        share a ``group`` message on one sheet and column said once, listing the cells:
        ``Driftsbudget!E3:E9: Tal i kolumnen "Budget 2024" är sparade som text, i 4 celler:
        E3, E5, E7, E9. ...``. What to print for a person; the full list stays as it is.
        """
        groups: dict[tuple[Level, str, str, str], list[Finding]] = {}
        for f in self:
            if f.group:
                match = _CELL_RE.match(f.cell)
                column = match[1] if match else ""
                groups.setdefault((f.level, f.group, f.sheet, column), []).append(f)
        out: list[Finding] = []
        done: set[tuple[Level, str, str, str]] = set()
        for f in self.sorted(sheet_order):
            if not f.group:
                out.append(f)
                continue
            match = _CELL_RE.match(f.cell)
            key = (f.level, f.group, f.sheet, match[1] if match else "")
            members = groups[key]
            if len(members) == 1:
                out.append(f)
            elif key not in done:
                done.add(key)
                out.append(_merged(sorted(members, key=lambda m: m.sort_key(sheet_order or {}))))
        return sorted(out, key=lambda f: (not f.is_error, f.sort_key(sheet_order or {})))

    def summary(self) -> str:
        """One Swedish line: how many errors and warnings."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        return f"{n_err} fel, {n_warn} {'varning' if n_warn == 1 else 'varningar'}"


MAX_CELLS_LISTED = 12


def _merged(members: list[Finding]) -> Finding:
    first, last = members[0], members[-1]
    refs = [m.cell for m in members]
    listed = ", ".join(refs[:MAX_CELLS_LISTED])
    if len(refs) > MAX_CELLS_LISTED:
        listed += f" och {len(refs) - MAX_CELLS_LISTED} till"
    hints = " ".join(dict.fromkeys(m.hint for m in members if m.hint))
    return Finding(first.level, first.sheet, f"{first.cell}:{last.cell}",
                   f"{first.group}, i {len(refs)} celler: {listed}.", hints, first.group)  # fmt: skip
