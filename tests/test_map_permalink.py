"""Links to a view of the map (the URL's fragment) and "Copy link", in headless Chromium, offline.

Each test runs on the map opened as a file and served over http (a local server in a thread).
Map tiles are answered with a blank PNG, so that the street map stays the base map (with no
tiles at all the map falls back to the plain one by itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.atlas import Atlas
from tests.browser_helpers import MAP, SETTLE_SCRIPT, screen_point, served, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A 1×1 grey PNG, served as every tile.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c633871e2040004b40259162e81400000000049454e44ae426082"
)
TILE_HOSTS = ("https://tile.openstreetmap.org/", "https://server.arcgisonline.com/")
HK_PARK_ZH_HANT = "河套香港園區"
#: The map's state as the page has it: centre, zoom, base map, rows ticked, details, language.
STATE = f"""() => {{
  const map = {MAP};
  const base = document.querySelector('.leaflet-control-layers-base input:checked');
  const title = document.querySelector('.leaflet-popup .gba-title, .gba-details .gba-title');
  return {{
    lat: map.getCenter().lat, lon: map.getCenter().lng, zoom: map.getZoom(),
    plain: map.getContainer().classList.contains('gba-plain-on'),
    base: base ? base.closest('label').textContent.trim() : null,
    rows: [...document.querySelectorAll('.gba-layer input')].map((box) => box.checked),
    details: title ? title.textContent : null,
    lang: document.documentElement.lang,
  }};
}}"""


@pytest.fixture(params=["file", "http"])
def base_url(request: pytest.FixtureRequest, bundled_map: Path) -> Iterator[str]:
    """The map's URL, as a file or served over http."""
    if request.param == "file":
        yield bundled_map.as_uri()
        return
    with served(bundled_map.parent) as root:
        yield root + bundled_map.name


def route(request_route: Any, allowed: str) -> None:
    """Let the map's own origin through, answer tiles with a blank PNG, abort anything else."""
    url = request_route.request.url
    if url.startswith(TILE_HOSTS):
        request_route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
    elif url.startswith(("file:", "data:", allowed)):
        request_route.continue_()
    else:
        request_route.abort()


def new_context(browser: Any, url: str, **options: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion="reduce", **options)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url)) if url.startswith("http") else "file:"
    context.route("**/*", lambda r: route(r, origin))
    context.add_init_script(script=SETTLE_SCRIPT)
    return context


def open_page(context: Any, url: str, errors: list[str]) -> Any:
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_selector(".gba-side", timeout=10_000)
    settle(page)
    return page


def fragment(page: Any) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).fragment).items()}


def written(page: Any, key: str, value: str) -> None:
    """Wait until the URL's fragment says key=value (it is written a moment after a change)."""
    page.wait_for_function(
        f"new URLSearchParams(location.hash.slice(1)).get({key!r}) === {value!r}", timeout=5_000
    )


def make_a_view(page: Any, atlas: Atlas) -> None:
    """View, a row off, the plain base map, a feature's details, then the language: as a reader would."""
    page.evaluate(f"{MAP}.setView([22.505, 114.07], 14, {{animate: false}}); 0")
    page.locator(".gba-layer-row", has_text="Qianhai").locator("input").uncheck()
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-base label", has_text="Plain").click()
    page.mouse.move(640, 400)
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    page.mouse.click(x, y)
    page.locator(".leaflet-popup .gba-title").wait_for(state="visible", timeout=5_000)
    written(page, "f", "hetao_hk_park")
    page.locator('.gba-lang[data-lang="zh-Hant"]').click()
    written(page, "lang", "zh-Hant")
    # the details stay open, now in the new language (the old popup fades out)
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1", timeout=5_000)
    assert page.locator(".leaflet-popup .gba-title").text_content() == HK_PARK_ZH_HANT
    settle(page)  # the popup's pan, then the URL written again


def test_a_link_opens_the_map_as_it_was_left(browser: Any, base_url: str, atlas: Atlas) -> None:
    errors: list[str] = []
    context = new_context(browser, base_url)
    try:
        page = open_page(context, base_url, errors)
        first = page.evaluate(STATE)
        assert first["base"] == "Street map (OpenStreetMap)" and not first["plain"]
        make_a_view(page, atlas)
        left = page.evaluate(STATE)
        link = page.url
        params = fragment(page)
        assert params["lang"] == "zh-Hant" and params["base"] == "plain"
        assert params["off"] == "qianhai" and params["f"] == "hetao_hk_park"
        assert float(params["z"]) == left["zoom"]
        lat, lon = (float(value) for value in params["c"].split(","))
        assert abs(lat - left["lat"]) < 1e-4 and abs(lon - left["lon"]) < 1e-4
    finally:
        context.close()
    context = new_context(browser, base_url)
    try:
        again = open_page(context, link, errors).evaluate(STATE)
    finally:
        context.close()
    assert again["details"] == HK_PARK_ZH_HANT
    assert again["plain"] and again["base"] == "簡圖"
    assert again["rows"] == left["rows"] and again["rows"].count(False) == 1
    assert again["lang"] == "zh-Hant"
    assert again["zoom"] == left["zoom"]
    assert abs(again["lat"] - left["lat"]) < 1e-4 and abs(again["lon"] - left["lon"]) < 1e-4
    assert (again["lat"], again["lon"]) != (first["lat"], first["lon"])
    assert errors == []


HOSTILE = [
    "#f=<img src=x onerror=alert(1)>&z=NaN&c=999,999",
    "#c=22.5&z=1e1&base=<svg onload=alert(1)>&off=__proto__,constructor",
    "#c=Infinity,114&z=99&f=constructor&base=toString",
    "#c=22.5,114.0,1&z=-3&f=__proto__&lang=<b>",
    "#z=%00&c=%3Cscript%3E&f=hetao_hk_park%22%3E",
]


@pytest.fixture(scope="module")
def first_states() -> dict[str, tuple[dict[str, Any], int]]:
    """The map's state and number of scripts at first view, per scheme: found by the first test
    that needs them, the same for every fragment (no need to open the plain link each time)."""
    return {}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_fragment_leaves_the_first_view(
    browser: Any, base_url: str, hostile: str, first_states: dict[str, tuple[dict[str, Any], int]]
) -> None:
    errors: list[str] = []
    context = new_context(browser, base_url)
    try:
        scheme = urlsplit(base_url).scheme
        if scheme not in first_states:
            first = open_page(context, base_url, errors)
            first_states[scheme] = first.evaluate(STATE), first.evaluate("document.scripts.length")
        default, scripts = first_states[scheme]
        page = open_page(context, base_url + hostile, errors)
        state = page.evaluate(STATE)
        assert page.evaluate("document.scripts.length") == scripts
        assert page.locator("img[src=x], svg[onload], [onerror], [onload]").count() == 0
        assert page.locator(".gba-popup, .gba-details:not([hidden])").count() == 0
    finally:
        context.close()
    assert state["details"] is None
    assert state["zoom"] == default["zoom"]
    assert abs(state["lat"] - default["lat"]) < 1e-9 and abs(state["lon"] - default["lon"]) < 1e-9
    assert state["rows"] == default["rows"] and all(state["rows"])
    assert state["base"] == default["base"]
    assert state["lang"] == "en"
    assert errors == []


def test_a_pasted_link_moves_the_open_map(browser: Any, base_url: str) -> None:
    """A new fragment in the same tab (a link pasted there) is applied; the panel's switches follow."""
    errors: list[str] = []
    context = new_context(browser, base_url)
    try:
        page = open_page(context, base_url, errors)
        page.evaluate("location.hash = '#c=22.52000,114.07000&z=15&off=nansha&f=hetao_sz_park'")
        page.locator(".leaflet-popup .gba-title").wait_for(state="visible", timeout=5_000)
        state = page.evaluate(STATE)
        assert state["details"] == "Hetao Shenzhen Park"
        assert state["zoom"] == 15 and abs(state["lat"] - 22.52) < 0.01
        assert state["rows"].count(False) == 1
        assert not page.locator(".gba-layer-row", has_text="Nansha").locator("input").is_checked()
        page.evaluate("location.hash = '#c=22.52000,114.07000&z=12'")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0", timeout=5_000)
        assert page.evaluate(f"{MAP}.getZoom()") == 12
        assert page.locator(".gba-layer-row", has_text="Nansha").locator("input").is_checked()
        assert errors == []
    finally:
        context.close()


def test_panning_replaces_the_url_rather_than_adding_history(browser: Any, base_url: str) -> None:
    """No history entries; a parameter the map does not know stays; at zoom 15 the centre has 5 decimals."""
    errors: list[str] = []
    context = new_context(browser, base_url)
    try:
        page = open_page(context, base_url + "#from=article", errors)
        page.evaluate(f"{MAP}.setView([22.5148, 114.079], 15, {{animate: false}}); 0")
        written(page, "z", "15")
        before = page.evaluate("history.length")
        for step in range(5):
            page.evaluate(f"{MAP}.panBy([{40 + step}, 0], {{animate: false}}); 0")
            page.wait_for_timeout(50)
        written(page, "z", str(page.evaluate(f"{MAP}.getZoom()")))
        settle(page)
        centre = page.evaluate(f"{MAP}.getCenter()")
        lat, lon = (float(v) for v in fragment(page)["c"].split(","))
        assert abs(lat - centre["lat"]) < 1e-3 and abs(lon - centre["lng"]) < 1e-3
        assert [len(v.split(".")[1]) for v in fragment(page)["c"].split(",")] == [5, 5]
        assert fragment(page)["from"] == "article"
        assert page.evaluate("history.length") == before
        assert errors == []
    finally:
        context.close()


def test_only_the_first_map_of_a_page_keeps_its_view_in_the_url(browser: Any, bundled_map: Path) -> None:
    errors: list[str] = []
    context = new_context(browser, bundled_map.as_uri())
    try:
        page = open_page(context, bundled_map.as_uri() + "#c=22.50000,114.05000&z=12", errors)
        second = page.evaluate(
            f"""() => {{
                const node = document.body.appendChild(document.createElement('div'));
                node.style.cssText = 'width: 200px; height: 200px';
                const other = L.map(node).setView([0, 0], 3);
                gbaAtlas.keepInUrl(other, {{ rows: [] }}, []);
                other.setView([10, 10], 5);
                return [gbaAtlas.stateOf(other).permalink === undefined,
                        gbaAtlas.linkNow(other) === location.href,
                        gbaAtlas.stateOf({MAP}).permalink !== undefined];
            }}"""
        )
        assert second == [True, True, True]
        settle(page)
        assert fragment(page)["c"] == "22.50000,114.05000" and fragment(page)["z"] == "12"
        assert errors == []
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# Copy link
# --------------------------------------------------------------------------- #


def test_copy_link_puts_the_link_on_the_clipboard(browser: Any, bundled_map: Path) -> None:
    with served(bundled_map.parent) as root:
        url = root + bundled_map.name
        context = new_context(browser, url)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=root.rstrip("/"))
        errors: list[str] = []
        try:
            page = open_page(context, url + "#lang=zh-Hant", errors)
            page.evaluate(f"{MAP}.setView([22.51, 114.06], 13, {{animate: false}}); 0")
            button = page.get_by_role("button", name="複製連結")
            button.focus()
            page.keyboard.press("Enter")
            status = page.locator(".gba-link-status")
            assert status.get_attribute("aria-live") == "polite"
            page.wait_for_function("document.querySelector('.gba-link-status').textContent !== ''")
            assert status.text_content() == "已複製連結"
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == page.url
            assert "z=13" in copied and "c=22.51" in copied and "lang=zh-Hant" in copied
            assert not page.locator(".gba-link-field").is_visible()
            assert errors == []
        finally:
            context.close()


def test_without_a_clipboard_the_link_is_shown_selected(browser: Any, bundled_map: Path) -> None:
    """file:// pages, insecure pages, iframes without clipboard-write: the link in a selected field."""
    context = new_context(browser, bundled_map.as_uri())
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    errors: list[str] = []
    try:
        page = open_page(context, bundled_map.as_uri(), errors)
        page.get_by_role("button", name="Copy link").click()
        field = page.get_by_role("textbox", name="Link to this view of the map")
        field.wait_for(state="visible", timeout=2_000)
        assert field.input_value() == page.url and "z=" in page.url
        assert field.evaluate("f => document.activeElement === f && f.selectionEnd - f.selectionStart")
        assert field.evaluate("f => f.readOnly")
        status = page.locator(".gba-link-status").text_content()
        assert status in ("Link copied", "Press Ctrl+C (⌘C) to copy the link")
        assert errors == []
    finally:
        context.close()


def test_a_notebooks_map_keeps_no_view_in_any_url(browser: Any, atlas: Atlas, tmp_path: Path) -> None:
    """``to_map()``'s ``<iframe srcdoc>``: moved, the map writes no fragment, its own or the page's."""
    page_path = tmp_path / "notebook.html"
    page_path.write_text(
        f"<!doctype html><title>Notebook</title>{atlas.to_map()._repr_html_()}", encoding="utf-8"
    )
    errors: list[str] = []
    context = new_context(browser, page_path.as_uri())
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_path.as_uri(), wait_until="load")
        frame = next(f for f in page.frames if f.url == "about:srcdoc")
        frame.wait_for_selector(".gba-side", timeout=10_000)
        frame.evaluate(f"{MAP}.setView([22.52, 114.07], 15, {{animate: false}}); 0")
        frame.evaluate(f"{MAP}.panBy([60, 0], {{animate: false}}); 0")
        page.wait_for_timeout(800)  # past the 0.3 s after which a view would be written
        assert frame.evaluate("location.href") == "about:srcdoc"
        assert page.url == page_path.as_uri()
        assert frame.evaluate(f"{MAP}.getZoom()") == 15  # the view did change
        assert errors == []
    finally:
        context.close()
