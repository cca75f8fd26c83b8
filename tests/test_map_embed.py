"""The map embedded in another page: a 600×400 ``<iframe>``, in headless Chromium, offline.

The layout checks of ``test_map_layout.py`` run inside the frame (its own viewport: the map
is laid out for a narrow screen there, with the panel a folded bottom sheet), with the tiles
failing (the plain map and its note) and with tiles that load. A link's view in the frame's
URL, and "Copy link" in a frame with and without the clipboard allowed, are tested too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import (
    MAP,
    SETTLE_SCRIPT,
    UNCOVERED_SHARE,
    layout_problems,
    served,
    settle,
    uncovered,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A 1×1 grey PNG, served as every tile when the test wants tiles that load.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c633871e2040004b40259162e81400000000049454e44ae426082"
)
TILE_HOSTS = ("https://tile.openstreetmap.org/", "https://server.arcgisonline.com/")
#: The least share of the frame where the map is uncovered at first view.
MIN_UNCOVERED = 0.70
#: Errors thrown in any frame of the page (Playwright's "pageerror" sees the top page's only).
CATCH_ERRORS = """
window.__errors = [];
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
"""


def outer_page(folder: Path, src: str, allow: str = "") -> Path:
    """An article page embedding ``src`` in a 600×400 iframe; written into ``folder``."""
    page = folder / "article.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head>'
        '<body style="margin:20px"><h1>An article</h1><p>Before the map.</p>'
        f'<iframe src="{src}" width="600" height="400" title="Map of the Hetao zone" {allow}'
        ' style="border:0"></iframe><p>After the map.</p></body></html>',
        encoding="utf-8",
    )
    return page


def open_frame(browser: Any, url: str, *, tiles: bool = False, grant: str | None = None) -> tuple[Any, Any]:
    """(context, the map's frame) of the article at ``url``; only local URLs (and fake tiles) load."""
    context = browser.new_context(viewport={"width": 1000, "height": 600}, reduced_motion="reduce")
    if grant:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=grant)

    def route(r: Any) -> None:
        if tiles and r.request.url.startswith(TILE_HOSTS):
            r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        elif r.request.url.startswith(("file:", "data:", "http://127.0.0.1")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    context.add_init_script(CATCH_ERRORS)
    context.add_init_script(script=SETTLE_SCRIPT)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.frame_locator("iframe").locator(".gba-side").wait_for(timeout=10_000)
    frame = page.frames[1]
    # the tiles' fallback decided: a first tile shown, or the plain map's note
    frame.wait_for_selector(
        "img.leaflet-tile-loaded" if tiles else ".gba-plain-note", state="attached", timeout=10_000
    )
    settle(frame)  # labels placed
    return context, frame


def shape_box(frame: Any, label: str) -> dict[str, float]:
    """The box, in the frame's coordinates, of the shape whose accessible name starts with ``label``."""
    box: dict[str, float] = frame.evaluate(
        f"""() => {{ const r = document.querySelector('path[aria-label^="{label}"]').getBoundingClientRect();
            return {{ x: r.x, y: r.y, width: r.width, height: r.height }}; }}"""
    )
    return box


@pytest.mark.parametrize("tiles", [False, True], ids=["no-tiles", "tiles"])
def test_the_embedded_map_passes_the_layout_checks(
    browser: Any, bundled_map: Path, tmp_path: Path, tiles: bool
) -> None:
    article = outer_page(tmp_path, bundled_map.as_uri())
    context, frame = open_frame(browser, article.as_uri(), tiles=tiles)
    try:
        assert frame.evaluate("[innerWidth, innerHeight]") == [600, 400]
        toggle = frame.locator(".gba-side-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        share = frame.evaluate(UNCOVERED_SHARE)
        assert share >= MIN_UNCOVERED, f"the map is uncovered on {share:.0%} of the frame"
        assert layout_problems(frame) == []
        for park in ("Hetao Hong Kong Park", "Hetao Shenzhen Park"):
            assert uncovered(frame, shape_box(frame, park)), f"{park} is under a control or the panel"
        shown = frame.evaluate(
            "[...document.querySelectorAll('.gba-label:not(.gba-label-hidden)')]"
            ".filter((n) => n.checkVisibility()).map((n) => n.textContent.trim())"
        )
        assert {"Hong Kong Park", "Shenzhen Park"} <= set(shown)
        for expanded in ("true", "false"):
            toggle.click()
            settle(frame)
            assert toggle.get_attribute("aria-expanded") == expanded
            assert layout_problems(frame) == []
        assert frame.evaluate("window.__errors") == []
    finally:
        context.close()


def test_the_opened_sheet_is_readable_in_the_frame(browser: Any, bundled_map: Path, tmp_path: Path) -> None:
    """Opened, the sheet takes most of the frame (the tools wait under it), not a sliver."""
    context, frame = open_frame(browser, outer_page(tmp_path, bundled_map.as_uri()).as_uri())
    try:
        frame.locator(".gba-side-toggle").click()
        height = frame.evaluate("document.querySelector('.gba-side').getBoundingClientRect().height")
        assert height >= 300
        assert frame.get_by_role("button", name="Copy link").is_visible()
        assert not frame.locator(".leaflet-control-zoom").is_visible()
        frame.locator(".gba-side-toggle").click()
        assert frame.locator(".leaflet-control-zoom").is_visible()
    finally:
        context.close()


def test_a_link_works_inside_the_frame(browser: Any, bundled_map: Path, tmp_path: Path) -> None:
    """The frame's own URL keeps the view; the article's URL is left alone."""
    link = bundled_map.as_uri() + "#lang=zh-Hans&c=22.51000,114.06000&z=14&off=nansha&f=hetao_sz_park"
    context, frame = open_frame(browser, outer_page(tmp_path, link).as_uri())
    try:
        zoom, lat = frame.evaluate(f"[{MAP}.getZoom(), {MAP}.getCenter().lat]")
        assert zoom == 14 and abs(lat - 22.51) < 1e-4
        assert frame.locator(".gba-details .gba-title").text_content() == "河套深圳园区"
        assert frame.evaluate("document.documentElement.lang") == "zh-Hans"
        frame.evaluate(f"{MAP}.setZoom(12, {{animate: false}}); 0")
        frame.wait_for_function(
            "new URLSearchParams(location.hash.slice(1)).get('z') === '12'", timeout=5_000
        )
        assert "off=nansha" in frame.evaluate("location.hash")
        assert frame.page.evaluate("location.hash") == ""
        assert frame.evaluate("window.__errors") == []
    finally:
        context.close()


def test_copy_link_in_a_frame_without_the_clipboard_shows_the_link(
    browser: Any, bundled_map: Path, tmp_path: Path
) -> None:
    """A frame of another origin not allowed "clipboard-write": the link is shown selected, no error."""
    (tmp_path / "site").mkdir()
    with served(bundled_map.parent) as maps, served(tmp_path / "site") as site:
        outer_page(tmp_path / "site", maps + bundled_map.name)
        context, frame = open_frame(browser, site + "article.html", grant=site.rstrip("/"))
        try:
            frame.locator(".gba-side-toggle").click()
            frame.get_by_role("button", name="Copy link").click()
            frame.wait_for_function(
                "document.querySelector('.gba-link-status').textContent !== ''", timeout=5_000
            )
            field = frame.get_by_role("textbox", name="Link to this view of the map")
            assert field.is_visible() and field.input_value() == frame.url
            assert frame.url.startswith(maps) and "z=" in frame.url
            assert frame.evaluate("window.__errors") == []
        finally:
            context.close()


def test_copy_link_in_a_frame_allowed_the_clipboard_copies_the_maps_link(
    browser: Any, bundled_map: Path, tmp_path: Path
) -> None:
    """Served over http, with the README's allow="clipboard-write": the frame's URL is copied."""
    shutil.copyfile(bundled_map, tmp_path / "map.html")
    outer_page(tmp_path, "map.html#z=13&c=22.50000,114.05000", allow='allow="clipboard-write"')
    with served(tmp_path) as root:
        context, frame = open_frame(browser, root + "article.html", tiles=True, grant=root.rstrip("/"))
        try:
            frame.locator(".gba-side-toggle").click()
            frame.get_by_role("button", name="Copy link").click()
            frame.wait_for_function(
                "document.querySelector('.gba-link-status').textContent !== ''", timeout=5_000
            )
            assert frame.locator(".gba-link-status").text_content() == "Link copied"
            copied = frame.page.evaluate("navigator.clipboard.readText()")
            assert copied == frame.url and copied.startswith(root + "map.html#") and "z=13" in copied
            assert frame.evaluate("window.__errors") == []
        finally:
            context.close()


@pytest.mark.parametrize(("width", "height"), [(600, 400), (420, 400), (1200, 800)])
def test_the_readme_snippet_frames_the_map(
    browser: Any, bundled_map: Path, tmp_path: Path, width: int, height: int
) -> None:
    """The README's responsive frame: 3:2, never under 400 px high, the map laid out inside."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Embedding and linking", 1)[1]
    snippet = re.search(r"```html\n(.*?)```", section, re.DOTALL)
    assert snippet, "the README's embedding section has no html snippet"
    html = re.sub(r'src="[^"]*"', f'src="{bundled_map.as_uri()}"', snippet.group(1))
    for attribute in ('loading="lazy"', "clipboard-write", "allowfullscreen", "title="):
        assert attribute in html
    article = tmp_path / "article.html"
    article.write_text(
        f'<!doctype html><html lang="en"><body style="margin:0;width:{width}px">{html}</body></html>'
    )
    context, frame = open_frame(browser, article.as_uri())
    try:
        assert frame.evaluate("[innerWidth, innerHeight]") == [width, height]
        assert layout_problems(frame) == []
        assert frame.evaluate("window.__errors") == []
    finally:
        context.close()
