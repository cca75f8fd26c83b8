"""The self-contained map in headless Chromium, offline: what a reader sees and can do.

The layout at the sizes of screens, and the first view, are tested in ``test_map_layout.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.i18n.scripts import Localized
from geo.map.content import ids_as_names
from geo.map.style import colour
from geo.model import Feature
from geo.units import signed_percent
from tests.browser_helpers import (
    MAP,
    VIEWPORT,
    go_to,
    offline_context,
    open_at,
    open_map,
    screen_point,
    settle,
)
from tests.data_helpers import BUNDLED
from tests.helpers import SOURCE, collection, feature, run_cli, stated, write

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HK_PARK = "Hetao Hong Kong Park (Lok Ma Chau Loop)"
TILE_HOSTS = ("https://tile.openstreetmap.org/", "https://server.arcgisonline.com/")
#: A 1×1 grey PNG, served as every tile when a test needs tiles that load.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c633871e2040004b40259162e81400000000049454e44ae426082"
)


@pytest.fixture
def page(offline_page: Any, bundled_map: Path) -> Any:
    return open_map(offline_page, bundled_map)


@pytest.fixture(scope="module")
def first_view(browser: Any, bundled_map: Path) -> Iterator[Any]:
    """The map as opened, one page shared by the tests that only read it."""
    context, errors = offline_context(browser, VIEWPORT["width"], VIEWPORT["height"])
    try:
        yield open_at(context, errors, bundled_map)
        assert errors == []
    finally:
        context.close()


def hover(page: Any, feature: Feature) -> str:
    """Hover the feature; return its tooltip's text."""
    x, y = screen_point(page, feature)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tooltip = page.locator(".leaflet-tooltip .gba-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.text_content() or ""


def texts(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_text_contents()]


# --------------------------------------------------------------------------- #
# The bundled map
# --------------------------------------------------------------------------- #


def test_leaflet_loads_offline_without_errors(page: Any, offline_page: Any) -> None:
    assert page.evaluate('typeof L === "object" && typeof L.map === "function"')
    assert page.evaluate(f"{MAP} instanceof L.Map")
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    # Only map tiles tried the network; every script and stylesheet is inline.
    assert [url for url in offline_page.blocked if not url.startswith(TILE_HOSTS)] == []
    assert [e for e in offline_page.console_errors if "net::ERR_FAILED" not in e] == []


def test_the_panel_lists_every_overlay_under_its_layer(first_view: Any, atlas: Atlas) -> None:
    """The key and the layer switches are one list: a swatch and a checkbox before each name."""
    page = first_view
    overlays = texts(page, ".gba-layer-name")
    for layer in atlas.layers:
        for f in layer:
            assert f.name in overlays
    assert texts(page, ".gba-group") == ["Hetao zone", "Greater Bay Area platforms"]
    # Each heading sits right above its layer's overlays.
    sequence = page.eval_on_selector(
        ".gba-layers",
        "box => [...box.querySelectorAll('.gba-group, .gba-layer-name')].map("
        "  c => (c.classList.contains('gba-group') ? '# ' : '') + c.textContent.trim())",
    )
    expected = []
    for layer in atlas.layers:
        expected.append(f"# {layer.name}")
        if layer.outline:
            expected.append(f"{layer.name} (outline of its parts)")
        expected += [f.name for f in layer]
    assert sequence == expected
    assert page.locator(".gba-layer-row input[type=checkbox]").count() == len(expected) - len(atlas.layers)
    assert page.locator(".gba-layer-row .gba-swatch").count() == len(expected) - len(atlas.layers)
    # The layer control holds the base maps only.
    assert page.locator(".leaflet-control-layers-overlays label").count() == 0
    assert texts(page, ".leaflet-control-layers-base label") == [
        "Street map (OpenStreetMap)",
        "Satellite (Esri World Imagery)",
        "Plain",  # the self-contained map always has the plain base map
    ]


def test_unticking_a_layer_takes_it_off_the_map(page: Any) -> None:
    river = page.locator(".gba-layer-row", has_text="Shenzhen River").locator("input")
    count = page.locator("path.leaflet-interactive").count()
    river.uncheck()
    assert page.locator("path.leaflet-interactive").count() == count - 1
    river.check()
    assert page.locator("path.leaflet-interactive").count() == count


def test_every_platform_is_drawn_in_its_colour(first_view: Any, atlas: Atlas) -> None:
    page = first_view
    features = [f for layer in atlas.layers for f in layer]
    assert page.locator("path.leaflet-interactive").count() >= len(features)
    strokes = page.eval_on_selector_all(
        "path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('stroke').toUpperCase())"
    )
    assert {colour(i) for i in range(len(features))} <= set(strokes)


def test_hovering_a_platform_shows_stated_and_computed_areas(
    page: Any, atlas: Atlas, check_json: dict
) -> None:
    go_to(page, HK_PARK)
    text = hover(page, atlas.features["hetao_hk_park"])
    assert text.startswith(HK_PARK + "河套香港園區")
    rows = [a for a in check_json["areas"] if a["id"] == "hetao_hk_park"]
    assert len(rows) == 3
    for a in rows:
        line = (
            f"stated {a['stated']} ({a['stated_ha']:,.1f} ha) · computed {a['computed_ha']:,.1f} ha · "
            f"{signed_percent(a['deviation_pct'])} %"
        )
        assert line in text


def test_a_small_platform_stays_reachable_inside_a_large_one(page: Any, atlas: Atlas) -> None:
    """The Hong Kong Park lies inside the Northern Metropolis: it must stay on top, also after toggling."""
    go_to(page, HK_PARK)
    assert hover(page, atlas.features["hetao_hk_park"]).startswith(HK_PARK)
    page.mouse.move(5, 5)
    metropolis = page.locator(".gba-layer-row", has_text="Northern Metropolis")
    metropolis.locator("input").uncheck()
    metropolis.locator("input").check()
    assert hover(page, atlas.features["hetao_hk_park"]).startswith(HK_PARK)


def test_clicking_a_platform_opens_its_popup(page: Any, atlas: Atlas) -> None:
    go_to(page, HK_PARK)
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup .gba-popup")
    popup.wait_for(state="visible", timeout=5_000)
    assert popup.locator(".gba-title").text_content() == HK_PARK
    assert texts(page, ".gba-popup .gba-heading") == [
        "Stated figures",
        "Computed (geodesic, WGS84)",
        "Claims",
        "Also called",
        "Digitized from",
    ]
    text = popup.text_content() or ""
    assert "Area: 87.0 ha = 0.870 km²" in text
    assert "The Hetao Hong Kong Park lies in the Northern Metropolis" in text
    link = popup.locator("a", has_text="Xinhua News Agency")
    assert link.get_attribute("href") == "http://en.people.cn/n3/2025/1223/c90000-20405526.html"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # Sources without a URL are text, not links.
    assert popup.locator("a").count() == 1


@pytest.fixture(scope="module")
def check_json() -> dict:
    result = run_cli("check", "--layers", str(BUNDLED_LAYERS), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_panel_shows_the_numbers_of_geo_check(first_view: Any, check_json: dict) -> None:
    page = first_view
    tables = page.locator(".gba-panel table.gba-table")
    assert tables.count() == 2
    rows = (
        tables.nth(0)
        .locator("tr")
        .evaluate_all("rows => rows.slice(1).map(r => [...r.children].map(c => c.textContent))")
    )
    expected = [
        [
            a["name"],
            f"{a['stated']} ({a['stated_ha']:,.1f} ha)",
            f"{a['computed_ha']:,.1f}\n{signed_percent(a['deviation_pct'])} % (±{a['tolerance_pct']:g} %)",
            "✓" if a["ok"] else "✗",
        ]
        for a in check_json["areas"]
    ]
    assert len(expected) == BUNDLED.stated_figures
    assert rows == expected
    claims = (
        tables.nth(1)
        .locator("tr")
        .evaluate_all("rows => rows.slice(1).map(r => [...r.children].map(c => c.textContent))")
    )
    # the measurement names the features where `check` gives their ids
    names = {f.id: f.name for f in Atlas.load(BUNDLED_LAYERS).features.values()}
    details = [
        ids_as_names(c["detail"], {i: Localized(n) for i, n in names.items()}) for c in check_json["claims"]
    ]
    assert claims == [
        [c["claim"], d, "✓" if c["ok"] else "✗"] for c, d in zip(check_json["claims"], details, strict=True)
    ]
    summary = page.locator(".gba-panel summary").text_content()
    assert summary == ("Area checks — all hold" if check_json["ok"] else "Area checks — some FAIL")


CONTROLS = [
    ".leaflet-control-scale",
    ".leaflet-control-zoom-fullscreen",
    ".leaflet-control-measure",
    ".leaflet-control-minimap",
    ".leaflet-draw",
    ".leaflet-control-layers",
    ".gba-layers",
    ".gba-side-title",
    ".gba-goto",
    ".gba-export",
]


def test_every_control_is_on_the_page(first_view: Any) -> None:
    page = first_view
    missing = [selector for selector in CONTROLS if not page.locator(selector).first.is_visible()]
    assert missing == []


def test_mouse_position_is_empty_until_the_pointer_is_on_the_map(page: Any) -> None:
    position = page.locator(".leaflet-control-mouseposition")
    assert position.text_content() == ""
    assert not position.is_visible()
    box = page.locator(".folium-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert (position.text_content() or "").startswith("lat/lon")
    assert position.is_visible()


def test_the_minimap_follows_the_base_map(offline_page: Any, bundled_map: Path) -> None:
    # tiles that load (blank ones): offline, the map would fall back to the plain base map
    offline_page.page.route(
        lambda url: url.startswith(TILE_HOSTS),
        lambda route: route.fulfill(body=BLANK_PNG, content_type="image/png"),
    )
    page = open_map(offline_page, bundled_map)

    def minimap_tiles() -> list[str]:
        return page.eval_on_selector_all(
            ".leaflet-control-minimap img.leaflet-tile", "tiles => tiles.map(t => t.src.split('/')[2])"
        )

    assert set(minimap_tiles()) == {"tile.openstreetmap.org"}
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-base label", has_text="Satellite").click()
    settle(page)
    assert set(minimap_tiles()) == {"server.arcgisonline.com"}


def test_export_with_nothing_drawn_says_so(page: Any) -> None:
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.locator(".gba-export").click()
    status = page.locator(".gba-export-status")
    assert status.text_content() == "Nothing to export yet: draw a line, shape or marker first."
    assert status.get_attribute("role") == "status"
    page.wait_for_timeout(300)
    assert downloads == []


def test_export_link_is_not_hidden_under_a_control(first_view: Any) -> None:
    page = first_view
    box = page.locator(".gba-export").bounding_box()
    assert box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).className").startswith("gba-export")
    style = page.locator(".gba-export").evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine]"
    )
    assert style == ["rgb(0, 0, 0)", "none"]  # styled as a map tool, not as a link in the page
    assert page.locator(".gba-export").get_attribute("aria-label") == "Export drawing"


def test_a_drawn_polygon_is_exported_as_geojson(page: Any) -> None:
    page.locator(".leaflet-draw-draw-polygon").click()
    box = page.locator(".folium-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((0, 0), (80, 0), (80, 60), (0, 0)):
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(100)
    with page.expect_download() as download_info:
        page.locator(".gba-export").click()
    download = download_info.value
    assert download.suggested_filename == "drawn.geojson"
    drawn = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert drawn["type"] == "FeatureCollection"
    assert [f["geometry"]["type"] for f in drawn["features"]] == ["Polygon"]
    assert len(drawn["features"][0]["geometry"]["coordinates"][0]) == 4  # a triangle, closed


def test_measuring_does_not_move_the_map(page: Any) -> None:
    before = page.evaluate(f"{MAP}.getCenter()")
    page.locator(".leaflet-control-measure").hover()
    page.locator(".leaflet-control-measure .js-start").click()
    box = page.locator(".folium-map").bounding_box()
    for dx in (0, 120):
        page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)
    assert page.locator(".leaflet-control-measure .js-results").inner_text().strip()
    assert page.evaluate(f"{MAP}.getCenter()") == before


def test_labels_show_once_zoomed_to_the_hetao_zone(page: Any) -> None:
    # The map opens on the Hetao zone: start from the whole Greater Bay Area instead.
    go_to(page, "Greater Bay Area platforms")
    settle(page)  # Leaflet fades a removed label out for 200 ms before dropping it
    assert "Hong Kong Park" not in texts(page, ".gba-label")
    go_to(page, "Hetao zone")
    visible = [t.strip() for t in page.locator(".gba-label").all_inner_texts()]
    assert {"Hong Kong Park", "Shenzhen Park"} <= set(visible)
    assert page.locator(".gba-label", has_text="Hong Kong Park").is_visible()


def test_a_popup_at_the_hetao_zone(page: Any, atlas: Atlas, offline_page: Any) -> None:
    """A popup opens beside the panel, not under it, and is wholly on screen."""
    go_to(page, "Hetao zone")
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup")
    popup.locator(".gba-popup").wait_for(state="visible", timeout=5_000)
    settle(page)  # the popup's pan animation
    box, panel = popup.bounding_box(), page.locator(".gba-side").bounding_box()
    assert box and panel
    assert box["x"] >= panel["x"] + panel["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]
    assert offline_page.errors == []


# --------------------------------------------------------------------------- #
# A hostile layer: nothing in it runs, everything in it shows as text
# --------------------------------------------------------------------------- #

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "</script><script>window.__pwned=3</script>",
    "${window.__pwned=4}",
    "{{ 7*7 }}",
    '"><img src=x onerror=window.__pwned=5>',
]
HOSTILE = " ".join(PAYLOADS)
#: Passes the layer validator (http(s), no spaces) but not the map's link filter.
HOSTILE_URL = 'https://example.org/"><img/src=x/onerror=window.__pwned=7>'


def hostile_layer(url: str) -> dict:
    figure = stated(
        as_stated=f"as_stated {HOSTILE}",
        rationale=f"rationale {HOSTILE}",
        source={**SOURCE, "title": f"title {HOSTILE}", "issuer": f"issuer {HOSTILE}", "url": url},
    )
    props = {key: f"{key} {HOSTILE}" for key in ("name", "short_name", "name_zh", "kind", "digitized_from")}
    return collection(feature("hostile", stated=[figure], **props), name=f"layer {HOSTILE}", outline=True)


def test_hostile_layer_runs_nothing_and_shows_its_text(offline_page: Any, tmp_path: Path) -> None:
    layers, out = tmp_path / "layers", tmp_path / "out" / "map.html"
    # A javascript: URL does not even get through the layer validator.
    write(layers / "hostile.geojson", hostile_layer("javascript:window.__pwned=6"))
    refused = run_cli("build", "--layers", str(layers), "--out", str(out), "--self-contained")
    assert refused.returncode == 2
    assert "source url 'javascript:window.__pwned=6' is not an http(s) URL" in refused.stderr
    assert not out.exists()

    write(layers / "hostile.geojson", hostile_layer(HOSTILE_URL))
    built = run_cli("build", "--layers", str(layers), "--out", str(out), "--self-contained")
    assert built.returncode == 0, built.stderr
    page = open_map(offline_page, out)
    square = Atlas.load(layers).features["hostile"]

    tooltip = hover(page, square)
    x, y = screen_point(page, square)
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup .gba-popup")
    popup.wait_for(state="visible", timeout=5_000)
    page.select_option(".gba-goto", label=f"name {HOSTILE}", timeout=5_000)
    page.wait_for_timeout(200)  # time for any injected onerror to fire

    # Nothing from the layer ran, or became an element.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert offline_page.dialogs == []
    assert offline_page.errors == []
    assert page.locator("img[src='x']").count() == 0
    assert (
        page.evaluate("[...document.scripts].some(s => s.textContent.startsWith('window.__pwned'))") is False
    )
    assert page.locator("a[href*='onerror']").count() == 0
    assert popup.locator("a").count() == 0  # the URL with markup in it is not a link

    # Everything shows as the text it is: in the tooltip, popup, checks, layer list and "Go to".
    assert tooltip.startswith(f"name {HOSTILE}name_zh {HOSTILE}")
    assert f"stated as_stated {HOSTILE}" in tooltip
    assert '<img src=x onerror="window.__pwned=1">' in tooltip
    assert "{{ 7*7 }}" in tooltip and "${window.__pwned=4}" in tooltip
    text = popup.text_content() or ""
    for field in ("as_stated", "issuer", "title", "digitized_from"):
        assert f"{field} {HOSTILE}" in text, field
    panel = page.locator(".gba-panel").text_content() or ""
    assert f"name {HOSTILE}" in panel and f"as_stated {HOSTILE}" in panel
    overlays = texts(page, ".gba-layer-name")
    assert overlays == [f"layer {HOSTILE} (outline of its parts)", f"name {HOSTILE}"]
    assert texts(page, ".gba-group") == [f"layer {HOSTILE}"]
    assert f"layer {HOSTILE}" in texts(page, ".gba-goto option")
    # A folder without atlas.json: the neutral title names the layer, in the heading and the page's <title>.
    assert texts(page, ".gba-side-title") == [f"Layers: layer {HOSTILE}"]
    assert page.title() == f"Layers: layer {HOSTILE}"
    # Jinja never evaluated the text (branca renders element output as a template once more).
    assert "49" not in tooltip + text + panel + "".join(overlays)
