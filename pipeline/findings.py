"""Findings: validation results as values with a location, collected and reported at once."""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Level(Enum):
    ERROR = "fel"
    WARNING = "varning"


_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")


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
    """

    level: Level
    sheet: str
    cell: str
    message: str
    hint: str = ""

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

    def error(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        self.append(Finding(Level.ERROR, sheet, cell, message, hint))

    def warning(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        self.append(Finding(Level.WARNING, sheet, cell, message, hint))

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

    def summary(self) -> str:
        """One Swedish line: how many errors and warnings."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        return f"{n_err} fel, {n_warn} {'varning' if n_warn == 1 else 'varningar'}"
