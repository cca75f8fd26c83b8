"""The map's "Export drawing": what was drawn, as RFC 7946 GeoJSON (exterior rings counter-clockwise)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import shapely

from tests.browser_helpers import open_map

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Leaflet's rectangles run south-west, north-west, north-east, south-east: clockwise.
DRAW_A_RECTANGLE_AND_A_HOLED_POLYGON = """() => {
  const map = Object.values(window).find((value) => value instanceof L.Map);
  const outer = [[22.50, 114.00], [22.52, 114.00], [22.52, 114.02], [22.50, 114.02]];  // clockwise
  const hole = [[22.505, 114.005], [22.505, 114.01], [22.51, 114.01], [22.51, 114.005]];  // counter-clockwise
  for (const layer of [L.rectangle([[22.45, 113.9], [22.47, 113.95]]), L.polygon([outer, hole])]) {
    map.fire(L.Draw.Event.CREATED, { layer, layerType: "polygon" });
  }
}"""


def test_exported_rings_are_oriented_as_rfc_7946_asks(offline_page: Any, bundled_map: Path) -> None:
    page = open_map(offline_page, bundled_map)
    page.evaluate(DRAW_A_RECTANGLE_AND_A_HOLED_POLYGON)
    page.locator(".gba-export").click()
    href = page.locator(".gba-export").get_attribute("href") or ""
    prefix = "data:application/geo+json;charset=utf-8,"
    assert href.startswith(prefix)
    data = json.loads(urllib.parse.unquote(href.removeprefix(prefix)))
    polygons = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
    assert len(polygons) == 2 and len(polygons[1].interiors) == 1
    assert all(p.exterior.is_ccw for p in polygons)
    assert not polygons[1].interiors[0].is_ccw


def test_an_exported_drawing_is_a_layer_file_add_layer_takes(
    offline_page: Any, bundled_map: Path, tmp_path: Path
) -> None:
    """Each feature gets the id and name a layer file wants; the file goes to add_layer as a path."""
    from geo import Atlas

    page = open_map(offline_page, bundled_map)
    page.evaluate(DRAW_A_RECTANGLE_AND_A_HOLED_POLYGON)
    page.locator(".gba-export").click()
    href = page.locator(".gba-export").get_attribute("href") or ""
    text = urllib.parse.unquote(href.removeprefix("data:application/geo+json;charset=utf-8,"))
    data = json.loads(text)
    assert [f["properties"] for f in data["features"]] == [
        {"id": "drawn_1", "name": "Drawn shape 1"},
        {"id": "drawn_2", "name": "Drawn shape 2"},
    ]
    path = tmp_path / "drawn.geojson"
    path.write_text(text, encoding="utf-8")
    atlas = Atlas(layers=[], claims=[]).add_layer(path, name="Drawn")
    assert [f.id for f in atlas.layer("Drawn")] == ["drawn_1", "drawn_2"]
