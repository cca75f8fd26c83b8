"""The bundled layers: the data contract.

Every stated figure and every claim of ``layers/`` is a test item of its own, collected by the
gba-atlas pytest plugin (``atlas_layers = ["layers"]`` in pyproject.toml): ``layers::<feature id>::
<figure>`` and ``layers::claims::<claim id>``. This file tests what the report does not: which
platforms are bundled, landmarks inside them, their shapes and the files' form, and the Hetao zone up
close: the Shenzhen River's trace and the two parks' edges along it.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.claim_tests import side_of_line
from geo.geodesy import WGS84, geodesic_distance
from tests.data_helpers import BUNDLED

ATLAS = Atlas.load(BUNDLED_LAYERS)


# --- the data contract -------------------------------------------------------------------------

#: The platforms the article names: they stay bundled (features added to the data join them).
ARTICLE_IDS = {
    "hetao_hk_park",
    "hetao_sz_park",
    "shenzhen_river",
    "northern_metropolis",
    "qianhai",
    "nansha",
    "hengqin",
}

#: (lon, lat) of a landmark that lies inside each platform (platforms.md).
INSIDE = {
    "hetao_hk_park": [(114.072, 22.5135)],
    "hetao_sz_park": [(114.0750, 22.5207), (114.0650, 22.5182)],  # Huanggang Port, Futian Checkpoint
    "northern_metropolis": [(114.08, 22.47), (114.072, 22.5135)],
    "qianhai": [(113.8992, 22.5189), (113.811, 22.639)],
    "nansha": [(113.532, 22.797)],
    "hengqin": [(113.5101, 22.12)],
}
MIN_VERTICES = {"park": 12, "zone": 40, "district": 40}
LAYER_FILES = sorted(BUNDLED_LAYERS.glob("*.geojson"))


def test_every_platform_is_bundled():
    assert set(ATLAS.features) >= ARTICLE_IDS
    assert sorted(ATLAS.features) == sorted(BUNDLED.ids)  # every feature of the files, each once


def test_every_polygon_has_stated_figures_with_sources():
    for feature in ATLAS.features.values():
        if feature.geometry.geom_type.endswith("Polygon"):
            assert feature.stated, feature.id
            assert all(f.source.title and f.source.issuer for f in feature.stated), feature.id
        assert feature.name_zh and feature.kind and feature.digitized_from, feature.id


@pytest.mark.parametrize("fid", sorted(INSIDE))
def test_landmarks_lie_inside(fid):
    geometry = ATLAS.features[fid].geometry
    for lon, lat in INSIDE[fid]:
        assert geometry.contains(shapely.Point(lon, lat)), (fid, lon, lat)


@pytest.mark.parametrize("fid", BUNDLED.polygon_ids)
def test_enough_vertices_for_the_shape(fid):
    feature = ATLAS.features[fid]
    assert shapely.get_num_coordinates(feature.geometry) >= MIN_VERTICES.get(feature.kind, 12) + 1


def test_the_loop_is_not_a_rectangle():
    loop = ATLAS.features["hetao_hk_park"].geometry
    assert loop.area / loop.minimum_rotated_rectangle.area < 0.8


def test_river_runs_downstream_from_lo_wu_to_shenzhen_bay():
    river = ATLAS.features["shenzhen_river"].geometry
    (start_lon, _), (end_lon, _) = river.coords[0], river.coords[-1]
    assert start_lon > 114.11 > 114.04 > end_lon


@pytest.mark.parametrize("path", LAYER_FILES, ids=lambda p: p.name)
def test_files_keep_the_rfc7946_form(path):
    text = path.read_text(encoding="utf-8")
    decimals = [len(d) for d in re.findall(r"-?\d+\.(\d+)", text.split('"features"', 1)[1])]
    data = json.loads(text)
    coordinates = [f["geometry"] for f in data["features"]]
    assert data["type"] == "FeatureCollection" and "crs" not in data
    for geometry in coordinates:
        shape = shapely.geometry.shape(geometry)
        for polygon in getattr(shape, "geoms", [shape]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
                assert not any(ring.is_ccw for ring in polygon.interiors)
    assert max(decimals) <= 6


# --- the Shenzhen River and the two Hetao parks up close (issue 16) ---------------------------

#: A local metric projection for the Hetao area (azimuthal equidistant, centred on the Loop):
#: within the ~10 km the river spans, distances in it are exact to well under a metre.
HETAO_METRES = Transformer.from_crs(
    "EPSG:4326", "+proj=aeqd +lat_0=22.52 +lon_0=114.08 +ellps=WGS84", always_xy=True
)
RIVER = ATLAS.features["shenzhen_river"].geometry
PARKS = ("hetao_hk_park", "hetao_sz_park")

#: Landmarks on opposite banks of the river, (lon, lat) south bank then north bank (platforms.md, Wikipedia):
#: Lo Wu station / Luohu Port; Lok Ma Chau station / Futian Checkpoint station (the footbridge between them).
CROSSINGS = {
    "Lo Wu": ((114.1134, 22.5283), (114.1133, 22.5322)),
    "Lok Ma Chau Spur Line footbridge": ((114.0657, 22.5144), (114.0650, 22.5182)),
}
LO_WU_LON = 114.1134
MOUTH = (114.033, 22.503)

MAX_RIVER_SPACING_M = 200  # at least one vertex per 200 m along the river
FACING_M = 150  # a park vertex this close to the river is on the park's river-facing edge ...
HUG_M = 80  # ... and every point of that edge stays this close to the river
MIN_GAP_M = 10  # neither park reaches the river line itself
MIN_FACING_KM = {"hetao_hk_park": 1.8, "hetao_sz_park": 5.0}  # so the edge test cannot pass vacuously


def in_metres(geometry):
    return shapely.transform(geometry, HETAO_METRES.transform, interleaved=False)


def river_facing_edge(fid):
    """The park's ring vertices within FACING_M of the river (metres), as one run along the ring."""
    ring = in_metres(ATLAS.features[fid].geometry).exterior
    river = in_metres(RIVER)
    points = [shapely.Point(xy) for xy in ring.coords[:-1]]
    facing = [river.distance(p) <= FACING_M for p in points]
    changes = sum(facing[i] != facing[i - 1] for i in range(len(facing)))
    assert changes == 2, f"{fid}: the river-facing vertices are not one continuous stretch"
    start = next(i for i in range(len(facing)) if facing[i] and not facing[i - 1])
    run = []
    for k in range(len(points)):
        i = (start + k) % len(points)
        if not facing[i]:
            break
        run.append(points[i])
    return shapely.LineString(run), river


def test_river_has_a_vertex_every_200_m():
    lon, lat = np.array(RIVER.coords).T
    spacing = WGS84.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2]
    assert spacing.max() <= MAX_RIVER_SPACING_M, f"{spacing.max():.0f} m between two vertices"


def test_river_starts_upstream_of_lo_wu_and_ends_at_the_mouth():
    (start_lon, _), end = RIVER.coords[0], RIVER.coords[-1]
    assert start_lon > LO_WU_LON
    assert geodesic_distance(shapely.Point(end), shapely.Point(MOUTH)) <= 300


@pytest.mark.parametrize("place", sorted(CROSSINGS))
def test_river_runs_between_landmarks_on_its_two_banks(place):
    south, north = CROSSINGS[place]
    assert RIVER.crosses(shapely.LineString([south, north])), place


@pytest.mark.parametrize("fid", PARKS)
def test_parks_do_not_reach_the_river(fid):
    park = ATLAS.features[fid].geometry
    assert not park.crosses(RIVER) and not park.intersects(RIVER)
    assert geodesic_distance(park, RIVER) >= MIN_GAP_M


@pytest.mark.parametrize("fid", PARKS)
def test_parks_river_facing_edge_runs_along_the_river(fid):
    edge, river = river_facing_edge(fid)
    assert edge.length >= MIN_FACING_KM[fid] * 1000, f"{fid}: river-facing edge only {edge.length:.0f} m"
    along = [edge.interpolate(d) for d in np.arange(0, edge.length, 20.0)]  # every 20 m, and each vertex
    samples = along + [shapely.Point(xy) for xy in edge.coords]
    farthest = max(river.distance(p) for p in samples)
    assert farthest <= HUG_M, f"{fid}: river-facing edge {farthest:.0f} m from the river"


def test_the_river_runs_between_the_parks():
    hk, sz = (ATLAS.features[fid].geometry for fid in PARKS)
    assert (side_of_line(hk, RIVER), side_of_line(sz, RIVER)) == ("left", "right")
    for fid in PARKS:  # every vertex of each park on its own bank
        ring = ATLAS.features[fid].geometry.exterior.coords
        sides = {side_of_line(shapely.Point(xy), RIVER) for xy in ring}
        assert len(sides) == 1, (fid, sides)
