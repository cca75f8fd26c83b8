"""Helpers for the browser tests: open a map in a Playwright page and find things on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo.model import Feature

VIEWPORT = {"width": 1400, "height": 900}
#: The Leaflet map of a page, as a JavaScript expression.
MAP = "window[document.querySelector('.folium-map').id]"


def open_map(offline_page: Any, path: Path) -> Any:
    page = offline_page.page
    page.set_viewport_size(VIEWPORT)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".gba-panel", timeout=10_000)
    return page


def go_to(page: Any, place: str) -> None:
    """Choose a place in the "Go to…" list and wait until the map has moved there."""
    page.evaluate(f"window.__moved = false; {MAP}.once('moveend', () => {{ window.__moved = true; }}); 0")
    page.select_option(".gba-goto", label=place, timeout=5_000)
    page.wait_for_function("window.__moved === true", timeout=5_000)


def screen_point(page: Any, feature: Feature) -> tuple[float, float]:
    """Where in the page a point inside the feature is."""
    point = feature.geometry.representative_point()
    x, y = page.evaluate(
        f"""() => {{
            const map = {MAP};
            const p = map.latLngToContainerPoint([{point.y}, {point.x}]);
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }}"""
    )
    return x, y
