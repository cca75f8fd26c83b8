"""Two million building footprints: in one GeoDataFrame, against dask partition by partition.

Not a test, and not part of ``make bench``: it gives the README ("Layers larger than
memory") its figures. Needs the dask extra. From the repository root::

    .venv/bin/python benchmarks/scale_dask.py make  /tmp/footprints 2000000 40
    /usr/bin/time -v .venv/bin/python benchmarks/scale_dask.py whole /tmp/footprints
    /usr/bin/time -v .venv/bin/python benchmarks/scale_dask.py dask  /tmp/footprints

``make`` writes N small rectangles (5 vertices each, 10-40 m a side, over the
Greater Bay Area) as a GeoParquet folder of P partitions. ``whole`` reads the
folder into one GeoDataFrame and measures the geodesic areas and the ``within`` shares
on it as one partition (what one machine does without dask); ``dask`` computes them
with :mod:`geo.dask_layers` in one pass over the partitions, on a ``LocalCluster`` of 2
single-threaded workers in this process (so that ``/usr/bin/time`` sees all the
memory), then 1,000 area checks in a second pass. Both print the wall time of each
step and a checksum of the areas and shares, which must agree.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.dask_layers import (
    check_areas,
    geodesic_areas,
    partition_areas,
    partition_shares,
    read_dataset,
    within_shares,
)

#: The container of the ``within`` shares: a box across the middle of the footprints.
CONTAINER = shapely.box(113.6, 22.4, 114.0, 22.8)


def make(folder: Path, count: int, partitions: int) -> None:
    """Write ``count`` footprints as ``partitions`` GeoParquet files."""
    rng = np.random.default_rng(15)
    folder.mkdir(parents=True, exist_ok=True)
    per = -(-count // partitions)
    for part in range(partitions):
        n = min(per, count - part * per)
        x = rng.uniform(113.3, 114.4, n)
        y = rng.uniform(22.1, 23.1, n)
        w, h = rng.uniform(0.0001, 0.0004, n), rng.uniform(0.0001, 0.0004, n)
        ids = np.arange(part * per, part * per + n)
        frame = gpd.GeoDataFrame(
            {"id": [f"b{i}" for i in ids], "name": [f"Building {i}" for i in ids]},
            geometry=shapely.box(x, y, x + w, y + h),
            crs=4326,
        )
        frame.to_parquet(folder / f"part.{part:03d}.parquet")


def whole(folder: Path) -> None:
    """Everything in one GeoDataFrame, one vectorised pass."""
    started = time.perf_counter()
    frame = gpd.read_parquet(folder)
    step(started, f"read {len(frame):,} footprints")
    started = time.perf_counter()
    areas = partition_areas(frame.geometry)
    step(started, "geodesic areas")
    started = time.perf_counter()
    shares = partition_shares(frame.geometry, CONTAINER)
    step(started, "within shares")
    print(f"checksum: areas {areas.sum():.6f} m², shares {shares.sum():.9f}")


def on_dask(folder: Path) -> None:
    """With geo.dask_layers on a LocalCluster: areas and shares in one pass, then the checks."""
    import dask
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster, Client(cluster):
        ddf = read_dataset(folder)
        print(f"{ddf.npartitions} partitions")
        started = time.perf_counter()
        areas, shares = dask.compute(geodesic_areas(ddf).sum(), within_shares(ddf, CONTAINER).sum())
        step(started, "geodesic areas and within shares, one pass (reading included)")
        started = time.perf_counter()
        checks = check_areas(ddf, stated_sample())
        step(started, f"{len(checks)} area checks, a second pass (reading included)")
        print(f"checksum: areas {areas:.6f} m², shares {shares:.9f}")


def stated_sample() -> dict[str, object]:
    from geo.model import Source, StatedFigure

    source = Source("A survey", "A surveyor", "2026-01-01")
    figure = StatedFigure("0.05 ha", 0.05, "ha", 0.05, True, 50.0, "a guess", source)
    return {f"b{i}": figure for i in range(0, 2_000_000, 2000)}


def step(started: float, what: str) -> None:
    print(f"{time.perf_counter() - started:8.1f} s  {what}", flush=True)


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "make":
        make(folder, int(sys.argv[3]), int(sys.argv[4]))
    elif command == "whole":
        whole(folder)
    else:
        on_dask(folder)
