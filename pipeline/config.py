"""The kommun's configuration and the location of templates/.

Everything that is the same for every nämnd of a kommun lives under ``templates/``:
``kommun.toml`` (name, mandate period, goals), ``texter/*.j2`` (kommun-wide texts) and
``layout.docx`` (the Word layout). Changing kommun or mandate period edits those files only.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from .contract import Choices

TEMPLATES_ENV = "NAMNDPLAN_MALLAR"
CONFIG_FILE = "kommun.toml"
LAYOUT_FILE = "layout.docx"


class ConfigError(Exception):
    """A problem with templates/: message in Swedish, naming the file."""


def default_templates_dir() -> Path:
    env = os.environ.get(TEMPLATES_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "templates"


class KommunConfig(NamedTuple):
    templates_dir: Path
    data: dict[str, Any]  # the whole TOML, handed to the jinja2 texts

    @property
    def namn(self) -> str:
        return str(self.data["kommun"]["namn"])

    @property
    def malbild(self) -> str:
        return str(self.data["malbild"]["namn"])

    @property
    def goals(self) -> tuple[str, ...]:
        """Valid values of the Mål column: the målbild first, then the overall goals."""
        return (self.malbild, *(str(m["namn"]) for m in self.data.get("mal", [])))

    @property
    def choices(self) -> Choices:
        return Choices(goals=self.goals)

    @property
    def layout_path(self) -> Path:
        return self.templates_dir / LAYOUT_FILE

    @property
    def heading_numbering(self) -> bool:
        return bool(self.data.get("dokument", {}).get("rubriknumrering", True))

    def setting(self, table: str, key: str, default: Any) -> Any:
        return self.data.get(table, {}).get(key, default)


def load_config(templates_dir: Path | None = None) -> KommunConfig:
    directory = Path(templates_dir) if templates_dir else default_templates_dir()
    path = directory / CONFIG_FILE
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: kommunens konfiguration saknas.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: filen går inte att läsa: {exc}") from None
    missing = [
        key
        for key, ok in (
            ("[kommun] namn", "namn" in data.get("kommun", {})),
            ("[kommun] genitiv", "genitiv" in data.get("kommun", {})),
            ("[malbild] namn", "namn" in data.get("malbild", {})),
            ("[[mal]]", bool(data.get("mal"))),
        )
        if not ok
    ]
    if missing:
        raise ConfigError(f"{path}: följande uppgifter saknas: {', '.join(missing)}.")
    if not (directory / LAYOUT_FILE).exists():
        raise ConfigError(f"{directory / LAYOUT_FILE}: Word-mallen för layouten saknas.")
    return KommunConfig(directory, data)
