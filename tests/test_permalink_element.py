"""The build's side of links to a view: the layer rows' ids and where the page script is called."""

from __future__ import annotations

import re

import folium
import pytest

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.map.build import slug
from geo.map.permalink import Permalink


def test_the_rows_ids_and_the_call_come_before_the_panel_and_the_first_view() -> None:
    html = Atlas.load(BUNDLED_LAYERS).to_html()
    call = re.search(r"gbaAtlas\.keepInUrl\((\w+), (\{.*?\}), \[([\w, ]+)\]\);", html)
    assert call, "the page does not call keepInUrl"
    rows = re.findall(r'"([^"]+)"', call.group(2))[1:]
    assert rows[:4] == ["hetao_zone.outline", "hetao_hk_park", "hetao_sz_park", "shenzhen_river"]
    assert "qianhai" in rows and len(set(rows)) == len(rows)
    assert len(call.group(3).split(", ")) == len(rows)
    assert call.start() < html.index("gbaAtlas.addPanel(") < html.index("gbaAtlas.openOn(")


def test_a_row_id_per_overlay() -> None:
    with pytest.raises(ValueError, match="2 row ids but 1 overlays"):
        Permalink(["a", "b"], [folium.FeatureGroup()])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hetao zone", "hetao_zone"),
        ("  Été 2025!", "été_2025"),
        ("前海 合作區", "前海_合作區"),
        ("--", "layer"),
    ],
)
def test_layer_names_become_url_safe_slugs(name: str, expected: str) -> None:
    assert slug(name) == expected
