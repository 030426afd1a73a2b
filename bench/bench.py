#!/usr/bin/env python3
"""Whole-process benchmark of namndplan (issue 6).

Run with the project's virtual environment, from anywhere:

    .venv/bin/python bench/bench.py            # 11 runs per figure, 3 with the layout pass
    .venv/bin/python bench/bench.py --quick    # 3 runs, 1 with the layout pass

Every figure is a separate process started with ``subprocess`` and timed with
``time.perf_counter`` (start to exit); the report gives the median with min-max. Peak
memory is the process's maximum resident set size, read from ``/usr/bin/time -v`` when GNU
time is installed, else from the child's own rusage (``os.wait4``). The figures are printed
and written to ``bench/results.md``. Only the standard library and openpyxl are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_REL = Path("indata") / "socialnamnden-2024.xlsx"
# The follow-up example (issue 15); without it, one is made from the plan with `followup`.
REPORT_EXAMPLE_REL = Path("indata") / "socialnamnden-delarsrapport-2024.xlsx"
RESULTS = Path(__file__).resolve().parent / "results.md"

BIG_FACTOR = 25
N_PLANS = 15
# Sheet -> 1-based column holding the row's name; copies get " <n>" appended there.
# Målbild, Grunduppdrag and Hållbarhet are left alone: their values may occur once only.
REPEATED_SHEETS = {
    "Nyckeltal": 2,
    "Volymer": 1,
    "Driftsbudget": 1,
    "Investeringsbudget": 1,
    "Utvecklingsmål": 1,
    "Satsningar och uppdrag": 2,
    "Kommentarer": 2,  # Rubrik; an empty Rubrik stays empty (text follows the table)
}
PACKAGES = ("namndplan", "python-docx", "openpyxl", "lxml", "Cerberus", "Jinja2", "babel",
            "click", "defusedxml")  # fmt: skip


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    seconds: float
    rss_kb: int | None
    cpu_s: float | None = None  # user + system CPU seconds of the process tree


@dataclass
class Figure:
    key: str
    label: str
    make_cmd: Callable[[int], list[str]]  # run index -> command line
    runs: int
    samples: list[Sample] = field(default_factory=list)
    # Checks the run's result: (run index) -> problem or None.
    check: Callable[[int], str | None] | None = None
    ok_codes: tuple[int, ...] = (0,)  # exit codes of a run that did what it should
    # Checks the output: (stdout + stderr) -> problem or None.
    check_output: Callable[[str], str | None] | None = None

    def seconds(self) -> list[float]:
        return [s.seconds for s in self.samples]

    def cpu(self) -> list[float]:
        return [s.cpu_s for s in self.samples if s.cpu_s is not None]

    def rss_mb(self) -> list[float]:
        return [s.rss_kb / 1024 for s in self.samples if s.rss_kb is not None]

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds())

    @property
    def median_rss_mb(self) -> float | None:
        rss = self.rss_mb()
        return statistics.median(rss) if rss else None


class RunFailed(Exception):
    pass


def gnu_time() -> str | None:
    """/usr/bin/time if it is GNU time (understands -v -o), else None."""
    exe = "/usr/bin/time"
    if not os.access(exe, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as fh:
        proc = subprocess.run([exe, "-v", "-o", fh.name, "true"], capture_output=True)
        if proc.returncode == 0 and "Maximum resident set size" in Path(fh.name).read_text():
            return exe
    return None


_RSS_RE = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
_CPU_RE = re.compile(r"(?:User|System) time \(seconds\):\s*([\d.]+)")

# Runs argv[2:] in a forked child and writes "seconds maxrss_kB cpu_s" to argv[1].
_HELPER = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
seconds = time.perf_counter() - t0
kb = ru.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{seconds} {kb} {ru.ru_utime + ru.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""

# Environment of every timed process; set in main().
CHILD_ENV: dict[str, str] = dict(os.environ)


def run_once(cmd: Sequence[str], time_exe: str | None) -> tuple[Sample, int, str, str]:
    """Run one whole process; return its sample, exit code, stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as tfile:  # fmt: skip
        if time_exe:
            full = [time_exe, "-v", "-o", tfile.name, *cmd]
            t0 = time.perf_counter()
            proc = subprocess.run(full, stdout=out, stderr=err, cwd=REPO, env=CHILD_ENV)
            seconds = time.perf_counter() - t0
            code = proc.returncode
            report = Path(tfile.name).read_text()
            match = _RSS_RE.search(report)
            rss = int(match.group(1)) if match else None
            cpu_parts = [float(x) for x in _CPU_RE.findall(report)]
            cpu = sum(cpu_parts) if len(cpu_parts) == 2 else None
        else:
            # Without GNU time a small helper process forks and execs the command and
            # reports os.wait4's per-child rusage. The helper is needed because Linux
            # carries the forking process's RSS high-water mark into the child's
            # ru_maxrss at exec: forked from this script (tens of MB after openpyxl) every
            # figure would read at least that much. getrusage(RUSAGE_CHILDREN) has the same
            # problem and only keeps the maximum over all children, so deltas do not work.
            helper = [sys.executable, "-S", "-c", _HELPER, tfile.name, *cmd]
            t0 = time.perf_counter()
            proc = subprocess.run(helper, stdout=out, stderr=err, cwd=REPO, env=CHILD_ENV)
            seconds = time.perf_counter() - t0
            code = proc.returncode
            fields = Path(tfile.name).read_text().split()
            rss = cpu = None
            if len(fields) == 3:
                seconds = float(fields[0])  # timed inside the helper: no helper start-up
                rss = int(fields[1])
                cpu = float(fields[2])
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Sample(seconds, rss, cpu), code, stdout, stderr


def measure(fig: Figure, run_index: int, time_exe: str | None, record: bool = True) -> None:
    cmd = fig.make_cmd(run_index)
    sample, code, stdout, stderr = run_once(cmd, time_exe)
    problem = None
    if code not in fig.ok_codes:
        problem = f"exit code {code}"
    elif fig.check is not None:
        problem = fig.check(run_index)
    if problem is None and fig.check_output is not None:
        problem = fig.check_output(stdout + stderr)
    if problem:
        raise RunFailed(f"{fig.label}: {problem}\n$ {' '.join(cmd)}\n"
                        f"--- stdout\n{stdout[-2000:]}\n--- stderr\n{stderr[-2000:]}")  # fmt: skip
    if record:
        fig.samples.append(sample)


# --------------------------------------------------------------------------- inputs


def make_big(example: Path, dest: Path) -> Path:
    """The example with every table row repeated BIG_FACTOR times, names distinguishable."""
    import openpyxl

    wb = openpyxl.load_workbook(example)
    for name, label_col in REPEATED_SHEETS.items():
        ws = wb[name]
        rows = [
            row
            for row in ws.iter_rows(min_row=2, max_row=ws.max_row)
            if any(c.value is not None and str(c.value).strip() for c in row)
        ]
        next_row = ws.max_row + 1
        for n in range(2, BIG_FACTOR + 1):
            for row in rows:
                for src in row:
                    value = src.value
                    if src.column == label_col and value is not None and str(value).strip():
                        value = f"{value} {n}"
                    cell = ws.cell(row=next_row, column=src.column, value=value)
                    if src.has_style:
                        cell._style = copy(src._style)
                next_row += 1
    out = dest / f"stor-{BIG_FACTOR}x.xlsx"
    wb.save(out)
    return out


def make_report_book(namndplan: str, example: Path, dest: Path) -> Path:
    """A filled Delårsrapport workbook: the shipped follow-up example when there is one,
    else ``namndplan followup`` of the plan with outcome and forecast typed in."""
    shipped = REPO / REPORT_EXAMPLE_REL
    out = dest / REPORT_EXAMPLE_REL.name
    if shipped.is_file():
        shutil.copyfile(shipped, out)
        return out
    import openpyxl

    subprocess.run([namndplan, "followup", str(example), "--rapport", "Delårsrapport", "-o",
                    str(out)], check=True, capture_output=True, cwd=REPO, env=CHILD_ENV)  # fmt: skip
    wb = openpyxl.load_workbook(out)
    ws = wb["Sammanfattning"]
    ws["A2"], ws["B2"] = "Sammanfattning", "Nämnden prognostiserar en budget i balans."
    ws = wb["Måluppföljning"]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value:
            ws.cell(row, 2, "Delvis uppfyllt")
            ws.cell(row, 3, "Arbetet pågår.")
    for name, first in (("Driftsredovisning", 2), ("Investeringsredovisning", 1)):
        ws = wb[name]
        for row in range(2, ws.max_row + 1):
            budget = ws.cell(row, first + 1).value
            if ws.cell(row, 1).value and budget is not None:
                if first == 2:
                    ws.cell(row, 2, budget)
                ws.cell(row, first + 2, round(budget * 2 / 3, 1))
                ws.cell(row, first + 3, budget)
    wb.save(out)
    return out


def make_plan_dir(example: Path, dest: Path) -> Path:
    """N_PLANS copies of the example, Grunddata!B3 (Nämnd) "Nämnd 01" ..., distinct names."""
    import openpyxl

    wb = openpyxl.load_workbook(example)
    ws = wb["Grunddata"]
    if ws["A3"].value != "Nämnd":
        raise SystemExit(f"Grunddata!A3 is {ws['A3'].value!r}, expected 'Nämnd'.")
    dest.mkdir(parents=True)
    for i in range(1, N_PLANS + 1):
        ws["B3"] = f"Nämnd {i:02d}"
        wb.save(dest / f"namnd-{i:02d}-2024.xlsx")
    return dest


# --------------------------------------------------------------------------- environment


def _cmd_text(cmd: Sequence[str]) -> str | None:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (proc.stdout.strip() or proc.stderr.strip()).splitlines()
    return text[0].strip() if text else None


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.split(":")[0].strip() == key:
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine_info(time_exe: str | None, soffice: str | None, no_time: bool = False
                 ) -> dict[str, str]:  # fmt: skip
    info: dict[str, str] = {}
    info["Date"] = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    info["Platform"] = f"{platform.platform()} ({platform.machine()})"
    nproc = _cmd_text(["nproc"]) if shutil.which("nproc") else None
    info["nproc"] = nproc or str(len(os.sched_getaffinity(0)))
    info["CPU"] = _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "?"
    total = _proc_field("/proc/meminfo", "MemTotal")
    avail = _proc_field("/proc/meminfo", "MemAvailable")
    if total:
        kb = int(total.split()[0])
        info["Memory"] = f"{kb / 1024**2:.1f} GiB total"
        if avail:
            info["Memory"] += f", {int(avail.split()[0]) / 1024**2:.1f} GiB available at start"
    info["Python"] = f"{platform.python_version()} ({sys.executable})"
    versions = []
    for pkg in PACKAGES:
        try:
            versions.append(f"{pkg} {importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{pkg} (not installed)")
    info["Packages"] = ", ".join(versions)
    if soffice:
        info["LibreOffice"] = _cmd_text([soffice, "--version"]) or "?"
        pdftotext = shutil.which("pdftotext")
        info["pdftotext"] = (_cmd_text([pdftotext, "-v"]) or "?") if pdftotext else "not found"
    else:
        info["LibreOffice"] = "not installed (figure 6 skipped)"
    info["Peak memory from"] = (
        "/usr/bin/time -v (Maximum resident set size)"
        if time_exe
        else "os.wait4 per-child rusage (ru_maxrss) via a small fork/exec helper; GNU /usr/bin/time "
        + ("ignored (--no-time)" if no_time else "not available")
    )
    if shutil.which("git"):
        head = _cmd_text(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]) or "?"
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "pipeline",
                                "templates", "pyproject.toml"],
                               capture_output=True, text=True).stdout.split("\n")  # fmt: skip
        dirty = [d[3:] for d in dirty if d.strip()]
        info["Code"] = f"git {head}" + (
            f", uncommitted changes in: {', '.join(dirty)}" if dirty else ", clean"
        )
    return info


def _document_xml(docx: Path) -> bytes | None:
    try:
        with zipfile.ZipFile(docx) as zf:
            return zf.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def fingerprint(paths: Sequence[Path]) -> str:
    """sha256 over the code and inputs the figures depend on, to notice edits mid-run."""
    h = hashlib.sha256()
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for f in files:
            if "__pycache__" in f.parts:
                continue
            h.update(str(f.relative_to(REPO)).encode())
            try:
                h.update(f.read_bytes())
            except OSError:
                h.update(b"<unreadable>")
    return h.hexdigest()[:12]


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --------------------------------------------------------------------------- report


@dataclass
class Target:
    label: str
    value: float | None
    unit: str
    limit: float
    how: str

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value <= self.limit

    def row(self) -> list[str]:
        if self.value is None:
            return [self.label, "–", f"≤ {self.limit:g}{self.unit}", "not measured", self.how]
        return [self.label, f"{self.value:.2f}{self.unit}", f"≤ {self.limit:g}{self.unit}",
                "met" if self.met else "MISSED", self.how]  # fmt: skip


def _span(values: list[float], fmt: str) -> str:
    if not values:
        return "–"
    med = statistics.median(values)
    return f"{med:{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"


def figure_rows(figs: list[Figure]) -> list[list[str]]:
    return [[f.label, str(len(f.samples)), _span(f.seconds(), ".3f"), _span(f.cpu(), ".3f"),
             _span(f.rss_mb(), ".1f")] for f in figs]  # fmt: skip


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    def esc(c: str) -> str:
        return c.replace("|", "\\|")

    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


FIG_HEADER = ["Figure", "runs", "wall s: median (min–max)", "CPU s: median (min–max)",
              "peak RSS MB: median (min–max)"]  # fmt: skip
TARGET_HEADER = ["Ratio / figure", "value", "target", "result", "computed as"]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (default 11)")
    ap.add_argument("--layout-runs", type=int, default=None,
                    help="runs of the plan with the layout pass (default 3)")  # fmt: skip
    ap.add_argument("--quick", action="store_true", help="3 runs (1 with layout): a fast check")
    ap.add_argument("--skip-layout", action="store_true", help="skip figure 6 (LibreOffice)")
    ap.add_argument("--skip-worst", action="store_true",
                    help="skip the generated worst-case workbooks (issue 11)")
    ap.add_argument("--worst-runs", type=int, default=None,
                    help="runs per worst-case figure (default 3; 1 with --quick)")
    ap.add_argument("--no-time", action="store_true",
                    help="ignore /usr/bin/time; peak memory from os.wait4")  # fmt: skip
    ap.add_argument("--results", type=Path, default=RESULTS, help="markdown file to write")
    args = ap.parse_args(argv)

    runs = args.runs or (3 if args.quick else 11)
    layout_runs = args.layout_runs or (1 if args.quick else min(3, runs))
    worst_runs = args.worst_runs or (1 if args.quick else 3)
    if runs < 1 or layout_runs < 1:
        ap.error("runs must be at least 1")

    python = sys.executable
    namndplan = str(Path(python).parent / "namndplan")
    if not os.access(namndplan, os.X_OK):
        ap.error(f"{namndplan} not found: run this script with the project's venv python, "
                 "e.g. .venv/bin/python bench/bench.py")  # fmt: skip
    example = REPO / EXAMPLE_REL
    time_exe = None if args.no_time else gnu_time()
    soffice = shutil.which("soffice")
    layout_ok = soffice is not None and shutil.which("pdftotext") is not None
    do_layout = layout_ok and not args.skip_layout
    if soffice and not layout_ok:
        print("soffice found but pdftotext is missing: namndplan would skip the layout pass, "
              "so figure 6 is not measured.")  # fmt: skip

    info = machine_info(time_exe, soffice, args.no_time)
    load_before = loadavg()
    watched = [REPO / "pipeline", REPO / "templates", example]
    code_before = fingerprint(watched)
    try:
        busy = os.getloadavg()[0] > 0.5 * len(os.sched_getaffinity(0))
    except (OSError, AttributeError):
        busy = False
    if busy:
        print(f"WARNING: the machine is busy (load average {load_before}); the figures will "
              "be slower and noisier than on an idle machine.", flush=True)  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="namndplan-bench-") as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out"
        out.mkdir()
        print("Preparing inputs …", flush=True)
        # A snapshot of the example, so that every run reads the same bytes.
        snap = tmp / example.name
        shutil.copyfile(example, snap)
        example_desc = (f"{EXAMPLE_REL}, {snap.stat().st_size} bytes, sha256 "
                        f"{hashlib.sha256(snap.read_bytes()).hexdigest()[:12]}")  # fmt: skip
        big = make_big(snap, tmp)
        plan_dir = make_plan_dir(snap, tmp / "dir15")

        CHILD_ENV.clear()
        CHILD_ENV.update(os.environ)
        # Bytecode as on an installation made by `make`: pip compiled the libraries, make
        # compiles pipeline/ (python -m compileall). The environment stays as it is, so a
        # PYTHONDONTWRITEBYTECODE of the machine is kept; the compiled files are read anyway.
        # (A PYTHONPYCACHEPREFIX would move every module's bytecode lookup out of its
        # __pycache__ folder: measured +17 ms on the floor and +46 ms on a build.)
        subprocess.run([python, "-m", "compileall", "-q", str(REPO / "pipeline")], check=True,
                       cwd=REPO, env=CHILD_ENV)  # fmt: skip
        env_desc = ("environment as is; bytecode of the libraries from their installation, "
                    "of pipeline/ from `python -m compileall` as `make` does")  # fmt: skip
        report_book = make_report_book(namndplan, snap, tmp)

        # The generated BIG workbook must be valid before it is timed.
        proc = subprocess.run([namndplan, "validate", str(big)], capture_output=True, text=True,
                              cwd=REPO, env=CHILD_ENV)  # fmt: skip
        if proc.returncode != 0:
            print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n")
            print(f"BIG workbook {big.name} does not validate (exit {proc.returncode}).")
            return 2
        big_summary = proc.stdout.strip().splitlines()[-1]

        # Results are checked by their files, not by the wording of the output.
        def docx_count(d: Path) -> int:
            return len([p for p in d.glob("*.docx") if not p.name.startswith(".")])

        def built(name: str) -> Callable[[int], str | None]:
            def check(i: int) -> str | None:
                return None if (out / f"{name}-{i}.docx").is_file() else "no .docx written"

            return check

        def plans_built(prefix: str) -> Callable[[int], str | None]:
            def check(i: int) -> str | None:
                n = docx_count(out / f"{prefix}-{i}")
                return None if n == N_PLANS else f"{n} of {N_PLANS} plans written"

            return check

        # A laid-out plan differs from the same plan built with --no-layout (the table of
        # contents gets its page numbers); the --no-layout build is reproducible.
        first_book = sorted(plan_dir.glob("*.xlsx"))[0]
        refs = []
        for n in range(2):
            ref = tmp / f"ref-{n}.docx"
            subprocess.run([namndplan, "build", str(first_book), "-o", str(ref), "--no-layout"],
                           capture_output=True, cwd=REPO, env=CHILD_ENV)  # fmt: skip
            refs.append(_document_xml(ref))
        reference = refs[0] if refs[0] is not None and refs[0] == refs[1] else None

        def laid_out(i: int) -> str | None:
            problem = plans_built("layout")(i)
            if problem is None and reference is not None:
                made = _document_xml(out / f"layout-{i}" / f"{first_book.stem}.docx")
                if made == reference:
                    problem = "the plan is identical to the --no-layout build: no layout pass?"
            return problem

        figs = [
            Figure("floor_a", 'floor A: python -c "import docx, openpyxl"',
                   lambda i: [python, "-c", "import docx, openpyxl"], runs),
            Figure("floor_b", 'floor B: python -c "import openpyxl"',
                   lambda i: [python, "-c", "import openpyxl"], runs),
            # Not targets: the floors with the exit namndplan uses (gc.freeze before the
            # interpreter's final collection), for a like-for-like comparison of own work.
            Figure("floor_a_freeze", 'floor A with namndplan\'s exit: "import docx, openpyxl, '
                   'gc; gc.freeze()"', lambda i: [python, "-c", "import docx, openpyxl, gc; "
                                                  "gc.freeze()"], runs),
            Figure("floor_b_freeze", 'floor B with namndplan\'s exit: "import openpyxl, gc; '
                   'gc.freeze()"', lambda i: [python, "-c", "import openpyxl, gc; gc.freeze()"],
                   runs),
            # Not targets: what the libraries of the design card cost before any namndplan
            # code runs, so the figures above can be split into libraries and own work.
            Figure("libs_build", "libraries of build, namndplan's exit: import docx, openpyxl, "
                   "click, cerberus, jinja2, gc; gc.freeze()",
                   lambda i: [python, "-c", "import docx, openpyxl, click, cerberus, jinja2, "
                              "gc; gc.freeze()"], runs),
            Figure("libs_validate", "libraries of validate, namndplan's exit: import openpyxl, "
                   "click, cerberus, gc; gc.freeze()",
                   lambda i: [python, "-c", "import openpyxl, click, cerberus, gc; gc.freeze()"],
                   runs),
            Figure("build", f"build {example.name} --no-layout",
                   lambda i: [namndplan, "build", str(snap), "-o",
                              str(out / f"build-{i}.docx"), "--no-layout"], runs,
                   check=built("build")),
            Figure("build_report", f"build {report_book.name} (a Delårsrapport) --no-layout",
                   lambda i: [namndplan, "build", str(report_book), "-o",
                              str(out / f"report-{i}.docx"), "--no-layout"], runs,
                   check=built("report")),
            Figure("build_big", f"build BIG ({BIG_FACTOR}× table rows) --no-layout",
                   lambda i: [namndplan, "build", str(big), "-o", str(out / f"big-{i}.docx"),
                              "--no-layout"], runs, check=built("big")),
            Figure("validate", f"validate {example.name}",
                   lambda i: [namndplan, "validate", str(snap)], runs),
            Figure("plan15", f"plan DIR15 ({N_PLANS} workbooks) --no-layout",
                   lambda i: [namndplan, "plan", str(plan_dir), "-o", str(out / f"plan-{i}"),
                              "--no-layout"], runs, check=plans_built("plan")),
        ]  # fmt: skip
        worst_figs: list[Figure] = []
        worst_inputs: dict[str, Path] = {}
        worst_sizes: dict[str, int] = {}
        if not args.skip_worst:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from worst import EXPECTED, make_worst

            print("Generating worst-case workbooks …", flush=True)
            worst_inputs = make_worst(snap, tmp / "worst")
            worst_sizes = {n: p.stat().st_size for n, p in worst_inputs.items()}

            def says(name: str) -> Callable[[str], str | None]:
                def check(output: str) -> str | None:
                    if "internt fel" in output or "Traceback" in output:
                        return "an internal error"
                    return None if EXPECTED[name] in output else f"not {EXPECTED[name]!r}"

                return check

            for name, path in worst_inputs.items():
                worst_figs.append(Figure(
                    f"worst_validate_{name}", f"worst: validate {name}",
                    lambda i, path=path: [namndplan, "validate", str(path)], worst_runs,
                    ok_codes=(0, 1), check_output=says(name)))
                worst_figs.append(Figure(
                    f"worst_build_{name}", f"worst: build {name} --no-layout",
                    lambda i, path=path, name=name: [namndplan, "build", str(path), "-o",
                                                     str(out / f"worst-{name}-{i}.docx"),
                                                     "--no-layout"], worst_runs,
                    ok_codes=(0, 1), check_output=says(name)))
        layout_fig = Figure(
            "plan15_layout", f"plan DIR15 ({N_PLANS} workbooks) with layout (LibreOffice)",
            lambda i: [namndplan, "plan", str(plan_dir), "-o", str(out / f"layout-{i}")],
            layout_runs, check=laid_out,
        )  # fmt: skip

        try:
            # One untimed warm-up per cheap figure (page cache, .pyc files), then rounds in
            # a shuffled order (seeded by the round, so reproducible): drift on the machine
            # spreads over all figures, and no figure always runs right after the same one
            # (a rotation keeps the neighbours: validate always ran after the BIG build).
            print("Warm-up …", flush=True)
            for fig in figs:
                measure(fig, -1, time_exe, record=False)
            for r in range(runs):
                order = list(figs)
                random.Random(r).shuffle(order)
                print(f"Round {r + 1}/{runs} …", flush=True)
                for fig in order:
                    measure(fig, r, time_exe)
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()
            for r in range(worst_runs if worst_figs else 0):
                print(f"Worst-case run {r + 1}/{worst_runs} …", flush=True)
                for fig in worst_figs:
                    measure(fig, r, time_exe)
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()
            if do_layout:
                for r in range(layout_runs):
                    print(f"Layout run {r + 1}/{layout_runs} …", flush=True)
                    measure(layout_fig, r, time_exe)
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()
        except RunFailed as exc:
            print(f"A benchmark run failed; no results written.\n{exc}")
            return 1

    load_after = loadavg()
    code_after = fingerprint(watched)
    changed = code_before != code_after
    if changed:
        print("WARNING: pipeline/, templates/ or the example changed while the benchmark ran; "
              "the runs do not all measure the same code.")  # fmt: skip
    all_figs = figs + worst_figs + ([layout_fig] if do_layout else [])
    by = {f.key: f for f in all_figs}

    def ratio(a: str, b: str) -> float:
        return by[a].median_s / by[b].median_s

    def paired(a: str, b: str) -> float:
        """Median over rounds of a ÷ b measured in the same round (seconds apart): the
        machine's drift during the run cancels out, which it does not in the ratio of the
        medians when a slow spell hits the rounds unevenly."""
        xs, ys = by[a].seconds(), by[b].seconds()
        return statistics.median(x / y for x, y in zip(xs, ys, strict=True))

    def paired_diff(a: str, b: str) -> float:
        """Median over rounds of a − b measured in the same round."""
        xs, ys = by[a].seconds(), by[b].seconds()
        return statistics.median(x - y for x, y in zip(xs, ys, strict=True))

    layout_per_plan = (layout_fig.median_s - by["plan15"].median_s) / N_PLANS if do_layout else None
    targets = [
        Target("build / floor A", paired("build", "floor_a"), "×", 2,
               "median over rounds of build --no-layout ÷ floor A of the same round"),
        Target("report build / plan build", paired("build_report", "build"), "×", 1.1,
               "median over rounds of the Delårsrapport's build ÷ the plan's build of the same "
               "round (issue 15: a report builds as fast as a plan)"),
        Target("BIG build / example build", paired("build_big", "build"), "×", 2,
               f"median over rounds of BIG build ÷ example build of the same round "
               f"({BIG_FACTOR}× rows; ≤ 2× = linear)"),
        Target(f"plan-{N_PLANS} --no-layout", by["plan15"].median_s, " s", 3,
               "median seconds, whole process"),
        Target("BIG build peak RSS", by["build_big"].median_rss_mb, " MB", 150,
               "median Maximum resident set size"),
        Target("validate / floor B", paired("validate", "floor_b"), "×", 1.5,
               "median over rounds of validate ÷ floor B of the same round"),
        Target(f"plan-{N_PLANS} with layout", layout_fig.median_s if do_layout else None, " s",
               30, "median seconds, whole process incl. LibreOffice"),
        Target("worst case: slowest validate or build",
               max((f.median_s for f in worst_figs), default=None), " s", 15,
               "the largest median wall time over the worst-case figures (issue 11)"),
        Target("worst case: largest peak RSS",
               max((f.median_rss_mb or 0 for f in worst_figs), default=None), " MB", 300,
               "the largest median peak RSS over the worst-case figures (issue 11)"),
    ]  # fmt: skip
    extra = [
        ["build / floor A with the same exit (like for like, paired)",
         f"{paired('build', 'floor_a_freeze'):.2f}×"],
        ["validate / floor B with the same exit (like for like, paired)",
         f"{paired('validate', 'floor_b_freeze'):.2f}×"],
        ["build / floor A as the ratio of the medians", f"{ratio('build', 'floor_a'):.2f}×"],
        ["BIG build / example build as the ratio of the medians",
         f"{ratio('build_big', 'build'):.2f}×"],
        ["validate / floor B as the ratio of the medians", f"{ratio('validate', 'floor_b'):.2f}×"],
        ["libraries of build / floor A, both with namndplan's exit (paired)",
         f"{paired('libs_build', 'floor_a_freeze'):.2f}×"],
        ["libraries of validate / floor B, both with namndplan's exit (paired)",
         f"{paired('libs_validate', 'floor_b_freeze'):.2f}×"],
        ["build − its libraries (namndplan's own imports and work; paired)",
         f"{paired_diff('build', 'libs_build'):.3f} s"],
        ["validate − its libraries (namndplan's own imports and work; paired)",
         f"{paired_diff('validate', 'libs_validate'):.3f} s"],
        ["example build − floor A", f"{by['build'].median_s - by['floor_a'].median_s:.3f} s"],
        ["report build − plan build (paired)", f"{paired_diff('build_report', 'build'):.3f} s"],
        ["BIG build − example build",
         f"{by['build_big'].median_s - by['build'].median_s:.3f} s"],
        [f"plan-{N_PLANS} per plan (÷ {N_PLANS})", f"{by['plan15'].median_s / N_PLANS:.3f} s"],
        [f"plan-{N_PLANS} marginal cost per extra plan ((plan-{N_PLANS} − build) ÷ "
         f"{N_PLANS - 1})", f"{(by['plan15'].median_s - by['build'].median_s) / (N_PLANS - 1):.3f} s"],
        ["layout cost per plan ((with layout − without) ÷ 15)",
         f"{layout_per_plan:.3f} s" if layout_per_plan is not None else "not measured"],
    ]  # fmt: skip

    fig_rows = figure_rows(all_figs)
    target_rows = [t.row() for t in targets]
    missed = [t.label for t in targets if t.met is False]
    notes = [
        f"{runs} timed runs per figure after one untimed warm-up run, in an order shuffled "
        "for each round (seeded)"
        + (
            f"; the layout figure has {layout_runs} run(s) (LibreOffice is slow), no warm-up."
            if do_layout
            else "."
        ),
        "Each run is a whole new process (subprocess), timed with time.perf_counter from "
        "start to exit. Peak RSS is that of the largest single process in the tree (the "
        "command or a child it waited for: plan's worker processes, LibreOffice's "
        "soffice.bin), not the sum over processes.",
        "MB = MiB (1024² bytes). CPU s = user + system time of the process and the "
        "children it waited for (summed over processes, so it can exceed wall time when "
        "plan builds in parallel); less sensitive to other load than wall time.",
        f"Example: {example_desc} (copied once to the temporary directory before timing).",
        f"Child processes: {env_desc}.",
        f"Fingerprint of pipeline/, templates/ and the example before / after: {code_before} "
        f"/ {code_after}" + (" — CHANGED during the run!" if changed else " (unchanged)."),
        f"BIG workbook: every row of {', '.join(REPEATED_SHEETS)} repeated {BIG_FACTOR}× "
        f"(copies named e.g. 'Ekonomiskt bistånd 7'); Målbild, Grunduppdrag, Hållbarhet "
        f"unchanged. validate: {big_summary}",
        "Every run is checked by its files: build writes its .docx, plan writes 15; a plan "
        "with layout must differ from the reproducible --no-layout build ("
        + (
            "checked"
            if reference is not None
            else "NOT checked: --no-layout build not reproducible"
        )
        + ").",
        f"DIR15: {N_PLANS} copies of the example, Grunddata!B3 = 'Nämnd 01' … "
        f"'Nämnd {N_PLANS:02d}'.",
        *([f"Worst cases (bench/worst.py, {worst_runs} run(s) each, after the main rounds; "
           "exit 0 or 1 accepted, the expected Swedish finding checked in the output, no "
           "internal error): " + "; ".join(f"{n} {size // 1024} kB"
                                          for n, size in worst_sizes.items()) + "."]
          if worst_sizes else []),
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}"
        + (" — the machine was busy at the start." if busy else "."),
    ]
    if runs < 5:
        notes.insert(0, f"Only {runs} runs per figure: a quick check, not the issue-6 "
                        "measurement (which needs at least 5).")  # fmt: skip

    print()
    print(text_table(FIG_HEADER, fig_rows))
    print()
    print(text_table(TARGET_HEADER, target_rows))
    print()
    print(text_table(["Derived", "value"], extra))
    print()
    for n in notes:
        print(f"- {n}")
    print(f"\nTargets missed: {', '.join(missed) if missed else 'none'}")

    md = [
        "# namndplan benchmark (issue 6)",
        "",
        f"Generated by `bench/bench.py{' --quick' if args.quick else ''}`"
        + (f" (runs={runs}, layout runs={layout_runs})" if not args.quick else " (quick check)")
        + ". See `bench/README.md` for what each figure means.",
        "",
        "## Machine",
        "",
        *[f"- **{k}:** {v}" for k, v in info.items()],
        f"- **Load average before / after:** {load_before} / {load_after}",
        "",
        "## Figures",
        "",
        md_table(FIG_HEADER, fig_rows),
        "",
        "## Targets",
        "",
        md_table(TARGET_HEADER, target_rows),
        "",
        f"Targets missed: {', '.join(missed) if missed else 'none'}.",
        "",
        "## Derived",
        "",
        md_table(["Derived", "value"], extra),
        "",
        "## Method",
        "",
        *[f"- {n}" for n in notes],
        "",
    ]
    args.results.write_text("\n".join(md) + _other_sections(args.results, md), encoding="utf-8")
    print(f"Wrote {args.results}")
    return 0


def _other_sections(path: Path, md: list[str]) -> str:
    """The sections of the results file this script does not write (``## Web load test``,
    which bench/load.py replaces when it runs), kept as they were."""
    if not path.exists():
        return ""
    own = {line for line in md if line.startswith("## ")}
    kept: list[str] = []
    keep = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line not in own
        elif line.startswith("# "):
            keep = False
        if keep:
            kept.append(line)
    return ("\n" + "\n".join(kept).rstrip("\n") + "\n") if kept else ""


if __name__ == "__main__":
    sys.exit(main())
