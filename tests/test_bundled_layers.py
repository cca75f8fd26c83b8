"""The bundled layers: the data contract.

Every stated figure and every claim of ``layers/`` is a test item of its own, collected by the
gba-atlas pytest plugin (``atlas_layers = ["layers"]`` in pyproject.toml): ``layers::<feature id>::
<figure>`` and ``layers::claims::<claim id>``. This file tests what the report does not: which
platforms are bundled, landmarks inside them, their shapes and the files' form.
"""

from __future__ import annotations

import json
import re

import pytest
import shapely

from geo.atlas import BUNDLED_LAYERS, Atlas

ATLAS = Atlas.load(BUNDLED_LAYERS)


# --- the data contract -------------------------------------------------------------------------

BUNDLED_IDS = {
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
    assert set(ATLAS.features) == BUNDLED_IDS


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


@pytest.mark.parametrize("fid", sorted(BUNDLED_IDS - {"shenzhen_river"}))
def test_enough_vertices_for_the_shape(fid):
    feature = ATLAS.features[fid]
    assert shapely.get_num_coordinates(feature.geometry) >= MIN_VERTICES[feature.kind] + 1


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
