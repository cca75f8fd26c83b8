"""The map's layout at the sizes of real screens, in headless Chromium, offline.

At 1440×900, 1280×720, 768×1024 and 390×844 (a phone, with touch), on the self-contained
build of the bundled atlas: how much of the screen the map itself has at first view, that
no two controls overlap, that every control is on screen and not under another, that the
first view frames the story's subject, and the phone's bottom sheet.

Set ``GBA_ATLAS_PREVIEW=1`` to also keep the first views at 1280×720 and on the phone as
``output/preview.png`` and ``output/preview-phone.png``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.i18n import LANGUAGES
from geo.map.build import places as map_places
from geo.map.offline import used_asset_urls
from tests.browser_helpers import (
    MAP,
    SCREENS,
    UNCOVERED_SHARE,
    go_to,
    layout_problems,
    offline_context,
    open_at,
    screen_point,
    settle,
    uncovered,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTPUT = Path(__file__).resolve().parent.parent / "output"
#: The least share of the screen where the map is uncovered at first view, per screen.
MIN_UNCOVERED = {"desktop": 0.75, "laptop": 0.75, "tablet": 0.65, "phone": 0.60, "notebook": 0.75}
HK_PARK = "Hetao Hong Kong Park (Lok Ma Chau Loop)"


@pytest.fixture(params=SCREENS, ids=[screen[0] for screen in SCREENS])
def screen(
    request: pytest.FixtureRequest, browser: Any, bundled_map: Path
) -> Iterator[tuple[str, Any, list]]:
    """The bundled map at first view on one screen: (screen name, page, page errors)."""
    name, width, height, phone = request.param
    context, errors = offline_context(browser, width, height, phone=phone)
    try:
        yield name, open_at(context, errors, bundled_map), errors
    finally:
        context.close()


class Pages:
    """Pages of the map at first view, one per screen name, opened when first asked for and
    closed together: shared by the tests of a module that ask for the same screen."""

    def __init__(self, browser: Any, path: Path) -> None:
        self._browser, self._path = browser, path
        self._open: dict[str, tuple[Any, Any, list[str]]] = {}

    def __call__(self, name: str) -> tuple[Any, list[str]]:
        """(page, page errors) of the map on the screen called ``name``."""
        if name not in self._open:
            self._open[name] = open_screen(self._browser, self._path, name)
        _, page, errors = self._open[name]
        return page, errors

    def close(self) -> None:
        """Close every page opened."""
        for context, _, _ in self._open.values():
            context.close()


@pytest.fixture(scope="module")
def first_views(browser: Any, bundled_map: Path) -> Iterator[Pages]:
    """The first view per screen, for the tests that only read it (nothing they do changes it)."""
    pages = Pages(browser, bundled_map)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture(scope="module")
def moved_views(browser: Any, bundled_map: Path) -> Iterator[Pages]:
    """A page per screen for the tests that move the map (or fold the sheet) and then look: each
    such test sets the view it checks, whatever the test before it left."""
    pages = Pages(browser, bundled_map)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture(params=SCREENS, ids=[screen[0] for screen in SCREENS])
def first_view(request: pytest.FixtureRequest, first_views: Pages) -> tuple[str, Any, list]:
    """Like ``screen``, for the tests that only read the first view: one page per screen, shared."""
    name = request.param[0]
    return (name, *first_views(name))


def open_screen(browser: Any, path: Path, name: str) -> tuple[Any, Any, list[str]]:
    """(context, page, errors) of the map at first view on the screen called ``name``."""
    _, width, height, phone = next(s for s in SCREENS if s[0] == name)
    context, errors = offline_context(browser, width, height, phone=phone)
    return context, open_at(context, errors, path), errors


def shape_box(page: Any, label: str) -> dict[str, float]:
    """The on-screen box of the map shape whose accessible name starts with ``label``."""
    box = page.locator(f'path[aria-label^="{label}"]').bounding_box()
    assert box, label
    return box


# --------------------------------------------------------------------------- #
# Every screen
# --------------------------------------------------------------------------- #


def test_the_map_is_mostly_uncovered_at_first_view(first_view: tuple[str, Any, list]) -> None:
    name, page, errors = first_view
    share = page.evaluate(UNCOVERED_SHARE)
    assert share >= MIN_UNCOVERED[name], f"{name}: the map is uncovered on {share:.0%} of the screen"
    assert errors == []


def test_controls_never_overlap_and_each_is_reachable(first_view: tuple[str, Any, list]) -> None:
    _, page, _ = first_view
    assert layout_problems(page) == []


def test_controls_stay_apart_with_the_panel_folded_and_unfolded(screen: tuple[str, Any, list]) -> None:
    _, page, _ = screen
    toggle = page.locator(".gba-side-toggle")
    for _ in range(2):
        was_open = toggle.get_attribute("aria-expanded") == "true"
        toggle.click()
        settle(page)
        # one button folds the panel to its title bar, and opens it again
        assert toggle.get_attribute("aria-expanded") == str(not was_open).lower()
        assert page.locator(".gba-side-body").is_visible() is not was_open
        assert page.locator(".gba-side-title").is_visible()
        assert layout_problems(page) == []


def test_the_first_view_shows_the_story_subject(first_view: tuple[str, Any, list]) -> None:
    """Both parks are on the map, uncovered, and labelled; the river is drawn between them."""
    name, page, _ = first_view
    for park in ("Hetao Hong Kong Park", "Hetao Shenzhen Park"):
        assert uncovered(page, shape_box(page, park)), f"{name}: {park} is under a control or the panel"
    shown = [
        label.inner_text().strip()
        for label in page.locator(".gba-label:not(.gba-label-hidden)").all()
        if label.is_visible()
    ]
    assert {"Hong Kong Park", "Shenzhen Park"} <= set(shown), name
    assert page.locator('path[aria-label^="Shenzhen River"]').is_visible()


def test_details_open_wholly_on_screen_clear_of_the_panel(
    screen: tuple[str, Any, list], atlas: Atlas
) -> None:
    """A popup (or, on a phone, the sheet) shows the whole of a feature's details, close button included."""
    name, page, errors = screen
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    if name in ("tablet", "phone"):
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    page.locator(".gba-popup").first.wait_for(state="visible", timeout=5_000)
    settle(page)  # the popup's pan animation
    assert layout_problems(page) == []
    close = page.locator(".leaflet-popup-close-button, .gba-details-close").first
    assert close.is_visible()
    close.click()
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2_000)  # after its fade
    assert not page.locator(".gba-details").is_visible()
    assert errors == []


# --------------------------------------------------------------------------- #
# 1280×720: the subject framed large enough, Go to, labels
# --------------------------------------------------------------------------- #


def test_both_parks_are_large_and_labelled_at_1280(first_views: Pages) -> None:
    page, errors = first_views("laptop")
    for park in ("Hetao Hong Kong Park", "Hetao Shenzhen Park"):
        box = shape_box(page, park)
        assert max(box["width"], box["height"]) >= 60, (park, box)
    labels = page.locator(".gba-label:not(.gba-label-hidden)")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a and b
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, "two names overlap on the map"
    assert errors == []


def overlapping_labels(page: Any) -> list[str]:
    """Pairs of names shown on the map whose boxes overlap."""
    return list(
        page.evaluate(
            """() => {
                const shown = [...document.querySelectorAll('.gba-label:not(.gba-label-hidden)')]
                    .map((n) => [n.textContent, n.getBoundingClientRect()]);
                const out = [];
                shown.forEach(([a, r], i) => shown.slice(i + 1).forEach(([b, s]) => {
                    if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) {
                        out.push(a + ' / ' + b);
                    }
                }));
                return out;
            }"""
        )
    )


@pytest.mark.parametrize("zoom", [10, 11, 12, 13, 14, 15])
def test_names_never_overlap_at_any_zoom(moved_views: Pages, zoom: int) -> None:
    """Today's bug: at zoom 12 "Shenzhen Park" and "Shenzhen River" were written over each other."""
    page, _ = moved_views("laptop")
    page.evaluate(f"{MAP}.setView([22.518, 114.072], {zoom}, {{animate: false}}); 0")
    settle(page)  # names taken off fade out
    assert page.locator(".gba-label:not(.gba-label-hidden)").count() >= 1
    assert overlapping_labels(page) == []


@pytest.mark.parametrize("name", ["laptop", "phone"])
@pytest.mark.parametrize(
    "place", ["Hetao Shenzhen Park", "Northern Metropolis", "Greater Bay Area platforms"]
)
def test_go_to_fits_the_place_into_the_uncovered_map(
    moved_views: Pages, atlas: Atlas, name: str, place: str
) -> None:
    page, _ = moved_views(name)
    if name == "phone":  # the sheet opened (Go to folds it away first)
        page.locator(".gba-side-toggle").click()
        assert page.locator(".gba-side-toggle").get_attribute("aria-expanded") == "true"
    go_to(page, place)
    settle(page)
    bounds = next(p["bounds"] for p in map_places(atlas.layers) if p["name"] == place)
    (south, west), (north, east) = bounds
    x0, y0, x1, y1 = page.evaluate(
        f"""() => {{ const m = {MAP}; const a = m.latLngToContainerPoint([{north}, {west}]);
            const b = m.latLngToContainerPoint([{south}, {east}]); return [a.x, a.y, b.x, b.y]; }}"""
    )
    box = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    assert uncovered(page, box), f"{place} lies partly under the panel or the tools"


# --------------------------------------------------------------------------- #
# The phone: a bottom sheet
# --------------------------------------------------------------------------- #


def swipe(page: Any, selector: str, dy: float) -> None:
    """A one-finger swipe of ``dy`` pixels (up when negative) on the element."""
    page.eval_on_selector(
        selector,
        f"""(node) => {{
            const r = node.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            const touch = (y2) => new Touch({{ identifier: 1, target: node, clientX: x, clientY: y2 }});
            const start = {{ touches: [touch(y)], changedTouches: [touch(y)], bubbles: true }};
            node.dispatchEvent(new TouchEvent('touchstart', start));
            node.dispatchEvent(new TouchEvent('touchend', {{ touches: [], changedTouches: [touch(y + {dy})],
                bubbles: true }}));
        }}""",
    )


def test_the_phone_sheet_opens_and_closes(browser: Any, bundled_map: Path) -> None:
    context, page, errors = open_screen(browser, bundled_map, "phone")
    try:
        sheet, toggle = page.locator(".gba-side"), page.locator(".gba-side-toggle")
        folded = sheet.bounding_box()
        assert folded and folded["height"] < 80 and folded["y"] + folded["height"] == 844
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator(".gba-side-body").is_visible()
        page.locator(".gba-side-title").tap()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator(".gba-layers").is_visible()
        opened = sheet.bounding_box()
        assert opened and opened["height"] > 300
        toggle.tap()
        assert toggle.get_attribute("aria-expanded") == "false"
        swipe(page, ".gba-side-head", -120)
        assert toggle.get_attribute("aria-expanded") == "true"
        swipe(page, ".gba-side-head", 120)
        assert toggle.get_attribute("aria-expanded") == "false"
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("width", "height", "sheet", "unfolded"),
    [(641, 720, False, True), (640, 720, True, False), (1280, 599, False, False), (1280, 600, False, True)],
)
def test_the_panel_is_a_sheet_under_641_px_wide_and_folded_under_600_px_high(
    browser: Any, bundled_map: Path, width: int, height: int, sheet: bool, unfolded: bool
) -> None:
    """The README's thresholds ("Embedding"): a bottom sheet below 641 px, folded below 600 px high."""
    context, errors = offline_context(browser, width, height)
    try:
        page = open_at(context, errors, bundled_map)
        box = page.locator(".gba-side").bounding_box()
        assert box
        spans_the_bottom = (
            box["x"] <= 0.5 and box["width"] >= width - 1 and box["y"] + box["height"] >= height - 1
        )
        assert spans_the_bottom is sheet, box
        assert (page.locator(".gba-side-toggle").get_attribute("aria-expanded") == "true") is unfolded
        assert page.locator(".gba-side-body").is_visible() is unfolded
        assert errors == []
    finally:
        context.close()


def test_details_open_in_the_sheet_without_horizontal_scrolling(
    browser: Any, bundled_map: Path, atlas: Atlas
) -> None:
    context, page, errors = open_screen(browser, bundled_map, "phone")
    try:
        x, y = screen_point(page, atlas.features["hetao_hk_park"])
        page.touchscreen.tap(x, y)
        details = page.locator(".gba-side .gba-details")
        details.wait_for(state="visible", timeout=5_000)
        assert details.locator(".gba-title").text_content() == HK_PARK
        assert "Xinhua News Agency" in (details.text_content() or "")
        assert page.locator(".leaflet-popup").count() == 0
        widths = details.evaluate("d => [d.scrollWidth, d.clientWidth, document.documentElement.scrollWidth]")
        assert widths[0] <= widths[1] and widths[2] <= 390, widths
        assert layout_problems(page) == []
        page.locator(".gba-details-close").tap()
        assert not details.is_visible()
        assert page.locator(".gba-side-toggle").get_attribute("aria-expanded") == "false"
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("feature_id", ["hetao_hk_park", "hetao_sz_park"])
def test_the_sheet_with_details_leaves_the_subject_in_sight(
    browser: Any, bundled_map: Path, atlas: Atlas, feature_id: str, lang: str
) -> None:
    """Tapped, a park's details open in the sheet, and the map pans so that the park is above it."""
    context, errors = offline_context(browser, 390, 844, phone=True)
    try:
        page = open_at(context, errors, bundled_map)
        page.evaluate(f"gbaAtlas.i18n.setLanguage({lang!r})")
        settle(page)
        x, y = screen_point(page, atlas.features[feature_id])
        page.touchscreen.tap(x, y)
        page.locator(".gba-side .gba-details").wait_for(state="visible", timeout=5_000)
        settle(page)  # the pan
        sheet = page.locator(".gba-side").bounding_box()
        assert sheet and sheet["height"] > 300  # the sheet is open and covers the lower map
        label = atlas.features[feature_id].names.get(lang)
        box = shape_box(page, label)
        assert box["y"] + box["height"] <= sheet["y"], (box, sheet)
        assert uncovered(page, box), f"{feature_id} is under the sheet or a tool"
        assert errors == []
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# The notebook view
# --------------------------------------------------------------------------- #


def test_the_notebook_view_is_self_contained_and_laid_out_for_its_cell(
    browser: Any, atlas: Atlas, tmp_path: Path
) -> None:
    frame = atlas.to_map()._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="(.*)" title="Map" style="width:100%;height:540px;border:none" '
        r'allowfullscreen onload="[^"]*"></iframe><p class="gba-untrusted">[^<]*</p>',
        frame,
        re.DOTALL,
    )
    assert match, frame[:200]
    html = unescape(match.group(1))
    assert used_asset_urls(html) == []  # every script and stylesheet inline
    assert "cdn.jsdelivr.net" not in html
    page_path = tmp_path / "notebook.html"
    page_path.write_text(html, encoding="utf-8")
    context, errors = offline_context(browser, 900, 540)
    try:
        page = open_at(context, errors, page_path)
        share = page.evaluate(UNCOVERED_SHARE)
        assert share >= MIN_UNCOVERED["notebook"], f"the map is uncovered on {share:.0%} of the cell"
        assert layout_problems(page) == []
        assert page.locator(".gba-side-title").is_visible()
        assert errors == []
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# Screenshots
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("name", "file"), [("laptop", "preview.png"), ("phone", "preview-phone.png")])
def test_preview_of_the_first_view(first_views: Pages, tmp_path: Path, name: str, file: str) -> None:
    """The first view as a reader sees it: kept in output/ when GBA_ATLAS_PREVIEW=1."""
    page, errors = first_views(name)
    shot = tmp_path / file
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert errors == []
    if os.environ.get("GBA_ATLAS_PREVIEW") == "1":
        OUTPUT.mkdir(exist_ok=True)
        shutil.copyfile(shot, OUTPUT / file)
