"""Benchmark: vectorised ``geo.geodesic_area`` against a per-geometry ``pyproj.Geod`` loop.

For 100,000 generated building footprints around 22.5°N (8 vertices, edges of about
20 m, random size, rotation and orientation) it prints the time of a
``Geod.geometry_area_perimeter`` loop, the time of :func:`geo.geodesic_area`, their
ratio (target ≥ 3×) and the largest relative error (target ≤ 1e-9).

Geod's own rounding error is about 1e-4 m² whatever the size, i.e. up to ~1e-6 on
footprints — far above the target — so the difference from the loop measures Geod,
not ``geodesic_area``. The script shows it: moving every latitude by 1e-9° (0.1 mm,
which changes the true area by < 1e-9) moves Geod's answers by up to ~1e-6. The 1e-9
target is therefore checked on footprints against the same computation in extended
(80-bit) precision, and against Geod on the bundled layers (0.9 to 815 km²), where
Geod's 1e-4 m² does not matter.

Run ``python benchmarks/geodesic_area.py``; ``run()`` returns the figures as dicts
(name, value, target, ok) for ``benchmarks/run.py``.
"""

from __future__ import annotations

import time

import numpy as np
import shapely
from pyproj import Geod

from geo.atlas import Atlas
from geo.geodesy import _ring_areas, geodesic_area

N = 100_000
REPEATS = 3
SPEED_TARGET = 3.0
ERROR_TARGET = 1e-9


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
    return np.array([abs(geod.geometry_area_perimeter(p)[0]) for p in polygons])


def extended_precision(polygons) -> np.ndarray:
    """The same computation as ``geodesic_area`` on 80-bit long doubles (no holes here)."""
    coords, ring = shapely.get_coordinates(shapely.get_exterior_ring(polygons), return_index=True)
    coords = coords.astype(np.longdouble)
    return _ring_areas(coords[:, 0], coords[:, 1], ring, len(polygons)).astype(np.float64)


def rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a / b - 1)))


def run(n: int = N) -> list[dict]:
    """Measure; one dict per figure: name, value, target (None: for information), ok."""
    geod = Geod(ellps="WGS84")
    polygons = footprints(n)
    loop_s, reference = best_of(lambda: geod_loop(polygons, geod))
    fast_s, areas = best_of(lambda: geodesic_area(polygons))
    speedup = loop_s / fast_s
    vs_extended = rel(areas, extended_precision(polygons))
    vs_geod = rel(areas, reference)
    # Geod's own noise: move every latitude by 1e-9° (0.1 mm); the true area hardly moves.
    some = polygons[:20_000]
    moved = shapely.transform(some, lambda xy: xy + np.array([0.0, 1e-9]))
    geod_moves = rel(geod_loop(moved, geod), reference[:20_000])
    ours_moves = rel(geodesic_area(moved), areas[:20_000])
    geod_abs = float(np.max(np.abs(areas - reference)))
    layers = [f.geometry for f in Atlas.load().features.values() if f.geometry.geom_type.endswith("Polygon")]
    vs_layers = rel(geodesic_area(layers), geod_loop(layers, geod))

    def figure(name, value, target=None, **extra):
        ok = None if target is None else bool(value >= target if "speed" in name else value <= target)
        return {"name": name, "value": value, "target": target, "ok": ok, **extra}

    return [
        figure(
            "geodesic_area speed-up",
            speedup,
            SPEED_TARGET,
            seconds=fast_s,
            geod_loop_seconds=loop_s,
            polygons=n,
        ),
        figure("geodesic_area max rel error vs extended precision, footprints", vs_extended, ERROR_TARGET),
        figure("geodesic_area max rel error vs Geod, bundled layers", vs_layers, ERROR_TARGET),
        figure(
            "geodesic_area max rel diff vs Geod loop, footprints",
            vs_geod,
            ERROR_TARGET,
            max_abs_diff_m2=geod_abs,
        ),
        figure("Geod max rel change when latitudes move 1e-9 deg, footprints", geod_moves),
        figure("geodesic_area max rel change when latitudes move 1e-9 deg, footprints", ours_moves),
    ]


def _verdict(row: dict) -> str:
    return "" if row["ok"] is None else ("OK" if row["ok"] else "NOT MET")


def main() -> None:
    rows = run()
    speed, extended, layers, geod, geod_moves, ours_moves = rows
    print(
        f"geodesic_area  {speed['polygons']:,} polygons: {speed['seconds']:.2f} s vs Geod loop "
        f"{speed['geod_loop_seconds']:.2f} s = {speed['value']:.1f}x faster (target >= {SPEED_TARGET:g}x)  "
        f"max rel error {extended['value']:.1e} vs extended precision (target <= {ERROR_TARGET:g})  "
        f"{'OK' if speed['ok'] and extended['ok'] else 'NOT MET'}"
    )
    print(
        f"geodesic_area  bundled layers: max rel error vs Geod {layers['value']:.1e} "
        f"(target <= {ERROR_TARGET:g})  {_verdict(layers)}"
    )
    print(
        f"geodesic_area  footprints: max rel diff vs Geod loop {geod['value']:.1e} "
        f"(max {geod['max_abs_diff_m2']:.1e} m²; target <= {ERROR_TARGET:g})  {_verdict(geod)}: Geod's own "
        f"rounding — moving every latitude by 1e-9° moves Geod by up to {geod_moves['value']:.1e}, "
        f"geodesic_area by {ours_moves['value']:.1e}"
    )


if __name__ == "__main__":
    main()
