"""GeoParquet `geo` metadata that lies, layers of zero rows, add_layer("x.parquet") (issue 25)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import box

from geo import Atlas
from geo.cli import main
from geo.errors import AtlasWarning, LayerError
from tests.helpers import collection, feature, square_claim, stated

Edit = Callable[[Any], Any]


def layer_with_geo(folder: Path, edit: Edit | None = None, *, rows: int = 1) -> Path:
    """A one-file layers folder whose ``geo`` metadata is ``edit(the metadata geopandas wrote)``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "squares.parquet"
    frame = gpd.GeoDataFrame(
        {"id": [f"sq_{i}" for i in range(rows)], "name": [f"Square {i}" for i in range(rows)]},
        geometry=[box(114.06, 22.50, 114.07, 22.51)] * rows,
        crs=4326,
    )
    frame.to_parquet(path)
    if edit is not None:
        table = pq.read_table(path)
        metadata = dict(table.schema.metadata)
        edited = edit(json.loads(metadata[b"geo"]))
        metadata[b"geo"] = edited if isinstance(edited, bytes) else json.dumps(edited).encode()
        pq.write_table(table.replace_schema_metadata(metadata), path)
    return path


def with_crs(crs: Any) -> Edit:
    def edit(geo: dict[str, Any]) -> dict[str, Any]:
        geo["columns"]["geometry"]["crs"] = crs
        return geo

    return edit


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda geo: [1, 2], "'geo' metadata is a JSON array, not an object"),
        (lambda geo: "geometry", "'geo' metadata is a JSON string, not an object"),
        (lambda geo: None, "'geo' metadata is a JSON null, not an object"),
        (lambda geo: b"\xff\xfe{", "'geo' metadata is not JSON text"),
        (lambda geo: {**geo, "columns": []}, "has no 'columns' object"),
        (lambda geo: {**geo, "columns": {}}, "has no 'columns' object"),
        (
            lambda geo: {**geo, "columns": {"geometry": "WKB"}},
            "column 'geometry' with a JSON string",
        ),
        (
            lambda geo: {**geo, "primary_column": "shape"},
            "primary column 'shape', which the file does",
        ),
        (lambda geo: {**geo, "primary_column": 7}, "'primary_column' that is a JSON number"),
        (with_crs({"type": "nonsense"}), "gives column 'geometry' a CRS that cannot be used"),
        (with_crs({"id": {"authority": "EPSG", "code": 999999}}), "a CRS that cannot be used"),
        (with_crs("EPSG:999999"), "a CRS that cannot be used (Invalid projection: EPSG:999999"),
        (with_crs(["EPSG", 2326]), "a CRS that cannot be used (a JSON array, not PROJJSON)"),
        (with_crs(4326), "a CRS that cannot be used (a JSON number, not PROJJSON)"),
    ],
    ids=[
        "list",
        "string",
        "null",
        "not-utf8",
        "columns-list",
        "columns-empty",
        "column-not-object",
        "primary-missing",
        "primary-number",
        "projjson-garbage",
        "epsg-does-not-exist",
        "epsg-text-does-not-exist",
        "crs-list",
        "crs-number",
    ],
)
def test_geo_metadata_that_lies_is_one_line_and_exit_2(tmp_path, capsys, edit, fragment):
    path = layer_with_geo(tmp_path / "layers", edit)
    assert main(["check", "--layers", str(path.parent)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"gba-atlas: error: {path}: its GeoParquet ") and "; fix: write it" in lines[0]
    assert fragment in lines[0], err


def test_geo_metadata_that_lies_is_a_layer_error_in_the_api(tmp_path):
    path = layer_with_geo(tmp_path / "layers", lambda geo: [geo])
    with pytest.raises(LayerError, match="JSON array, not an object") as caught:
        Atlas.load(path.parent)
    assert [p.file for p in caught.value.problems] == [str(path)]


def test_usable_crs_values_still_read(tmp_path):
    """A null CRS (lon/lat, taken as WGS84 with a warning), EPSG text and full PROJJSON are not refused."""
    from pyproj import CRS

    layer_with_geo(tmp_path / "null", with_crs(None))
    with pytest.warns(AtlasWarning, match="no CRS"):
        assert list(Atlas.load(tmp_path / "null").features) == ["sq_0"]
    for name, crs in [("text", "EPSG:4326"), ("projjson", CRS.from_epsg(4326).to_json_dict())]:
        layer_with_geo(tmp_path / name, with_crs(crs))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert list(Atlas.load(tmp_path / name).features) == ["sq_0"]
    (tmp_path / "grid").mkdir()
    grid = gpd.GeoDataFrame({"id": ["grid"], "name": ["Grid"]}, geometry=[box(822e3, 832e3, 823e3, 833e3)])
    grid.set_crs(2326).to_parquet(tmp_path / "grid" / "grid.parquet")
    assert Atlas.load(tmp_path / "grid").features["grid"].area_ha == pytest.approx(100, rel=1e-3)


def test_a_parquet_layer_of_zero_rows_is_refused_like_an_empty_geojson(tmp_path, capsys):
    (tmp_path / "json").mkdir()
    (tmp_path / "json" / "squares.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": []})
    )
    path = layer_with_geo(tmp_path / "pq", rows=0)
    assert main(["check", "--layers", str(tmp_path / "json")]) == 2
    from_json = capsys.readouterr().err.strip()
    assert main(["check", "--layers", str(path.parent)]) == 2
    from_parquet = capsys.readouterr().err.strip()
    assert from_parquet == f"gba-atlas: error: {path}: has no features; fix: add at least one Feature"
    assert from_json.split(": ", 3)[3] == from_parquet.split(": ", 3)[3]


def test_zero_rows_beside_a_good_layer_still_names_the_empty_file(tmp_path):
    layer_with_geo(tmp_path / "layers", rows=2)
    empty = gpd.GeoDataFrame({"id": [], "name": []}, geometry=[], crs=4326)
    empty.to_parquet(tmp_path / "layers" / "zero.parquet")
    with pytest.raises(LayerError, match=r"zero\.parquet: has no features") as caught:
        Atlas.load(tmp_path / "layers")
    assert len(caught.value.problems) == 1


# ------------------------------------------------ a .parquet path given to add_layer


def test_add_layer_reads_a_parquet_path_as_geoparquet(tmp_path):
    atlas = Atlas(layers=[], claims=[]).add_layer(collection(), name="Mine", claims=[square_claim()])
    path = atlas.save_layer("Mine", tmp_path / "mine.parquet")
    for given in (path, str(path)):
        again = Atlas(layers=[], claims=[]).add_layer(given, name="Again")
        assert again.layer("Again").features[0].stated == atlas.layer("Mine").features[0].stated
        assert [c.id for c in again.claims] == ["sq"]  # the claims the file carries
        assert again.report() == atlas.report()


def test_add_layer_from_parquet_takes_stated_and_claims_arguments(tmp_path):
    frame = gpd.GeoDataFrame.from_features([feature(stated=None)], crs=4326).drop(columns="stated")
    frame.to_parquet(tmp_path / "bare.parquet")
    atlas = Atlas(layers=[], claims=[]).add_layer(
        tmp_path / "bare.parquet", name="P", stated={"test_square": [stated()]}, claims=[square_claim()]
    )
    assert len(atlas.layer("P").features[0].stated) == 1
    assert [c.id for c in atlas.claims] == ["sq"]
    assert atlas.layer("P").path == tmp_path / "bare.parquet"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: p.write_bytes(b"PAR1 not really"), "cannot be read as Parquet"),
        (lambda p: layer_with_geo(p.parent, lambda geo: [geo]).rename(p), "JSON array, not an object"),
        (lambda p: layer_with_geo(p.parent, rows=0).rename(p), "has no features"),
    ],
    ids=["not-parquet", "bad-geo-metadata", "zero-rows"],
)
def test_add_layer_from_a_bad_parquet_names_the_file_not_utf8(tmp_path, make, fragment):
    path = tmp_path / "d" / "bad.parquet"
    path.parent.mkdir()
    make(path)
    with pytest.raises(LayerError) as caught:
        Atlas(layers=[], claims=[]).add_layer(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and fragment in message and "UTF-8" not in message


@pytest.mark.parametrize(
    ("suffix", "kind"), [(".gpkg", "a GeoPackage"), (".shp", "a shapefile"), (".CSV", "a CSV")]
)
def test_add_layer_names_the_formats_it_reads_for_other_files(tmp_path, suffix, kind):
    path = tmp_path / f"data{suffix}"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(LayerError) as caught:
        Atlas(layers=[], claims=[]).add_layer(path)
    message = str(caught.value)
    assert f"{path}: is {kind}" in message and "GeoParquet (.parquet)" in message
    assert "geopandas.read_file" in message and "UTF-8" not in message
