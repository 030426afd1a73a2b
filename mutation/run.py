"""Mutation testing of the core modules: ``make mutate``; scores to mutation/results.md.

mutmut rewrites the modules it mutates, so it never runs in the working tree: the tree's
files (tracked and new, as ``git ls-files`` lists them, with uncommitted edits) are copied
to a temporary folder, and mutmut runs there once per module of mutation/config.toml with
that module's tests (its own ``mutants/`` copy inside the temporary folder). The working
tree is only read, and mutation/results.md is written at the end.

Survivors judged equivalent (no test can tell them from the original) are listed with a
reason in mutation/equivalent.toml, by mutant name and the mutated line; an entry whose
line no longer matches is reported as stale and its mutant counted as a survivor.

    .venv/bin/python mutation/run.py [--module numfmt ...] [--jobs N] [--keep]

A run of some modules only (--module) replaces their rows and sections in results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.md"

# mutmut's exit codes per mutant (mutmut/stats.py), grouped as reported here.
KILLED = {1, 3}
TIMEOUT = {24, -24, 36, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}

# Run in the temporary copy: every survivor's diff, as `mutmut show` prints it, as JSON.
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
print(json.dumps({name: get_diff_for_mutant(name) for name in sys.argv[1:]}))
"""


def copy_tree(target: Path) -> None:
    """The working tree as git sees it (tracked and untracked, not ignored) into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():  # a tracked file deleted in the tree is left out
            dst = target / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    shared = ROOT.parent / "shared"  # the reference text that test_end_to_end reads
    if shared.is_dir():
        (target.parent / "shared").symlink_to(shared)


def mutmut_section(module: str, tests: list[str], deselect: list[str], work: Path) -> str:
    """The [tool.mutmut] table for one module (TOML arrays of strings are JSON arrays).
    Every top-level folder goes into mutmut's copy too: the tests read the templates, the
    example workbooks, the second kommun's folder and the tools."""
    selection = tests + [f"--deselect={d}" for d in deselect]
    folders = sorted(p.name for p in work.iterdir()
                     if p.is_dir() and p.name not in ("pipeline", "tests", "mutants")
                     and not p.name.startswith("mutants-"))  # fmt: skip
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["pipeline"]\n'
        f"only_mutate = {json.dumps([module])}\n"
        f"also_copy = {json.dumps(folders)}\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
    )


def run_module(work: Path, module: str, tests: list[str], deselect: list[str], jobs: int,
               log: Path) -> dict:  # fmt: skip
    """mutmut on one module in ``work``; the exit code and diff of every mutant."""
    pyproject = work / "pyproject.toml"
    original = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in original:
        raise SystemExit("pyproject.toml has its own [tool.mutmut]: mutation/config.toml is used")
    pyproject.write_text(original + mutmut_section(module, tests, deselect, work), encoding="utf-8")
    shutil.rmtree(work / "mutants", ignore_errors=True)
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
            cwd=work, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    seconds = time.monotonic() - start
    meta = work / "mutants" / (module + ".meta")
    if done.returncode != 0 or not meta.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"mutmut failed on {module} (exit {done.returncode}):\n{tail}")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    survivors = sorted((n for n, c in codes.items() if c in SURVIVED), key=_order)
    diffs = {}
    if survivors:
        shown = subprocess.run(
            [sys.executable, "-c", _DIFFS, *survivors],
            cwd=work, check=True, capture_output=True, text=True,
        )  # fmt: skip
        diffs = json.loads(shown.stdout)
    return {"codes": codes, "diffs": diffs, "seconds": seconds}


def _order(name: str) -> tuple[str, int]:
    base, _, number = name.rpartition("__mutmut_")
    return base, int(number) if number.isdigit() else 0


def mutated_lines(diff: str) -> list[str]:
    return [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def _matches(line: str, mutated: list[str]) -> bool:
    """The entry's line is the mutated line (an entry for a mutant that only deletes lines
    has an empty line)."""
    return line in mutated if line else not mutated


def load_equivalents() -> dict[str, dict[str, str]]:
    path = HERE / "equivalent.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {e["mutant"]: e for e in data.get("equivalent", [])}


def summarise(module: str, result: dict, equivalents: dict[str, dict[str, str]],
              target: int = 90) -> dict:  # fmt: skip
    codes: dict[str, int | None] = result["codes"]
    counts = {"killed": 0, "timeout": 0, "survived": 0, "no tests": 0, "other": 0}
    for code in codes.values():
        if code in KILLED:
            counts["killed"] += 1
        elif code in TIMEOUT:
            counts["timeout"] += 1
        elif code in SURVIVED:
            counts["survived"] += 1
        elif code in NO_TESTS:
            counts["no tests"] += 1
        else:
            counts["other"] += 1
    equivalent, open_, stale = [], [], []
    for name, diff in result["diffs"].items():
        entry = equivalents.get(name)
        if entry is None:
            open_.append((name, diff))
        elif _matches(entry["line"].strip(), mutated_lines(diff)):
            equivalent.append((name, entry["why"], diff))
        else:
            stale.append((name, diff))
    total = len(codes)
    detected = counts["killed"] + counts["timeout"]
    judged = total - len(equivalent)
    return {
        "module": module,
        "total": total,
        "counts": counts,
        "equivalent": equivalent,
        "open": open_ + stale,
        "stale": {n for n, _ in stale},
        "score": 100.0 * detected / judged if judged else 100.0,
        "raw": 100.0 * detected / total if total else 100.0,
        "seconds": result["seconds"],
        "target": target,
    }


def _tree_state() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return f"{head} with uncommitted changes" if dirty else head


def render_results(summaries: list[dict], target: int, seconds: float, jobs: int) -> str:
    from importlib.metadata import version

    lines = [
        "# Mutation testing: results",
        "",
        f"Written by `make mutate` (mutation/run.py) on {time.strftime('%Y-%m-%d')}: tree "
        f"{_tree_state()}, mutmut {version('mutmut')}, {jobs} workers, "
        f"{seconds / 60:.1f} min in all. Score = killed (or timed out) / (mutants − "
        f"equivalent); target {target} % unless the module's row says another. Equivalent "
        "survivors and why: "
        "mutation/equivalent.toml.",
        "",
        "| module | mutants | killed | timeout | survived | equivalent | no tests | score "
        "| killed of all | time |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summaries:
        c = s["counts"]
        own = s.get("target", target)
        mark = "" if s["score"] >= own else f" **below target {own} %**"
        if s["score"] >= own and own != target:
            mark = f" (target {own} %)"
        lines.append(
            f"| {s['module']} | {s['total']} | {c['killed']} | {c['timeout']} | "
            f"{len(s['open'])} | {len(s['equivalent'])} | {c['no tests'] + c['other']} | "
            f"{s['score']:.1f} %{mark} | {s['raw']:.1f} % | {s['seconds'] / 60:.1f} min |"
        )
    for s in summaries:
        lines += ["", f"## {s['module']}", ""]
        if s["open"]:
            lines += [f"Survivors not killed ({len(s['open'])}):", ""]
            for name, diff in s["open"]:
                note = " (its entry in equivalent.toml is stale)" if name in s["stale"] else ""
                lines += [f"- `{name}`{note}", "", "```diff", *_short(diff), "```", ""]
        else:
            lines += ["No survivor left open.", ""]
        if s["equivalent"]:
            lines += [f"Equivalent ({len(s['equivalent'])}):", ""]
            for name, why, diff in s["equivalent"]:
                changed = " / ".join(mutated_lines(diff)) or "?"
                lines.append(f"- `{name}`: `{changed}` — {why}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def merge_results(old: str, new: str, modules: list[str]) -> str:
    """``old`` (a full run's results) with the table rows and sections of ``modules`` taken
    from ``new`` (a partial run's), and a line saying when they were re-run."""

    def row(text: str, module: str) -> str:
        return next(line for line in text.splitlines() if line.startswith(f"| {module} |"))

    def section(text: str, module: str) -> str:
        start = text.index(f"## {module}\n")
        end = text.find("\n## ", start + 1)
        return text[start:] if end < 0 else text[start : end + 1]

    merged = old
    for module in modules:
        if f"| {module} |" not in old:  # new to results.md: its row and section added
            last = [line for line in merged.splitlines() if line.startswith("| ")][-1]
            merged = merged.replace(last + "\n", last + "\n" + row(new, module) + "\n", 1)
            merged = merged.rstrip("\n") + "\n\n" + section(new, module).rstrip("\n") + "\n"
            continue
        merged = merged.replace(row(old, module), row(new, module))
        merged = merged.replace(section(old, module), section(new, module))
    note = (f"Re-run alone on {time.strftime('%Y-%m-%d')} (tree {_tree_state()}): "
            f"{', '.join(modules)}.")  # fmt: skip
    head, _, rest = merged.partition("\n\n| module |")
    return f"{head}\n\n{note}\n\n| module |{rest}"


def _short(diff: str) -> list[str]:
    """The changed lines of a diff and one line of context each side."""
    rows = [r for r in diff.splitlines() if not r.startswith(("---", "+++", "@@"))]
    keep = set()
    for i, r in enumerate(rows):
        if r[:1] in "+-":
            keep |= {i - 1, i, i + 1}
    return [rows[i] for i in sorted(keep) if 0 <= i < len(rows)]


def main() -> int:
    config = tomllib.loads((HERE / "config.toml").read_text(encoding="utf-8"))
    modules: dict[str, dict] = config["modules"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", default=[],
                        help="only this module (numfmt, pipeline/read/xlsx.py, ...); repeatable")  # fmt: skip
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    chosen = [m for m in modules if not args.module or any(
        a in (m, Path(m).stem) for a in args.module)]  # fmt: skip
    if not chosen:
        parser.error(f"no such module; choose from {', '.join(Path(m).stem for m in modules)}")

    tmp = Path(tempfile.mkdtemp(prefix="namndplan-mutate-"))
    work = tmp / "tree"
    start = time.monotonic()
    summaries = []
    equivalents = load_equivalents()
    try:
        copy_tree(work)
        for module in chosen:
            tests = [t for t in modules[module]["tests"] if (work / t.split("::")[0]).exists()]
            print(f"{module}: mutmut with {', '.join(tests)} ...", flush=True)
            log = tmp / f"{Path(module).stem}.log"
            result = run_module(work, module, tests, config.get("deselect", []), args.jobs, log)
            own = int(modules[module].get("target", config.get("target", 90)))
            s = summarise(module, result, equivalents, own)
            summaries.append(s)
            print(f"  {s['total']} mutants, {s['score']:.1f} % killed, {len(s['open'])} open "
                  f"survivors, {len(s['equivalent'])} equivalent "
                  f"({s['seconds'] / 60:.1f} min)", flush=True)  # fmt: skip
            if args.keep:
                (work / "mutants").rename(work / f"mutants-{Path(module).stem}")
    finally:
        if args.keep:
            print(f"temporary folder kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    text = render_results(summaries, int(config.get("target", 90)), time.monotonic() - start,
                          args.jobs)  # fmt: skip
    if args.module:  # a partial run: its modules' rows and sections replace theirs
        print(text)
        if RESULTS.exists():
            RESULTS.write_text(merge_results(RESULTS.read_text(encoding="utf-8"), text,
                                             [s["module"] for s in summaries]),
                               encoding="utf-8")  # fmt: skip
            print(f"{RESULTS.relative_to(ROOT)}: {', '.join(chosen)} updated")
        return 0
    RESULTS.write_text(text, encoding="utf-8")
    print(f"{RESULTS.relative_to(ROOT)} written ({(time.monotonic() - start) / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
