"""Large layers: encoded compactly, drawn in bulk on a canvas, explained on hover."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.affinity

from geo import Atlas
from geo.map import bulk
from geo.map.bulk import BULK_THRESHOLD, encode_polygons, is_bulk
from geo.map.varint import varint_bytes
from tests.browser_helpers import MAP, go_to, open_map, screen_point
from tests.bulk_helpers import decode_vertices


def footprints(n: int, *, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    centres = np.column_stack([114.0 + rng.random(n) * 0.05, 22.45 + rng.random(n) * 0.03])
    polygons = [shapely.Point(x, y).buffer(0.0002, quad_segs=3) for x, y in centres]
    return gpd.GeoDataFrame(
        {"id": [f"b_{i}" for i in range(n)], "name": [f"Building {i}" for i in range(n)]},
        geometry=polygons,
        crs="EPSG:4326",
    )


def closing_dropped(geometries: np.ndarray) -> np.ndarray:
    rings = shapely.get_rings(shapely.get_parts(geometries))
    coords = shapely.get_coordinates(rings)
    keep = np.ones(len(coords), dtype=bool)
    keep[np.cumsum(shapely.get_num_coordinates(rings)) - 1] = False
    return coords[keep]


def test_encoding_round_trips_multipolygons_and_holes_within_a_tenth_of_a_metre():
    with_hole = shapely.Polygon(
        [(114.0, 22.4), (114.01, 22.4), (114.01, 22.41), (114.0, 22.41)],
        [[(114.002, 22.402), (114.002, 22.404), (114.004, 22.404), (114.004, 22.402)]],
    )
    parts = shapely.MultiPolygon([shapely.box(113.5, 22.1, 113.500123, 22.100456), with_hole])
    geometries = np.array([parts, with_hole], dtype=object)
    encoded = encode_polygons(geometries)
    assert (
        encoded["parts"] == [2, 1] and encoded["rings"] == [1, 2, 2] and encoded["counts"] == [4, 4, 4, 4, 4]
    )
    html = f'<script type="application/json" id="bulk_overlay_1">{json.dumps(encoded)}</script>\n'
    decoded = decode_vertices(html)
    source = closing_dropped(geometries)
    assert decoded.shape == source.shape
    assert np.abs(decoded - source).max() <= 0.5e-6  # half a microdegree: < 0.06 m


def test_encoding_round_trips_batches_of_plain_polygons_beside_batches_with_holes(monkeypatch):
    """Batches of one-ring polygons take a shorter road than those with holes or parts: same numbers."""
    monkeypatch.setattr(bulk, "ENCODE_BATCH", 3)
    ring = shapely.box(114.0, 22.4, 114.001, 22.401)
    holed = shapely.Polygon(ring.exterior, [shapely.box(114.0002, 22.4002, 114.0004, 22.4004).exterior])
    plain = [shapely.affinity.translate(ring, 0.01 * i, -0.003 * i) for i in range(7)]
    geometries = np.array(
        [*plain[:4], holed, *plain[4:], shapely.MultiPolygon([ring, plain[6]])], dtype=object
    )
    encoded = encode_polygons(geometries)
    assert encoded["parts"] == [1] * 8 + [2] and encoded["rings"] == [1] * 4 + [2] + [1] * 5
    html = f'<script type="application/json" id="bulk_overlay_1">{json.dumps(encoded)}</script>\n'
    assert np.abs(decode_vertices(html) - closing_dropped(geometries)).max() <= 0.5e-6


def test_varints_round_trip_large_and_negative_integers():
    values = np.array([0, 1, -1, 63, -64, 64, 2**31, -(2**40), 2**61, -(2**61)], dtype=np.int64)
    values = np.concatenate([values, np.random.default_rng(3).integers(-(2**35), 2**35, 1000)])
    assert (bulk.varint_integers(bulk.varint_base64(values)) == values).all()
    assert bulk.varint_base64(np.array([], dtype=np.int64)) == ""


def leb128(values: np.ndarray) -> bytes:
    """Zigzag LEB128 one value at a time, as the format says: the reference for the array encoder."""
    out = bytearray()
    for value in values.tolist():
        zigzag = (value << 1) ^ (value >> 63)
        while zigzag > 0x7F:
            out.append(zigzag & 0x7F | 0x80)
            zigzag >>= 7
        out.append(zigzag)
    return bytes(out)


@pytest.mark.parametrize("wide_at", ["start", "end", "everywhere", "nowhere"])
def test_varint_bytes_are_those_of_leb128_value_by_value(wide_at):
    """Values of one to nine bytes, the wide ones first, last, throughout or nowhere."""
    rng = np.random.default_rng(4)
    narrow = rng.integers(-64, 64, 500)
    wide = rng.integers(-(2**61), 2**61, 200) >> rng.integers(0, 61, 200)  # every length
    values = {
        "start": np.concatenate([wide, narrow]),
        "end": np.concatenate([narrow, wide]),
        "everywhere": rng.permutation(np.concatenate([narrow, wide])),
        "nowhere": narrow,
    }[wide_at]
    assert varint_bytes(values) == leb128(values)
    assert (bulk.varint_integers(bulk.varint_base64(values)) == values).all()


def test_bulk_areas_are_the_features_own_areas():
    layer = Atlas(layers=[], claims=[]).add_layer(footprints(BULK_THRESHOLD + 5), name="L").layer("L")
    spec = bulk.bulk_spec(layer, {})
    assert spec["area_ha"] == [round(f.area_m2 / 10_000, 4) for f in layer]
    assert spec["ids"] == [f.id for f in layer] and len(spec["parts"]) == len(layer.features)


def test_bulk_json_is_safe_in_the_page_and_refuses_non_finite_areas():
    gdf = footprints(BULK_THRESHOLD + 1)
    gdf.loc[7, "name"] = "</script><img src=x onerror=alert(1)> {{ 7*7 }} \u2028"
    html = Atlas(layers=[], claims=[]).add_layer(gdf, name="L").to_html()
    (data,) = re.findall(r'<script type="application/json" id="bulk_[^"]+">(.*?)</script>', html, re.S)
    assert "<" not in data and "{{" not in data and "\u2028" not in data
    assert json.loads(data)["names"][7] == gdf.loc[7, "name"]
    layer = Atlas(layers=[], claims=[]).add_layer(footprints(BULK_THRESHOLD + 1), name="M").layer("M")
    spec = bulk.bulk_spec(layer, {})
    with pytest.raises(ValueError, match="finite areas"):
        bulk.BulkOverlay({**spec, "area_ha": [float("nan"), *spec["area_ha"][1:]]})


def test_only_large_polygon_layers_are_drawn_in_bulk():
    small = Atlas(layers=[], claims=[]).add_layer(footprints(BULK_THRESHOLD), name="Small")
    large = Atlas(layers=[], claims=[]).add_layer(footprints(BULK_THRESHOLD + 1), name="Large")
    assert not is_bulk(small.layer("Small")) and is_bulk(large.layer("Large"))


@pytest.fixture(scope="module")
def big_atlas() -> Atlas:
    return Atlas.load().add_layer(footprints(2_000), name="Buildings")


def test_bulk_layer_is_one_overlay_one_legend_entry_and_exact_vertices(big_atlas):
    html = big_atlas.to_html()
    assert html.count("gbaAtlas.addBulk(") == 1 and html.count('type="application/json" id="bulk_') == 1
    assert html.count('"Building 17"') == 1  # in the names array only: no per-feature overlay or go-to entry
    assert "Buildings" in html
    decoded = decode_vertices(html)
    source = closing_dropped(np.array([f.geometry for f in big_atlas.layer("Buildings")], dtype=object))
    assert np.abs(decoded - source).max() <= 0.5e-6


def panel_rows(html: str) -> list[dict]:
    call = re.search(r"gbaAtlas\.addPanel\(\w+, (.*), \[[\w, ]*\]\);\n", html)
    assert call
    return [entry for group in json.loads(call.group(1))["en"]["layers"] for entry in group["entries"]]


def test_bulk_layer_has_a_text_alternative_in_the_panel(big_atlas):
    """Its name and feature count; its features' names when there are not too many to list."""
    (row,) = [r for r in panel_rows(big_atlas.to_html()) if r["name"] == "Buildings"]
    assert row["bulk"] == {"count": 2_000, "names": []}
    some = Atlas.load().add_layer(footprints(300), name="Some buildings")
    (row,) = [r for r in panel_rows(some.to_html()) if r["name"] == "Some buildings"]
    assert row["bulk"]["count"] == 300
    assert row["bulk"]["names"] == [f"Building {i}" for i in range(300)]


@pytest.mark.slow
@pytest.mark.browser
def test_bulk_layer_draws_and_explains_a_feature_on_hover(big_atlas, offline_page: Any, tmp_path: Path):
    path = tmp_path / "map.html"
    big_atlas.save_map(path, self_contained=True)
    page = open_map(offline_page, path)
    assert offline_page.errors == []
    count = page.locator(".gba-layer", has_text="Buildings").locator(".gba-bulk-count").text_content()
    assert count == "2,000 features, too many to list here: point at or tap them on the map"
    go_to(page, "Buildings")
    drawn = page.evaluate(f"Object.values({MAP}._layers).find(l => l._spec)._data.features.length")
    assert drawn == 2_000
    assert page.evaluate(f"Object.keys({MAP}._layers).length") < 100  # one layer for 2,000 polygons
    assert page.locator("canvas.gba-bulk").count() == 1
    feature = big_atlas.layer("Buildings").features[0]
    x, y = screen_point(page, feature)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tip = page.locator(".leaflet-tooltip.gba-bulk-tip .gba-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.text_content() or ""
    assert "Building 0" in text and " ha" in text and "id: b_0" in text
    # it lies inside the Northern Metropolis, whose tooltip gives way to the building's
    visible = page.locator(".leaflet-tooltip:not(.gba-label)").evaluate_all(
        "tips => tips.filter(t => getComputedStyle(t).display !== 'none').length"
    )
    assert visible == 1
    page.mouse.click(*screen_point(page, feature))
    page.locator(".leaflet-popup .gba-popup", has_text="Building 0").wait_for(timeout=5_000)
    assert page.locator(".leaflet-popup").count() == 1
    assert offline_page.errors == []
