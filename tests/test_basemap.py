"""The plain base map's data: the TopoJSON decoder, land and SAR boundaries, the cities, the payload."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from shapely.geometry import LineString, Point, shape

from geo.errors import AssetError
from geo.map.basemap import (
    ATTRIBUTION,
    CLIP_BOUNDS,
    LANGUAGES,
    WORLD_ATLAS,
    basemap_payload,
    border_lines,
    land_polygons,
    load_cities,
    load_countries,
)
from geo.map.basemap.topojson import arc_indices, decode_arc, named_geometries, stitch, to_shape
from tests.cache_helpers import record_package


def payload_json(payload: dict[str, Any]) -> str:
    """A payload as compact JSON text, keys in order: the same payload always gives the same text.

    >>> payload_json({"cities": [{"names": {"zh-Hant": "香港"}}], "bounds": [[21.3, 111.9]]})
    '{"cities":[{"names":{"zh-Hant":"香港"}}],"bounds":[[21.3,111.9]]}'
    """
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


KM_PER_DEG = 111.0


def quantize(arcs: list[list[tuple[int, int]]]) -> list[list[list[int]]]:
    """Delta-encode arcs given as absolute integer positions, as a quantized topology stores them."""
    return [[list(arc[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(arc)] for arc in arcs]


# ---------------------------------------------------------------- the decoder, on a hand-made topology

#: Scale and translate exact in binary, so decoded coordinates compare exactly.
SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.25, 0.5], "translate": [113, 22]},
    "arcs": quantize(
        [
            [(4, 0), (4, 2)],  # 0: the shared edge x=114, y 22..23
            [(4, 2), (0, 2), (0, 0), (4, 0)],  # 1: the west square's other three sides
            [(4, 0), (8, 0), (8, 2), (4, 2)],  # 2: the east square's other three sides
            [(1, 1), (2, 1), (2, 1)],  # 3: collapses to a point: a ring of three positions
        ]
    ),
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]], [[3]]], "properties": {"name": "East"}},
                {"type": "LineString", "arcs": [~0], "properties": {"name": "Edge"}},
                {"type": "Polygon", "arcs": [[1, 0]]},
            ],
        }
    },
}


def test_an_arc_is_delta_decoded_and_transformed_exactly():
    assert decode_arc(SQUARES, 1) == [(114.0, 23.0), (113.0, 23.0), (113.0, 22.0), (114.0, 22.0)]


def test_an_unquantized_arc_is_read_as_it_is():
    topology = {"arcs": [[[113.5, 22.25], [114.0, 22.75]]]}
    assert decode_arc(topology, 0) == [(113.5, 22.25), (114.0, 22.75)]


def test_arcs_are_stitched_dropping_the_repeated_joint_and_reversed_by_bitwise_not():
    cache: dict[int, Any] = {}
    ring = stitch(SQUARES, [2, ~0], cache)
    assert ring == [(114.0, 22.0), (115.0, 22.0), (115.0, 23.0), (114.0, 23.0), (114.0, 22.0)]
    assert set(cache) == {0, 2}


def test_objects_become_shapely_geometries_with_exact_coordinates():
    named = named_geometries(SQUARES, "squares")
    assert set(named) == {"West", "East", "Edge"}  # the unnamed member is left out
    west = to_shape(SQUARES, named["West"])
    assert list(west.exterior.coords) == [(114, 22), (114, 23), (113, 23), (113, 22), (114, 22)]
    assert west.area == 1.0
    east = to_shape(SQUARES, named["East"])
    assert east.geom_type == "MultiPolygon" and len(east.geoms) == 1  # the collapsed islet is dropped
    assert east.geoms[0].bounds == (114.0, 22.0, 115.0, 23.0)
    assert west.intersection(east).equals(LineString([(114, 22), (114, 23)]))
    assert list(to_shape(SQUARES, named["Edge"]).coords) == [(114, 23), (114, 22)]


def test_an_unsupported_geometry_type_is_refused():
    with pytest.raises(ValueError, match="'Point' is not supported"):
        to_shape(SQUARES, {"type": "Point", "coordinates": [1, 2]})


def test_arc_indices_count_a_reversed_arc_as_itself():
    named = named_geometries(SQUARES, "squares")
    assert arc_indices(named["East"]) == {0, 2, 3}
    assert arc_indices(named["West"]) & arc_indices(named["East"]) == {0}


# ---------------------------------------------------------------- land and boundaries, on a toy Pearl River

#: Units of 0.001 degrees from (113, 22): China north of y=500, Hong Kong south of it sharing the
#: edge x 1000..1500, and Macao apart, its top 2 units (about 200 m) short of China's coast.
TOY = {
    "type": "Topology",
    "transform": {"scale": [0.001, 0.001], "translate": [113, 22]},
    "arcs": quantize(
        [
            [(1000, 500), (1500, 500)],  # 0: Hong Kong–China
            [(1500, 500), (1500, 1000), (0, 1000), (0, 500), (1000, 500)],  # 1: China's other sides
            [(1000, 500), (1000, 200), (1500, 200), (1500, 500)],  # 2: Hong Kong's coast
            [(500, 300), (600, 300), (600, 498), (500, 498), (500, 300)],  # 3: Macao, on its own
        ]
    ),
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[1, 0]], "id": "156", "properties": {"name": "China"}},
                {"type": "Polygon", "arcs": [[~0, 2]], "id": "344", "properties": {"name": "Hong Kong"}},
                {"type": "Polygon", "arcs": [[3]], "id": "446", "properties": {"name": "Macao"}},
            ],
        }
    },
}


def test_land_is_the_union_of_the_three_clipped_to_the_view():
    land = land_polygons(TOY)
    assert land.is_valid and len(land.geoms) == 2  # the Mainland with Hong Kong, and Macao
    assert land.contains(Point(113.5, 22.7)) and land.contains(Point(114.2, 22.3))
    assert land.contains(Point(113.55, 22.4))
    assert not land.contains(Point(113.2, 22.3))  # water: not land
    assert land.bounds[0] >= CLIP_BOUNDS[0] and land.bounds[3] <= CLIP_BOUNDS[3]
    assert all(polygon.exterior.is_ccw for polygon in land.geoms)


def test_hong_kong_boundary_is_the_shared_arc_and_macao_the_outline_facing_the_mainland():
    borders = border_lines(TOY)
    hong_kong, how = borders["Hong Kong"]
    assert how == "shared arcs"
    assert hong_kong.equals(LineString([(114.0, 22.5), (114.5, 22.5)]))
    macao, how = borders["Macao"]
    assert how == "facing outline"
    assert macao.distance(Point(113.55, 22.498)) < 1e-9
    assert macao.bounds[1] > 22.49  # only the edge that faces the Mainland, not the sea sides


def test_the_payload_holds_land_borders_cities_bounds_and_the_credit():
    payload = basemap_payload(topology=TOY)
    assert set(payload) == {"land", "borders", "cities", "bounds", "attribution", "source"}
    assert payload["attribution"] == ATTRIBUTION == "Natural Earth (public domain)"
    assert payload["land"]["type"] == "MultiPolygon"
    features = payload["borders"]["features"]
    assert [f["id"] for f in features] == ["hong_kong_mainland", "macao_mainland"]
    assert all(set(f["properties"]["names"]) == set(LANGUAGES) for f in features)
    assert payload["source"]["package"] == "world-atlas@2.0.2"
    assert len(payload["cities"]) == 11
    text = payload_json(payload)
    assert json.loads(text) == payload
    assert payload_json(basemap_payload(topology=TOY)) == text
    geometry = text.split('"cities"')[0]
    assert ", " not in geometry and ": " not in geometry  # compact


# ---------------------------------------------------------------- the cities


def test_eleven_cities_each_named_in_three_languages_inside_the_view():
    cities = load_cities()
    assert len(cities) == 11 and len({c.id for c in cities}) == 11
    west, south, east, north = CLIP_BOUNDS
    for city in cities:
        assert set(city.names) == set(LANGUAGES) and all(city.names.values()), city.id
        assert west < city.lon < east and south < city.lat < north, city.id
        assert city.source_url.startswith("https://") and city.point, city.id
    names = {c.id: c.names for c in cities}
    assert names["macao"] == {"en": "Macao", "zh-Hant": "澳門", "zh-Hans": "澳门"}
    assert names["zhaoqing"]["zh-Hant"] == "肇慶" and names["zhaoqing"]["zh-Hans"] == "肇庆"
    assert {"Guangzhou", "Shenzhen", "Zhuhai", "Foshan", "Huizhou", "Dongguan", "Zhongshan", "Jiangmen"} <= {
        n["en"] for n in names.values()
    }


def test_cities_are_spread_out_not_piled_on_one_spot():
    cities = load_cities()
    for i, a in enumerate(cities):
        for b in cities[i + 1 :]:  # Macao–Zhuhai is the closest pair, about 10 km apart
            assert Point(a.lon, a.lat).distance(Point(b.lon, b.lat)) * KM_PER_DEG > 8, (a.id, b.id)


# ---------------------------------------------------------------- fetching world-atlas


def test_without_npm_or_cache_the_failure_is_one_line_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(AssetError) as caught:
        load_countries(cache_dir=tmp_path / "cache")
    message = str(caught.value)
    assert "\n" not in message
    assert "world-atlas@2.0.2" in message and "npm not found" in message and "to fix" in message


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("not json", "not a TopoJSON countries file"),
        ('{"objects": {"countries": {"geometries": []}}}', "no China"),
    ],
)
def test_a_broken_cached_file_is_a_one_line_asset_error(tmp_path, content, says):
    package = tmp_path / WORLD_ATLAS.package
    package.mkdir()
    (package / WORLD_ATLAS.path).write_text(content, encoding="utf-8")
    record_package(package, WORLD_ATLAS.package)  # as published: the shape is what is wrong
    with pytest.raises(AssetError, match=says) as caught:
        load_countries(cache_dir=tmp_path)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- the real Natural Earth data


@pytest.mark.slow
@pytest.mark.npm
def test_real_land_holds_hong_kong_island_kowloon_and_guangzhou_but_not_the_estuary(real_payload):
    land = shape(real_payload["land"])
    assert land.is_valid
    for lon, lat in [(114.16, 22.28), (114.17, 22.32), (113.26, 23.13), (113.54, 22.19)]:
        assert land.contains(Point(lon, lat)), (lon, lat)
    for lon, lat in [(113.75, 22.35), (113.85, 22.30), (113.70, 22.50)]:  # Pearl River estuary water
        assert not land.contains(Point(lon, lat)), (lon, lat)


@pytest.mark.slow
@pytest.mark.npm
def test_real_hong_kong_boundary_runs_along_the_shenzhen_river(real_payload):
    hong_kong, macao = real_payload["borders"]["features"]
    line = shape(hong_kong["geometry"])
    assert hong_kong["properties"]["drawn_from"].startswith("shared arcs and the Shenzhen River")
    assert line.distance(Point(114.113, 22.528)) * KM_PER_DEG < 0.5  # Lo Wu crossing
    # Natural Earth's own line ends about 2.6 km from Lok Ma Chau; the river's reaches the bay.
    assert line.distance(Point(114.07, 22.51)) * KM_PER_DEG < 0.8
    assert line.distance(Point(114.033, 22.503)) * KM_PER_DEG < 0.1  # the mouth
    assert line.distance(Point(114.22, 22.555)) * KM_PER_DEG < 1  # Sha Tau Kok
    assert macao["properties"]["drawn_from"] == "facing outline"
    assert shape(macao["geometry"]).distance(Point(113.5495, 22.2155)) * KM_PER_DEG < 1  # Border Gate


@pytest.mark.slow
@pytest.mark.npm
def test_real_payload_is_small_and_the_same_every_time(real_payload, natural_earth):
    text = payload_json(real_payload)
    assert len(text.encode("utf-8")) < 45_000  # the README: "about 35 KB of JSON in the page"
    assert payload_json(basemap_payload(topology=natural_earth)) == text
    for city in real_payload["cities"]:
        assert shape(real_payload["land"]).distance(Point(city["lon"], city["lat"])) < 0.005, city["id"]
