"""What every command shares: the domain error, the no-traceback guard, --mallar.

Kept apart from ``cli.py`` so that command modules (``cli_workbooks.py``) can import it
without an import cycle.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .cli_sv import use_swedish_click
from .config import ConfigError, KommunConfig, load_config

# click's own words in Swedish, before any option or click.Path below (or in a command
# module, which all import this one) is made: some are translated as they are created.
use_swedish_click()

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
        except Exception:
            try:
                import traceback  # only here: most runs never need it

                LOG_PATH.write_text(traceback.format_exc(), encoding="utf-8")
                where = f" Detaljer finns i {LOG_PATH}."
            except OSError:
                where = ""
            raise NamndplanError(f"Ett internt fel uppstod i namndplan.{where}") from None

    return wrapper


def kommun_config(templates: Path | None) -> KommunConfig:
    try:
        return load_config(templates)
    except ConfigError as exc:
        raise NamndplanError(str(exc)) from None


templates_option = click.option(
    "--mallar",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Mapp med kommunens mallar (kommun.toml, texter/, layout.docx). Standard: templates/.",
)
