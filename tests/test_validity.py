"""The fast validity mask (geo/validation/validity.py) against GEOS: the same answers, always."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.validation.validity import is_valid, orient_polygons, ring_turns


def _agrees(geometries: np.ndarray) -> None:
    """ring_turns claims only what GEOS says; is_valid and orient_polygons are shapely's, exactly."""
    turns = ring_turns(geometries)
    geos = shapely.is_valid(geometries)
    claimed = turns != 0
    assert geos[claimed].all(), [geometries[i].wkt for i in np.flatnonzero(claimed & ~geos)][:3]
    rings = shapely.get_exterior_ring(geometries[claimed])
    assert (shapely.is_ccw(rings) == (turns[claimed] == 1)).all()
    assert (is_valid(geometries) == geos).all()
    mine, theirs = orient_polygons(geometries), shapely.orient_polygons(geometries)
    assert shapely.to_wkb(mine).tolist() == shapely.to_wkb(theirs).tolist()  # NaN too, bit for bit


def _star(rng: np.random.Generator, n: int, k: int, jitter: float) -> np.ndarray:
    """``n`` rings of ``k`` vertices about a centre, radii jittered (some wildly, so not star-shaped)."""
    angles = np.sort(rng.uniform(0, 2 * np.pi, (n, k)), axis=1)
    radii = rng.uniform(0.5, 1.5, (n, 1)) * rng.uniform(1 - jitter, 1 + jitter, (n, k))
    centre = rng.uniform(-50, 50, (n, 1, 2))
    ring = centre + np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=-1)
    return np.concatenate([ring, ring[:, :1]], axis=1)


@pytest.mark.slow  # ~1.4 s: 90,000 random rings held against GEOS
def test_random_star_rings_agree_with_geos():
    rng = np.random.default_rng(24)
    rings = [_star(rng, 3000, k, jitter) for k in (3, 4, 5, 12, 39) for jitter in (0.0, 0.3, 0.95)]
    polygons = np.concatenate([shapely.polygons(r) for r in rings])
    reversed_ = shapely.reverse(polygons)
    _agrees(np.concatenate([polygons, reversed_]))
    assert (ring_turns(polygons) == 1).mean() > 0.5  # the short cut does take most of them


def test_grid_rings_with_every_kind_of_degeneracy_agree_with_geos():
    """A 4×4 grid: repeated points, spikes, collinear runs, touching vertices, bow-ties, zero area."""
    rng = np.random.default_rng(7)
    found = []
    for k in range(3, 9):
        vertices = rng.integers(0, 4, (4000, k, 2)).astype(float)
        found.append(shapely.polygons(np.concatenate([vertices, vertices[:, :1]], axis=1)))
    polygons = np.concatenate(found)
    _agrees(polygons)
    claimed = ring_turns(polygons) != 0
    assert 0 < claimed.sum() < shapely.is_valid(polygons).sum()  # some proved, some left to GEOS


def test_near_degenerate_floats_agree_with_geos():
    """Vertices a few ulps off a line or off each other: signs the filter must not guess."""
    base = np.array([[0.1, 0.1], [0.7, 0.3], [1.3, 0.5], [0.4, 1.1]])
    rings = []
    for scale in (1e-300, 1e-12, 1.0, 1e12):
        for step in range(-3, 4):
            ring = base.copy() * scale
            ring[1] = np.nextafter(ring[1], ring[1] + step) if step else ring[1]
            ring[2, 1] = np.nextafter(ring[2, 1], np.inf * step) if step else ring[2, 1]
            rings.append(np.vstack([ring, ring[:1]]))
    polygons = shapely.polygons(np.array(rings))
    _agrees(polygons)


def test_other_geometries_are_left_to_geos():
    nan = shapely.Polygon([(0, 0), (1, 0), (1, np.nan), (0, 1)])
    inf = shapely.Polygon([(0, 0), (1, 0), (1, np.inf), (0, 1)])
    huge = shapely.Polygon([(-1e308, -1e308), (1e308, -1e308), (0, 1e308)])
    holed = shapely.box(0, 0, 10, 10).difference(shapely.box(2, 2, 3, 3))
    geometries = np.array(
        [
            None,
            shapely.Point(0, 0),
            shapely.LineString([(0, 0), (1, 1)]),
            shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]),
            shapely.Polygon(),
            shapely.Polygon([(0, 0, 1), (1, 0, 1), (0, 1, 1)]),
            holed,
            nan,
            inf,
            huge,
        ],
        dtype=object,
    )
    assert ring_turns(geometries).tolist() == [0] * len(geometries)
    _agrees(geometries)


def test_a_proved_counter_clockwise_polygon_is_kept_as_it_is():
    square = shapely.box(0, 0, 1, 1, ccw=True)
    oriented = orient_polygons(np.array([square, square.reverse()], dtype=object))
    assert oriented[0] is square
    assert shapely.is_ccw(oriented[1].exterior)


_coordinate = st.integers(0, 3).map(float) | st.floats(-2, 5, allow_nan=False, width=64)


@pytest.mark.slow  # ~1 s: hypothesis
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_coordinate, _coordinate), min_size=3, max_size=9))
def test_any_ring_agrees_with_geos(vertices):
    ring = [*vertices, vertices[0]]
    _agrees(np.array([shapely.Polygon(ring), shapely.Polygon(ring[::-1])], dtype=object))


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single_arrays(n):
    geometries = np.array([shapely.box(0, 0, 1, 1)] * n, dtype=object)
    assert ring_turns(geometries).tolist() == [1] * n
    assert is_valid(geometries).tolist() == [True] * n
