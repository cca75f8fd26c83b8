"""The GeoPackage export, read back with GDAL (pyogrio): one layer per atlas layer and geometry type."""

from __future__ import annotations

import re
import sqlite3

import pyogrio
import pytest
import shapely

from geo import Atlas
from geo.errors import OutputError, OutputExistsError
from geo.io.geopackage import AREA_CHECK_COLUMNS, CLAIM_COLUMNS, STATED_COLUMNS
from tests.data_helpers import BUNDLED
from tests.gdal_tools import gdal_clean
from tests.helpers import collection, feature


def bundled_tables() -> dict[str, tuple[str | None, int]]:
    """The tables the bundled atlas exports to: ``<layer>_polygons`` / ``_lines`` and the three tables."""
    tables: dict[str, tuple[str | None, int]] = {}
    for layer in BUNDLED.layers:
        slug = re.sub(r"[^a-z0-9]+", "_", layer.name.lower()).strip("_")
        for kind, suffix in (("Polygon", "polygons"), ("LineString", "lines")):
            types = {f["geometry"]["type"] for f in layer.features if f["geometry"]["type"].endswith(kind)}
            rows = sum(f["geometry"]["type"] in types for f in layer.features)
            if rows:  # single and multi parts share one Multi... layer
                tables[f"{slug}_{suffix}"] = (kind if types == {kind} else f"Multi{kind}", rows)
    figures = BUNDLED.stated_figures
    return {
        **tables,
        "stated_figures": (None, figures),
        "area_checks": (None, figures),
        "claims": (None, len(BUNDLED.claims)),
    }


BUNDLED_TABLES = bundled_tables()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    atlas = Atlas.load()
    path = atlas.export(tmp_path_factory.mktemp("gpkg") / "atlas.gpkg")
    return atlas, path


def test_layers_geometry_types_and_row_counts(bundled):
    atlas, path = bundled
    layers = {str(name): geometry_type for name, geometry_type in pyogrio.list_layers(path)}
    assert layers == {name: kind for name, (kind, _) in BUNDLED_TABLES.items()}
    for name, (_, rows) in BUNDLED_TABLES.items():
        assert pyogrio.read_info(path, layer=name)["features"] == rows, name
    assert len(atlas.report().areas) == BUNDLED.stated_figures and len(atlas.claims) == len(BUNDLED.claims)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_spatial_layers_carry_the_measures_in_wgs84(bundled):
    atlas, path = bundled
    polygons = pyogrio.read_dataframe(path, layer="hetao_zone_polygons")
    assert polygons.crs.to_epsg() == 4326
    hk = polygons.set_index("id").loc["hetao_hk_park"]
    assert hk.area_ha == pytest.approx(atlas.features["hetao_hk_park"].area_ha)
    assert shapely.equals_exact(hk.geometry, atlas.features["hetao_hk_park"].geometry, 1e-9)
    lines = pyogrio.read_dataframe(path, layer="hetao_zone_lines")
    assert list(lines.id) == ["shenzhen_river"] and "area_ha" not in lines
    assert lines.length_km.iloc[0] == pytest.approx(atlas.features["shenzhen_river"].length_m / 1000)


def test_tables_link_stated_figures_checks_and_claims_by_feature_id(bundled):
    atlas, path = bundled
    figures = pyogrio.read_dataframe(path, layer="stated_figures")
    checks = pyogrio.read_dataframe(path, layer="area_checks")
    claims = pyogrio.read_dataframe(path, layer="claims")
    assert tuple(figures.columns) == STATED_COLUMNS
    assert tuple(checks.columns) == AREA_CHECK_COLUMNS
    assert tuple(claims.columns) == CLAIM_COLUMNS
    hk_figures = figures[figures.feature_id == "hetao_hk_park"]
    assert list(hk_figures.hectares) == [s.hectares for s in atlas.features["hetao_hk_park"].stated]
    assert hk_figures.source_issuer.iloc[0] == atlas.features["hetao_hk_park"].stated[0].source.issuer
    assert list(checks.feature_id) == list(figures.feature_id)
    assert checks.ok.dtype == bool and checks.ok.all()
    row = claims.set_index("id").loc["one_river_two_banks"]
    assert row.test == "opposite_sides" and bool(row.ok)
    assert set(row.features.split(",")) == {"hetao_hk_park", "hetao_sz_park", "shenzhen_river"}


def test_single_and_multi_part_polygons_share_a_multipolygon_layer(tmp_path):
    multi = {
        "type": "MultiPolygon",
        "coordinates": [feature()["geometry"]["coordinates"]],
    }
    two = collection(feature("one_part"), {**feature("two_parts", stated=[]), "geometry": multi})
    atlas = Atlas(layers=[], claims=[]).add_layer(two, name="Parts & pieces")
    path = atlas.export(tmp_path / "parts.gpkg")
    layers = dict(pyogrio.list_layers(path))
    assert layers["parts_pieces_polygons"] == "MultiPolygon"
    assert pyogrio.read_info(path, layer="claims")["features"] == 0


def test_export_never_overwrites_unasked_and_fails_as_one_line(tmp_path):
    atlas = Atlas.load()
    path = tmp_path / "atlas.gpkg"
    path.write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        atlas.export(path, overwrite=False)
    assert path.read_bytes() == b"old"
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="cannot write"):
        atlas.export(blocker / "atlas.gpkg")


@pytest.mark.slow
def test_gdal_36_opens_it_silently_and_validate_gpkg_passes(bundled):
    _, path = bundled
    gdal_clean(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # GeoPackage 1.2
