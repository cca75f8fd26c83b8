"""Positions: each defect named and quoted where it is; degenerate lines; rings across the antimeridian.

A GeoDataFrame gets the same answers as a file: its array screen sends the same
geometries to the same checks.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely import LineString, MultiLineString, Polygon

from geo import Atlas, LayerError
from geo.validation.geometry import validate_geometry
from geo.validation.positions import label
from tests.helpers import SQUARE


def problems_of(geometry: object) -> list[str]:
    found: list[str] = []
    result = validate_geometry(geometry, lambda what, fix: found.append(f"{what}; fix: {fix}"))
    assert (result is None) == bool(found)
    return found


def ring_with(index: int, value: object) -> dict[str, object]:
    ring = [list(p) for p in SQUARE]
    ring[index] = value
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (ring_with(3, [114.06, "39.3"]), 'position 3 of ring 0 holds a string "39.3", not a number'),
        (ring_with(3, [114.06, None]), "position 3 of ring 0 holds null, not a number: [114.06, null]"),
        (ring_with(1, [True, 22.5]), "position 1 of ring 0 holds true, not a number"),
        (ring_with(2, None), "position 2 of ring 0 is null, not a position [lon, lat]"),
        (ring_with(2, 2), "position 2 of ring 0 is a single number 2, not an array [lon, lat]"),
        (ring_with(2, "114.07 22.51"), 'position 2 of ring 0 is a string "114.07 22.51", not an array'),
        (ring_with(2, {"lon": 114.07}), "position 2 of ring 0 is an object, not an array [lon, lat]"),
        (
            ring_with(2, [10, 20, 30, 40]),
            "position 2 of ring 0 has 4 numbers [10, 20, 30, 40]; a position needs 2 or 3 numbers "
            "(lon, lat[, altitude])",
        ),
        (ring_with(2, [114.07]), "position 2 of ring 0 has 1 number [114.07]; a position needs 2 or 3"),
        (ring_with(2, []), "position 2 of ring 0 has 0 numbers []; a position needs 2 or 3"),
        (
            ring_with(2, [[114.07, 22.5]]),
            "not nested as the type requires: position 2 of ring 0 is an array of arrays [[114.07, 22.5]]",
        ),
        ({"type": "Point", "coordinates": [114.0, "22.5"]}, 'the Point\'s position holds a string "22.5"'),
        ({"type": "Point", "coordinates": 114}, "the Point's position is a single number 114"),
        (
            {"type": "MultiPoint", "coordinates": [114.0, 22.5]},
            "MultiPoint coordinates are not nested as the type requires: its coordinates array is a "
            "single position [114.0, 22.5], where an array of positions belongs",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[SQUARE], [[*SQUARE[:2], None, *SQUARE[3:]]]]},
            "position 2 of ring 0 of polygon 1 is null",
        ),
        (
            {"type": "MultiLineString", "coordinates": [SQUARE[:2], []]},
            "line 1 is empty ([]), where an array of positions belongs",
        ),
        (
            {"type": "Polygon", "coordinates": "oops"},
            'not nested as the type requires: its coordinates array is a string "oops"',
        ),
        (ring_with(2, [10**400, 22.5]), "position 2 of ring 0 holds a number too large for a coordinate"),
        (ring_with(2, [float("nan"), 22.5]), "position 2 of ring 0 holds a non-finite number"),
    ],
)
def test_a_position_defect_is_named_and_quoted(geometry, expected):
    found = problems_of(geometry)
    assert len(found) == 1
    assert expected in found[0]
    assert ("not nested as the type requires" in found[0]) == ("not nested" in expected)


def test_labels_read_inside_out():
    assert label("MultiPolygon", (1, 0, 3)) == "position 3 of ring 0 of polygon 1"
    assert label("MultiLineString", (2, 5)) == "position 5 of line 2"
    assert label("LineString", (4,)) == "position 4"
    assert label("Point", ()) == "the Point's position"


def test_out_of_range_quotes_the_first_bad_position_not_the_first_one():
    ring = [list(p) for p in SQUARE]
    ring[2] = [214.07, 22.51]
    (found,) = problems_of({"type": "Polygon", "coordinates": [ring]})
    assert found.startswith(
        "coordinates out of range: position 2 of ring 0 [214.07, 22.51] has longitude 214.07, outside"
    )
    ring[2] = [114.07, 95.0]
    assert (
        "position 2 of ring 0 [114.07, 95.0] has latitude 95.0"
        in problems_of({"type": "Polygon", "coordinates": [ring]})[0]
    )


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (
            {"type": "LineString", "coordinates": [[114.0, 22.5], [114.0, 22.5]]},
            "line 0 has fewer than 2 distinct",
        ),
        (
            {"type": "LineString", "coordinates": [[114.0, 22.5, 1], [114.0, 22.5, 9]]},
            "(all 2 are [114.0, 22.5])",
        ),
        (
            {
                "type": "MultiLineString",
                "coordinates": [[[114.0, 22.5], [114.1, 22.5]], [[114, 22], [114, 22]]],
            },
            "line 1 has fewer than 2 distinct positions",
        ),
        ({"type": "LineString", "coordinates": [[114.0, 22.5]]}, "line 0 has fewer than 2 positions"),
    ],
)
def test_a_line_needs_two_distinct_positions(geometry, expected):
    (found,) = problems_of(geometry)
    assert expected in found


def test_a_line_of_two_distinct_positions_is_fine():
    assert (
        problems_of({"type": "LineString", "coordinates": [[114.0, 22.5], [114.0, 22.5], [114.1, 22.5]]})
        == []
    )


FIJI = [[179.5, -16.5], [-179.5, -16.5], [-179.5, -16.0], [179.5, -16.0], [179.5, -16.5]]


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (
            {"type": "Polygon", "coordinates": [FIJI]},
            "ring 0 crosses the antimeridian (180° longitude) between position 0 [179.5, -16.5] and "
            "position 1 [-179.5, -16.5], so it would be measured as one shape and drawn as another; "
            "fix: split it at 180° into a MultiPolygon, one part on each side (RFC 7946 section 3.1.9)",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[SQUARE], [FIJI]]},
            "ring 0 of polygon 1 crosses the antimeridian",
        ),
        (
            {"type": "LineString", "coordinates": [[179.0, 0.0], [-179.0, 0.0]]},
            "line 0 crosses the antimeridian (180° longitude) between position 0 [179.0, 0.0] and position 1 "
            "[-179.0, 0.0], so it would be measured as one shape and drawn as another; fix: split it at "
            "180° into a MultiLineString",
        ),
    ],
)
def test_an_edge_across_the_antimeridian_is_refused(geometry, expected):
    (found,) = problems_of(geometry)
    assert expected in found


def test_a_ring_up_to_the_antimeridian_is_fine():
    east = [[179.0, -16.5], [180.0, -16.5], [180.0, -16.0], [179.0, -16.0], [179.0, -16.5]]
    west = [[-180.0, -16.5], [-179.0, -16.5], [-179.0, -16.0], [-180.0, -16.0], [-180.0, -16.5]]
    assert problems_of({"type": "MultiPolygon", "coordinates": [[east], [west]]}) == []


# --- a GeoDataFrame gets the same answers --------------------------------------------------------


def frame(*geometries: object) -> gpd.GeoDataFrame:
    ids = [f"f{i}" for i in range(len(geometries))]
    return gpd.GeoDataFrame({"id": ids, "name": ids}, geometry=list(geometries), crs=4326)


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (LineString([(114.0, 22.5), (114.0, 22.5)]), "line 0 has fewer than 2 distinct positions"),
        (
            MultiLineString([[(114, 22.5), (114.1, 22.5)], [(114, 22), (114, 22)]]),
            "line 1 has fewer than 2 distinct",
        ),
        (Polygon(FIJI), "ring 0 crosses the antimeridian (180° longitude) between position"),
        (LineString([(179.0, 0.0), (-179.0, 0.0)]), "line 0 crosses the antimeridian"),
        (
            Polygon([(114.06, 22.5), (114.07, 22.5), (214.07, 22.51), (114.06, 22.51)]),
            "coordinates out of range: position 2 of ring 0 [214.07, 22.51] has longitude 214.07",
        ),
    ],
)
def test_a_geodataframe_gets_the_same_answers(geometry, expected):
    good = Polygon(SQUARE)
    with pytest.raises(LayerError) as raised:
        Atlas().add_layer(frame(good, geometry), name="frame")
    (problem,) = raised.value.problems
    assert problem.where == "feature 'f1' (#1)"
    assert expected in problem.what


def test_deeply_nested_or_self_holding_coordinates_from_python_are_reported_not_a_crash():
    deep: list = [114.0, 22.5]
    for _ in range(5000):
        deep = [deep]
    (found,) = problems_of({"type": "Point", "coordinates": deep})
    assert "the Point's position is an array of arrays [[[[" in found
    loop: list = [1.0]
    loop.append(loop)
    (found,) = problems_of({"type": "LineString", "coordinates": [[114.0, 22.0], loop]})
    assert found.startswith("position 1 holds an array [1.0, [1.0,")
