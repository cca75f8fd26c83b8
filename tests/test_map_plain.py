"""The plain base map on the map: which builds carry it, and what an offline reader sees.

With every network request blocked (as in all browser tests) the tiles fail, so the map
falls back to the plain base map at first view: land and water in their colours, the
Hong Kong–Mainland boundary drawn, Natural Earth credited and a quiet note saying why.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.map.build import build_map
from geo.map.offline.packing import unpacked_page
from geo.map.plain import PLAIN_NAME, PlainBaseMap, plain_payload
from tests.browser_helpers import MAP, layout_problems, offline_context, open_at, settle
from tests.helpers import run_cli

#: The plain map's colours (static/atlas.css and static/js/plain-basemap.js), as RGB.
WATER, LAND, BORDER = (0xAA, 0xD3, 0xDF), (0xF1, 0xEC, 0xE0), (0x5C, 0x4A, 0x6E)
NOTE = "Map tiles could not load; showing the plain map"
#: A point on Hong Kong land (Sha Tin) and one on the water of Deep Bay, (lon, lat).
HK_LAND, DEEP_BAY = (114.16, 22.40), (113.95, 22.48)
TILE_HOSTS = re.compile(r"^https://(tile\.openstreetmap\.org|server\.arcgisonline\.com)/")


@pytest.fixture(scope="module")
def plain_html(atlas: Atlas) -> str:
    return atlas.to_html(self_contained=True)


@pytest.fixture(scope="module")
def plain_map(plain_html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plain") / "map.html"
    path.write_text(plain_html, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- #
# Which builds carry it
# --------------------------------------------------------------------------- #


def test_without_the_file_in_the_cache_a_map_has_no_plain_base_map(atlas: Atlas, tmp_path: Path) -> None:
    assert plain_payload(fetch=False, cache_dir=tmp_path) is None
    html = build_map(atlas.layers, atlas.report(), story=atlas.story, plain=None).get_root().render()
    assert "gbaAtlas.addPlain" not in html


def test_the_plain_base_map_needs_its_data() -> None:
    with pytest.raises(ValueError, match="lacks"):
        PlainBaseMap({"land": {}})


@pytest.mark.slow
def test_the_self_contained_map_carries_it_and_stays_under_a_megabyte(plain_html: str) -> None:
    page = unpacked_page(plain_html)  # the page's large elements are carried compressed
    assert '<script type="application/json" id="plain_base_map_' in page
    assert f'"{PLAIN_NAME}" : plain_base_map_' in page
    assert len(plain_html.encode("utf-8")) < 1_000_000


@pytest.mark.slow
def test_two_self_contained_builds_are_byte_identical(atlas: Atlas, plain_html: str) -> None:
    assert atlas.to_html(self_contained=True) == plain_html


@pytest.mark.slow
def test_a_self_contained_build_without_natural_earth_fails_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm"))
    out = tmp_path / "map.html"
    done = run_cli("build", "--self-contained", "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("gba-atlas: error: cannot fetch countries-10m.json")
    assert "world-atlas@2.0.2" in done.stderr
    assert not out.exists()


# --------------------------------------------------------------------------- #
# Offline, in the browser
# --------------------------------------------------------------------------- #


@pytest.fixture
def laptop(browser: Any, plain_map: Path) -> Any:
    """The map at first view on a 1280×720 screen with no network, once it shows the plain map."""
    context, errors = offline_context(browser, 1280, 720)
    page = open_at(context, errors, plain_map)
    page.wait_for_function(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)", timeout=10_000)
    yield page
    assert errors == []
    context.close()


def pixel(image: Any, page: Any, lon: float, lat: float) -> tuple[int, int, int]:
    """The screenshot's colour at a place of the map."""
    x, y = page.evaluate(
        f"() => {{ const p = {MAP}.latLngToContainerPoint([{lat}, {lon}]); "
        "const b = document.querySelector('.folium-map').getBoundingClientRect(); "
        "return [Math.round(b.left + p.x), Math.round(b.top + p.y)]; }"
    )
    rgb: tuple[int, int, int] = image.getpixel((x, y))[:3]
    return rgb


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a, b, strict=True))


def screenshot(page: Any) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


@pytest.mark.browser
def test_offline_the_first_view_is_the_plain_map_with_a_quiet_note(laptop: Any) -> None:
    tiles_on = laptop.evaluate(
        f"(() => {{ let n = 0; {MAP}.eachLayer((l) => {{ n += l instanceof L.TileLayer; }}); return n; }})()"
    )
    assert tiles_on == 0
    assert (
        laptop.locator(".leaflet-control-layers-base input:checked + span").inner_text().strip() == PLAIN_NAME
    )
    assert "Natural Earth" in laptop.inner_text(".leaflet-control-attribution")
    note = laptop.locator(".gba-plain-note")
    assert note.get_attribute("role") == "status"
    assert NOTE in note.inner_text()
    # quiet: in the map's corner, no dialog, nothing over the map's middle, nothing overlapping
    box = note.bounding_box()
    assert box and box["height"] <= 30 and box["y"] + box["height"] >= 700
    centre = laptop.evaluate(
        "document.elementFromPoint(innerWidth * 0.6, innerHeight / 2).closest('.gba-plain-note')"
    )
    assert centre is None
    assert layout_problems(laptop) == []
    laptop.locator(".gba-plain-note-close").click()
    assert laptop.locator(".gba-plain-note").count() == 0


@pytest.mark.browser
def test_offline_land_water_and_the_hong_kong_boundary_in_their_colours(laptop: Any) -> None:
    laptop.evaluate(
        f"""() => {{
            const map = {MAP};
            ['overlayPane', 'markerPane', 'tooltipPane'].forEach((p) => {{
                map.getPane(p).style.display = 'none';
            }});
            map.setView([22.45, 114.05], 11, {{ animate: false }});
        }}"""
    )
    settle(laptop)
    image = screenshot(laptop)
    land, water = pixel(image, laptop, *HK_LAND), pixel(image, laptop, *DEEP_BAY)
    assert near(land, LAND), land
    assert near(water, WATER), water
    on_map = "(s) => [...document.querySelectorAll(s)].filter((p) => !p.closest('.leaflet-control-minimap'))"
    assert laptop.evaluate(f"({on_map})('path.gba-plain-border').length") == 2
    dashes = laptop.evaluate(
        f"({on_map})('path.gba-plain-border-hong_kong_mainland')[0].getAttribute('stroke-dasharray')"
    )
    assert dashes == "8 4 2 4"
    # along the Hong Kong–Shenzhen boundary, the line's colour within a few pixels of its vertices
    vertices = laptop.evaluate(
        f"""() => {{
            const data = gbaAtlas.stateOf({MAP}).plain._data;
            const line = data.borders.features.find((f) => f.id === 'hong_kong_mainland');
            return line.geometry.coordinates[0];
        }}"""
    )
    drawn = 0
    for lon, lat in vertices[1:-1]:
        x, y = laptop.evaluate(
            f"(() => {{ const p = {MAP}.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()"
        )
        patch = [image.getpixel((round(x) + dx, round(y) + dy)) for dx in range(-3, 4) for dy in range(-3, 4)]
        drawn += any(near(p, BORDER, 60) for p in patch)
    assert drawn >= 0.8 * (len(vertices) - 2)


@pytest.mark.browser
def test_the_cities_are_named_in_english_and_can_switch_language(laptop: Any) -> None:
    names = laptop.locator(".gba-plain-city-name")
    assert names.count() == 11
    assert "Hong Kong" in names.all_text_contents()
    laptop.evaluate(f"gbaAtlas.stateOf({MAP}).plain.setLanguage('zh-Hant')")
    hong_kong = laptop.locator(".gba-plain-city-name", has_text="香港").first
    assert hong_kong.get_attribute("lang") == "zh-Hant"
    assert "澳門" in names.all_text_contents()
    laptop.evaluate(f"gbaAtlas.stateOf({MAP}).plain.setLanguage('zh-Hans')")
    assert "澳门" in names.all_text_contents()


@pytest.mark.browser
def test_the_page_language_reaches_the_note_and_the_cities(laptop: Any) -> None:
    for lang, note, macao in (
        ("zh-Hant", "簡圖", "澳門"),
        ("zh-Hans", "简图", "澳门"),
        ("en", NOTE, "Macao"),
    ):
        laptop.click(f".gba-lang[data-lang='{lang}']")
        laptop.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=5_000)
        assert note in laptop.inner_text(".gba-plain-note")
        assert macao in laptop.locator(".gba-plain-city-name").all_text_contents()


@pytest.mark.browser
def test_with_tiles_the_map_keeps_them_and_the_minimap_follows_the_plain_map(
    browser: Any, plain_map: Path
) -> None:
    context, errors = offline_context(browser, 1280, 720)
    context.route(TILE_HOSTS, lambda route: route.fulfill(body=blank_png(), content_type="image/png"))
    page = open_at(context, errors, plain_map)
    page.wait_for_timeout(500)
    assert not page.evaluate(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)")
    assert page.locator(".gba-plain-note").count() == 0
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-base label", has_text=PLAIN_NAME).click()
    settle(page)
    assert page.locator(".leaflet-control-minimap path.gba-plain-land").count() > 0
    assert page.locator(".leaflet-control-minimap img.leaflet-tile").count() == 0
    assert page.locator(".gba-plain-note").count() == 0  # chosen, not fallen back to
    assert errors == []
    context.close()


def blank_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 200, 200)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.browser
def test_tiles_that_never_answer_give_way_to_the_plain_map_within_seconds(
    browser: Any, plain_map: Path
) -> None:
    """A network that drops packets: no tile request is ever answered, nor does one fail."""
    context, errors = offline_context(browser, 1280, 720)
    hung: list[Any] = []
    context.route(TILE_HOSTS, lambda route: hung.append(route))  # held, never fulfilled nor aborted
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(plain_map.as_uri(), wait_until="domcontentloaded")  # "load" waits for the tiles
        page.wait_for_selector(".gba-side", timeout=10_000)
        assert page.locator(".gba-plain-note").count() == 0  # not at once: the tiles may still come
        page.locator(".gba-plain-note").wait_for(state="visible", timeout=8_000)  # 4 s, with room
        assert hung, "the tiles were asked for"
        assert page.evaluate(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)")
        assert page.locator(".gba-plain-note").inner_text().startswith(NOTE)
        assert page.locator("path.gba-plain-land").count() > 0
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_tiles_that_load_slowly_but_load_keep_the_tile_map(browser: Any, plain_map: Path) -> None:
    """The fall back is for tiles that never come: one tile in time keeps the tile map."""
    context, errors = offline_context(browser, 1280, 720)
    context.route(TILE_HOSTS, lambda route: route.fulfill(body=blank_png(), content_type="image/png"))
    try:
        page = open_at(context, errors, plain_map)
        page.wait_for_timeout(5_000)  # past the 4 s a tile map has for its first tile
        assert not page.evaluate(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)")
        assert page.locator(".gba-plain-note").count() == 0
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_choosing_a_tile_map_again_takes_the_note_and_the_credit_away(browser: Any, plain_map: Path) -> None:
    """Fallen back: the link says base=plain and the overview map is plain; a tile map chosen ends both."""
    context, errors = offline_context(browser, 1280, 720)
    try:
        page = open_at(context, errors, plain_map)
        page.wait_for_selector(".gba-plain-note", timeout=10_000)
        page.wait_for_function("location.hash.includes('base=plain')", timeout=5_000)
        assert page.locator(".leaflet-control-minimap path.gba-plain-land").count() > 0
        assert "Natural Earth" in page.inner_text(".leaflet-control-attribution")
        # The tile servers answer again; the reader picks the street map.
        context.route(TILE_HOSTS, lambda route: route.fulfill(body=blank_png(), content_type="image/png"))
        page.locator(".leaflet-control-layers").hover()
        page.locator(".leaflet-control-layers-base label", has_text="Street map").click()
        page.wait_for_timeout(600)
        assert not page.evaluate(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)")
        assert page.locator(".gba-plain-note").count() == 0
        assert "Natural Earth" not in page.inner_text(".leaflet-control-attribution")
        assert "OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
        assert page.locator(".leaflet-control-minimap path.gba-plain-land").count() == 0
        page.wait_for_function("!location.hash.includes('base=plain')", timeout=5_000)
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_view_the_reader_moved_stays_when_the_note_appears(browser: Any, plain_map: Path) -> None:
    """The first view is framed again when the tiles' note appears, but not once the reader has moved it."""
    context, errors = offline_context(browser, 1280, 720)
    hung: list[Any] = []
    context.route(TILE_HOSTS, lambda route: hung.append(route))  # the note comes after 4 s
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(plain_map.as_uri(), wait_until="domcontentloaded")
        page.wait_for_selector(".gba-side", timeout=10_000)
        assert page.locator(".gba-plain-note").count() == 0
        page.mouse.move(900, 300)
        page.mouse.down()
        page.mouse.move(820, 360, steps=8)
        page.mouse.up()
        settle(page)  # the drag's inertia
        moved = page.evaluate(f"[{MAP}.getZoom(), {MAP}.getCenter().lat, {MAP}.getCenter().lng]")
        page.locator(".gba-plain-note").wait_for(state="visible", timeout=8_000)
        page.wait_for_timeout(300)
        after = page.evaluate(f"[{MAP}.getZoom(), {MAP}.getCenter().lat, {MAP}.getCenter().lng]")
        assert after[0] == moved[0] and abs(after[1] - moved[1]) < 1e-9 and abs(after[2] - moved[2]) < 1e-9
        assert errors == []
    finally:
        context.close()
