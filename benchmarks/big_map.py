"""The map of big layers: our build against lonboard's ``to_html``, and a million polygons in Chromium.

Not a test. The issue's targets (issue 15):

(a) 200,000 polygons (:func:`benchmarks.run.footprints`, 39-vertex rings): from the
    GeoDataFrame in memory to the HTML file written — ours ``Atlas.load()`` +
    ``add_layer`` + ``save_map(self_contained=True)``, lonboard
    ``Map(layers=[PolygonLayer.from_geopandas(gdf)]).to_html(path)`` — time ≤ 0.5×
    (issue 24) and HTML size ≤ 1.0× lonboard's. Each build runs in a fresh process of its own,
    which imports its libraries, makes the GeoDataFrame and builds a 10-polygon map
    first (imports, asset caches: excluded from the time for both alike), then
    reports the build's wall time and the process's peak resident memory
    (``VmHWM``: ``ru_maxrss`` would carry the launching process's peak across
    ``exec``). Ours and lonboard's run alternately, three each; the medians are compared, every
    trial printed. Ours is
    offline and self-contained; lonboard's page loads its script from a CDN.
(b) 1,000,000 polygons: our build (time, peak memory, size), then the page opened
    in headless Chromium, offline: time from navigation start to the bulk layer's
    first frame (the ``gba-bulk-drawn`` performance mark, set by ``bulk-layer.js``)
    and to the page's readiness (load event plus two frames), the JavaScript heap
    (``performance.memory.usedJSHeapSize``) and the resident memory of the
    renderer process (``psutil``; typed arrays live outside the JavaScript heap).
    The target: it builds, opens without page errors and draws its first frame within
    :data:`FIRST_FRAME_TARGET_S` (NOT MET otherwise); the rest are reported figures.
    Skipped, saying why, when the machine has less than :data:`MIN_FREE_GB` available.

From the repository root::

    .venv/bin/python benchmarks/big_map.py            # both
    .venv/bin/python benchmarks/big_map.py 200000     # only (a), of that many polygons
    .venv/bin/python benchmarks/big_map.py big [N]    # only (b), of N polygons (1,000,000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.child import child_cpu, child_result, child_script  # noqa: E402

N_COMPARE = 200_000
N_BIG = 1_000_000
SEED = 15
TIME_TARGET = 0.5
SIZE_TARGET = 1.0
REPEATS = 3
#: The million-polygon build peaks at a few GB; below this much available memory it is not run.
MIN_FREE_GB = 8.0
#: Give up on the million-polygon page after this long (milliseconds).
BIG_PAGE_TIMEOUT_MS = 180_000
#: The million-polygon page should draw its first frame within this long (s) on a 2-core machine.
FIRST_FRAME_TARGET_S = 60.0

TIME_ROW = "big map build time, 200,000 polygons, vs lonboard to_html"
SIZE_ROW = "big map HTML size, 200,000 polygons, vs lonboard to_html"
OPEN_ROW = "big map, 1,000,000 polygons: builds, opens in Chromium, first frame (s)"
TARGETS = {TIME_ROW: TIME_TARGET, SIZE_ROW: SIZE_TARGET, OPEN_ROW: FIRST_FRAME_TARGET_S}

#: What each build's process does, untimed, before its build: the footprints as a GeoDataFrame.
_MAKE_FRAME = """sys.path.insert(0, {root!r})
from benchmarks.run import footprints
n, out = int(sys.argv[1]), sys.argv[2]
gdf = footprints(n, {seed})
"""

BUILDERS = {
    "ours": (
        "from geo.atlas import Atlas\n"
        "Atlas.load().add_layer(gdf.head(10), name='Warm').save_map(out + '.warm.html', self_contained=True)",
        "Atlas.load().add_layer(gdf, name='Buildings').save_map(out, self_contained=True)",
    ),
    "lonboard": (
        "from lonboard import Map, PolygonLayer\n"
        "Map(layers=[PolygonLayer.from_geopandas(gdf.head(10))]).to_html(out + '.warm.html')",
        "Map(layers=[PolygonLayer.from_geopandas(gdf)]).to_html(out)",
    ),
}


def build(which: str, n: int, out: Path) -> dict[str, float]:
    """Build one map in a fresh process: its build time and CPU time (s), peak RSS and size (bytes)."""
    setup, body = BUILDERS[which]
    script = child_script(body, setup=_MAKE_FRAME.format(root=str(ROOT), seed=SEED) + setup)
    done = subprocess.run(
        [sys.executable, "-c", script, str(n), str(out)],
        cwd=ROOT,
        env={**os.environ, "GBA_ATLAS_PROGRESS": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    result = child_result(done.stderr)
    if done.returncode != 0 or result is None:
        raise RuntimeError(f"{which} build failed ({done.returncode}): {done.stderr[-1500:]}")
    seconds, peak = result
    cpu = child_cpu(done.stderr) or float("nan")
    return {"seconds": seconds, "cpu": cpu, "peak_rss": float(peak), "size": float(out.stat().st_size)}


def compare(tmp: Path, n: int = N_COMPARE) -> tuple[list[dict[str, Any]], list[str]]:
    """(a): ours against lonboard's to_html, run alternately, the medians of :data:`REPEATS` each."""
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "lonboard": []}
    for _ in range(REPEATS):
        for which in ("lonboard", "ours"):
            runs[which].append(build(which, n, tmp / f"{which}-{n}.html"))
    middle = {which: sorted(r, key=lambda m: m["seconds"])[len(r) // 2] for which, r in runs.items()}
    ours, lonboard = middle["ours"], middle["lonboard"]  # the median run of each
    rows, lines = [], []
    time_ratio = ours["seconds"] / lonboard["seconds"]
    size_ratio = ours["size"] / lonboard["size"]
    trials = {which: [round(m["seconds"], 2) for m in r] for which, r in runs.items()}
    for name, value, target, extra in (
        (TIME_ROW, time_ratio, TIME_TARGET, {"ours": ours, "baseline": lonboard, "trials_s": trials}),
        (SIZE_ROW, size_ratio, SIZE_TARGET, {"ours": ours["size"], "baseline": lonboard["size"]}),
    ):
        rows.append({"name": name, "value": value, "target": target, "ok": value <= target, **extra})
    label = f"big map     {n:,} polygons"
    lines.append(
        f"{label}: {ours['seconds']:.2f} s vs lonboard to_html {lonboard['seconds']:.2f} s "
        f"= {time_ratio:.2f}x (target <= {TIME_TARGET:g}x)  {verdict(time_ratio <= TIME_TARGET)}"
        f"  [medians of {len(runs['ours'])} vs {len(runs['lonboard'])}]"
    )
    lines.append(
        f"big map size {n:,} polygons: {ours['size'] / 1e6:.1f} MB "
        f"vs lonboard {lonboard['size'] / 1e6:.1f} MB "
        f"= {size_ratio:.2f}x (target <= {SIZE_TARGET:g}x)  {verdict(size_ratio <= SIZE_TARGET)}"
    )
    lines.append(
        f"  peak memory of the build process: ours {ours['peak_rss'] / 2**30:.2f} GiB, "
        f"lonboard {lonboard['peak_rss'] / 2**30:.2f} GiB; CPU of the median runs: ours "
        f"{ours['cpu']:.2f} s, lonboard {lonboard['cpu']:.2f} s "
        f"= {ours['cpu'] / lonboard['cpu']:.2f}x; trials (s): "
        + "; ".join(f"{k} {', '.join(f'{t:.2f}' for t in v)}" for k, v in trials.items())
    )
    return rows, lines


def verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def available_gb() -> float:
    """Memory available to new processes (``MemAvailable``), in GiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


#: After the load event and two frames: when the first bulk frame was drawn, and the JS heap.
OPENED_JS = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const drawn = performance.getEntriesByName("gba-bulk-drawn");
    resolve({
        ready_ms: performance.now(),
        drawn_ms: drawn.length ? drawn[0].startTime : null,
        js_heap: performance.memory ? performance.memory.usedJSHeapSize : null,
        canvases: document.querySelectorAll("canvas.gba-bulk").length,
    });
})))"""


def renderer_rss() -> int | None:
    """The largest resident memory (bytes) of a Chromium renderer started from this process."""
    import psutil

    sizes = []
    for child in psutil.Process().children(recursive=True):
        try:
            if any(arg == "--type=renderer" for arg in child.cmdline()):
                sizes.append(child.memory_info().rss)
        except psutil.Error:
            continue
    return max(sizes, default=None)


def open_big(path: Path) -> dict[str, Any]:
    """Open the page in headless Chromium, offline; timings (ms from navigation start) and memory."""
    from playwright.sync_api import sync_playwright

    from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--enable-precise-memory-info"]
        )
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.set_default_timeout(BIG_PAGE_TIMEOUT_MS)
            page.goto(path.as_uri(), wait_until="load", timeout=BIG_PAGE_TIMEOUT_MS)
            result = page.evaluate(OPENED_JS)
            result["renderer_rss"] = renderer_rss()
        finally:
            browser.close()
    return {**result, "errors": errors}


def big(tmp: Path, n: int = N_BIG) -> tuple[list[dict[str, Any]], list[str]]:
    """(b): build the map of a million polygons, then open it in Chromium."""
    free = available_gb()
    label = f"big map     {n:,} polygons"
    if free < MIN_FREE_GB:
        why = f"only {free:.1f} GiB available, {MIN_FREE_GB:g} wanted"
        row = {"name": OPEN_ROW, "value": None, "target": FIRST_FRAME_TARGET_S, "ok": None, "skipped": why}
        return [row], [f"{label}: not measured ({why})"]
    path = tmp / f"ours-{n}.html"
    built = build("ours", n, path)
    lines = [
        f"{label}: built in {built['seconds']:.1f} s, peak memory {built['peak_rss'] / 2**30:.2f} GiB, "
        f"HTML {built['size'] / 1e6:.0f} MB"
    ]
    try:
        opened = open_big(path)
    except Exception as exc:  # a timeout or a crashed page: not met
        message = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        row = {"name": OPEN_ROW, "value": None, "target": FIRST_FRAME_TARGET_S, "ok": False, "error": message}
        row["build"] = built
        return [row], [*lines, f"{label}: did not open in Chromium — {message}  NOT MET"]
    drawn = None if opened["drawn_ms"] is None else opened["drawn_ms"] / 1000
    ok = (
        drawn is not None
        and drawn <= FIRST_FRAME_TARGET_S
        and not opened["errors"]
        and opened["canvases"] >= 1
    )
    row = {"name": OPEN_ROW, "value": drawn, "target": FIRST_FRAME_TARGET_S, "ok": ok, "build": built}
    row["page"] = opened
    rss, heap = opened["renderer_rss"], opened["js_heap"]
    lines.append(
        f"{label} in Chromium: first bulk frame at "
        + ("—" if drawn is None else f"{drawn:.1f} s")
        + f", ready at {opened['ready_ms'] / 1000:.1f} s; renderer memory "
        + ("—" if rss is None else f"{rss / 2**30:.2f} GiB")
        + ", JS heap "
        + ("—" if heap is None else f"{heap / 2**30:.2f} GiB")
        + f", page errors {len(opened['errors'])} (target: first frame <= {FIRST_FRAME_TARGET_S:g} s)"
        + f"  {verdict(ok)}"
    )
    lines += [f"  page error: {e}" for e in opened["errors"][:3]]
    return [row], lines


def bench_big_map() -> tuple[list[dict[str, Any]], list[str]]:
    """For benchmarks/run.py: the rows of (a) and (b), and the lines printed."""
    with tempfile.TemporaryDirectory(prefix="gba-bigmap-") as name:
        rows, lines = compare(Path(name))
        more_rows, more_lines = big(Path(name))
    return rows + more_rows, lines + more_lines


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gba-bigmap-") as name:
        lines: list[str] = []
        if argv[:1] != ["big"]:
            lines = compare(Path(name), int(argv[0]) if argv else N_COMPARE)[1]
            print("\n".join(lines), flush=True)
        if not argv or argv[:1] == ["big"]:
            print("\n".join(big(Path(name), int(argv[1]) if len(argv) > 1 else N_BIG)[1]), flush=True)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
