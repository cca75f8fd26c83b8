"""Offline, at each "Go to" view: the plain base map draws land, not water, under the platforms.

The map is opened with every network request blocked (so it falls back to the plain base map),
everything but the plain map's land and water is hidden, and the screenshot's colour is read at
points sampled inside each platform (:func:`tests.test_basemap_finer.sample_inside`) wherever the
map itself is on top there (not the panel, a control or the screen's edge).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from tests.browser_helpers import MAP, go_to, offline_context, open_at, settle
from tests.test_basemap_finer import LAND_SHARE, WHOLE_OUTLINE_ONLY, platform_polygons, sample_inside
from tests.test_map_plain import LAND, WATER, near, screenshot

#: Only the plain map's land and water: every other pane, the cities and the boundaries hidden.
ONLY_LAND_AND_WATER = f"""() => {{
    const map = {MAP};
    Object.entries(map._panes).forEach(([name, pane]) => {{
        if (!['mapPane', 'gbaPlain'].includes(name)) pane.style.display = 'none';
    }});
    map.getPane('gbaPlain').querySelectorAll('.leaflet-marker-icon, path.gba-plain-border')
        .forEach((node) => {{ node.style.display = 'none'; }});
}}"""

#: Below this width or height on the screen a platform is not sampled (px).
MIN_SPAN_PX = 60
#: A (west, south, east, north) box's width and height on the screen, in px.
SPAN = f"""([west, south, east, north]) => {{
    const a = {MAP}.latLngToContainerPoint([south, west]), b = {MAP}.latLngToContainerPoint([north, east]);
    return [Math.abs(b.x - a.x), Math.abs(b.y - a.y)];
}}"""

#: Undoes :data:`ONLY_LAND_AND_WATER`.
EVERYTHING_AGAIN = f"""() => {{
    const map = {MAP};
    Object.values(map._panes).forEach((pane) => {{ pane.style.display = ''; }});
    map.getPane('gbaPlain').querySelectorAll('.leaflet-marker-icon, path.gba-plain-border')
        .forEach((node) => {{ node.style.display = ''; }});
}}"""

#: Which of the points, (lon, lat), show the map itself, and where on the screen: the map must be on
#: top there and 12 px around (clear of the panel's and the controls' shadows and of the screen's edge).
ON_SCREEN = f"""(points) => {{
    const map = {MAP};
    const box = map.getContainer().getBoundingClientRect();
    const bare = (x, y) => {{
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
        const hit = document.elementFromPoint(x, y);
        return Boolean(hit && map.getContainer().contains(hit) && !hit.closest('.leaflet-control'));
    }};
    return points.map(([lon, lat]) => {{
        const p = map.latLngToContainerPoint([lat, lon]);
        const x = Math.round(box.left + p.x), y = Math.round(box.top + p.y);
        const around = [[0, 0], [-12, -12], [12, -12], [-12, 12], [12, 12]];
        return around.every(([dx, dy]) => bare(x + dx, y + dy)) ? [x, y] : null;
    }});
}}"""


@pytest.fixture(scope="module")
def plain_map(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plain-land") / "map.html"
    path.write_text(atlas.to_html(self_contained=True), encoding="utf-8")
    return path


def land_seen(page: Any, samples: dict[str, list[tuple[float, float]]], view: str) -> dict[str, int]:
    """At the current view, check the colour under each platform's samples; return how many were seen.

    A platform drawn under :data:`MIN_SPAN_PX` across is left out (at its edges the coast's line, not
    land or water, is drawn).
    """
    page.evaluate(ONLY_LAND_AND_WATER)
    settle(page)
    image = screenshot(page)
    seen = {}
    for platform, points in samples.items():
        box = platform_polygons()[platform].bounds
        if min(page.evaluate(SPAN, list(box))) < MIN_SPAN_PX:
            continue
        where = [xy for xy in page.evaluate(ON_SCREEN, points) if xy is not None]
        if platform in WHOLE_OUTLINE_ONLY and len(where) < 0.9 * len(points):
            continue
        colours = [image.getpixel(tuple(xy))[:3] for xy in where]
        water = sum(near(c, WATER) for c in colours)
        assert water <= (1 - LAND_SHARE[platform]) * len(colours), (view, platform, water, len(colours))
        land = sum(near(c, LAND, 45) for c in colours)  # land, or its blend with the coast line
        assert land >= LAND_SHARE[platform] * len(colours), (view, platform, land, len(colours))
        seen[platform] = len(colours)
    page.evaluate(EVERYTHING_AGAIN)
    return seen


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "phone"), [(1440, 900, False), (390, 844, True)])
def test_the_first_and_each_go_to_view_show_land_under_the_platforms(
    browser: Any, plain_map: Path, width: int, height: int, phone: bool
) -> None:
    context, errors = offline_context(browser, width, height, phone=phone)
    page = open_at(context, errors, plain_map)
    page.wait_for_function(f"{MAP}.hasLayer(gbaAtlas.stateOf({MAP}).plain)", timeout=10_000)
    samples = {
        platform: [(p.x, p.y) for p in sample_inside(polygon, across=24)]
        for platform, polygon in platform_polygons().items()
        if platform in LAND_SHARE
    }
    seen = Counter(land_seen(page, samples, "first view"))
    places = page.locator(".gba-goto option").all_inner_texts()[1:]
    assert len(places) >= 3
    for place in places:
        if not page.locator(".gba-goto").is_visible():  # on a phone, in the folded sheet
            page.locator(".gba-side-toggle").click()
        go_to(page, place)
        seen.update(land_seen(page, samples, place))
    assert all(seen[platform] >= 20 for platform in samples), seen
    assert errors == []
    context.close()
