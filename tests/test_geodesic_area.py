"""Accuracy of the vectorised ``geodesic_area``.

Two references. The exact one is Karney's algorithm — the one pyproj's ``Geod`` runs —
evaluated in 40-digit arithmetic (``benchmarks/karney_reference.py``): ``geodesic_area``
must be within 1e-9 (relative) of it. The everyday one is ``area_perimeter`` (``Geod``
itself, in double precision): for polygons from about a hectare up the same 1e-9 holds
against it, but on footprints of a few hundred m² Geod carries ~1e-4 m² of rounding
(~1e-6 relative; shown against the exact reference), so there the tolerance against
Geod is ``1e-9 × area + GEOD_NOISE_M2``.
"""

import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box

from benchmarks.karney_reference import karney_areas
from geo.atlas import Atlas
from geo.geodesy import WGS84, _ring_areas, area_perimeter, geodesic_area
from geo.geodesy import area as geodesy_area

EQUATOR_CELL_M2 = 12_308_778_361
TARGET = 1e-9
GEOD_NOISE_M2 = 5e-4  # Geod's absolute rounding error (measured up to ~1e-4 m²)


def reference(geometries) -> np.ndarray:
    return np.array([area_perimeter(g)[0] for g in geometries])


def extended(polygons) -> np.ndarray:
    """``geodesic_area``'s own computation in long double (exteriors only)."""
    coords, ring = shapely.get_coordinates(shapely.get_exterior_ring(polygons), return_index=True)
    coords = coords.astype(np.longdouble)
    return _ring_areas(coords[:, 0], coords[:, 1], ring, len(polygons)).astype(np.float64)


def rel(a, b) -> np.ndarray:
    return np.abs(np.asarray(a) / np.asarray(b) - 1)


def close_to_geod(ours, geod) -> bool:
    return bool(np.all(np.abs(ours - geod) <= TARGET * geod + GEOD_NOISE_M2))


def star_polygons(n, edge_m, lat, seed=0, lon=114.0):
    """``n`` star-shaped polygons of 4 to 12 vertices with edges of about ``edge_m`` metres."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        k = int(rng.integers(4, 13))
        angles = np.sort(rng.uniform(0, 2 * np.pi, k) * 0.3 + np.arange(k) * 2 * np.pi / k)
        radius = edge_m / (2 * np.sin(np.pi / k)) * rng.uniform(0.8, 1.2, k)
        north, east = radius * np.sin(angles), radius * np.cos(angles)
        lats = lat + north / 111_000
        lons = lon + east / (111_000 * np.cos(np.radians(lat)))
        ring = np.c_[lons, lats]
        out.append(Polygon(ring if rng.random() < 0.5 else ring[::-1]))
    return np.array(out)


# --- small polygons -----------------------------------------------------------------------


@pytest.mark.parametrize("lat", [-60, 0, 22.5, 45, 70, 85])
def test_footprints_match_extended_precision(lat):
    polygons = star_polygons(300, 20, lat, seed=1)
    assert rel(geodesic_area(polygons), extended(polygons)).max() <= TARGET


@pytest.mark.slow
@pytest.mark.parametrize("lat", [-60, 22.5, 85])
def test_footprints_match_karneys_algorithm_evaluated_exactly(lat):
    polygons = star_polygons(25, 20, lat, seed=4)
    assert rel(geodesic_area(polygons), karney_areas(polygons)).max() <= TARGET


@pytest.mark.slow
def test_geods_double_precision_misses_the_exact_area_of_footprints():
    """Why footprints are not held to 1e-9 against Geod: Geod itself is not that close."""
    polygons = star_polygons(40, 20, 22.5, seed=5)
    exact = karney_areas(polygons)
    assert rel(reference(polygons), exact).max() > 10 * TARGET
    assert np.abs(reference(polygons) - exact).max() < GEOD_NOISE_M2
    assert rel(geodesic_area(polygons), exact).max() <= TARGET


@pytest.mark.parametrize("lat", [-60, 0, 22.5, 45, 70, 85])
def test_footprints_match_geod_within_its_noise(lat):
    polygons = star_polygons(300, 20, lat, seed=2)
    assert close_to_geod(geodesic_area(polygons), reference(polygons))


def test_geod_itself_is_noisy_on_footprints():
    """Moving every latitude by 1e-9° (0.1 mm) changes the true area by < 1e-9 relative —
    as ``geodesic_area`` shows — but moves Geod's answer by far more."""
    polygons = star_polygons(300, 20, 22.5, seed=3)
    moved = shapely.transform(polygons, lambda xy: xy + np.array([0.0, 1e-9]))
    assert rel(geodesic_area(moved), geodesic_area(polygons)).max() < TARGET
    assert rel(reference(moved), reference(polygons)).max() > 30 * TARGET
    assert np.abs(reference(moved) - reference(polygons)).max() < GEOD_NOISE_M2


@pytest.mark.parametrize("edge_m", [100, 300, 1_000, 3_000, 9_000])
@pytest.mark.parametrize("lat", [-45, 0, 22.5, 60, 85])
def test_larger_polygons_match_geod(edge_m, lat):
    polygons = star_polygons(40, edge_m, lat, seed=edge_m)
    ours, geod = geodesic_area(polygons), reference(polygons)
    assert close_to_geod(ours, geod)
    if edge_m >= 1_000:  # ≥ 1 km², where Geod's 1e-4 m² no longer matters
        assert rel(ours, geod).max() <= TARGET


@settings(max_examples=200, deadline=None)
@pytest.mark.slow
@given(
    lon=st.floats(-180, 180),
    lat=st.floats(-88, 88),
    size=st.floats(10, 5_000),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_place_and_size(lon, lat, size, seed):
    polygon = star_polygons(1, size, lat, seed=seed, lon=lon)
    ours = geodesic_area(polygon)
    assert rel(ours, extended(polygon))[0] <= TARGET
    assert close_to_geod(ours, reference(polygon))


def test_orientation_and_first_vertex_do_not_matter():
    polygons = star_polygons(200, 20, 22.5, seed=4)
    areas = geodesic_area(polygons)
    assert rel(geodesic_area(shapely.reverse(polygons)), areas).max() <= TARGET
    for shift in range(1, 4):
        rolled = [Polygon(np.roll(np.asarray(p.exterior.coords)[:-1], shift, axis=0)) for p in polygons]
        assert rel(geodesic_area(rolled), areas).max() <= TARGET


# --- per-edge error of the method ---------------------------------------------------------


@pytest.mark.parametrize("lat", [0, 22.5, 45, 70, 85, 88.9])
@pytest.mark.parametrize("azimuth", [0, 30, 45, 80, 90, 135])
@pytest.mark.parametrize("length", [1_000, 5_000, 9_900])
def test_one_long_edge(lat, azimuth, length):
    """Out along one geodesic edge and back along the same geodesic in 100 short steps:
    the true area is 0, so what is left is the long edge's error: below 1e-11 s² up to 85°
    (4e-11 s² at 89°, beyond which rings are left to Geod)."""
    lon2, lat2, _ = WGS84.fwd(114, lat, azimuth, length)
    back = WGS84.npts(lon2, lat2, 114, lat, 100)
    ring = Polygon([(114, lat), (lon2, lat2), *back])
    assert float(geodesic_area(ring)) < (1e-11 if lat <= 85 else 5e-11) * length**2


# --- large polygons -------------------------------------------------------------------------


def test_one_degree_cell_at_the_equator():
    assert float(geodesic_area(box(0, 0, 1, 1))) == pytest.approx(EQUATOR_CELL_M2, abs=1)
    assert float(geodesic_area(box(0, 0, 1, 1).reverse())) == pytest.approx(EQUATOR_CELL_M2, abs=1)


LARGE = [box(100, 10, 110, 20), box(100, 60, 110, 70), box(-5, -5, 5, 5), box(170, -40, 190, -30)]


@pytest.mark.parametrize("step", [None, 0.08, 0.04, 0.01])  # None: 10° edges (Geod fallback)
def test_ten_degree_boxes(step):
    polygons = [shapely.segmentize(b, step) if step else b for b in LARGE]
    polygons += [p.reverse() for p in polygons]
    assert rel(geodesic_area(polygons), reference(polygons)).max() <= TARGET


def test_rings_around_a_pole():
    rings = [
        Polygon([(lon, 89.5) for lon in range(360)]),
        Polygon([(lon, -88.0) for lon in range(360)]),
    ]
    assert rel(geodesic_area(rings), reference(rings)).max() <= TARGET


def test_the_bundled_layers():
    features = Atlas.load().features
    polygons = [f.geometry for f in features.values() if f.geometry.geom_type.endswith("Polygon")]
    assert len(polygons) >= 6
    assert rel(geodesic_area(polygons), reference(polygons)).max() <= TARGET
    areas = dict(zip(features, geodesic_area([f.geometry for f in features.values()]), strict=True))
    assert areas["nansha"] == pytest.approx(815.4277599773789e6, rel=TARGET)
    assert areas["shenzhen_river"] == 0.0


# --- holes, parts, other kinds --------------------------------------------------------------


def test_holes_are_subtracted_whatever_their_orientation():
    outer = shapely.segmentize(box(114, 22.5, 114.2, 22.7), 0.01)
    holes = [box(114.05, 22.55, 114.15, 22.65), box(114.16, 22.66, 114.1601, 22.6601)]
    for orient in (lambda r: r, lambda r: r.reverse()):
        polygon = Polygon(orient(outer).exterior, [orient(h).exterior for h in holes])
        expected = area_perimeter(polygon)[0]
        assert expected == pytest.approx(reference([outer])[0] - reference(holes).sum(), rel=1e-12)
        assert float(geodesic_area(polygon)) == pytest.approx(expected, rel=TARGET)


def test_multipolygons_and_collections_are_sums():
    parts = [box(114.0, 22.4, 114.1, 22.5), box(114.2, 22.4, 114.3, 22.5).reverse(), box(0, 0, 1, 1)]
    multi = MultiPolygon(parts)
    nested = GeometryCollection([multi, LineString([(0, 0), (1, 1)]), Point(3, 3), Polygon()])
    expected = reference(parts).sum()
    assert rel(geodesic_area([multi, nested]), expected).max() <= TARGET
    assert float(geodesic_area(multi)) == pytest.approx(area_perimeter(multi)[0], rel=TARGET)


def test_lines_points_empty_and_none():
    geometries = [
        LineString([(0, 0), (1, 0)]),
        shapely.LinearRing([(0, 0), (1, 0), (1, 1)]),
        Point(114, 22.5),
        shapely.MultiPoint([(0, 0), (1, 1)]),
        Polygon(),
        MultiPolygon(),
        GeometryCollection(),
    ]
    assert geodesic_area(geometries).tolist() == [0.0] * len(geometries)
    assert math.isnan(float(geodesic_area(None)))
    assert np.isnan(geodesic_area([box(0, 0, 1, 1), None])).tolist() == [False, True]


def test_batches_give_the_same_areas(monkeypatch):
    polygons = list(star_polygons(50, 20, 22.5, seed=6))
    big = shapely.segmentize(box(114, 22.5, 114.2, 22.7), 0.001)  # 800 vertices: a batch of its own
    geometries = [*polygons[:20], Polygon(big.exterior, [box(114.05, 22.55, 114.15, 22.65).exterior])]
    geometries += [None, Polygon(), MultiPolygon(polygons[20:]), Point(0, 0)]
    whole = geodesic_area(geometries)
    monkeypatch.setattr(geodesy_area, "_BATCH_VERTICES", 37)
    batched = geodesic_area(geometries)
    # numpy's SIMD and scalar loops may round sin, tan, ... differently in the last bit,
    # and batches move where each loop runs: equal to rounding, not bit for bit.
    np.testing.assert_allclose(batched, whole, rtol=1e-11, atol=0)
    assert np.isnan(batched[21]) and batched[22] == batched[24] == 0.0


def test_shapes():
    cells = np.array([[box(0, 0, 1, 1), None], [Point(0, 0), box(0, 0, 1, 1)]])
    assert geodesic_area(cells).shape == (2, 2)
    assert geodesic_area(box(0, 0, 1, 1)).shape == ()
    assert geodesic_area([]).shape == (0,)
