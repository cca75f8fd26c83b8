"""Benchmark: vectorised ``geo.geodesic_area`` against a per-geometry ``pyproj.Geod`` loop.

For 100,000 generated building footprints around 22.5°N (8 vertices, edges of about
20 m, random size, rotation and orientation) it prints the time of a
``Geod.geometry_area_perimeter`` loop, the time of :func:`geo.geodesic_area` and their
ratio (target ≥ 3×); then the accuracy (target: relative error ≤ 1e-9).

Accuracy is measured against Karney's algorithm — the algorithm Geod runs — evaluated
in 40-digit arithmetic (:mod:`benchmarks.karney_reference`), on every 200th footprint,
and against the Geod loop itself on the bundled layers (0.9 to 815 km²). Against the
Geod loop on footprints the difference is printed for information: there it is Geod's
double-precision rounding (~1e-4 m², so ~1e-6 of a few hundred m²), as the line after
it shows by comparing the Geod loop with the exact evaluation.

Run ``python benchmarks/geodesic_area.py``; ``run()`` returns the figures as dicts
(name, value, target, ok) for ``benchmarks/run.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `benchmarks` importable as from the root
    sys.path.insert(0, str(ROOT))

from benchmarks.child import child_cpu, child_result, child_script  # noqa: E402

if TYPE_CHECKING:
    from pyproj import Geod

N = 100_000
REPEATS = 3
#: Fresh processes per side for the first call (alternately: the loop's, then ours).
FIRST_CALL_REPEATS = 5
SPEED_TARGET = 3.0
ERROR_TARGET = 1e-9
#: Every this-many-th footprint is also measured exactly (~25 ms each).
EXACT_EVERY = 200


def footprints(n: int = N, seed: int = 0) -> np.ndarray:
    """``n`` L-shaped octagons, edges ~20 m, within 0.3° of (114°E, 22.5°N)."""
    rng = np.random.default_rng(seed)
    unit = np.array([[0, 0], [1, 0], [1, 0.6], [0.7, 0.6], [0.7, 1], [0.2, 1], [0.2, 0.5], [0, 0.5]])
    size = rng.uniform(12, 40, (n, 1, 2))
    theta = rng.uniform(0, 2 * np.pi, (n, 1))
    x, y = unit[None, :, 0] * size[..., 0], unit[None, :, 1] * size[..., 1]
    east = x * np.cos(theta) - y * np.sin(theta)
    north = x * np.sin(theta) + y * np.cos(theta)
    lat0 = 22.5 + rng.uniform(-0.3, 0.3, (n, 1))
    lon0 = 114.0 + rng.uniform(-0.3, 0.3, (n, 1))
    lat = lat0 + north / 110_760.0
    lon = lon0 + east / (111_320.0 * np.cos(np.radians(lat0)))
    coords = np.stack([lon, lat], axis=-1)
    flip = rng.random(n) < 0.5
    coords[flip] = coords[flip, ::-1]  # both orientations
    return shapely.polygons(coords)


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def geod_loop(polygons, geod: Geod) -> np.ndarray:
    """Each polygon's area (m²) by ``Geod.geometry_area_perimeter``, one call per polygon."""
    return np.array([abs(geod.geometry_area_perimeter(p)[0]) for p in polygons])


def rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a / b - 1)))


#: The first call in a fresh process that has the footprints (numpy and shapely loaded): each side
#: imports what it needs, then measures every footprint once.
FIRST_CALLS = {
    "geod_loop": "from pyproj import Geod\ngeod_loop(polygons, Geod(ellps='WGS84'))",
    "geodesic_area": "from geo.geodesy import geodesic_area\ngeodesic_area(polygons)",
}
_FIRST_SETUP = (
    "sys.path.insert(0, {root!r})\n"
    "from benchmarks.geodesic_area import footprints, geod_loop\n"
    "polygons = footprints({n})\n"
)


def first_call(which: str, n: int = N) -> tuple[float, float]:
    """(wall, CPU) seconds of the first call of ``which`` (in :data:`FIRST_CALLS`), in a fresh process."""
    script = child_script(FIRST_CALLS[which], setup=_FIRST_SETUP.format(root=str(ROOT), n=n))
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=dict(os.environ), capture_output=True, text=True
    )
    result, cpu = child_result(done.stderr), child_cpu(done.stderr)
    if done.returncode != 0 or result is None or cpu is None:
        raise RuntimeError(f"{which} failed ({done.returncode}): {done.stderr[-1500:]}")
    return result[0], cpu


def first_calls(n: int = N, repeats: int = FIRST_CALL_REPEATS) -> dict[str, dict[str, list[float]]]:
    """Wall and CPU seconds of each side's first call, ``repeats`` fresh processes each, alternately."""
    times: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k in FIRST_CALLS}
    for _ in range(repeats):
        for which in FIRST_CALLS:
            wall, cpu = first_call(which, n)
            times[which]["wall"].append(wall)
            times[which]["cpu"].append(cpu)
    return times


def first_call_row(n: int = N, repeats: int = FIRST_CALL_REPEATS) -> dict:
    """The first-call speed-up: median wall time of the loop's first call over ours (target ≥ 3×)."""
    times = first_calls(n, repeats)
    loop, ours = (statistics.median(times[k]["wall"]) for k in ("geod_loop", "geodesic_area"))
    loop_cpu, ours_cpu = (statistics.median(times[k]["cpu"]) for k in ("geod_loop", "geodesic_area"))
    speedup = loop / ours
    return {
        "name": "geodesic_area first-call speed-up",
        "value": speedup,
        "target": SPEED_TARGET,
        "ok": bool(speedup >= SPEED_TARGET),
        "seconds": ours,
        "geod_loop_seconds": loop,
        "cpu_speedup": loop_cpu / ours_cpu,
        "trials_s": {k: v["wall"] for k, v in times.items()},
        "trials_cpu_s": {k: v["cpu"] for k, v in times.items()},
        "polygons": n,
    }


def first_call_line(row: dict) -> str:
    """The first-call row as one line: medians, their ratio, the CPU ratio and the spread."""
    spread = "; ".join(
        f"{'ours' if k == 'geodesic_area' else 'loop'} {min(v):.2f}–{max(v):.2f} s"
        for k, v in row["trials_s"].items()
    )
    return (
        f"geodesic_area {row['polygons']:,} polygons, first call in a fresh process (imports included): "
        f"{row['seconds']:.2f} s vs Geod loop {row['geod_loop_seconds']:.2f} s = {row['value']:.1f}x faster "
        f"(target >= {row['target']:g}x)  {_verdict(row)}  [medians of {len(row['trials_s']['geod_loop'])}: "
        f"{spread}; CPU {row['cpu_speedup']:.1f}x]"
    )


def run(n: int = N) -> list[dict]:
    """Measure; one dict per figure: name, value, target (None: for information), ok."""
    from pyproj import Geod

    from benchmarks.karney_reference import karney_areas
    from geo.atlas import Atlas
    from geo.geodesy import geodesic_area

    first = first_call_row(n)
    geod = Geod(ellps="WGS84")
    polygons = footprints(n)
    loop_s, reference = best_of(lambda: geod_loop(polygons, geod))
    fast_s, areas = best_of(lambda: geodesic_area(polygons))
    speedup = loop_s / fast_s
    sample = slice(None, None, EXACT_EVERY)
    exact = karney_areas(polygons[sample])
    vs_exact = rel(areas[sample], exact)
    geod_vs_exact = rel(reference[sample], exact)
    vs_geod = rel(areas, reference)
    geod_abs = float(np.max(np.abs(areas - reference)))
    layers = [f.geometry for f in Atlas.load().features.values() if f.geometry.geom_type.endswith("Polygon")]
    vs_layers = rel(geodesic_area(layers), geod_loop(layers, geod))

    def figure(name, value, target=None, **extra):
        ok = None if target is None else bool(value >= target if "speed" in name else value <= target)
        return {"name": name, "value": value, "target": target, "ok": ok, **extra}

    return [
        first,
        figure(
            "geodesic_area speed-up",
            speedup,
            SPEED_TARGET,
            seconds=fast_s,
            geod_loop_seconds=loop_s,
            polygons=n,
        ),
        figure(
            f"geodesic_area max rel error vs exact Karney (40 digits), {len(exact):,} footprints",
            vs_exact,
            ERROR_TARGET,
        ),
        figure("geodesic_area max rel error vs Geod, bundled layers", vs_layers, ERROR_TARGET),
        figure(
            f"geodesic_area max rel diff vs Geod loop, {n:,} footprints",
            vs_geod,
            max_abs_diff_m2=geod_abs,
            on_exact_sample=rel(areas[sample], reference[sample]),
        ),
        figure(
            f"Geod loop's own max rel error vs exact Karney (40 digits), {len(exact):,} footprints",
            geod_vs_exact,
        ),
    ]


def _verdict(row: dict) -> str:
    return "" if row["ok"] is None else ("OK" if row["ok"] else "NOT MET")


def info_line(row: dict) -> str:
    """A figure without a target: the difference from the Geod loop, or Geod's own error."""
    line = f"{row['name']}: {row['value']:.1e}"
    if "on_exact_sample" in row:
        line += f" (max {row['max_abs_diff_m2']:.1e} m²; {row['on_exact_sample']:.1e} on the exact sample)"
    return line


def main() -> None:
    for row in run():
        if "first-call" in row["name"]:
            print(first_call_line(row))
        elif "speed" in row["name"]:
            print(
                f"geodesic_area  {row['polygons']:,} polygons: {row['seconds']:.2f} s vs Geod loop "
                f"{row['geod_loop_seconds']:.2f} s = {row['value']:.1f}x faster "
                f"(target >= {SPEED_TARGET:g}x)  {_verdict(row)}"
            )
        elif row["target"] is None:
            print(f"  info: {info_line(row)}")
        else:
            print(f"{row['name']}: {row['value']:.1e} (target <= {row['target']:g})  {_verdict(row)}")


if __name__ == "__main__":
    main()
