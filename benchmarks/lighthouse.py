"""Lighthouse on the self-contained map served from 127.0.0.1, mobile and desktop (issue 23).

Not a test. The goals: performance ≥ 90, accessibility 100, best practices ≥ 96, for Lighthouse's
default (mobile: a throttled mid-range phone) and ``--preset=desktop``. The map is built as
``make map`` builds it (``gba-atlas build --self-contained``), served by a local ``http.server``
thread, and audited by Lighthouse :data:`LIGHTHOUSE_VERSION` (run with ``npx``, which keeps it in
npm's own cache, outside the repository) driving the system Chromium (``CHROME_PATH``).
Every https request is blocked (:data:`BLOCKED`): the page itself is http on 127.0.0.1, and map
tiles cannot load offline anyway — the map falls back to its plain base map, as a reader's
would with the network cut — so a tile server that does not answer cannot stall the audit.
Each preset runs :data:`RUNS` times; the median run (by performance score) is reported.

The goals are judged on the map served as it is (``http.server`` sends no compression), as the
issue measured it. The mobile audit is then repeated with the page sent gzip-compressed, as web
hosts send HTML, and reported beside them (not judged): on a throttled phone the first paint
waits for the whole document, so the bytes on the wire weigh most.

From the repository root::

    .venv/bin/python benchmarks/lighthouse.py            # both presets
    .venv/bin/python benchmarks/lighthouse.py mobile 1   # one preset, one run
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE_VERSION = "12.8.2"  # 13 needs Node 22.19; Debian's Node is 20
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
#: Blocked in the audited page: everything over https (tiles); the map is served over http.
BLOCKED = "https://*"
PRESETS = ("mobile", "desktop")
CATEGORIES = {"performance": 90.0, "accessibility": 100.0, "best-practices": 96.0}
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "SI": "speed-index",
}
RUNS = 3
#: One Lighthouse run is given this long (seconds), npx's first install of Lighthouse included.
RUN_TIMEOUT_S = 300
ROWS = {(preset, cat): f"Lighthouse {preset} {cat} score" for preset in PRESETS for cat in CATEGORIES}
TARGETS = {name: CATEGORIES[cat] for (_, cat), name in ROWS.items()}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class names it so
        pass


class _Gzip(_Quiet):
    """Serves HTML gzip-compressed to a browser that accepts it, as web hosts serve pages."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.suffix != ".html" or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        try:
            body = gzip.compress(path.read_bytes(), mtime=0)
        except OSError:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build_map(folder: Path) -> Path:
    """``gba-atlas build --self-contained`` into ``folder``; the map's path."""
    out = folder / "map.html"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    subprocess.run(
        [sys.executable, "-m", "geo", "build", "--self-contained", "--out", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def lighthouse(url: str, preset: str, report: Path) -> dict:
    """One Lighthouse run of ``url`` with ``preset``; its JSON report (also written to ``report``)."""
    command = [
        "npx",
        "--yes",
        f"lighthouse@{LIGHTHOUSE_VERSION}",
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--blocked-url-patterns={BLOCKED}",
        "--max-wait-for-load=30000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if done.returncode != 0 or not report.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"lighthouse {preset} exited {done.returncode}: {tail[0]}")
    result: dict = json.loads(report.read_text(encoding="utf-8"))
    return result


def summary(result: dict) -> dict:
    """Scores (0–100), metrics (ms) and the failed audits of accessibility and best practices."""
    cats = result["categories"]
    audits = result["audits"]
    scores = {
        cat: None if cats[cat]["score"] is None else round(cats[cat]["score"] * 100) for cat in CATEGORIES
    }
    metrics = {name: audits[key].get("numericValue") for name, key in METRICS.items()}
    failed = sorted(
        {
            ref["id"]
            for cat in ("accessibility", "best-practices")
            for ref in cats[cat]["auditRefs"]
            if ref.get("weight")
            and (audits[ref["id"]].get("score") or 0) < 1
            and audits[ref["id"]].get("scoreDisplayMode") not in ("notApplicable", "informative", "manual")
        }
    )
    opportunities = {
        key: audits[key].get("details", {}).get("overallSavingsBytes")
        for key in ("unused-javascript", "unminified-javascript", "unminified-css", "unused-css-rules")
        if key in audits
    }
    requests = audits["network-requests"].get("details", {}).get("items", [])
    sent = next((r.get("transferSize") for r in requests if r.get("resourceType") == "Document"), None)
    return {
        "scores": scores,
        "metrics": metrics,
        "failed": failed,
        "savings_bytes": opportunities,
        "sent": sent,
    }


def serve(
    folder: Path, *, compress: bool = False
) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    """A server of ``folder`` on a free port of 127.0.0.1, in a thread; HTML gzipped if ``compress``."""
    handler = functools.partial(_Gzip if compress else _Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    return server, thread


def audit(
    page: Path, presets: tuple[str, ...] = PRESETS, runs: int = RUNS, *, compress: bool = False
) -> dict[str, list[dict]]:
    """Each preset's runs on ``page``, served locally; summaries sorted by performance score."""
    server, thread = serve(page.parent, compress=compress)
    url = f"http://127.0.0.1:{server.server_address[1]}/{page.name}"
    found: dict[str, list[dict]] = {}
    try:
        for preset in presets:
            found[preset] = [
                summary(lighthouse(url, preset, page.parent / f"lighthouse-{preset}-{compress}-{i}.json"))
                for i in range(runs)
            ]
            found[preset].sort(key=lambda s: s["scores"]["performance"] or 0)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    return found


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


def report(
    found: dict[str, list[dict]], size: int, *, compressed: bool = False
) -> tuple[list[dict], list[str]]:
    """Rows and printed lines: each preset's median run against the goals (not judged if ``compressed``)."""
    rows, lines = [], []
    how = "gzip-served" if compressed else "served as is"
    for preset, runs in found.items():
        median = runs[len(runs) // 2]
        for cat, goal in CATEGORIES.items():
            value = median["scores"][cat]
            ok = value is not None and value >= goal
            rows.append(
                {
                    "name": ROWS[(preset, cat)] + (" (gzip-served, reported only)" if compressed else ""),
                    "value": value,
                    "target": None if compressed else goal,
                    "ok": None if compressed else ok,
                    "runs": [r["scores"][cat] for r in runs],
                    "metrics_ms": median["metrics"],
                    "sent_bytes": median["sent"],
                }
            )
        scores = median["scores"]
        verdicts = ", ".join(
            f"{cat} {scores[cat]} (goal {'>=' if goal < 100 else ''}{goal:g}) "
            f"{'OK' if scores[cat] is not None and scores[cat] >= goal else 'NOT MET'}"
            + (" [reported only]" if compressed else "")
            for cat, goal in CATEGORIES.items()
        )
        sent = "—" if median["sent"] is None else f"{median['sent'] / 1000:,.0f} kB"
        metrics = ", ".join(f"{name} {ms(v)}" for name, v in median["metrics"].items())
        lines.append(f"lighthouse  {preset:<7} {size / 1000:,.0f} kB map {how} ({sent} sent): {verdicts}")
        perf_runs = ", ".join(str(r["scores"]["performance"]) for r in runs)
        lines.append(f"  {metrics}; performance of the {len(runs)} runs: {perf_runs}")
        savings = ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in median["savings_bytes"].items() if v)
        if savings:
            lines.append(f"  could save: {savings}")
        if median["failed"]:
            lines.append(f"  failed audits: {', '.join(median['failed'])}")
    return rows, lines


def bench_lighthouse(presets: tuple[str, ...] = PRESETS, runs: int = RUNS) -> tuple[list[dict], list[str]]:
    """Build the self-contained map, serve it locally and audit it with Lighthouse."""
    with tempfile.TemporaryDirectory(prefix="gba-lighthouse-") as name:
        page = build_map(Path(name))
        size = page.stat().st_size
        rows, lines = report(audit(page, presets, runs), size)
        if "mobile" in presets:  # as a web host would serve it: the goals are judged without this
            more = report(audit(page, ("mobile",), runs, compress=True), size, compressed=True)
            rows, lines = rows + more[0], lines + more[1]
        return rows, lines


if __name__ == "__main__":
    chosen = tuple(a for a in sys.argv[1:2] if a in PRESETS) or PRESETS
    count = int(sys.argv[2]) if len(sys.argv) > 2 else RUNS
    for line in bench_lighthouse(chosen, count)[1]:
        print(line, flush=True)
