"""click's own words in Swedish: every message in click's source has a translation, and the
commands' help and errors show no English."""

from __future__ import annotations

import ast
import gettext
import os
import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import sv as cli_sv
from pipeline.cli.main import main

CLICK_DIR = Path(click.__file__).parent
REPO = Path(__file__).resolve().parent.parent

# gettext calls in click whose message is not a literal: the call as written -> its msgid.
DYNAMIC_MESSAGES = {"_(extra['required'])": "required"}  # as ast.unparse writes it

# click's words that must not appear in any help page or error of namndplan.
ENGLISH = re.compile(
    r"Usage|Options|Commands|Show this|Show the|default:|required|Error|Missing|No such"
    r"|Invalid|does not exist|Try '|for help|\[OPTIONS\]|COMMAND|\[ARGS\]|\bFILES?\b"
    r"|DIRECTORY|\bPATH\b|INTEGER|\bFLOAT\b"
)


def _placeholders(text: str) -> Counter[str]:
    """{name}, {name!r}, {name:spec} and %(name)s placeholders, counted."""
    found: Counter[str] = Counter()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            found[f"{{{field}!{conversion or ''}:{spec or ''}}}"] += 1
    for m in re.finditer(r"%\((\w+)\)[sdirf]", text):
        found[m.group(0)] += 1
    return found


class _ClickMessages(ast.NodeVisitor):
    """The gettext calls of one click module: singular messages and (singular, plural)."""

    def __init__(self, tree: ast.Module):
        self.aliases: dict[str, str] = {}  # local name -> gettext function
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "gettext":
                for a in node.names:
                    self.aliases[a.asname or a.name] = a.name
        self.messages: list[str] = []
        self.plurals: list[tuple[str, str]] = []
        self.dynamic: list[str] = []
        self.attribute_calls: list[str] = []
        self.visit(tree)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id == "gettext")
        ):
            self.attribute_calls.append(ast.unparse(node))
        if isinstance(func, ast.Name) and func.id in self.aliases:
            kind = self.aliases[func.id]
            args = node.args[1:] if kind.startswith(("pgettext", "npgettext")) else node.args
            literal = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                       else None for a in args]  # fmt: skip
            if kind.endswith("ngettext"):
                if literal[0] is None or literal[1] is None:
                    self.dynamic.append(ast.unparse(node))
                else:
                    self.plurals.append((literal[0], literal[1]))
            elif literal and literal[0] is not None:
                self.messages.append(literal[0])
            else:
                self.dynamic.append(ast.unparse(node))
        self.generic_visit(node)


def _scan_click() -> dict[str, _ClickMessages]:
    return {f.stem: _ClickMessages(ast.parse(f.read_text(encoding="utf-8")))
            for f in sorted(CLICK_DIR.glob("*.py"))}  # fmt: skip


SCAN = _scan_click()


def test_the_scan_finds_clicks_messages() -> None:
    messages = {m for s in SCAN.values() for m in s.messages}
    assert len(messages) > 60 and len({p for s in SCAN.values() for p in s.plurals}) >= 5
    assert {"Usage:", "Show this message and exit.", "No such command {name!r}."} <= messages
    modules_with_gettext = {name for name, s in SCAN.items() if s.aliases}
    assert {"core", "exceptions", "formatting", "parser", "types", "decorators"} <= (
        modules_with_gettext
    )
    # click calling gettext another way (gettext.gettext(...)) would escape the binding.
    assert [c for s in SCAN.values() for c in s.attribute_calls] == []
    for name, s in SCAN.items():
        source = (CLICK_DIR / f"{name}.py").read_text(encoding="utf-8")
        assert ("gettext" in source) == bool(s.aliases) or name == "__init__", name


def test_every_click_message_has_a_swedish_translation_with_the_same_placeholders() -> None:
    missing, wrong = [], []
    for name, s in SCAN.items():
        dynamic = []
        for call in s.dynamic:
            assert call in DYNAMIC_MESSAGES, f"click/{name}.py: new non-literal call {call}"
            dynamic.append(DYNAMIC_MESSAGES[call])
        for msg in s.messages + dynamic:
            sv = cli_sv.MESSAGES.get(msg)
            if sv is None:
                missing.append(f"click/{name}.py: {msg!r}")
            elif _placeholders(sv) != _placeholders(msg):
                wrong.append(f"{msg!r} -> {sv!r}")
        for one, many in s.plurals:
            forms = cli_sv.PLURALS.get((one, many))
            if forms is None:
                missing.append(f"click/{name}.py: {(one, many)!r}")
            elif (_placeholders(forms[0]), _placeholders(forms[1])) != (
                _placeholders(one),
                _placeholders(many),
            ):
                wrong.append(f"{(one, many)!r} -> {forms!r}")
    assert missing == [] and wrong == []


def test_the_tables_hold_no_stale_or_english_entries() -> None:
    in_click = {m for s in SCAN.values() for m in s.messages} | set(DYNAMIC_MESSAGES.values())
    plurals = {p for s in SCAN.values() for p in s.plurals}
    assert set(cli_sv.MESSAGES) == in_click
    assert set(cli_sv.PLURALS) == plurals
    same = {"%(prog)s, version %(version)s", "d"}  # the same in Swedish
    assert [m for m, sv in cli_sv.MESSAGES.items() if m == sv and m not in same] == []


def test_placeholders_are_compared_with_conversion_and_count() -> None:
    assert _placeholders("{name!r} and {name!r}") != _placeholders("{name!r}")
    assert _placeholders("{name!r}") != _placeholders("{name}")
    assert _placeholders("%(prog)s x") == Counter({"%(prog)s": 1})


def test_every_parameter_type_name_of_click_is_translated() -> None:
    tree = ast.parse((CLICK_DIR / "types.py").read_text(encoding="utf-8"))
    names = {
        stmt.value.value
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef)
        for stmt in cls.body
        if isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "name" for t in stmt.targets)
        and isinstance(stmt.value, ast.Constant)
    }
    assert {"integer", "float", "boolean"} <= names
    assert names <= set(cli_sv.TYPE_NAMES)
    assert click.INT.name == "heltal" and click.FLOAT.name == "decimaltal"


def test_every_usage_metavar_of_click_is_translated() -> None:
    tree = ast.parse((CLICK_DIR / "core.py").read_text(encoding="utf-8"))
    found = {
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "subcommand_metavar" for t in node.targets)
        and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "__init__":
            args = node.args.args + node.args.kwonlyargs
            defaults = [None] * (len(node.args.args) - len(node.args.defaults))
            defaults += node.args.defaults + node.args.kw_defaults
            for arg, default in zip(args, defaults, strict=True):
                if arg.arg == "options_metavar" and isinstance(default, ast.Constant):
                    found.add(default.value)
    assert {"[OPTIONS]", "COMMAND [ARGS]..."} <= found
    assert found <= set(cli_sv.USAGE_METAVARS)


def test_clicks_modules_use_the_swedish_lookups() -> None:
    for name, s in SCAN.items():
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        for alias in s.aliases:
            assert getattr(module, alias) is not getattr(gettext, s.aliases[alias]), (name, alias)
    assert click.core._("Usage:") == "Användning:"
    assert click.exceptions.ngettext("Did you mean {possibility}?",
                                     "(Did you mean one of: {possibilities}?)", 2) == (
        "(Menade du något av: {possibilities}?)")  # fmt: skip
    cli_sv.use_swedish_click()  # a second time changes nothing
    assert click.core._("Options") == "Flaggor"
    assert sum(isinstance(f, cli_sv._ClickImportTranslator) for f in sys.meta_path) == 1


def test_translations_object_plural_rule_and_fallback() -> None:
    t = cli_sv.SWEDISH
    one = t.ngettext("Got unexpected extra argument ({args})",
                     "Got unexpected extra arguments ({args})", 1)  # fmt: skip
    many = t.ngettext("Got unexpected extra argument ({args})",
                      "Got unexpected extra arguments ({args})", 3)  # fmt: skip
    assert (one, many) == ("Oväntat extra argument ({args})", "Oväntade extra argument ({args})")
    assert t.gettext("not a click message") == "not a click message"
    assert t.ngettext("one x", "many x", 0) == "many x"


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **env},
        check=False,
    )


def test_modules_click_imports_later_are_translated_too() -> None:
    # A fresh interpreter: click's progress bar and shell completion are imported only
    # after namndplan's commands are loaded, as in a real run.
    code = (
        "import sys, pipeline.cli.main\n"
        "assert 'click._termui_impl' not in sys.modules\n"
        "import click._termui_impl as t, click.shell_completion as s\n"
        "print(t._('d'), t._('{editor}: Editing failed'))\n"
        'print(s._("Couldn\'t detect Bash version, shell completion is not supported."))\n'
    )
    res = _python(code)
    assert res.returncode == 0, res.stderr
    assert "Redigeringen misslyckades" in res.stdout and "Kan inte avgöra" in res.stdout


def test_swedish_whatever_the_locale() -> None:
    code = "from pipeline.cli.main import main; main(['validate'])"
    res = _python(code, LANGUAGE="en_US:en", LC_ALL="C.UTF-8", LANG="en_US.UTF-8")
    assert res.returncode == 2
    assert "Saknar argumentet 'FILER...'" in res.stderr and "Användning:" in res.stderr
    assert not ENGLISH.search(res.stderr), res.stderr


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="namndplan")


def _all_commands() -> list[tuple[str, ...]]:
    return [(), *((name,) for name in sorted(main.commands))]


def test_main_help_is_swedish() -> None:
    res = run("--help")
    assert res.exit_code == 0
    assert "Användning: namndplan [FLAGGOR] KOMMANDO [ARGUMENT]..." in res.output
    assert "Visa det här meddelandet och avsluta." in res.output
    assert "Visa versionen och avsluta." in res.output
    assert "Flaggor:" in res.output and "Kommandon:" in res.output
    assert not ENGLISH.search(res.output), res.output


@pytest.mark.parametrize("command", _all_commands(), ids=lambda c: " ".join(c) or "namndplan")
def test_every_commands_help_is_swedish(command: tuple[str, ...]) -> None:
    res = run(*command, "--help")
    assert res.exit_code == 0
    assert res.output.startswith("Användning: namndplan")
    assert "Visa det här meddelandet och avsluta." in res.output
    assert not ENGLISH.search(res.output), res.output


def test_command_names_stay_english() -> None:
    assert {"validate", "build", "plan", "a11y", "template", "rollover"} <= set(main.commands)


def test_missing_argument_is_said_in_swedish() -> None:
    res = run("validate")
    assert res.exit_code == 2
    assert "Fel: Saknar argumentet 'FILER...'." in res.output
    assert "Skriv 'namndplan validate --help' för hjälp." in res.output
    assert not ENGLISH.search(res.output), res.output


def test_no_such_command_is_said_in_swedish() -> None:
    res = run("nosuch")
    assert res.exit_code == 2
    assert "Fel: Kommandot 'nosuch' finns inte." in res.output
    assert not ENGLISH.search(res.output), res.output


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (
            ("template", "--year", "x"),
            "Ogiltigt värde för '--year': 'x' är inte ett giltigt heltal.",
        ),
        (("a11y", "/finns/inte.docx"), "Fil '/finns/inte.docx' finns inte."),
        (("build", "--foo"), "Flaggan '--foo' finns inte."),
        (("build", "a.xlsx", "b.xlsx"), "Oväntat extra argument (b.xlsx)"),
        (("template",), "Saknar flaggan '--year'."),
        (("template", "--year"), "Flaggan '--year' kräver ett värde."),
        (("plan", "--no-layout", "--pdf", "x", "y"), "Oväntat extra argument (y)"),
    ],
)
def test_usage_errors_are_swedish(args: tuple[str, ...], swedish: str) -> None:
    res = run(*args)
    assert res.exit_code == 2
    assert swedish in res.output
    assert not ENGLISH.search(res.output), res.output


def test_version_works() -> None:
    res = run("--version")
    assert res.exit_code == 0 and re.fullmatch(r"namndplan \d+\.\d+\S*\n", res.output)


def test_swedish_group_translates_commands_added_later() -> None:
    @click.group(cls=cli_sv.SwedishGroup)
    def group() -> None:
        pass

    @click.command()
    @click.argument("directory", required=False)
    def sub(directory: str | None) -> None:
        pass

    group.add_command(sub)
    res = CliRunner().invoke(group, ["sub", "--help"])
    assert "Användning: group sub [FLAGGOR] [MAPP]" in res.output
    assert (
        "Användning: group [FLAGGOR] KOMMANDO [ARGUMENT]..."
        in CliRunner().invoke(group, ["--help"]).output
    )
