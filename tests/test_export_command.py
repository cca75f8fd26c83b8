"""``gba-atlas export`` and ``Atlas.export``: every format opens cleanly in GDAL, with the same fields."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import geopandas as gpd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely

from geo import Atlas
from geo.cli import main
from geo.errors import ExportFormatError
from geo.io.export import EXPORT_DRIVERS
from tests.data_helpers import BUNDLED
from tests.gdal_tools import gdal_clean
from tests.helpers import collection, feature

ENDINGS = [".gpkg", ".geojson", ".parquet", ".csv", ".fgb"]
CW_SQUARE = [[114.0, 22.4], [114.0, 22.41], [114.01, 22.41], [114.01, 22.4], [114.0, 22.4]]


def read(path):
    """Every feature of an export as one frame (the GeoPackage's spatial layers together)."""
    if path.suffix == ".parquet":
        return gpd.read_parquet(path)
    if path.suffix == ".gpkg":
        names = [str(n) for n, kind in pyogrio.list_layers(path) if kind is not None]
        return gpd.pd.concat([pyogrio.read_dataframe(path, layer=n) for n in names], ignore_index=True)
    if path.suffix == ".csv":
        options = {"GEOM_POSSIBLE_NAMES": "wkt", "KEEP_GEOM_COLUMNS": "NO", "AUTODETECT_TYPE": "YES"}
        return pyogrio.read_dataframe(path, **{k.lower(): v for k, v in options.items()})
    return pyogrio.read_dataframe(path)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    for ending in ENDINGS:
        assert main(["export", "--out", str(folder / f"atlas{ending}")]) == 0
    return {path.suffix: path for path in folder.iterdir()}


def test_every_ending_is_written_and_nothing_else(exports):
    assert sorted(exports) == sorted(ENDINGS)
    assert set(ENDINGS) <= set(EXPORT_DRIVERS)


@pytest.mark.slow
@pytest.mark.parametrize("ending", ENDINGS)
def test_gdal_opens_every_export_without_a_word(exports, ending):
    report = gdal_clean(exports[ending])
    if ending != ".parquet":
        assert "Feature Count: " in report


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_line_has_the_same_fields_and_units_in_every_format(exports, ending):
    atlas = Atlas.load()
    frame = read(exports[ending]).set_index("id")
    river, park = frame.loc["shenzhen_river"], frame.loc["hetao_hk_park"]
    assert float(river.length_km) == pytest.approx(atlas.features["shenzhen_river"].length_m / 1000)
    assert "area_ha" not in frame or gpd.pd.isna(river.area_ha)
    assert "perimeter_km" not in frame or gpd.pd.isna(river.perimeter_km)
    assert float(park.area_ha) == pytest.approx(atlas.features["hetao_hk_park"].area_ha)
    assert "length_km" not in frame or gpd.pd.isna(park.length_km)


def test_geojson_is_byte_identical_run_to_run_and_named_after_the_atlas(exports, tmp_path):
    again = tmp_path / "again.geojson"
    assert main(["export", "--out", str(again)]) == 0
    assert again.read_bytes() == exports[".geojson"].read_bytes()
    name = json.loads(again.read_bytes())["name"]
    assert name == "one_river_two_banks_the_hetao_zone_s_hong_kong_park_opens"


@pytest.mark.slow
def test_geojson_converts_with_ogr2ogr_to_geopackage_and_per_type_shapefiles(exports, tmp_path):
    if shutil.which("ogr2ogr") is None:
        pytest.skip("ogr2ogr is missing: apt-get install gdal-bin")
    source = str(exports[".geojson"])
    commands = {  # as the README says (Exports)
        "atlas.gpkg": ["-f", "GPKG"],
        "polygons.shp": ["-f", "ESRI Shapefile", "-nlt", "PROMOTE_TO_MULTI", "-lco", "ENCODING=UTF-8",
                         "-where", "OGR_GEOMETRY IN ('Polygon','MultiPolygon')"],
        "lines.shp": ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8",
                      "-where", "OGR_GEOMETRY='LineString'"],
    }  # fmt: skip
    for name, options in commands.items():
        done = subprocess.run(
            ["ogr2ogr", *options, str(tmp_path / name), source], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "ERROR" not in done.stderr
    assert pyogrio.read_info(tmp_path / "atlas.gpkg")["features"] == len(BUNDLED.ids)
    assert pyogrio.read_info(tmp_path / "polygons.shp")["features"] == len(BUNDLED.polygon_ids)
    assert pyogrio.read_info(tmp_path / "lines.shp")["features"] == 1


def test_geoparquet_has_a_bbox_covering(exports):
    path = exports[".parquet"]
    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["version"] == "1.1.0"
    covering = geo["columns"]["geometry"]["covering"]["bbox"]
    assert covering == {corner: ["bbox", corner] for corner in ("xmin", "ymin", "xmax", "ymax")}
    table = pq.read_table(path)
    frame = gpd.read_parquet(path)
    for box, geometry in zip(table.column("bbox").to_pylist(), frame.geometry, strict=True):
        assert [box["xmin"], box["ymin"], box["xmax"], box["ymax"]] == list(geometry.bounds)


def test_the_csv_opens_in_excel_with_chinese_intact(exports):
    data = exports[".csv"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].decode("utf-8").splitlines()[0].split(",")
    assert header[0] == "id" and header[-1] == "wkt" and "length_km" in header
    assert "河套香港園區" in data.decode("utf-8")


@pytest.mark.parametrize("ending", ENDINGS)
def test_exterior_rings_are_counter_clockwise_even_when_drawn_clockwise(tmp_path, ending):
    cw = feature("cw_square", coords=CW_SQUARE, stated=[])
    atlas = Atlas(layers=[], claims=[]).add_layer(collection(cw), name="Mine")
    assert not shapely.LinearRing(CW_SQUARE).is_ccw
    path = atlas.export(tmp_path / f"mine{ending}")
    geometry = read(path).geometry.iloc[0]
    polygons = getattr(geometry, "geoms", [geometry])
    assert all(shapely.get_exterior_ring(p).is_ccw for p in polygons)


def test_the_geopackage_claims_speak_the_language_asked(tmp_path):
    path = tmp_path / "zh.gpkg"
    assert main(["export", "--out", str(path), "--lang", "zh-Hant"]) == 0
    claims = pyogrio.read_dataframe(path, layer="claims").set_index("id")
    assert claims.loc["hk_park_in_northern_metropolis", "claim"] == "河套香港園區位於北部都會區內"


@pytest.mark.parametrize(
    ("out", "words"),
    [
        ("atlas.shp", "cannot export to atlas.shp: gba-atlas does not write .shp; fix: use a name ending in"),
        ("atlas", "cannot export to atlas: gba-atlas does not write a name without ending"),
        ("folder", "cannot write {tmp}/folder: it is a folder"),
        (
            "blocker/atlas.gpkg",
            "cannot write {tmp}/blocker/atlas.gpkg: {tmp}/blocker is a file, not a folder",
        ),
    ],
)
def test_bad_targets_are_one_line_and_exit_2_with_nothing_written(tmp_path, capsys, out, words):
    (tmp_path / "folder").mkdir()
    (tmp_path / "blocker").write_text("keep")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["export", "--out", str(tmp_path / out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gba-atlas: error: ")
    assert words.format(tmp=tmp_path) in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "blocker").read_text() == "keep"


def test_the_api_refuses_an_unknown_ending_with_the_same_words(tmp_path):
    with pytest.raises(
        ExportFormatError, match=r"gba-atlas does not write \.shp; fix: use a name ending in \.gpkg"
    ):
        Atlas.load().export(tmp_path / "atlas.shp")


def test_fgb_without_gdals_driver_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pyogrio, "list_drivers", lambda **_: {"GPKG": "rw"})
    assert main(["export", "--out", str(tmp_path / "atlas.fgb")]) == 2
    assert capsys.readouterr().err == (
        "gba-atlas: error: cannot export to atlas.fgb: this GDAL has no FlatGeobuf driver; "
        "fix: export to .gpkg or .parquet, or update pyogrio\n"
    )
    assert not list(tmp_path.iterdir())


@pytest.mark.slow  # a subprocess
def test_geoparquet_passes_the_ogc_abstract_tests_covering_and_distribution_included(exports):
    import sys
    from pathlib import Path

    validator = Path(sys.executable).with_name("geoparquet-validator")
    if not validator.exists():
        pytest.skip("geoparquet-validator is missing: pip install -e '.[dev]'")
    done = subprocess.run(
        [str(validator), "check", "--class", "all", str(exports[".parquet"])],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    for conformance in ("core", "covering", "distribution"):
        assert re.search(rf"=> {conformance}: [1-9]\d* pass, 0 fail, \d+ skipped: conformant", done.stdout)
    assert "FAIL" not in done.stdout
