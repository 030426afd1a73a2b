"""What every command shares: the domain error, the no-traceback guard, --mallar and the
line that says which kommun folder was used.

Kept apart from ``cli.py`` so that command modules (``cli_workbooks.py``) can import it
without an import cycle.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline.cli.sv import use_swedish_click
from pipeline.spec.config import (
    SEARCH_ORDER_HELP,
    SOURCE_OPTION,
    ConfigError,
    KommunConfig,
    load_config,
)

# click's own words in Swedish, before any option or click.Path below (or in a command
# module, which all import this one) is made: some are translated as they are created.
use_swedish_click()


def tolerant_output(*streams: Any) -> None:
    """Output in a legacy encoding (on Windows, a redirected stream is in the ANSI code page,
    cp1252) shows a character it lacks (U+2212 minus, text pasted into a cell) as ``?``
    instead of failing in the middle of a listing. A UTF-8 stream (any console since
    Python 3.6, Linux, macOS) is left alone."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


tolerant_output()

LOG_PATH = Path(tempfile.gettempdir()) / "namndplan.log"
DEFAULT_INPUT_DIR = Path("indata")
DEFAULT_OUTPUT_DIR = Path("output")


class NamndplanError(click.ClickException):
    """A domain error shown as one Swedish line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fel: {self.format_message()}", err=True)


def guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """No traceback ever reaches the user: unexpected errors are logged, said in one line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except ConfigError as exc:
            raise NamndplanError(str(exc)) from None
        except PermissionError as exc:
            raise NamndplanError(file_in_use_message(exc)) from None
        except Exception:
            try:
                import traceback  # only here: most runs never need it

                LOG_PATH.write_text(traceback.format_exc(), encoding="utf-8")
                where = f" Detaljer finns i {LOG_PATH}."
            except OSError:
                where = ""
            raise NamndplanError(f"Ett internt fel uppstod i namndplan.{where}") from None

    return wrapper


def file_in_use_message(exc: PermissionError) -> str:
    """One sentence for a file that cannot be opened or replaced: on Windows, above all a
    workbook open in Excel or a plan open in Word (they lock the file)."""
    name = exc.filename2 or exc.filename
    what = f"Filen {name}" if name else "En fil"
    return (
        f"{what} går inte att öppna eller ersätta: den är troligen öppen i Excel eller Word "
        "(eller skrivskyddad), så stäng den och försök igen."
    )


_last: list[KommunConfig] = []  # the kommun folder this command loaded (for templates_line)


def kommun_config(templates: Path | None) -> KommunConfig:
    """The kommun folder: ``--mallar``, else the search order in ``SEARCH_ORDER_HELP``."""
    try:
        cfg = load_config(templates, source=SOURCE_OPTION if templates else None)
    except ConfigError as exc:
        raise NamndplanError(str(exc)) from None
    _last[:] = [cfg]
    return cfg


def templates_line(cfg: KommunConfig | None = None) -> str:
    """'Kommunens mallar: <folder> (<where it came from>)' for ``cfg``, else for the folder
    the running command loaded."""
    cfg = cfg or (_last[0] if _last else None)
    if cfg is None:
        return ""
    return f"Kommunens mallar: {cfg.templates_dir.absolute()} ({cfg.source})"


templates_option = click.option(
    "--mallar",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mapp med kommunens mallar (kommun.toml, texter/, layout.docx, logotyp). "
    + SEARCH_ORDER_HELP,
)
