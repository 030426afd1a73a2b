#!/usr/bin/env python3
"""Load test of the web page (issue 16): 20 concurrent uploads against a running server.

    .venv/bin/python bench/load.py                 # starts `namndplan serve`, writes results
    .venv/bin/python bench/load.py --clients 20 --rounds 3 --no-results

It starts ``namndplan serve`` on a free port of 127.0.0.1 with a fresh data folder and one
account (made with ``namndplan account add``), logs in ``--clients`` browsers, and in each
round has them all upload the example workbook at the same moment. The latency of one
upload is from sending the form to having the result page with its verdict (the server
answers the upload when the review is recorded; a page that still says "pågår" is
reloaded). Reported: p50, p95 and max over all uploads of all rounds, each round's wall
time, and, with LibreOffice, how long until every plan of the last round had its PDF.
The figures are printed and written as a section of ``bench/results.md`` (replacing an
earlier one), after ``bench/bench.py`` has written the rest (``make bench`` runs both).
Only the standard library; traffic only to 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "indata" / "socialnamnden-2024.xlsx"
RESULTS = Path(__file__).resolve().parent / "results.md"
HEADING = "## Web load test (bench/load.py)"
PASSWORD = "last-test-lösen-1"
TIMEOUT_S = 300


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> tuple[str, str]:
        with self.opener.open(urllib.request.Request(url), timeout=TIMEOUT_S) as r:
            return r.geturl(), r.read().decode("utf-8")

    def post(self, url: str, body: bytes, ctype: str) -> tuple[str, str]:
        req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype})
        with self.opener.open(req, timeout=TIMEOUT_S) as r:
            return r.geturl(), r.read().decode("utf-8")

    def token(self, html: str) -> str:
        m = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert m, html[:300]
        return m[1]

    def log_in(self, user: str) -> str:
        _, html = self.get(self.base + "logga-in")
        body = urllib.parse.urlencode({"csrf_token": self.token(html), "anvandare": user,
                                       "losenord": PASSWORD}).encode()  # fmt: skip
        _, home = self.post(self.base + "logga-in", body, "application/x-www-form-urlencoded")
        assert 'type="file"' in home, "login failed"
        return home

    def upload(self, home: str, name: str, data: bytes) -> tuple[str, str]:
        boundary = "----last" + secrets.token_hex(8)
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f"{self.token(home)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="arbetsbok"; filename="{name}"\r\nContent-Type: application/octet-stream'
                "\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
        url, html = self.post(self.base + "ladda-upp", body,
                              f"multipart/form-data; boundary={boundary}")  # fmt: skip
        while "Granskningen pågår" in html:
            time.sleep(0.2)
            url, html = self.get(url)
        return url, html


def start_server(data: Path, namndplan: Path, layout: bool) -> tuple[subprocess.Popen[str], str]:
    subprocess.run([str(namndplan), "account", "add", "last", "--namnd", "Socialnämnden",
                    "--data", str(data)], input=f"{PASSWORD}\n{PASSWORD}\n", text=True,
                   check=True, capture_output=True)  # fmt: skip
    cmd = [str(namndplan), "serve", "--port", "0", "--data", str(data),
           "--mallar", str(REPO / "templates")] + ([] if layout else ["--utan-libreoffice"])  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"http://[\d.]+:\d+/", line)
    if not m:
        proc.kill()
        sys.exit(f"the server did not start: {line}")
    threading.Thread(target=lambda: [None for _ in proc.stdout or []], daemon=True).start()
    return proc, m[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--utan-libreoffice", dest="no_layout", action="store_true")
    ap.add_argument("--results", type=Path, default=RESULTS)
    ap.add_argument("--no-results", action="store_true")
    args = ap.parse_args(argv)
    namndplan = Path(sys.executable).parent / "namndplan"
    layout = not args.no_layout and bool(shutil.which("soffice") and shutil.which("pdftotext"))
    data = EXAMPLE.read_bytes()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    latencies: list[float] = []
    walls: list[float] = []
    layout_s: float | None = None
    with tempfile.TemporaryDirectory(prefix="namndplan-last-") as tmp:
        proc, base = start_server(Path(tmp) / "data", namndplan, layout)
        try:
            clients = [Client(base) for _ in range(args.clients)]
            homes = [c.log_in("last") for c in clients]
            last_urls: list[str] = []
            for rnd in range(args.rounds):
                gate = threading.Barrier(args.clients)
                out: list[tuple[float, str, str] | BaseException] = [RuntimeError()] * args.clients

                def one(i: int, rnd: int = rnd, gate: threading.Barrier = gate,
                        out: list = out) -> None:  # type: ignore[type-arg]  # fmt: skip
                    try:
                        gate.wait(timeout=60)
                        t0 = time.perf_counter()
                        url, html = clients[i].upload(homes[i], f"last-{rnd}-{i}.xlsx", data)
                        out[i] = (time.perf_counter() - t0, url, html)
                    except BaseException as exc:  # noqa: BLE001 - counted below
                        out[i] = exc

                threads = [threading.Thread(target=one, args=(i,)) for i in range(args.clients)]
                t0 = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=TIMEOUT_S)
                walls.append(time.perf_counter() - t0)
                failed = [o for o in out if not isinstance(o, tuple)]
                bad = [o for o in out if isinstance(o, tuple) and "Godkänd." not in o[2]]
                if failed or bad:
                    sys.exit(f"round {rnd + 1}: {len(failed)} uploads failed, {len(bad)} without "
                             f"a verdict: {failed[:3]}")  # fmt: skip
                latencies += [o[0] for o in out if isinstance(o, tuple)]
                last_urls = [o[1] for o in out if isinstance(o, tuple)]
                print(f"round {rnd + 1}: {args.clients} uploads in {walls[-1]:.2f} s")
            if layout:
                t0 = time.perf_counter()
                end = t0 + TIMEOUT_S
                waiting = list(last_urls)
                while waiting and time.perf_counter() < end:
                    waiting = [u for u in waiting if "som PDF" not in clients[0].get(u)[1]]
                    time.sleep(0.5)
                layout_s = time.perf_counter() - t0 if not waiting else None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    lines = [
        HEADING,
        "",
        f"{args.clients} browsers logged in to one `namndplan serve` (waitress, default "
        f"threads and review workers) upload the example workbook at the same moment, "
        f"{args.rounds} rounds; latency from sending the form to the result page with its "
        f"verdict. Machine: {os.cpu_count()} cores; LibreOffice: {'yes' if layout else 'no'}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average before / "
        f"after: {load_before} / {load_after} (other work on the machine slows every figure).",
        "",
        "| Figure | value |",
        "|---|---|",
        f"| uploads | {len(latencies)} (all reviewed, verdict Godkänd) |",
        f"| latency p50 | {p50:.2f} s |",
        f"| latency p95 | {p95:.2f} s |",
        f"| latency max | {max(latencies):.2f} s |",
        f"| latency mean | {statistics.fmean(latencies):.2f} s |",
        f"| wall time of a round of {args.clients} (median) | {statistics.median(walls):.2f} s |",
    ]
    if layout:
        lines.append(f"| after the last round: until its {args.clients} plans had TOC page "
                     f"numbers and a PDF (the one layout worker lays out all "
                     f"{len(latencies)} plans of all rounds, at most 20 per LibreOffice "
                     f"batch) | {f'{layout_s:.1f} s' if layout_s else 'not within the limit'} |")  # fmt: skip
    section = "\n".join(lines) + "\n"
    print(section)
    if not args.no_results:
        old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        start = old.find(HEADING)
        if start >= 0:
            nxt = old.find("\n## ", start + len(HEADING))
            old = old[:start] + (old[nxt + 1 :] if nxt >= 0 else "")
        args.results.write_text(old.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        print(f"written to {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
