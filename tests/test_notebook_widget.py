"""The live map widget in a real JupyterLab, offline: draw, read back in Python, add, see it (issue 27).

JupyterLab runs on 127.0.0.1 (tests/jupyter_lab.py); the browser may reach nothing else. The
cells run through JupyterLab's own commands; the polygon is drawn with the map's draw tool by
mouse clicks in the widget's frame; its geodesic area in Python is compared with pyproj's
Geod on the positions Leaflet gives for the clicked pixels.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from geo import Atlas
from tests.jupyter_lab import Lab, notebook, running_lab

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.npm]

CELLS = [
    "from geo import Atlas\natlas = Atlas.load()\natlas.to_map()",
    "widget = atlas.explore()\nwidget",
    'import json\nfeatures = widget.drawn["features"]\n'
    'print("AREA", repr(float(widget.drawn_gdf.area_ha.sum())), len(features), '
    'json.dumps(features[0]["geometry"]["coordinates"][0]))',
    'import warnings\nwarnings.simplefilter("ignore")\n'
    'atlas.add_layer(widget.drawn_gdf, name="Mine")\nprint("ADDED", [f.id for f in atlas.layer("Mine")])',
]
#: Where the polygon's corners are clicked, as shares of the map frame's width and height.
CORNERS = [(0.55, 0.35), (0.75, 0.35), (0.75, 0.6), (0.55, 0.6)]
PREVIEW = Path(__file__).resolve().parent.parent / "output" / "preview-notebook.png"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


def _run_cell(page: Any, index: int) -> None:
    page.evaluate(
        """async (index) => {
            const app = window.jupyterapp;
            const panel = app.shell.currentWidget;
            panel.content.activeCellIndex = index;
            await app.commands.execute("notebook:run-cell");
        }""",
        index,
    )


def _output_text(page: Any, index: int, marker: str) -> str:
    selector = f".jp-Notebook .jp-Cell >> nth={index} >> .jp-OutputArea-output"
    page.wait_for_function(
        """([index, marker]) => {
            const cell = document.querySelectorAll(".jp-Notebook .jp-Cell")[index];
            return cell && cell.querySelector(".jp-OutputArea") &&
                cell.querySelector(".jp-OutputArea").innerText.includes(marker);
        }""",
        arg=[index, marker],
        timeout=60_000,
    )
    return str(page.locator(selector).first.inner_text())


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    Atlas.load().to_html(self_contained=True)  # the map's assets in the cache (fetched with npm once)
    root = tmp_path_factory.mktemp("lab") / "work"
    root.mkdir()
    with running_lab(root) as running:
        yield running


def _offline_page(browser: Any, blocked: list[str]) -> Any:
    """A page at 1440×900 that reaches only 127.0.0.1; what it could not reach goes to ``blocked``."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    return context.new_page()


def test_an_untrusted_notebooks_map_shows_the_hint_to_trust_it(browser: Any, lab: Lab) -> None:
    """Outputs saved in a notebook that was not signed: JupyterLab strips the frame, and the hint stays."""
    output = {"output_type": "display_data", "metadata": {}, "data": {
        "text/html": Atlas.load().to_map()._repr_html_(), "text/plain": "<AtlasMap>"}}  # fmt: skip
    text = json.loads(notebook(["atlas.to_map()"]))
    text["cells"][0].update(outputs=[output], execution_count=1)
    (lab.root / "shared.ipynb").write_text(json.dumps(text), encoding="utf-8")
    page = _offline_page(browser, [])
    page.goto(lab.notebook_url("shared.ipynb"))
    hint = page.wait_for_selector(".jp-OutputArea-output p.gba-untrusted", timeout=90_000)
    assert "Trust Notebook" in hint.inner_text() and hint.is_visible()
    assert page.query_selector(".jp-OutputArea-output iframe") is None
    page.context.close()


def test_a_polygon_drawn_on_the_widget_arrives_in_python_and_comes_back_as_a_layer(
    browser: Any, lab: Lab
) -> None:
    (lab.root / "widget.ipynb").write_text(notebook(CELLS), encoding="utf-8")
    blocked: list[str] = []
    page = _offline_page(browser, blocked)
    context = page.context
    page.goto(lab.notebook_url("widget.ipynb"))
    page.wait_for_function(
        "window.jupyterapp && jupyterapp.shell.currentWidget && "
        "jupyterapp.shell.currentWidget.sessionContext && "
        "jupyterapp.shell.currentWidget.sessionContext.session && "
        "jupyterapp.shell.currentWidget.sessionContext.session.kernel && "
        "jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=90_000,
    )
    # a trusted output (run here): to_map()'s frame loads and removes the untrusted-notebook hint
    _run_cell(page, 0)
    page.wait_for_selector(".jp-Cell >> nth=0 >> iframe[title='Map']", timeout=90_000)
    page.wait_for_function(
        "!document.querySelectorAll('.jp-Cell')[0].querySelector('.gba-untrusted')", timeout=30_000
    )
    _run_cell(page, 1)
    frame_element = page.wait_for_selector(".jp-Cell >> nth=1 >> iframe[title='Map']", timeout=90_000)
    frame = frame_element.content_frame()
    frame.wait_for_selector(".leaflet-draw-draw-polygon", timeout=30_000)
    frame.wait_for_function("window.L && document.querySelector('.gba-panel')", timeout=30_000)
    frame_element.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = frame_element.bounding_box()
    points = [
        (round(box["x"] + box["width"] * fx), round(box["y"] + box["height"] * fy)) for fx, fy in CORNERS
    ]
    lonlats = frame.evaluate(
        """(points) => {
            const map = window[document.querySelector('.folium-map').id];
            return points.map(([x, y]) => {
                const p = map.mouseEventToLatLng({ clientX: x, clientY: y });
                return [p.lng, p.lat];
            });
        }""",
        [[x - box["x"], y - box["y"]] for x, y in points],
    )
    frame.click(".leaflet-draw-draw-polygon")
    for x, y in [*points, points[0]]:
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
    _run_cell(page, 2)
    text = _output_text(page, 2, "AREA")
    found = re.search(r"AREA (\S+) (\d+) (\[.*\])", text)
    assert found, text
    area_ha, count, ring = float(found.group(1)), int(found.group(2)), json.loads(found.group(3))
    assert count == 1 and len(ring) == len(CORNERS) + 1 and ring[0] == ring[-1]
    # Python's area is the geodesic area (pyproj's Geod) of the positions the page posted ...
    lons, lats = zip(*ring, strict=True)
    signed_m2, _ = Geod(ellps="WGS84").polygon_area_perimeter(lons, lats)
    assert signed_m2 > 0  # counter-clockwise, as RFC 7946 asks (the corners were clicked clockwise)
    assert area_ha == pytest.approx(signed_m2 / 10_000, rel=1e-9)
    # ... which are the clicked corners, to within about two pixels (~10 m; the polygon is ~1.5 km)
    clicked = dict.fromkeys(map(tuple, lonlats))
    for lon, lat in ring[:-1]:
        assert min(abs(lon - x) + abs(lat - y) for x, y in clicked) < 1.5e-4
    assert area_ha > 10

    if os.environ.get("GBA_ATLAS_PREVIEW") == "1":  # the README's picture of the widget
        page.mouse.move(2, 450)  # no tooltip left under the pointer
        page.evaluate("jupyterapp.commands.execute('application:toggle-left-area')")
        page.evaluate("document.querySelectorAll('.jp-Cell')[1].scrollIntoView({ block: 'start' })")
        page.wait_for_timeout(500)
        page.screenshot(path=str(PREVIEW))
    _run_cell(page, 3)
    assert "ADDED ['mine_1']" in _output_text(page, 3, "ADDED")
    # the open widget shows the new layer: named on the map, and the map opens on it
    frame.wait_for_function(
        "[...document.querySelectorAll('.gba-label')].some((label) => label.textContent === 'Mine 1')",
        timeout=30_000,
    )
    assert frame.evaluate("document.title") == "Mine"
    # ... and keeps the drawing: one polygon of the draw tool's, restored in the new page
    frame.wait_for_function(
        "document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length > 0",
        timeout=10_000,
    )
    context.close()
    # offline, only the base map's tiles were asked for (the map fell back to the plain one): no script
    assert not [url for url in blocked if url.split("?")[0].endswith((".js", ".css"))], blocked[:5]
