"""The map for keyboard and screen-reader users, in headless Chromium, offline.

axe-core (the npm package, fetched into geo.map.offline's cache like the map's other assets)
checks the self-contained build of the bundled atlas at desktop and phone sizes, at first
view and with a feature's details open; then the keyboard alone: Tab reaches the Hong Kong
Park by name, Enter shows its stated figures and sources, Escape closes them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.errors import AssetError
from geo.map.build import places as map_places
from geo.map.offline import fetch, resolve
from tests.browser_helpers import MAP, offline_context, open_at, screen_point, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_URL = "https://cdn.jsdelivr.net/npm/axe-core@4.10.2/axe.min.js"
HK_PARK = "Hetao Hong Kong Park (Lok Ma Chau Loop)"
HAN = re.compile(r"[\u4e00-\u9fff]")
#: (name, width, height, phone) of the sizes axe checks.
SIZES = [("desktop", 1280, 720, False), ("phone", 390, 844, True)]


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, from the npm package cache (fetched with npm the first time)."""
    try:
        return fetch(resolve(AXE_URL)).decode("utf-8")
    except AssetError as error:
        pytest.skip(f"axe-core could not be obtained through npm: {error}")


def violations(page: Any, axe_source: str) -> list[str]:
    """axe-core's violations on the page, one line each: rule, impact, and the first elements."""
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(content=axe_source)
    found = page.evaluate(
        """async () => (await axe.run(document)).violations.map(
            (v) => v.id + ' (' + v.impact + '): '
                + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))"""
    )
    return list(found)


def open_details_by_pointer(page: Any, atlas: Atlas, *, phone: bool) -> None:
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    if phone:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    page.locator(".gba-popup").first.wait_for(state="visible", timeout=5_000)
    settle(page)  # the popup fades in: axe would measure the contrast of half-faded text


# --------------------------------------------------------------------------- #
# axe-core
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("name", "width", "height", "phone"), SIZES, ids=[s[0] for s in SIZES])
def test_axe_finds_nothing_at_first_view_and_with_details_open(
    browser: Any,
    bundled_map: Path,
    atlas: Atlas,
    axe_source: str,
    name: str,
    width: int,
    height: int,
    phone: bool,
) -> None:
    context, errors = offline_context(browser, width, height, phone=phone)
    try:
        page = open_at(context, errors, bundled_map)
        assert violations(page, axe_source) == [], f"{name}, first view"
        open_details_by_pointer(page, atlas, phone=phone)
        assert violations(page, axe_source) == [], f"{name}, details open"
        assert errors == []
    finally:
        context.close()


def test_axe_finds_nothing_in_the_phone_sheet_with_the_checks_unfolded(
    browser: Any, bundled_map: Path, axe_source: str
) -> None:
    """The checks tables fit the sheet: no region scrolls sideways (axe's scrollable-region-focusable)."""
    context, errors = offline_context(browser, 390, 844, phone=True)
    try:
        page = open_at(context, errors, bundled_map)
        page.locator(".gba-side-toggle").click()
        page.evaluate("document.querySelector('.gba-panel').open = true")
        page.locator(".gba-table").first.scroll_into_view_if_needed()
        assert violations(page, axe_source) == []
        assert errors == []
    finally:
        context.close()


# --------------------------------------------------------------------------- #
# The keyboard alone
# --------------------------------------------------------------------------- #


def tab_to(page: Any, name_start: str, *, limit: int = 80) -> str:
    """Press Tab until the focused element's accessible name starts with ``name_start``; return the name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith(name_start):
            return str(label)
    pytest.fail(f"Tab never reached {name_start!r}")


def test_tab_reaches_the_hong_kong_park_by_name_and_enter_shows_its_figures(
    desktop: tuple[Any, list],
) -> None:
    page, errors = desktop
    name = tab_to(page, HK_PARK)
    assert name == f"{HK_PARK}, 87.0 ha, every stated area holds"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    # Focus shows the feature's tooltip, and only its.
    settle(page)  # the tooltips of features focused before fade out
    tooltips = page.locator(".leaflet-tooltip:not(.gba-label)")
    assert tooltips.count() == 1 and (tooltips.text_content() or "").startswith(HK_PARK)
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup .gba-popup")
    popup.wait_for(state="visible", timeout=5_000)
    text = popup.text_content() or ""
    assert "Stated figures" in text and "Source: Xinhua News Agency" in text
    assert page.evaluate("document.activeElement.classList.contains('gba-popup')")  # focus moved in
    page.keyboard.press("Escape")
    popup.wait_for(state="detached", timeout=5_000)
    assert page.evaluate("document.activeElement.getAttribute('aria-label') || ''") == name
    assert errors == []


#: Where the focused shape is in sight: its box meets the map's, and the map is on top at the
#: middle of where they meet (no control or panel over it). null: the focus is not on a shape.
FOCUS_IN_SIGHT = """() => {
  const node = document.activeElement;
  if (!node || node.tagName !== 'path') return null;
  const r = node.getBoundingClientRect(), m = document.querySelector('.folium-map').getBoundingClientRect();
  const left = Math.max(r.left, m.left), right = Math.min(r.right, m.right);
  const top = Math.max(r.top, m.top), bottom = Math.min(r.bottom, m.bottom);
  if (right - left < 2 || bottom - top < 2) return [node.getAttribute('aria-label'), 'off the map'];
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  const free = hit && hit.closest('.leaflet-container') && !hit.closest('.leaflet-control-container');
  return [node.getAttribute('aria-label'), free ? 'in sight' : 'under ' + (hit ? hit.className : 'nothing')];
}"""


@pytest.mark.parametrize(("name", "width", "height", "phone"), SIZES, ids=[s[0] for s in SIZES])
def test_tab_never_lands_on_a_feature_out_of_sight(
    browser: Any, bundled_map: Path, atlas: Atlas, name: str, width: int, height: int, phone: bool
) -> None:
    """At the first view Nansha, Qianhai and Hengqin are off the map: focused, each is brought into it."""
    context, errors = offline_context(browser, width, height, phone=phone)
    try:
        page = open_at(context, errors, bundled_map)
        seen: dict[str, str] = {}
        for _ in range(90):
            page.keyboard.press("Tab")
            found = page.evaluate(FOCUS_IN_SIGHT)
            if found:
                label, where = found
                seen[label.split(",")[0]] = where
        assert len(seen) == len(atlas.features), seen
        assert set(seen.values()) == {"in sight"}, seen
        assert errors == []
    finally:
        context.close()


def test_space_opens_the_details_too(desktop: tuple[Any, list]) -> None:
    page, _ = desktop
    tab_to(page, "Hetao Shenzhen Park")
    page.keyboard.press(" ")
    popup = page.locator(".leaflet-popup .gba-popup")
    popup.wait_for(state="visible", timeout=5_000)
    assert popup.locator(".gba-title").text_content() == "Hetao Shenzhen Park"


def test_every_bundled_feature_is_a_named_button(desktop_shared: tuple[Any, list], atlas: Atlas) -> None:
    page, _ = desktop_shared
    names = page.eval_on_selector_all(
        "path.leaflet-interactive[role=button][tabindex='0']",
        "paths => paths.map(p => p.getAttribute('aria-label'))",
    )
    for layer in atlas.layers:
        for f in layer:
            assert any(n.startswith(f"{f.name}, ") for n in names), f.name


def test_focus_is_visible(desktop: tuple[Any, list]) -> None:
    page, _ = desktop
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    tab_to(page, HK_PARK)
    stroke = page.evaluate("getComputedStyle(document.activeElement).strokeWidth")
    assert stroke == "5px"


def test_one_tooltip_at_a_time(desktop: tuple[Any, list], atlas: Atlas) -> None:
    page, _ = desktop
    tab_to(page, HK_PARK)
    x, y = screen_point(page, atlas.features["hetao_sz_park"])
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    settle(page)
    tooltips = page.locator(".leaflet-tooltip:not(.gba-label)")
    assert tooltips.count() == 1
    assert (tooltips.text_content() or "").startswith("Hetao Shenzhen Park")


# --------------------------------------------------------------------------- #
# Names, states, languages, sizes
# --------------------------------------------------------------------------- #


def test_icon_controls_are_named_buttons_with_their_state(desktop: tuple[Any, list]) -> None:
    page, _ = desktop
    unnamed = page.eval_on_selector_all(
        ".leaflet-control a:not(.leaflet-control-attribution a), .leaflet-control button, .gba-side button",
        """links => links.filter(a => a.getAttribute('role') !== 'button' && a.tagName !== 'BUTTON'
            || !(a.getAttribute('aria-label') || a.textContent.trim())).map(a => a.outerHTML.slice(0, 80))""",
    )
    assert unnamed == []
    polygon = page.locator(".leaflet-draw-draw-polygon")
    assert polygon.get_attribute("aria-pressed") == "false"
    polygon.click()
    assert polygon.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Escape")
    assert page.locator(".leaflet-control-zoom-fullscreen").get_attribute("aria-pressed") == "false"
    toggle = page.locator(".gba-side-toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-label") == "Show the panel"


#: The page's buttons, switches and rows a finger or a pointer aims at.
TARGETS = (
    ".leaflet-control a[role=button], .leaflet-control button, .gba-side button, .gba-side select, "
    ".gba-layer-row, .gba-panel summary"
)
#: Of those, the shown ones less than 24 px wide or high: "class width x height".
SMALL = """nodes => nodes.filter(n => n.checkVisibility()).map(n => [n.className, n.getBoundingClientRect()])
    .filter(([, r]) => r.width < 24 || r.height < 24)
    .map(([c, r]) => c + ' ' + r.width + 'x' + r.height)"""


def small_targets(page: Any) -> list[str]:
    """The shown buttons, switches and rows of the page less than 24 px wide or high, one line each."""
    return list(page.eval_on_selector_all(TARGETS, SMALL))


def test_touch_targets_are_at_least_24_px(desktop_shared: tuple[Any, list]) -> None:
    page, _ = desktop_shared
    assert page.locator(".gba-layer-row").first.is_visible()
    assert small_targets(page) == []


def test_touch_targets_are_at_least_24_px_on_a_phone(browser: Any, bundled_map: Path) -> None:
    """With the sheet folded, then opened (its buttons, layer rows and sections), in each language."""
    context, errors = offline_context(browser, 390, 844, phone=True)
    try:
        page = open_at(context, errors, bundled_map)
        assert page.locator(".leaflet-control-zoom-in").is_visible()
        assert small_targets(page) == []
        page.locator(".gba-side-title").tap()
        settle(page)
        assert page.locator(".gba-layer-row").first.is_visible()
        for lang in ("en", "zh-Hant", "zh-Hans"):
            page.locator(f'.gba-lang[data-lang="{lang}"]').tap()
            settle(page)
            assert small_targets(page) == [], lang
        assert errors == []
    finally:
        context.close()


def test_every_chinese_text_has_its_lang(desktop: tuple[Any, list], atlas: Atlas) -> None:
    page, _ = desktop
    x, y = screen_point(page, atlas.features["hetao_hk_park"])
    page.mouse.click(x, y)
    page.locator(".leaflet-popup .gba-popup").wait_for(state="visible", timeout=5_000)
    lang_of_han = page.evaluate(
        r"""() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const out = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const inScript = n.parentElement.closest('script, style') !== null;
                if (/[\u4e00-\u9fff]/.test(n.textContent) && !inScript) {
                    out.push([n.textContent.trim(), n.parentElement.closest('[lang]').lang]);
                }
            }
            return out;
        }"""
    )
    assert lang_of_han, "no Chinese text on the page"
    for text, lang in lang_of_han:
        assert HAN.search(text)
        assert lang.startswith("zh"), (text, lang)
    assert ["河套香港園區", "zh-Hant"] in lang_of_han


def test_the_checks_are_the_map_text_alternative(desktop_shared: tuple[Any, list], atlas: Atlas) -> None:
    """The panel's checks name every feature with a stated figure, in a captioned table."""
    page, _ = desktop_shared
    table = page.locator(".gba-panel table").first
    assert table.locator("caption").text_content() == "Stated areas against the drawn polygons"
    text = table.text_content() or ""
    for f in (f for layer in atlas.layers for f in layer if f.stated):
        assert f.name in text
    assert page.locator(".gba-panel .gba-ok").first.get_attribute("aria-label") == "holds"


def test_landmarks_and_pinch_zoom(desktop_shared: tuple[Any, list]) -> None:
    page, _ = desktop_shared
    assert page.locator("main").count() == 1
    assert page.locator("main .folium-map").count() == 1
    assert page.locator("aside[aria-label='About this map']").count() == 1
    viewport = page.locator("meta[name=viewport]").get_attribute("content")
    assert viewport == "width=device-width, initial-scale=1"


def test_on_a_phone_enter_opens_the_details_in_the_sheet_and_escape_gives_focus_back(
    browser: Any, bundled_map: Path
) -> None:
    context, errors = offline_context(browser, 390, 844, phone=True)
    try:
        page = open_at(context, errors, bundled_map)
        name = tab_to(page, HK_PARK)
        page.keyboard.press("Enter")
        details = page.locator(".gba-side .gba-details")
        details.wait_for(state="visible", timeout=5_000)
        assert page.evaluate("document.activeElement.classList.contains('gba-details')")
        assert "Stated figures" in (details.text_content() or "")
        page.keyboard.press("Escape")
        assert not details.is_visible()
        assert page.evaluate("document.activeElement.getAttribute('aria-label') || ''") == name
        assert page.locator(".gba-side-toggle").get_attribute("aria-expanded") == "false"
        assert errors == []
    finally:
        context.close()


def test_zoom_buttons_say_when_they_are_disabled(desktop: tuple[Any, list]) -> None:
    page, _ = desktop
    page.evaluate(
        "(m => m.setZoom(m.getMaxZoom(), {animate: false}))(window[document.querySelector('.folium-map').id])"
    )
    settle(page)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-disabled") == "true"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("aria-disabled") == "false"


# --------------------------------------------------------------------------- #
# Reduced motion (WCAG 2.3.3)
# --------------------------------------------------------------------------- #

#: Chooses a place in "Go to" (by its index); resolves when the map has moved, saying whether the
#: move had ended before the choice's handler returned, whether Leaflet animated a zoom, how many
#: "move" events the move took (one a frame while gliding), whether the zoom changed; and whether
#: Leaflet fades things and the minimap's CSS transition.
GO_TO = f"""(index) => new Promise((resolve) => {{
  const map = {MAP}, container = map.getContainer(), before = map.getZoom();
  let returned = false, animated = false, moves = 0;
  const animating = () => {{ animated = true; }}, moving = () => {{ moves++; }};
  map.on('zoomanim', animating).on('move', moving);
  map.once('moveend', () => {{
    const atOnce = !returned;
    map.off('zoomanim', animating).off('move', moving);
    resolve({{ atOnce, animated, moves, zoomed: map.getZoom() !== before,
      fades: container.classList.contains('leaflet-fade-anim'),
      minimap: getComputedStyle(container.querySelector('.leaflet-control-minimap')).transitionDuration }});
  }});
  const select = document.querySelector('.gba-goto');
  select.value = String(index);
  select.dispatchEvent(new Event('change'));
  returned = true;
}})"""


#: Starts counting the map's "move" events and zoom animations until its next "moveend";
#: ``window.__gbaMove`` then resolves to ``{moves, animated}``.
COUNT_MOVES = f"""() => {{
  const map = {MAP};
  let moves = 0, animated = false;
  const moving = () => {{ moves++; }}, animating = () => {{ animated = true; }};
  map.on('move', moving).on('zoomanim', animating);
  window.__gbaMove = new Promise((resolve) => map.once('moveend', () => {{
    map.off('move', moving).off('zoomanim', animating);
    resolve({{ moves, animated }});
  }}));
}}"""


@pytest.mark.parametrize("motion", [False, True], ids=["reduced-motion", "motion"])
def test_the_map_moves_at_once_for_a_reader_who_asked_for_reduced_motion(
    browser: Any, bundled_map: Path, atlas: Atlas, motion: bool
) -> None:
    """With ``prefers-reduced-motion: reduce`` Go to jumps, zooming or panning: each move has ended
    before the choice's handler returns, in one step, with no zoom animation, nothing fading and
    the minimap not resizing; the zoom button and the arrow keys jump too. Without it, the same
    moves glide (so the test sees the difference)."""
    context, errors = offline_context(browser, 1280, 720, motion=motion)
    try:
        page = open_at(context, errors, bundled_map)
        names = [place["name"] for place in map_places(atlas.layers, "en")]
        moves = []
        for name in names[1:] + names[:1]:
            moves.append(page.evaluate(GO_TO, names.index(name)))
            settle(page)
        assert any(move["zoomed"] for move in moves) and not all(move["zoomed"] for move in moves), moves
        steps = []
        page.evaluate(COUNT_MOVES)
        page.locator(".leaflet-control-zoom-in").click()
        steps.append(page.evaluate("window.__gbaMove"))
        settle(page)
        page.locator(".folium-map").focus()
        page.evaluate(COUNT_MOVES)
        page.keyboard.press("ArrowRight")
        steps.append(page.evaluate("window.__gbaMove"))
        if motion:  # a zoom animated and a pan glides (a zoom of more than 4 steps jumps anyway)
            assert any(move["animated"] and not move["atOnce"] for move in moves), moves
            assert any(move["moves"] > 2 and not move["atOnce"] for move in moves if not move["zoomed"]), (
                moves
            )
            assert all(move["fades"] for move in moves) and moves[0]["minimap"] == "0.6s", moves
            assert steps[0]["animated"] and steps[1]["moves"] > 2, steps
        else:
            assert all(move["atOnce"] and move["moves"] == 1 for move in moves), moves
            assert not any(move["animated"] or move["fades"] for move in moves), moves
            assert {move["minimap"] for move in moves} == {"0s"}
            assert steps == [{"moves": 1, "animated": False}] * 2, steps
        assert errors == []
    finally:
        context.close()
