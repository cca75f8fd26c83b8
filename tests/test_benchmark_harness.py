"""The benchmark harness (benchmarks/run.py): its data and its verdicts, not its timings."""

from __future__ import annotations

import numpy as np
import shapely

from benchmarks.run import (
    N_BUILDINGS,
    RING_VERTICES,
    footprint_polygons,
    footprints,
    max_vertex_error_m,
    ratio_line,
    ratio_row,
    side_by_side,
    source_vertices,
)


def test_footprints_are_deterministic_and_as_specified() -> None:
    gdf = footprints()
    again = footprint_polygons()
    assert len(gdf) == N_BUILDINGS == 20_000
    assert gdf.crs.to_epsg() == 4326
    polygons = gdf.geometry.values
    assert shapely.equals_exact(np.asarray(polygons), again, tolerance=0).all()
    assert shapely.is_valid(polygons).all()
    assert (shapely.get_type_id(polygons) == 3).all()  # Polygon
    counts = shapely.get_num_coordinates(polygons)
    assert RING_VERTICES == 39
    assert (counts == RING_VERTICES).all()
    assert counts.sum() == 780_000
    assert list(gdf["id"][:2]) == ["b_0", "b_1"] and gdf["name"].iloc[-1] == "Building 19999"
    assert gdf["height_m"].dtype.kind == "f"
    lon, lat = shapely.get_coordinates(polygons).T
    assert lon.min() > 113.9 - 1e-3 and lon.max() < 114.2 + 1e-3
    assert lat.min() > 22.4 - 1e-3 and lat.max() < 22.6 + 1e-3
    assert not shapely.equals_exact(footprint_polygons(10, seed=1), footprint_polygons(10, seed=2)).any()


def test_source_vertices_drop_closing_vertices() -> None:
    polygons = footprint_polygons(5)
    vertices = source_vertices(polygons)
    assert vertices.shape == (5 * (RING_VERTICES - 1), 2)
    assert max_vertex_error_m(vertices, vertices) == 0.0
    moved = vertices + np.array([0.0, 1e-5])  # about 1.1 m north
    assert 1.0 < max_vertex_error_m(moved, vertices) < 1.2


def test_a_ratio_over_target_is_not_met() -> None:
    over = ratio_line("map build", "3.00 s", "explore() 7.50 s", 0.4, 0.3)
    assert over.endswith("NOT MET") and "= 0.40x (target <= 0.3x)" in over
    assert ratio_line("map build", "1.50 s", "explore() 7.50 s", 0.2, 0.3).endswith("  OK")
    assert "not measured" in ratio_line("map vertices", "—", "—", None, 0.5)
    assert ratio_row("t", 3.0, 7.5, 0.3)["ok"] is False
    assert ratio_row("t", 1.5, 7.5, 0.3)["ok"] is True


def test_side_by_side_alternates_and_keeps_each_best() -> None:
    calls: list[str] = []
    (a_best, a_runs), (b_best, b_runs) = side_by_side(
        lambda: calls.append("a"), lambda: calls.append("b"), repeats=3
    )
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert (a_runs, b_runs) == (3, 3)
    assert 0 <= a_best < 0.1 and 0 <= b_best < 0.1


def test_side_by_side_stops_a_call_once_its_budget_is_spent() -> None:
    calls: list[str] = []
    side_by_side(lambda: calls.append("a"), lambda: calls.append("b"), repeats=4, budget_s=0.0)
    assert calls == ["a", "b"]
