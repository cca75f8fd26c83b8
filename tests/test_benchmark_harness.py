"""The benchmark harness (benchmarks/run.py): its data and its verdicts, not its timings;
and the inlining of an explore() map's assets (benchmarks/explore_assets.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely

from benchmarks.explore_assets import inline_explore_assets, resolve_folium_url
from benchmarks.run import (
    N_BUILDINGS,
    RING_VERTICES,
    footprint_polygons,
    footprints,
    max_vertex_error_m,
    ratio_line,
    ratio_row,
    side_by_side,
    source_vertices,
)
from geo.errors import AssetError
from geo.map.offline import AssetSpec, default_cache_dir, used_asset_urls

CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"
GH = "https://cdn.jsdelivr.net/gh"
TILE_URL = re.compile(r"^https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$")


@pytest.mark.slow
def test_footprints_are_deterministic_and_as_specified() -> None:
    gdf = footprints()
    again = footprint_polygons()
    assert len(gdf) == N_BUILDINGS == 20_000
    assert gdf.crs.to_epsg() == 4326
    polygons = gdf.geometry.values
    assert shapely.equals_exact(np.asarray(polygons), again, tolerance=0).all()
    assert shapely.is_valid(polygons).all()
    assert (shapely.get_type_id(polygons) == 3).all()  # Polygon
    counts = shapely.get_num_coordinates(polygons)
    assert RING_VERTICES == 39
    assert (counts == RING_VERTICES).all()
    assert counts.sum() == 780_000
    assert list(gdf["id"][:2]) == ["b_0", "b_1"] and gdf["name"].iloc[-1] == "Building 19999"
    assert gdf["height_m"].dtype.kind == "f"
    lon, lat = shapely.get_coordinates(polygons).T
    assert lon.min() > 113.9 - 1e-3 and lon.max() < 114.2 + 1e-3
    assert lat.min() > 22.4 - 1e-3 and lat.max() < 22.6 + 1e-3
    assert not shapely.equals_exact(footprint_polygons(10, seed=1), footprint_polygons(10, seed=2)).any()


def test_source_vertices_drop_closing_vertices() -> None:
    polygons = footprint_polygons(5)
    vertices = source_vertices(polygons)
    assert vertices.shape == (5 * (RING_VERTICES - 1), 2)
    assert max_vertex_error_m(vertices, vertices) == 0.0
    moved = vertices + np.array([0.0, 1e-5])  # about 1.1 m north
    assert 1.0 < max_vertex_error_m(moved, vertices) < 1.2


def test_a_ratio_over_target_is_not_met() -> None:
    over = ratio_line("map build", "3.00 s", "explore() 7.50 s", 0.4, 0.3)
    assert over.endswith("NOT MET") and "= 0.40x (target <= 0.3x)" in over
    assert ratio_line("map build", "1.50 s", "explore() 7.50 s", 0.2, 0.3).endswith("  OK")
    assert "not measured" in ratio_line("map vertices", "—", "—", None, 0.5)
    assert ratio_row("t", 3.0, 7.5, 0.3)["ok"] is False
    assert ratio_row("t", 1.5, 7.5, 0.3)["ok"] is True


def test_side_by_side_alternates_and_keeps_each_best() -> None:
    calls: list[str] = []
    (a_best, a_runs), (b_best, b_runs) = side_by_side(
        lambda: calls.append("a"), lambda: calls.append("b"), repeats=3
    )
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert (a_runs, b_runs) == (3, 3)
    assert 0 <= a_best < 0.1 and 0 <= b_best < 0.1


def test_side_by_side_stops_a_call_once_its_budget_is_spent() -> None:
    calls: list[str] = []
    side_by_side(lambda: calls.append("a"), lambda: calls.append("b"), repeats=4, budget_s=0.0)
    assert calls == ["a", "b"]


# --------------------------------------------------------------------------- #
# benchmarks/explore_assets.py: folium's own CDN URLs, for the inlined explore() map
# --------------------------------------------------------------------------- #

KNOWN = [
    ("https://code.jquery.com/jquery-3.7.1.min.js", "jquery", "3.7.1", "dist/jquery.min.js"),
    (
        f"{CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js",
        "drmonty-leaflet-awesome-markers",
        "2.0.2",
        "js/leaflet.awesome-markers.js",
    ),
    (
        f"{CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css",
        "drmonty-leaflet-awesome-markers",
        "2.0.2",
        "css/leaflet.awesome-markers.css",
    ),
    (
        f"{GH}/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js",
        "leaflet-measure",
        "2.1.7",
        "dist/leaflet-measure.min.js",
    ),
    (
        f"{GH}/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css",
        "leaflet-measure",
        "2.1.7",
        "dist/leaflet-measure.css",
    ),
    (
        f"{CDNJS}/leaflet-minimap/3.6.1/Control.MiniMap.js",
        "leaflet-minimap",
        "3.6.1",
        "src/Control.MiniMap.js",
    ),
    (
        f"{CDNJS}/leaflet-minimap/3.6.1/Control.MiniMap.css",
        "leaflet-minimap",
        "3.6.1",
        "src/Control.MiniMap.css",
    ),
    (
        f"{CDNJS}/leaflet.draw/1.0.2/leaflet.draw.js",
        "leaflet-draw",
        "1.0.2",
        "dist/leaflet.draw.js",
    ),
    (
        f"{CDNJS}/leaflet.draw/1.0.2/leaflet.draw.css",
        "leaflet-draw",
        "1.0.2",
        "dist/leaflet.draw.css",
    ),
    (
        f"{GH}/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.js",
        "leaflet-mouse-position",
        "1.2.0",
        "src/L.Control.MousePosition.js",
    ),
    (
        f"{GH}/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.css",
        "leaflet-mouse-position",
        "1.2.0",
        "src/L.Control.MousePosition.css",
    ),
    (
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
        "glyphicons-only-bootstrap",
        "1.0.1",
        "css/bootstrap.min.css",
    ),
]


@pytest.mark.parametrize(("url", "name", "version", "path"), KNOWN)
def test_resolve_known_urls(url: str, name: str, version: str, path: str) -> None:
    assert resolve_folium_url(url) == AssetSpec(name, version, path)


def test_resolve_upgrades_http_for_known_urls() -> None:
    assert resolve_folium_url("http://code.jquery.com/jquery-3.7.1.min.js").name == "jquery"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/lib.js",
        "https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet.js",  # no version
        "https://code.jquery.com/jquery-3.6.0.min.js",
    ],
)
def test_resolve_folium_url_unknown_url_raises_with_url(url: str) -> None:
    with pytest.raises(AssetError, match=re.escape(url)):
        resolve_folium_url(url)


def test_rotate_css_is_generated_without_npm(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    url = f"{GH}/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css"
    out = inline_explore_assets(f'<link rel="stylesheet" href="{url}">', cache_dir=tmp_path)
    assert ".fa-rotate-1{transform:rotate(1deg)}" in out
    assert ".fa-rotate-360{transform:rotate(360deg)}" in out
    assert ".fa-rotate-361" not in out


# --------------------------------------------------------------------------- #
# Integration: a real folium map, real npm packages
# --------------------------------------------------------------------------- #


def _folium_map_html() -> str:
    folium = pytest.importorskip("folium")
    plugins = pytest.importorskip("folium.plugins")
    m = folium.Map(location=[-12.5, 131.0], zoom_start=5)
    plugins.Fullscreen().add_to(m)
    plugins.MeasureControl().add_to(m)
    plugins.MousePosition().add_to(m)
    plugins.MiniMap().add_to(m)
    plugins.Draw(export=True).add_to(m)
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Point", "coordinates": [131.0, -12.5]},
    }
    folium.GeoJson({"type": "FeatureCollection", "features": [feature]}, name="points").add_to(m)
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def _require_npm_registry() -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm not on PATH: install Node.js with npm to run this test")
    try:
        proc = subprocess.run(
            [npm, "view", "leaflet@1.9.3", "version", "--loglevel=error"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("npm registry unreachable (npm view timed out)")
    if proc.returncode != 0 or proc.stdout.strip() != "1.9.3":
        first = (proc.stderr.strip().splitlines() or ["no output"])[0]
        pytest.skip(f"npm registry unreachable: {first}")


@pytest.fixture(scope="module")
def inlined_folium_map() -> tuple[str, str]:
    """(original, inlined) HTML of a folium map with several plugins."""
    original = _folium_map_html()
    _require_npm_registry()
    return original, inline_explore_assets(original, cache_dir=default_cache_dir())


@pytest.mark.slow
@pytest.mark.npm
def test_folium_map_is_fully_inlined(inlined_folium_map: tuple[str, str]) -> None:
    original, inlined = inlined_folium_map
    assert len(used_asset_urls(original)) >= 15
    assert used_asset_urls(inlined) == []
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", inlined, re.IGNORECASE):
        assert not re.search(r"""\b(?:src|href)\s*=\s*["']?https?:""", tag, re.IGNORECASE), tag
    assert inline_explore_assets(original, cache_dir=default_cache_dir()) == inlined


@pytest.mark.slow
@pytest.mark.npm
@pytest.mark.browser
def test_inlined_folium_map_works_offline(
    inlined_folium_map: tuple[str, str], offline_page, tmp_path: Path
) -> None:
    _, inlined = inlined_folium_map
    html_file = tmp_path / "map.html"
    html_file.write_text(inlined, encoding="utf-8")
    page = offline_page.page
    page.goto(html_file.as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-control-minimap", timeout=10_000)

    assert page.evaluate('typeof L === "object"')
    assert offline_page.errors == []
    assert offline_page.dialogs == []
    for selector in [
        ".leaflet-draw",
        ".leaflet-control-measure",
        ".leaflet-control-zoom-fullscreen",
        ".leaflet-control-minimap",
        ".leaflet-control-mouseposition",
        ".leaflet-control-layers",
    ]:
        assert page.locator(selector).count() >= 1, selector
    # Leaflet's default marker icon (used by the GeoJSON point) is inline too.
    icon = page.locator(".leaflet-marker-icon").first.get_attribute("src") or ""
    assert icon.startswith("data:image/png;base64,"), icon[:60]
    # Images referenced from CSS were inlined as data: URIs and are in effect.
    sprite = page.evaluate(
        "getComputedStyle(document.querySelector('.leaflet-draw-draw-polyline')).backgroundImage"
    )
    assert 'url("data:image/svg+xml;base64,' in sprite, sprite[:80]
    # Only map tiles may have tried the network; every script/style is inline.
    assert offline_page.blocked, "expected blocked tile requests (is routing active?)"
    assert [url for url in offline_page.blocked if not TILE_URL.match(url)] == []
    # The only console errors are the browser's reports of those blocked tiles.
    assert [e for e in offline_page.console_errors if "net::ERR_FAILED" not in e] == []


def test_big_map_is_skipped_with_a_reason_when_memory_is_short(monkeypatch, tmp_path: Path) -> None:
    from benchmarks import big_map

    monkeypatch.setattr(big_map, "available_gb", lambda: 1.5)
    monkeypatch.setattr(big_map, "build", lambda *a: pytest.fail("must not build"))
    (row,), (line,) = big_map.big(tmp_path)
    assert row["ok"] is None and "1.5 GiB available" in row["skipped"]
    assert line.endswith(f"not measured (only 1.5 GiB available, {big_map.MIN_FREE_GB:g} wanted)")


def test_big_map_that_does_not_open_or_draw_is_not_met(monkeypatch, tmp_path: Path) -> None:
    from benchmarks import big_map

    built = {"seconds": 50.0, "peak_rss": 4 * 2**30, "size": 150e6}
    monkeypatch.setattr(big_map, "available_gb", lambda: 20.0)
    monkeypatch.setattr(big_map, "build", lambda *a: built)

    def timeout(path: Path) -> dict:
        raise TimeoutError("Timeout 180000ms exceeded.\ncall log")

    monkeypatch.setattr(big_map, "open_big", timeout)
    (row,), lines = big_map.big(tmp_path)
    assert row["ok"] is False and row["build"] == built
    assert lines[-1].endswith("did not open in Chromium — TimeoutError: Timeout 180000ms exceeded.  NOT MET")
    page = {"ready_ms": 30_000, "drawn_ms": None, "js_heap": 2**30, "canvases": 1, "renderer_rss": 2**31}
    for drawn_ms, errors, ok in (
        (None, [], False),
        (8_000, ["boom"], False),
        (90_000, [], False),
        (8_000, [], True),
    ):
        monkeypatch.setattr(
            big_map, "open_big", lambda path, d=drawn_ms, e=errors: {**page, "drawn_ms": d, "errors": e}
        )
        (row,), lines = big_map.big(tmp_path)
        assert row["ok"] is ok and lines[1].endswith("OK" if ok else "NOT MET"), (drawn_ms, errors)
