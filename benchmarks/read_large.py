"""Reading a large layer file: ``gba-atlas check`` against ``pyogrio.read_dataframe``.

Not a test. The issue's target: ``check`` on a 200,000-polygon layer file (~220 MB,
the polygons of :func:`benchmarks.run.footprint_polygons`) within 1.5× pyogrio's read
time and 1.5× its peak memory. Each reader runs in a process of its own, which
reports its wall time and its peak resident memory (``ru_maxrss``); the exact path
(``GBA_ATLAS_FAST_READ=0``, what main does) is measured beside the fast one. From the
repository root::

    .venv/bin/python benchmarks/read_large.py            # all three, with ratios
    .venv/bin/python benchmarks/read_large.py make DIR   # only write the layer file
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

N_PARCELS = 200_000
SEED = 15
TIME_TARGET = 1.5
MEMORY_TARGET = 1.5
TIME_ROW = "check time, 200,000-polygon layer file, vs pyogrio.read_dataframe"
MEMORY_ROW = "check peak memory, 200,000-polygon layer file, vs pyogrio.read_dataframe"
TARGETS = {TIME_ROW: TIME_TARGET, MEMORY_ROW: MEMORY_TARGET}


def write_layer(folder: Path, n: int = N_PARCELS) -> Path:
    """Write ``n`` parcels as one layer file in ``folder`` (6 decimals, as the format asks)."""
    import shapely

    from benchmarks.run import footprint_polygons

    folder.mkdir(parents=True, exist_ok=True)
    polygons = shapely.set_precision(footprint_polygons(n, SEED), 1e-6, mode="pointwise")
    polygons = shapely.orient_polygons(polygons)
    geometries = shapely.to_geojson(polygons)
    rng = np.random.default_rng(SEED)
    heights = np.round(rng.uniform(3.0, 120.0, n), 1)
    path = folder / "parcels.geojson"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "name": "Parcels", "features": [\n')
        for i in range(n):
            props = json.dumps({"id": f"parcel_{i}", "name": f"Parcel {i}", "height_m": heights[i]})
            sep = ",\n" if i < n - 1 else "\n"
            out.write(f'{{"type": "Feature", "properties": {props}, "geometry": {geometries[i]}}}{sep}')
        out.write("]}\n")
    return path


_CHILD = """
import resource, sys, time
started = time.perf_counter()
{body}
elapsed = time.perf_counter() - started
print("RESULT", elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, file=sys.stderr)
"""

PYOGRIO = "import pyogrio\nframe = pyogrio.read_dataframe(sys.argv[1])\nassert len(frame) > 0"
CHECK = (
    "from geo.cli import main\n"
    "import contextlib, io\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    code = main(['check', '--layers', sys.argv[2]])\n"
    "assert code in (0, 1), code"
)


def measure(body: str, path: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s, from before the imports) and peak RSS (bytes) of ``body`` in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD.format(body=body), str(path), str(path.parent)],
        env={**os.environ, **env, "GBA_ATLAS_PROGRESS": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    lines = [line for line in done.stderr.splitlines() if line.startswith("RESULT")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"reader failed ({done.returncode}): {done.stderr[-2000:]}")
    _, _, peak = lines[-1].split()
    return wall, int(peak)


def main(argv: list[str]) -> int:
    if argv[:1] == ["make"]:
        print(write_layer(Path(argv[1])))
        return 0
    with tempfile.TemporaryDirectory(prefix="gba-read-") as name:
        started = time.perf_counter()
        path = write_layer(Path(name) / "layers")
        size = path.stat().st_size
        print(f"wrote {N_PARCELS:,} polygons, {size / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s")
        results: dict[str, tuple[float, int]] = {}
        for label, body, env in [
            ("pyogrio.read_dataframe", PYOGRIO, {}),
            ("check, exact path", CHECK, {"GBA_ATLAS_FAST_READ": "0"}),
            ("check, fast path", CHECK, {"GBA_ATLAS_FAST_READ": "1"}),
        ]:
            results[label] = measure(body, path, env)
            wall, peak = results[label]
            print(f"{label:24s} {wall:6.1f} s  {peak / 2**30:5.2f} GiB", flush=True)
    base_time, base_peak = results["pyogrio.read_dataframe"]
    rows = []
    for label in ("check, exact path", "check, fast path"):
        wall, peak = results[label]
        rows.append((label, wall / base_time, peak / base_peak))
        print(f"{label}: time {wall / base_time:.2f}×, peak memory {peak / base_peak:.2f}× pyogrio")
    _, time_ratio, memory_ratio = rows[-1]
    for row, value in ((TIME_ROW, time_ratio), (MEMORY_ROW, memory_ratio)):
        print(
            f"{row}: {value:.2f}× (target ≤ {TARGETS[row]}×) {'met' if value <= TARGETS[row] else 'NOT MET'}"
        )
    return 0


def bench_read_large() -> tuple[list[dict[str, Any]], list[str]]:
    """For benchmarks/run.py: the two targets as rows, and the lines printed."""
    with tempfile.TemporaryDirectory(prefix="gba-read-") as name:
        path = write_layer(Path(name) / "layers")
        base_time, base_peak = measure(PYOGRIO, path, {})
        wall, peak = measure(CHECK, path, {"GBA_ATLAS_FAST_READ": "1"})
    rows, lines = [], []
    for row, value in ((TIME_ROW, wall / base_time), (MEMORY_ROW, peak / base_peak)):
        ok = value <= TARGETS[row]
        rows.append({"name": row, "value": value, "target": TARGETS[row], "ok": ok, "ours": (wall, peak)})
        lines.append(f"{row}: {value:.2f}× (target ≤ {TARGETS[row]}×) {'met' if ok else 'NOT MET'}")
    return rows, lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
