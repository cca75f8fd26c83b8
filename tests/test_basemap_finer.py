"""The base map's finer land, water and river boundary: land where the platforms are land.

Natural Earth's coast puts half of the Shenzhen Park and of Hengqin in the sea; the
project's patches (``geo/map/basemap/finer.geojson``) fix that where the story needs it.
Points are sampled inside each platform polygon and looked up in the payload's land.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

from geo.io.layer_file import BUNDLED_LAYERS
from geo.map.basemap import basemap_payload
from geo.map.basemap.finer import KINDS, Patch, _patch, load_patches, refine_border, refine_land

#: The share of sampled points inside each platform that must be land. Nansha District's
#: 803 km² hold its waterways and estuary (about 570 km² are land, 0.71): at least 0.6 of it,
#: and no more than :data:`NANSHA_MOST_LAND`.
LAND_SHARE = {
    "hetao_hk_park": 1.0,
    "hetao_sz_park": 1.0,
    "hengqin": 0.97,
    "qianhai": 0.97,
    "northern_metropolis": 0.95,
    "nansha": 0.6,
}
#: Nansha's land is about 570 of its 803 km² (2013): the map must not fill its waters beyond that.
NANSHA_MOST_LAND = 0.75
#: Platforms whose outline takes in water (estuary, waterways): their share of land holds for the
#: whole outline, not for a part of it, so a view must show (nearly) all of it to be judged.
WHOLE_OUTLINE_ONLY = frozenset({"nansha"})
#: Points of Nansha on land, (lon, lat): platforms.md's interior point, Huangge Auto Town station
#: (Wikipedia) and Nansha Passenger Port (zh-Wikipedia), which Natural Earth puts in the water.
NANSHA_LAND = [(113.532, 22.797), (113.50917, 22.83556), (113.605, 22.769)]

#: Where published sources put the Shenzhen River north-east of the Loop, (lon, lat): the Loop's
#: east tip, the course point near Huanggang and the next one upstream (platforms.md: the census
#: district boundary and DSD's river-training description, ±100–150 m).
RIVER_COURSE = [(114.0845, 22.5204), (114.0857, 22.5320), (114.0917, 22.5364)]
#: Huanggang Port, (lon, lat) (Wikipedia): "in the core area of" the Shenzhen Park (Capol's project page),
#: across the river from the Lok Ma Chau Control Point.
HUANGGANG_PORT = (114.07496, 22.52074)
#: Issue 23's westward bend, (lon, lat): no source puts the channel there (see the river test).
ISSUE_BEND = [(114.077, 22.525), (114.077, 22.529), (114.077, 22.533)]
#: Metres per degree of latitude, and of longitude at 22.5 N (enough for distances of ~1 km).
M_PER_DEG_LAT, M_PER_DEG_LON = 110_760.0, 102_900.0


def platform_polygons() -> dict[str, BaseGeometry]:
    """The bundled layers' polygons by feature id."""
    out: dict[str, BaseGeometry] = {}
    for name in ("hetao.geojson", "platforms.geojson"):
        for feature in json.loads(Path(BUNDLED_LAYERS, name).read_text(encoding="utf-8"))["features"]:
            geometry = shape(feature["geometry"])
            if geometry.geom_type in {"Polygon", "MultiPolygon"}:
                out[feature["properties"]["id"]] = geometry
    return out


def sample_inside(polygon: BaseGeometry, *, across: int = 20) -> list[Point]:
    """Its representative point and the points of an ``across`` × ``across`` grid over its bounds inside it.

    Examples
    --------
    >>> len(sample_inside(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]), across=4))
    17
    """
    west, south, east, north = polygon.bounds
    xs, ys = np.meshgrid(
        np.linspace(west, east, across + 2)[1:-1], np.linspace(south, north, across + 2)[1:-1]
    )
    grid = shapely.points(xs.ravel(), ys.ravel())
    inside = grid[shapely.contains(polygon, grid)]
    return [polygon.representative_point(), *inside.tolist()]


def land_share(land: BaseGeometry, points: list[Point]) -> float:
    """The share of ``points`` on ``land``."""
    return float(np.mean(shapely.contains(land, np.array(points, dtype=object))))


# ---------------------------------------------------------------- the patches file


def test_every_patch_has_a_known_kind_a_valid_shape_and_names_its_facts() -> None:
    patches = load_patches()
    assert {p.kind for p in patches} == set(KINDS)
    assert len({p.id for p in patches}) == len(patches)
    for patch in patches:
        assert patch.geometry.is_valid and len(patch.digitized_from) > 80, patch.id


@pytest.mark.parametrize(
    ("feature", "says"),
    [
        ({"id": "x", "kind": "sand", "digitized_from": "a"}, "needs a kind in"),
        ({"id": "x", "kind": "boundary", "digitized_from": "a"}, "valid geometry"),
        ({"id": "x", "kind": "land"}, "needs a digitized_from"),
    ],
)
def test_a_broken_patch_is_refused_naming_it(feature: dict[str, Any], says: str) -> None:
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    with pytest.raises(ValueError, match=says):
        _patch({"properties": feature, "geometry": square})


def river_line() -> LineString:
    """The bundled layers' Shenzhen River line."""
    features = json.loads(Path(BUNDLED_LAYERS, "hetao.geojson").read_text(encoding="utf-8"))["features"]
    (line,) = [f for f in features if f["properties"]["id"] == "shenzhen_river"]
    return LineString(line["geometry"]["coordinates"])


def metres(a: BaseGeometry, b: BaseGeometry) -> float:
    """Roughly the distance between two geometries near 22.5 N, in metres (scaled degrees)."""
    scale = np.array([M_PER_DEG_LON, M_PER_DEG_LAT])
    return float(
        shapely.distance(
            shapely.transform(a, lambda xy: xy * scale), shapely.transform(b, lambda xy: xy * scale)
        )
    )


def test_the_river_boundary_is_the_layers_line_read_not_copied() -> None:
    (river,) = [p for p in load_patches() if p.kind == "boundary"]
    assert list(river.geometry.coords) == list(river_line().coords)
    assert "Order No. 221" in river.digitized_from
    finer = json.loads(
        resources.files("geo.map.basemap").joinpath("finer.geojson").read_text(encoding="utf-8")
    )
    assert all(f["properties"]["kind"] != "boundary" for f in finer["features"]), "one copy: the layer's"


def test_the_river_runs_north_east_of_the_loop_where_the_sources_put_it() -> None:
    """North-east of the Loop the channel stays east of 114.082 E (issue 23 put a bend at 114.077 E)."""
    river = river_line()
    for point in RIVER_COURSE:
        assert metres(river, Point(point)) < 150, point
    for lat in np.arange(22.522, 22.5345, 0.0005):
        crossing = river.intersection(LineString([(114.06, lat), (114.10, lat)]))
        assert not crossing.is_empty and crossing.bounds[0] > 114.082, (lat, crossing.wkt)
    for point in ISSUE_BEND:
        assert metres(river, Point(point)) > 500, point


def test_huanggang_port_lies_in_the_shenzhen_park_on_the_north_bank() -> None:
    polygons, port = platform_polygons(), Point(HUANGGANG_PORT)
    assert polygons["hetao_sz_park"].contains(port) and not polygons["hetao_hk_park"].contains(port)
    due_south = LineString([HUANGGANG_PORT, (HUANGGANG_PORT[0], 22.50)])
    assert due_south.crosses(river_line()), "the river runs south of the port, between it and Hong Kong"


def test_land_patches_are_added_and_water_carved_after() -> None:
    sea = Polygon()
    island = Patch("island", "land", Polygon([(0, 0), (2, 0), (2, 2), (0, 2)]), "facts")
    channel = Patch("channel", "water", Polygon([(0.9, -1), (1.1, -1), (1.1, 3), (0.9, 3)]), "facts")
    land = refine_land(sea, [channel, island])
    assert land.geom_type == "MultiPolygon" and len(land.geoms) == 2
    assert not land.contains(Point(1, 1)) and land.contains(Point(0.5, 1))


def test_the_boundary_keeps_its_far_end_and_follows_the_river_to_its_mouth() -> None:
    border = MultiLineString([[(0, 1), (2, 1), (4, 1)]])  # drawn from the river's side
    river = LineString([(2, 0.9), (1, 0.5), (0, 0)])
    (line,) = refine_border(border, river).geoms
    assert line.coords[0] == (4, 1) and line.coords[-1] == (0, 0)
    assert Point(0, 1).distance(line) > 0.5  # the coarse line's end west of the river is gone


# ---------------------------------------------------------------- the real payload


@pytest.mark.slow
@pytest.mark.npm
@pytest.mark.parametrize("platform", [*LAND_SHARE])
def test_points_inside_each_platform_are_land(real_payload: dict[str, Any], platform: str) -> None:
    land = shape(real_payload["land"])
    points = sample_inside(platform_polygons()[platform])
    assert len(points) > 50
    assert land.contains(points[0]), "the representative point is in the water"
    assert land_share(land, points) >= LAND_SHARE[platform]


@pytest.mark.slow
@pytest.mark.npm
def test_nansha_landmarks_are_land_and_natural_earth_alone_was_not_enough(
    real_payload: dict[str, Any], natural_earth: dict[str, Any]
) -> None:
    land = shape(real_payload["land"])
    assert all(land.contains(Point(p)) for p in NANSHA_LAND)
    polygons = platform_polygons()
    assert land_share(land, sample_inside(polygons["nansha"])) <= NANSHA_MOST_LAND  # its waters stay
    coarse = shape(basemap_payload(topology=natural_earth, patches=[])["land"])
    assert not coarse.contains(Point(NANSHA_LAND[-1]))
    for platform in ("hetao_sz_park", "hengqin", "nansha"):  # the ones found half in the sea
        assert land_share(coarse, sample_inside(polygons[platform])) < 0.6, platform


@pytest.mark.slow
@pytest.mark.npm
def test_the_hong_kong_boundary_runs_along_the_river_past_the_parks(real_payload: dict[str, Any]) -> None:
    hong_kong = real_payload["borders"]["features"][0]
    line = shape(hong_kong["geometry"])
    assert "Shenzhen River" in hong_kong["properties"]["drawn_from"]
    polygons = platform_polygons()
    # within 60 m of both parks (each is drawn 30 m off the river), crossing neither
    for park in ("hetao_hk_park", "hetao_sz_park"):
        assert line.distance(polygons[park]) * 111_000 < 60, park
        assert not line.crosses(polygons[park]), park
    assert line.distance(Point(114.22, 22.555)) * 111 < 1  # still reaches Sha Tau Kok
