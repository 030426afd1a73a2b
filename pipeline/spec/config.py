"""The kommun's configuration and where its folder is found.

Everything that is the same for every nämnd of a kommun lives in one folder (``templates/``
in the source tree): ``kommun.toml`` (name, mandate period, goals), ``texter/*.j2``
(kommun-wide texts), ``layout.docx`` (the Word layout) and the logo. Changing kommun or
mandate period edits those files only.

The folder is found in this order (``locate_templates``): ``--mallar``, the environment
variable ``NAMNDPLAN_MALLAR``, ``templates/`` (with a ``kommun.toml``) in the working
directory, and the default kommun bundled with the package. The wheel carries
``templates/`` as the package data ``pipeline/kommun/`` (pyproject maps the subpackage onto
the folder, so git holds one copy); a source checkout or an editable install uses
``templates/`` beside ``pipeline/`` directly.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.spec.contract import Choices

TEMPLATES_ENV = "NAMNDPLAN_MALLAR"
TEMPLATES_DIR = "templates"  # in the working directory, and in the source tree
BUNDLED_DIR = "kommun"  # pipeline/kommun/ in an installed wheel
CONFIG_FILE = "kommun.toml"
LAYOUT_FILE = "layout.docx"

# Where the folder came from, as the summary line says it (Swedish, user-facing).
SOURCE_OPTION = "angivna med --mallar"
SOURCE_ENV = f"från miljövariabeln {TEMPLATES_ENV}"
SOURCE_CWD = f"{TEMPLATES_DIR}/ i arbetsmappen"
SOURCE_BUNDLED = "inbyggda standardmallar"
SOURCE_GIVEN = "angiven mapp"

SEARCH_ORDER_HELP = (
    f"Utan --mallar används i tur och ordning: mappen i miljövariabeln {TEMPLATES_ENV}, "
    f"mappen {TEMPLATES_DIR}/ i arbetsmappen (om den har {CONFIG_FILE}) och sist de "
    "inbyggda standardmallarna."
)


class ConfigError(Exception):
    """A problem with the kommun folder: message in Swedish, naming the file."""


def bundled_templates_dir() -> Path:
    """The default kommun shipped with the package.

    Installed from the wheel it is the package data ``pipeline/kommun/``; in a source
    checkout (or an editable install, which runs the checkout) it is ``templates/`` beside
    ``pipeline/``, the folder the wheel is built from.
    """
    import importlib.resources  # only when nothing else was found: not on every start

    packaged = importlib.resources.files("pipeline") / BUNDLED_DIR
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / TEMPLATES_DIR


def locate_templates(explicit: Path | str | None = None) -> tuple[Path, str]:
    """The kommun folder and where it came from (one of the ``SOURCE_*`` texts)."""
    if explicit:
        return Path(explicit), SOURCE_OPTION
    env = os.environ.get(TEMPLATES_ENV, "").strip()
    if env:
        return Path(env), SOURCE_ENV
    local = Path(TEMPLATES_DIR)
    if (local / CONFIG_FILE).is_file():
        return local, SOURCE_CWD
    return bundled_templates_dir(), SOURCE_BUNDLED


def default_templates_dir() -> Path:
    """The kommun folder used without ``--mallar`` (environment, working directory, bundled)."""
    return locate_templates()[0]


class KommunConfig(NamedTuple):
    templates_dir: Path
    data: dict[str, Any]  # the whole TOML, handed to the jinja2 texts
    source: str = SOURCE_GIVEN  # where the folder was found (``locate_templates``)
    profile: Any = None  # profile.Profile: the shape of the kommun's documents

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
        lists = self.profile.lists if self.profile is not None else {}
        return Choices(goals=self.goals, **lists)

    @property
    def amount(self) -> Any:
        """The amount unit (profile.Amount): Mnkr with one decimal, or tkr."""
        from pipeline.spec.profile import UNITS

        return self.profile.amount if self.profile is not None else UNITS["Mnkr"]

    def purpose(self, spec: Any) -> str:
        """What a sheet is for, with the kommun's amount unit."""
        return str(spec.purpose).replace("{enhet}", self.amount.unit)

    def column_help(self, col: Any) -> str:
        """What to type in a column: the contract's help, the kommun's unit for amounts."""
        from pipeline.spec.contract import Kind

        return self.amount.help if col.kind is Kind.MONEY else col.help

    @property
    def layout_path(self) -> Path:
        return self.templates_dir / LAYOUT_FILE

    def setting(self, table: str, key: str, default: Any) -> Any:
        return self.data.get(table, {}).get(key, default)


def load_config(
    templates_dir: Path | str | None = None, *, source: str | None = None
) -> KommunConfig:
    """Read and check the kommun folder: ``templates_dir``, else the search order of
    ``locate_templates``. ``source`` says where a given folder came from."""
    if templates_dir:
        directory, found = Path(templates_dir), source or SOURCE_GIVEN
    else:
        directory, found = locate_templates()
    path = directory / CONFIG_FILE
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (FileNotFoundError, NotADirectoryError):
        raise ConfigError(
            f"{path}: kommunens konfiguration saknas (kommunens mallar: {found})."
        ) from None
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
    from pipeline.spec.profile import load_profile

    return KommunConfig(directory, data, found, load_profile(directory))
