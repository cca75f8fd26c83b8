"""Geodesic area and perimeter on known shapes, and against an independent computation."""

import itertools
import math

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely import MultiPolygon, Polygon, box

from geo.geodesy import WGS84, area_perimeter, geodesic_area

EQUATOR_CELL_M2 = 12_308_778_361  # a 1° × 1° cell at the equator on WGS84 (GeographicLib)


def test_one_degree_cell_at_the_equator():
    assert area_perimeter(box(0, 0, 1, 1))[0] == pytest.approx(EQUATOR_CELL_M2, abs=1)


@pytest.mark.parametrize("ring", [box(0, 0, 1, 1), box(0, 0, 1, 1).reverse()], ids=["ccw", "cw"])
def test_area_does_not_depend_on_orientation(ring):
    assert area_perimeter(ring)[0] == pytest.approx(EQUATOR_CELL_M2, abs=1)


def test_hole_is_subtracted_whatever_its_orientation():
    hole = [(0.25, 0.25), (0.75, 0.25), (0.75, 0.75), (0.25, 0.75)]
    hole_area = area_perimeter(Polygon(hole))[0]
    for ring in (hole, hole[::-1]):
        polygon = Polygon(box(0, 0, 1, 1).exterior.coords, [ring])
        assert area_perimeter(polygon)[0] == pytest.approx(EQUATOR_CELL_M2 - hole_area, abs=1)
    assert 0.24 < hole_area / EQUATOR_CELL_M2 < 0.26


def test_perimeter_counts_holes_and_is_in_metres():
    # Along the equator 1° is 111,319.49 m; up a meridian 110,574.39 m; the top edge is a geodesic.
    top = WGS84.inv(0, 1, 1, 1)[2]
    assert 111_300 < top < 111_319.49
    perimeter = area_perimeter(box(0, 0, 1, 1))[1]
    assert perimeter == pytest.approx(111_319.49 + 2 * 110_574.39 + top, abs=0.1)
    with_hole = Polygon(box(0, 0, 1, 1).exterior.coords, [box(0.25, 0.25, 0.75, 0.75).exterior.coords])
    assert area_perimeter(with_hole)[1] > area_perimeter(box(0, 0, 1, 1))[1] * 1.49


def test_multipolygon_is_the_sum_of_its_parts():
    parts = [box(114.0, 22.4, 114.1, 22.5), box(114.2, 22.4, 114.3, 22.5).reverse()]
    total = area_perimeter(MultiPolygon(parts))[0]
    assert total == pytest.approx(sum(area_perimeter(p)[0] for p in parts), rel=1e-12)


def test_lines_have_length_and_no_area():
    area, length = area_perimeter(shapely.LineString([(0, 0), (1, 0)]))
    assert (area, round(length, 2)) == (0.0, 111_319.49)


def test_geodesic_area_keeps_the_input_shape():
    cells = np.array([[box(0, 0, 1, 1), box(0, 0, 1, 1).reverse()]])
    assert geodesic_area(cells).shape == (1, 2)
    assert float(geodesic_area(box(0, 0, 1, 1))) == pytest.approx(EQUATOR_CELL_M2, abs=1)


def equal_area_m2(geometry) -> float:
    """An independent area: PROJ's ellipsoidal Lambert azimuthal equal-area projection."""
    centre = geometry.centroid
    laea = Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84", always_xy=True
    )
    ring = list(geometry.exterior.coords)
    dense = []
    # points along each geodesic edge, ≤ 50 m apart
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(ring):
        n = int(WGS84.inv(lon1, lat1, lon2, lat2)[2] // 50)
        dense += [(lon1, lat1), *WGS84.npts(lon1, lat1, lon2, lat2, n)]
    return shapely.transform(Polygon(dense), laea.transform, interleaved=False).area


@pytest.mark.parametrize("lat", [0, 22.5, 60])
def test_agrees_with_an_equal_area_projection(lat):
    cell = box(114, lat, 114.2, lat + 0.2)
    assert area_perimeter(cell)[0] == pytest.approx(equal_area_m2(cell), rel=1e-6)


def test_web_mercator_would_be_far_off():
    """Why areas are never planar: Web Mercator overstates the Loop's latitude by ~17 %."""
    cell = box(114, 22.4, 114.01, 22.41)
    mercator = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    planar = shapely.transform(cell, mercator.transform, interleaved=False).area
    assert planar / area_perimeter(cell)[0] == pytest.approx(
        1 / math.cos(math.radians(22.405)) ** 2, rel=0.01
    )


def test_the_ellipsoid_constants_are_pyprojs():
    from geo.geodesy import ellipsoid

    assert (WGS84.a, WGS84.f, WGS84.es) == (ellipsoid.A, ellipsoid.F, ellipsoid.ES)


@pytest.mark.slow
def test_areas_need_no_pyproj_until_a_ring_falls_back():
    import subprocess
    import sys

    script = (
        "import sys; from shapely import box; from geo.geodesy import geodesic_area\n"
        "geodesic_area([box(114, 22.5, 114.001, 22.501)]); print('pyproj' in sys.modules)\n"
        "geodesic_area([box(0, 0, 1, 1)]); print('pyproj' in sys.modules)\n"  # 1° edges: Geod
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("centre", [(22.53, 114.07), (-33.9, 151.2), (64.1, -21.9)])
def test_the_local_projection_is_the_one_from_crs_makes(centre):
    from geo.geodesy.distance import _local_projection

    lat_0, lon_0 = centre
    there, back = _local_projection(lat_0, lon_0)
    aeqd = f"+proj=aeqd +lat_0={lat_0} +lon_0={lon_0} +ellps=WGS84"
    expected_there = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    expected_back = Transformer.from_crs(expected_there.target_crs, "EPSG:4326", always_xy=True)
    rng = np.random.default_rng(0)
    lon, lat = lon_0 + rng.uniform(-0.3, 0.3, 500), lat_0 + rng.uniform(-0.3, 0.3, 500)
    x, y = there.transform(lon, lat)
    assert np.array_equal((x, y), expected_there.transform(lon, lat))
    assert np.array_equal(back.transform(x, y), expected_back.transform(x, y))
