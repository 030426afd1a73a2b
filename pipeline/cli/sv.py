"""click's own words in Swedish: usage, help sections, errors, type names and metavars.

click (8.x) marks its user-facing strings for translation with gettext: each of its
modules does ``from gettext import gettext as _`` (and ``ngettext``) and calls those names
when a message is needed. It ships no translations, and the stock way to add one, a
compiled catalog in gettext's global domain, is chosen by the user's locale variables
(``LANGUAGE``, ``LC_ALL``, ``LANG``): on a machine set to English, or in CI, the help would
be English again, and the global domain would also translate other libraries (argparse
uses it too). So namndplan binds click's own names instead:

- ``use_swedish_click()`` replaces, in every loaded ``click.*`` module, each global that
  *is* ``gettext.gettext`` / ``gettext.ngettext`` (whatever it is called there, usually
  ``_`` and ``ngettext``) with the lookups of a ``gettext.NullTranslations`` subclass over
  the tables below. click looks these names up when a message is made, so every message
  is Swedish whatever the locale, and nothing outside click changes. click's modules that
  are imported only when needed (the progress bar's ``_termui_impl``, shell completion)
  are translated as they are imported, by a finder on ``sys.meta_path`` that lets the
  normal finders find them and translates the module once it has run; importing them up
  front would cost every command a few milliseconds (issue 6).
- The names of click's parameter types (``integer``, ``float`` ...) are plain class
  attributes, not gettext messages, but they are shown both as metavars (``HELTAL``) and
  inside messages ("'x' är inte ett giltigt heltal."), so they get Swedish names too.
- The usage metavars ``[OPTIONS]`` and ``COMMAND [ARGS]...`` are constructor defaults of
  each command; ``SwedishGroup`` (the class of ``namndplan``'s group) gives itself and
  every command added to it the Swedish ones, and names the positional arguments that
  have no metavar of their own in Swedish (``FILER``, ``FIL``, ``MAPP``).

It must run before any click option or ``click.Path`` is made: a few of click's words are
translated when the object is created (the help text of ``--version``, the name "file" of
a ``click.Path``). ``cli_common`` (imported first by every command module) calls it.

``tests/test_cli_sv.py`` reads click's installed source and fails if any gettext message
(or type name) lacks a Swedish translation with the same placeholders, so a click upgrade
with new words fails the tests instead of showing English. Not translated: the ``y/n``
choices of ``click.confirm`` (plain literals in click; namndplan never prompts).
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

import click

# click's gettext messages -> Swedish. Placeholders ({name}, {name!r}, %(prog)s) are kept.
MESSAGES: dict[str, str] = {
    # formatting.py, core.py: help pages
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa det här meddelandet och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "required": "krävs",
    "(dynamic)": "(beräknas)",
    "deprecated": "utgår",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    # exceptions.py: errors
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Missing argument": "Saknar argumentet",
    "Missing option": "Saknar flaggan",
    "Missing parameter": "Saknar parametern",
    "Missing {param_type}": "Saknar {param_type}",
    "Missing parameter: {param_name}": "Saknar parametern: {param_name}",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Could not open file {filename!r}: {message}": "Kan inte öppna filen {filename!r}: {message}",
    "unknown error": "okänt fel",
    "Aborted!": "Avbrutet.",
    "Missing command.": "Kommando saknas.",
    "Value must be an iterable.": "Värdet måste vara en följd av värden.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Varning: kommandot {name!r} utgår.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Varning: {param_type} {name!r} utgår.{extra_message}"
    ),
    # parser.py
    "Invalid start character for option ({option})": (
        "Ogiltigt första tecken i flaggan ({option})"
    ),
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    # types.py
    "file": "fil",
    "directory": "mapp",
    "path": "sökväg",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva till.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} är inget giltigt sanningsvärde. Godtagna värden: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} är inget giltigt UUID.",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Choice({choices})": "Val({choices})",
    # termui.py, _termui_impl.py, utils.py, shell_completion.py, _winconsole.py
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: De två värdena är inte lika.",
    "Error: invalid input": "Fel: ogiltigt svar",
    "Unknown color {colour!r}": "Okänd färg {colour!r}",
    "Press any key to continue...": "Tryck på en tangent för att fortsätta...",
    "d": "d",  # days in a progress bar's time left
    "{editor}: Editing failed": "{editor}: Redigeringen misslyckades",
    "{editor}: Editing failed: {e}": "{editor}: Redigeringen misslyckades: {e}",
    "Unknown standard stream '{name}'": "Okänd standardström '{name}'",
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Komplettering i skalet fungerar inte i Bash äldre än version 4.4."
    ),
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Kan inte avgöra vilken version av Bash som körs; komplettering i skalet fungerar inte."
    ),
    "Windows error: {error}": "Windows-fel: {error}",
    # core.py: mistakes in a command's definition (for the developer, Swedish anyway)
    "Could not determine name for option with declarations {decls!r}": (
        "Kan inte avgöra namnet på flaggan med deklarationerna {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "Ingen flagga deklarerades, bara ett namn ({name}). Var det ett argument som skulle "
        "deklareras? Eller menades '--{name}'?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Ett argument deklareras med exakt ett namn, inte {length}: {decls}."
    ),
    "Name '{name}' defined twice": "Namnet '{name}' finns två gånger",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Sant/falskt-flaggan {decl!r} kan inte ha samma flagga för sant och falskt."
    ),
}

# click's ngettext messages: (singular, plural) -> (Swedish for n == 1, for other n).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Oväntat extra argument ({args})",
        "Oväntade extra argument ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Menade du {possibility}?",
        "(Menade du något av: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Flaggan {name!r} kräver ett värde.",
        "Flaggan {name!r} kräver {nargs} värden.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Tar {nargs} värden men 1 angavs.",
        "Tar {nargs} värden men {len} angavs.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} värden krävs, men {len_value} angavs.",
        "{len_type} värden krävs, men {len_value} angavs.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} är inte {choice}.",
        "{value!r} är inte något av {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} har inte formatet {format}.",
        "{value!r} har inte något av formaten {formats}.",
    ),
}

# The ``name`` class attribute of click's parameter types (click.types): shown upper-case
# as the metavar (``--year HELTAL``) and inside messages ("... ett giltigt heltal.").
TYPE_NAMES: dict[str, str] = {
    "text": "text",
    "integer": "heltal",
    "integer range": "heltalsintervall",
    "float": "decimaltal",
    "float range": "decimaltalsintervall",
    "boolean": "sanningsvärde",
    "uuid": "uuid",
    "datetime": "datum och tid",
    "filename": "filnamn",
}

# A command's usage metavars (click's constructor defaults) -> Swedish.
USAGE_METAVARS: dict[str, str] = {
    "[OPTIONS]": "[FLAGGOR]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]...",
    "[COMMAND] [ARGS]...": "[KOMMANDO] [ARGUMENT]...",
    "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]...": (
        "KOMMANDO1 [ARGUMENT]... [KOMMANDO2 [ARGUMENT]...]..."
    ),
    "[COMMAND1] [ARGS]... [COMMAND2 [ARGS]...]...": (
        "[KOMMANDO1] [ARGUMENT]... [KOMMANDO2 [ARGUMENT]...]..."
    ),
}

# Positional arguments without a metavar show their name upper-case; these names in Swedish.
ARGUMENT_METAVARS: dict[str, str] = {"files": "FILER", "file": "FIL", "directory": "MAPP"}


class SwedishTranslations(gettext.NullTranslations):
    """A gettext translation over ``MESSAGES`` and ``PLURALS`` (Swedish: n == 1 is singular).

    An unknown message falls back to click's English text, as gettext does; the test of
    this module sees to it that there is none.
    """

    def __init__(self, messages: dict[str, str], plurals: dict[tuple[str, str], tuple[str, str]]):
        super().__init__()
        self._messages = messages
        self._plurals = plurals

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plurals.get((msgid1, msgid2), (msgid1, msgid2))
        return forms[0] if n == 1 else forms[1]

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)

    def info(self) -> dict[str, str]:
        return {"language": "sv", "plural-forms": "nplurals=2; plural=(n != 1);"}


SWEDISH = SwedishTranslations(MESSAGES, PLURALS)

# gettext's functions -> the Swedish ones that take their place in click's modules.
_REPLACEMENTS: dict[Any, Any] = {
    gettext.gettext: SWEDISH.gettext,
    gettext.ngettext: SWEDISH.ngettext,
    gettext.pgettext: SWEDISH.pgettext,
    gettext.npgettext: SWEDISH.npgettext,
}


def translate_module(module: ModuleType) -> None:
    """Bind the Swedish lookups in place of gettext's functions among ``module``'s globals."""
    namespace = vars(module)
    for name, value in list(namespace.items()):
        try:
            replacement = _REPLACEMENTS.get(value)
        except TypeError:  # an unhashable global
            continue
        if replacement is not None:
            namespace[name] = replacement


class _TranslatingLoader:
    """Runs the real loader, then translates the module; anything else goes to the real one."""

    def __init__(self, loader: Any):
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        translate_module(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_resource_reader, ...
        return getattr(self._loader, name)


class _ClickImportTranslator:
    """A ``sys.meta_path`` finder for click's submodules imported after ``use_swedish_click``.

    It finds nothing itself: it asks the ordinary path finder, and only wraps the loader.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:  # fmt: skip
        if not fullname.startswith("click.") or path is None:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None  # leave it to the other finders
        spec.loader = _TranslatingLoader(spec.loader)  # type: ignore[assignment]
        return spec


def use_swedish_click() -> None:
    """Make click's own words Swedish in this process, whatever the locale; idempotent."""
    for name, module in list(sys.modules.items()):
        if (name == "click" or name.startswith("click.")) and module is not None:
            translate_module(module)
    if not any(isinstance(f, _ClickImportTranslator) for f in sys.meta_path):
        sys.meta_path.insert(0, _ClickImportTranslator())
    for obj in vars(click.types).values():
        if isinstance(obj, type) and issubclass(obj, click.ParamType):
            english = obj.__dict__.get("name")
            if isinstance(english, str) and english in TYPE_NAMES:
                obj.name = TYPE_NAMES[english]


def swedish_usage(command: click.Command) -> None:
    """Give ``command`` (and a group's subcommands) Swedish usage metavars."""
    if command.options_metavar in USAGE_METAVARS:
        command.options_metavar = USAGE_METAVARS[command.options_metavar]
    for param in command.params:
        swedish = ARGUMENT_METAVARS.get(param.name or "")
        if isinstance(param, click.Argument) and param.metavar is None and swedish:
            # click's own rendering ("FILES...", "[DIRECTORY]") with the name in Swedish.
            english = param.make_metavar(click.Context(command))
            if (upper := (param.name or "").upper()) in english:
                param.metavar = english.replace(upper, swedish, 1)
    if isinstance(command, click.Group):
        if command.subcommand_metavar in USAGE_METAVARS:
            command.subcommand_metavar = USAGE_METAVARS[command.subcommand_metavar]
        for sub in command.commands.values():
            swedish_usage(sub)


class SwedishGroup(click.Group):
    """A click group whose usage lines, and those of the commands added to it, are Swedish."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        swedish_usage(self)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        swedish_usage(cmd)
