"""The notebook API: Atlas.load, add_layer, check, to_map, save_map, save_layer, export."""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely import box

from geo import Atlas, AtlasError, ClaimError, LayerError
from geo.errors import AtlasWarning, OutputExistsError
from tests.data_helpers import BUNDLED
from tests.helpers import SQUARE, collection, feature, square_claim, stated

#: A square of about 1 km² just inside Yuen Long, in HK1980 Grid metres (EPSG:2326).
HK1980_SQUARE = box(822_000, 832_000, 823_000, 833_000)


def hk1980_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["grid_square"], "name": ["Grid square"]}, geometry=[HK1980_SQUARE], crs="EPSG:2326"
    )


def test_load_reads_the_bundled_layers_and_claims():
    atlas = Atlas.load()
    assert {"hetao_hk_park", "qianhai"} <= set(atlas.features)
    assert len(atlas.claims) == len(BUNDLED.claims)


def test_check_has_the_same_rows_as_the_cli_csv():
    frame = Atlas.load().check()
    assert list(frame.columns[:3]) == ["check", "id", "name"]
    assert set(frame.check) == {"area", "claim"}
    assert frame.ok.all()
    row = frame[(frame.id == "hetao_hk_park") & (frame.check == "area")].iloc[0]
    assert row.stated_ha == 87 and abs(row.deviation_pct) < 2


def test_geodataframe_in_hk1980_is_reprojected_and_checked():
    atlas = Atlas.load().add_layer(
        hk1980_frame(),
        name="Grid",
        stated={"grid_square": [stated(as_stated="1 km²", value=1, unit="km²", hectares=100)]},
        claims=[
            {
                "id": "square_in_nm",
                "claim": "In the Northern Metropolis",
                "sentence": "A test.",
                "test": "within",
                "feature": "grid_square",
                "container": "northern_metropolis",
            }
        ],
    )
    geometry = atlas.features["grid_square"].geometry
    west, south, east, north = geometry.bounds
    assert 113.9 < west < east < 114.4 and 22.3 < south < north < 22.6
    frame = atlas.check()
    area = frame[frame.id == "grid_square"].iloc[0]
    assert area.computed_ha == pytest.approx(100, rel=0.002)  # HK1980 grid scale factor ~1
    assert frame[frame.id == "square_in_nm"].iloc[0].ok


def test_geodataframe_without_crs_but_lon_lat_warns():
    frame = hk1980_frame().to_crs(4326).set_crs(None, allow_override=True)
    with pytest.warns(AtlasWarning, match="no CRS"):
        Atlas.load().add_layer(frame, name="No CRS")


def test_geodataframe_without_crs_in_metres_is_an_error():
    frame = hk1980_frame().set_crs(None, allow_override=True)
    with pytest.raises(LayerError, match="no CRS and its coordinates are not longitude/latitude"):
        Atlas.load().add_layer(frame, name="Metres")


def test_bad_layer_leaves_the_atlas_unchanged():
    atlas = Atlas.load()
    before = (len(atlas.layers), len(atlas.claims))
    with pytest.raises(LayerError, match="ring 0 is not closed"):
        atlas.add_layer(collection(feature("broken", coords=SQUARE[:-1])), name="Broken")
    bad_claim = {"id": "c", "claim": "x", "sentence": "y", "test": "within", "feature": "a", "container": "b"}
    with pytest.raises(ClaimError, match="names feature 'a', which no layer has"):
        atlas.add_layer(collection(), name="Claims", claims=[bad_claim])
    assert (len(atlas.layers), len(atlas.claims)) == before


def test_errors_are_value_errors_with_the_cli_message():
    with pytest.raises(ValueError) as caught:
        Atlas.load().add_layer(collection(feature("Bad Id")), name="X")
    assert isinstance(caught.value, AtlasError)
    assert str(caught.value).startswith("<X>: feature 'Bad Id' (#0): id 'Bad Id' is not lowercase snake_case")


@pytest.mark.slow
def test_to_map_shows_an_added_layer():
    atlas = Atlas.load().add_layer(hk1980_frame(), name="Grid")
    m = atlas.to_map()
    assert isinstance(m, folium.Map)
    html = m.get_root().render()
    assert '"Grid square"' in html and "Grid" in html


def test_save_layer_round_trips_and_never_overwrites_unasked(tmp_path):
    atlas = Atlas.load().add_layer(hk1980_frame(), name="Grid")
    folder = tmp_path / "layers"
    path = atlas.save_layer("Grid", folder / "grid.geojson")
    again = Atlas.load(folder)
    assert again.features["grid_square"].geometry.equals_exact(atlas.features["grid_square"].geometry, 1e-6)
    before = path.read_bytes()
    with pytest.raises(OutputExistsError, match="pass overwrite=True"):
        atlas.save_layer("Grid", path)
    assert path.read_bytes() == before
    atlas.save_layer("Grid", path, overwrite=True)
    assert json.loads(path.read_text())["name"] == "Grid"


def test_save_layer_keeps_claims_inside_the_file(tmp_path):
    claim = square_claim()
    atlas = Atlas(layers=[], claims=[]).add_layer(collection(), name="Mine", claims=[claim])
    atlas.save_layer("Mine", tmp_path / "mine.geojson")
    assert [c.id for c in Atlas.load(tmp_path).claims] == ["sq"]


@pytest.mark.parametrize("suffix", [".geojson"])  # .gpkg: tests/test_geopackage.py
def test_export(tmp_path, suffix):
    path = Atlas.load().export(tmp_path / f"atlas{suffix}")
    frame = gpd.read_file(path)
    assert len(frame) == len(BUNDLED.ids) and frame.crs.to_epsg() == 4326
    hk = frame[frame.id == "hetao_hk_park"].iloc[0]
    assert hk.area_ha == pytest.approx(87, rel=0.02)
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_export_refuses_unknown_formats(tmp_path):
    with pytest.raises(ValueError, match=r"use a name ending in \.gpkg"):
        Atlas.load().export(tmp_path / "atlas.shp")


def test_save_map_writes_one_file(tmp_path):
    path = Atlas.load().save_map(tmp_path / "map.html", self_contained=False)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.parametrize(
    ("geometry", "props", "fragment"),
    [
        (
            shapely.Polygon([(114.06, 22.5), (114.07, 22.51), (114.07, 22.5), (114.06, 22.51)]),
            {},
            "crosses itself",
        ),
        (shapely.box(22.50, 114.06, 22.51, 114.07), {}, "look like [lat, lon]"),
        (None, {}, "has no geometry"),
        (shapely.box(114.06, 22.50, 114.07, 22.51), {"id": "Bad Id"}, "not lowercase snake_case"),
        (
            shapely.LinearRing([(114.06, 22.5), (114.07, 22.5), (114.07, 22.51)]),
            {},
            "'LinearRing' is not supported",
        ),
    ],
    ids=["bowtie", "swapped", "no_geometry", "bad_id", "linear_ring"],
)
def test_geodataframe_problems_read_as_for_files(geometry, props, fragment):
    row = {"id": "thing", "name": "Thing", **props}
    frame = gpd.GeoDataFrame([row], geometry=[geometry], crs="EPSG:4326")
    good = gpd.GeoDataFrame(
        [{"id": "fine", "name": "Fine"}], geometry=[shapely.box(114.0, 22.4, 114.01, 22.41)], crs="EPSG:4326"
    )
    with pytest.raises(LayerError) as caught:
        Atlas(layers=[], claims=[]).add_layer(pd.concat([good, frame], ignore_index=True), name="Frame")
    assert len(caught.value.problems) == 1
    assert fragment in str(caught.value) and "(#1)" in str(caught.value)
