"""GeoParquet layers: read from a layers folder like GeoJSON ones, written by save_layer and export."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import box

from geo import Atlas
from geo.atlas import BUNDLED_LAYERS
from geo.cli import main
from geo.errors import AtlasWarning, LayerError, OutputExistsError
from geo.io.parquet import METADATA_KEY, parse_members
from tests.data_helpers import BUNDLED
from tests.helpers import SQUARE, collection, feature, read_layer, square_claim, stated, write

#: A 1 km square in HK1980 Grid metres (EPSG:2326), in the New Territories.
HK1980_SQUARE = box(822_000, 832_000, 823_000, 833_000)

CLAIM = square_claim()


def parquet_copy(tmp_path, atlas: Atlas):
    """The bundled folder with every layer saved as GeoParquet instead of GeoJSON."""
    folder = tmp_path / "parquet"
    folder.mkdir()
    for name in ("claims.json", "atlas.json"):
        shutil.copy(BUNDLED_LAYERS / name, folder / name)
    for layer in atlas.layers:
        assert layer.path is not None
        atlas.save_layer(layer.name, folder / f"{layer.path.stem}.parquet")
    return folder


def test_saved_as_geoparquet_the_bundled_layers_give_the_same_report(tmp_path):
    atlas = Atlas.load()
    again = Atlas.load(parquet_copy(tmp_path, atlas))
    assert again.report() == atlas.report()
    for ours, theirs in zip(again.layers, atlas.layers, strict=True):
        members = ("name", "description", "outline")
        assert [getattr(ours, m) for m in members] == [getattr(theirs, m) for m in members]
        assert [f.stated for f in ours] == [f.stated for f in theirs]
        assert [f.properties for f in ours] == [f.properties for f in theirs]
        assert all(a.geometry.equals_exact(b.geometry, 0) for a, b in zip(ours, theirs, strict=True))


def test_a_geopandas_written_geoparquet_file_reads_like_the_same_geojson(tmp_path):
    data = collection(feature("square_a"), feature("square_b", kind="park"))
    write(tmp_path / "json" / "squares.geojson", data)
    frame = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    frame["stated"] = [json.dumps(s) for s in frame["stated"]]
    (tmp_path / "pq").mkdir()
    frame.to_parquet(tmp_path / "pq" / "squares.parquet")
    from_json, from_parquet = Atlas.load(tmp_path / "json"), Atlas.load(tmp_path / "pq")
    assert from_parquet.report() == from_json.report()
    assert from_parquet.layers[0].name == "squares"  # no gba_atlas metadata: the file's stem
    assert from_parquet.features["square_b"].kind == "park"


def test_arrow_columns_reach_the_property_screen_with_their_type_unless_a_value_is_missing(tmp_path):
    from geo.io.parquet_table import arrow_table

    frame = gpd.GeoDataFrame(
        {
            "id": ["a", "b"],
            "name": ["A", "B"],
            "height_m": [1.5, float("nan")],
            "floors": [3, 4],
            "open": [True, False],
        },
        geometry=[box(113.9, 22.5, 114.0, 22.6)] * 2,
        crs="EPSG:4326",
    )
    frame.to_parquet(tmp_path / "a.parquet")
    columns = arrow_table(tmp_path / "a.parquet").columns
    kinds = {name: column.kind for name, column in columns.items()}
    assert kinds == {"id": str, "name": str, "height_m": None, "floors": int, "open": bool}  # NaN: missing
    assert columns["height_m"].values == [1.5, None]


def test_stated_figures_as_an_arrow_list_of_structs_read_like_json_text(tmp_path):
    data = collection(feature("square_a"), feature("square_b", stated=[stated(source={"title": "t",
                      "issuer": "i", "date": "2020"})]))  # fmt: skip
    write(tmp_path / "json" / "squares.geojson", data)
    (tmp_path / "pq").mkdir()
    gpd.GeoDataFrame.from_features(data["features"], crs=4326).to_parquet(tmp_path / "pq" / "sq.parquet")
    assert pa.types.is_list(pq.read_schema(tmp_path / "pq" / "sq.parquet").field("stated").type)
    assert Atlas.load(tmp_path / "pq").report() == Atlas.load(tmp_path / "json").report()


def test_a_crs_other_than_wgs84_is_reprojected(tmp_path):
    frame = gpd.GeoDataFrame({"id": ["grid_square"], "name": ["Grid square"]}, geometry=[HK1980_SQUARE])
    frame.set_crs(2326).to_parquet(tmp_path / "grid.parquet")
    square = Atlas.load(tmp_path).features["grid_square"]
    expected = gpd.GeoSeries([HK1980_SQUARE], crs=2326).to_crs(4326).iloc[0]
    assert shapely.equals_exact(square.geometry.normalize(), expected.normalize(), 1e-9)
    assert square.area_ha == pytest.approx(100, rel=1e-3)


def test_no_crs_is_taken_as_lon_lat_with_a_warning_or_refused(tmp_path):
    lonlat = gpd.GeoDataFrame.from_features([feature()])
    lonlat["stated"] = None
    (tmp_path / "a").mkdir()
    lonlat.to_parquet(tmp_path / "a" / "lonlat.parquet")
    with pytest.warns(AtlasWarning, match="no CRS; its coordinates look like lon/lat"):
        Atlas.load(tmp_path / "a")
    metres = gpd.GeoDataFrame({"id": ["grid"], "name": ["Grid"]}, geometry=[HK1980_SQUARE])
    (tmp_path / "b").mkdir()
    metres.to_parquet(tmp_path / "b" / "metres.parquet")
    with pytest.raises(LayerError, match="gives no CRS and its coordinates are not longitude/latitude"):
        Atlas.load(tmp_path / "b")


def bad_wkb(path) -> None:
    """A two-row layer whose second geometry is not WKB."""
    frame = gpd.GeoDataFrame(
        {"id": ["good", "broken"], "name": ["Good", "Broken"]}, geometry=[box(114, 22.4, 114.01, 22.41)] * 2
    )
    table = pq.read_table(_to_parquet(frame.set_crs(4326), path))
    wkb = table.column("geometry").to_pylist()
    wkb[1] = b"\x01\x03garbage"
    column = table.schema.get_field_index("geometry")
    pq.write_table(table.set_column(column, "geometry", pa.array(wkb, pa.binary())), path)


def bowtie(path) -> None:
    """A layer whose second polygon crosses itself."""
    crossed = shapely.Polygon([(114, 22.4), (114.01, 22.41), (114.01, 22.4), (114, 22.41), (114, 22.4)])
    frame = gpd.GeoDataFrame(
        {"id": ["good", "crossed"], "name": ["Good", "Crossed"]},
        geometry=[box(114, 22.4, 114.01, 22.41), crossed],
        crs=4326,
    )
    _to_parquet(frame, path)


def without_geometry(path) -> None:
    pd.DataFrame({"id": ["a"], "name": ["A"]}).to_parquet(path)


def bad_members(path) -> None:
    frame = gpd.GeoDataFrame({"id": ["a"], "name": ["A"]}, geometry=[box(114, 22.4, 114.01, 22.41)], crs=4326)
    table = pq.read_table(_to_parquet(frame, path))
    metadata = {**table.schema.metadata, METADATA_KEY: b"{not json"}
    pq.write_table(table.replace_schema_metadata(metadata), path)


def _to_parquet(frame, path):
    frame.to_parquet(path)
    return path


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: p.write_text("hello"), "cannot be read as Parquet"),
        (lambda p: p.write_bytes(b""), "cannot be read as Parquet"),
        (without_geometry, "without GeoParquet metadata (no 'geo' key)"),
        (bad_wkb, "feature 'broken' (#1): its geometry is not valid WKB"),
        (bowtie, "feature 'crossed' (#1): "),
        (bad_members, "gba_atlas metadata is not JSON text"),
    ],
    ids=["not-parquet", "empty", "no-geometry", "bad-wkb", "self-crossing", "bad-metadata"],
)
def test_a_bad_parquet_file_is_one_line_per_problem_and_exit_2(tmp_path, capsys, make, fragment):
    path = tmp_path / "layers" / "bad.parquet"
    path.parent.mkdir()
    make(path)
    assert main(["check", "--layers", str(path.parent)]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == "" and "Traceback" not in err
    assert len(lines) == 1, err
    assert lines[0].startswith(f"gba-atlas: error: {path}: ") and "; fix: " in lines[0], err
    assert fragment in lines[0], err


def test_parquet_and_geojson_layers_share_one_id_space(tmp_path):
    write(tmp_path / "a.geojson", collection())
    gdf = gpd.GeoDataFrame.from_features(collection()["features"], crs=4326).drop(columns="stated")
    gdf.to_parquet(tmp_path / "b.parquet")
    with pytest.raises(LayerError, match="test_square"):
        Atlas.load(tmp_path)


def test_save_layer_as_geoparquet_keeps_stated_figures_and_claims(tmp_path):
    atlas = Atlas(layers=[], claims=[]).add_layer(collection(), name="Mine", claims=[CLAIM])
    path = atlas.save_layer("Mine", tmp_path / "mine.parquet")
    again = Atlas.load(tmp_path)
    assert [c.id for c in again.claims] == ["sq"]
    assert again.layer("Mine").features[0].stated == atlas.layer("Mine").features[0].stated
    assert again.report() == atlas.report()
    before = path.read_bytes()
    with pytest.raises(OutputExistsError, match="pass overwrite=True"):
        atlas.save_layer("Mine", path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_saved_geoparquet_is_standard_geoparquet(tmp_path):
    atlas = Atlas.load()
    path = atlas.save_layer("Hetao zone", tmp_path / "hetao.parquet")
    frame = gpd.read_parquet(path)
    assert frame.crs.equals("OGC:CRS84", ignore_axis_order=True)
    assert list(frame.id) == [f.id for f in atlas.layer("Hetao zone")]
    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["version"].startswith("1.") and geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["LineString", "Polygon"]
    members, problems = parse_members(pq.read_schema(path).metadata[METADATA_KEY], file=str(path))
    assert not problems and members["name"] == "Hetao zone" and members["outline"] is True


def test_export_as_geoparquet_can_be_loaded_again(tmp_path):
    atlas = Atlas.load()
    path = atlas.export(tmp_path / "out" / "atlas.parquet")
    frame = gpd.read_parquet(path)
    assert sorted(frame.id) == sorted(BUNDLED.ids)
    assert frame.set_index("id").loc["hetao_hk_park", "area_ha"] == atlas.features["hetao_hk_park"].area_ha
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Atlas.load(path.parent)
    assert [a.computed_ha for a in again.report().areas] == [a.computed_ha for a in atlas.report().areas]


def test_a_property_named_geometry_keeps_its_value(tmp_path):
    data = collection(feature(geometry="drawn from a plan"))
    atlas = Atlas(layers=[], claims=[]).add_layer(data, name="Mine")
    atlas.save_layer("Mine", tmp_path / "mine.parquet")
    square = Atlas.load(tmp_path).features["test_square"]
    assert square.properties["geometry"] == "drawn from a plan" and square.geometry.geom_type == "Polygon"


@pytest.mark.parametrize("suffix", [".geojson", ".parquet"])
def test_a_saved_layer_keeps_its_chinese_name(tmp_path, suffix):
    atlas = Atlas.load()
    atlas.save_layer("Hetao zone", tmp_path / f"hetao{suffix}")
    again = Atlas.load(tmp_path)
    assert again.layer("Hetao zone").name_zh == atlas.layer("Hetao zone").name_zh == "河套合作區"


def test_the_benchmark_parcels_read_the_same_from_geojson_and_geoparquet(tmp_path: Path) -> None:
    """benchmarks/read_large.py's two layer files: the same features, geometries to the last bit."""
    from benchmarks.read_large import write_layer, write_parquet_layer

    from_json = read_layer(write_layer(tmp_path / "json", n=300))
    from_parquet = read_layer(write_parquet_layer(tmp_path / "parquet", n=300))
    assert len(from_json.features) == len(from_parquet.features) == 300
    for a, b in zip(from_json, from_parquet, strict=True):
        assert (a.id, a.name, a.properties["height_m"]) == (b.id, b.name, b.properties["height_m"])
        assert shapely.to_wkb(a.geometry) == shapely.to_wkb(b.geometry)


def test_bad_features_in_geoparquet_give_the_problems_geojson_gives(tmp_path: Path) -> None:
    """Invalid geometries and properties: the same problems, words and order, from both formats."""
    bowtie = [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3], SQUARE[0]]
    features = [
        feature("good_one"),
        feature("bow_tie", bowtie),
        feature("swapped", [[y, x] for x, y in SQUARE]),
        feature("far_east", [[x + 100, y] for x, y in SQUARE]),
        feature("Bad Id"),
        feature("blank_name", name=" "),
        feature("no_stated", stated=None),
        feature("odd_kind", kind=True),  # (7 would be read back as 7.0: a column with gaps is float)
    ]
    for f in features[-3:]:
        del f["properties"]["stated"]
    write(tmp_path / "json" / "bad.geojson", collection(*features))
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    frame["stated"] = [None if s is None or s != s else json.dumps(s) for s in frame["stated"]]
    (tmp_path / "pq").mkdir()
    frame.to_parquet(tmp_path / "pq" / "bad.parquet")

    def problems(folder: Path) -> list[tuple[str, str, str]]:
        with pytest.raises(LayerError) as caught:
            Atlas.load(folder)
        return [(p.where, p.what, p.fix) for p in caught.value.problems]

    from_json = problems(tmp_path / "json")
    assert len(from_json) >= 5
    assert problems(tmp_path / "pq") == from_json
