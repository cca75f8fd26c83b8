"""The panel's "Data" downloads: the features as GeoJSON that Atlas.load reads back, the checks as CSV
with the bytes of ``gba-atlas check --format csv``, built in the page from its own data."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.i18n import LANGUAGES, translate
from geo.io.layer_file import layer_geojson
from geo.map.downloads import csv_table, downloads_payload, features_layer
from geo.model import Report
from geo.report import render, to_csv
from geo.text_safety import csv_cell
from tests.browser_helpers import offline_context, open_at
from tests.helpers import SQUARE, collection, feature, stated, write
from tests.test_map_bulk import footprints

# --------------------------------------------------------------------------- #
# A hostile atlas: names a spreadsheet would run, markup, quotes, commas, controls
# --------------------------------------------------------------------------- #

HOSTILE_NAMES = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2",
    "@SUM(A1)",
    '<img src=x onerror="window.__pwned=1">',
    'a "quoted", comma\tand tab \u202eRTL',
]


def shifted(dx: float) -> list[list[float]]:
    return [[round(x + dx, 6), y] for x, y in SQUARE]


def hostile_layers(folder: Path) -> Path:
    features = [
        feature(
            f"hostile_{i}",
            coords=shifted(0.02 * i),
            name=name,
            stated=[stated(as_stated=name, rationale=name)],
        )
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    write(folder / "hostile.geojson", collection(*features, name="=cmd|' /C calc'!A0"))
    claim = {
        "id": "first_beside_second",
        "claim": '-1+1 =HYPERLINK("http://x")',
        "sentence": '@SUM(1) "said", they',
        "test": "adjacent",
        "feature": "hostile_0",
        "to": "hostile_1",
        "max_distance_m": 2000,
    }
    write(folder / "claims.json", {"claims": [claim]})
    return folder


def cli_csv(layers: Path, lang: str) -> bytes:
    """The bytes ``python -m geo check --format csv --lang LANG`` prints."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [
        sys.executable,
        "-m",
        "geo",
        "check",
        "--layers",
        str(layers),
        "--format",
        "csv",
        "--lang",
        lang,
    ]
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def report_rows(report: Report) -> list[dict[str, Any]]:
    return json.loads(render(report, "json"))["areas"] + json.loads(render(report, "json"))["claims"]


# --------------------------------------------------------------------------- #
# The payload, in Python
# --------------------------------------------------------------------------- #


def payload_csv(table: dict[str, Any]) -> str:
    """The CSV the page writes from a payload table, written here with Python's csv module."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table["header"])
    writer.writerows([csv_cell(c) if isinstance(c, str) else c["raw"] for c in row] for row in table["rows"])
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_csv_payload_holds_the_report_rows_as_values(tmp_path: Path, lang: str) -> None:
    atlas = Atlas.load(hostile_layers(tmp_path / "layers"))
    table = csv_table(atlas.report(), lang)
    assert payload_csv(table) == to_csv(atlas.report(), lang=lang)
    first = table["rows"][0]
    assert first[2] == HOSTILE_NAMES[0]  # text as it is: the page neutralises it
    assert first[4] == {"raw": "114.0"}  # numbers as Python's csv writes them
    assert first[8] == {"raw": "True"}


def test_the_features_layer_reads_back_with_the_same_features_and_report(tmp_path: Path) -> None:
    atlas = Atlas.load(BUNDLED_LAYERS)
    folder = tmp_path / "download"
    write(folder / "features.geojson", layer_geojson(features_layer(atlas.layers, atlas.claims, atlas.story)))
    again = Atlas.load(folder)
    assert [f.id for f in again.features.values()] == [f.id for f in atlas.features.values()]
    assert {i: f.properties for i, f in again.features.items()} == {
        i: f.properties for i, f in atlas.features.items()
    }
    assert report_rows(again.report()) == report_rows(atlas.report())
    assert to_csv(again.report()) == to_csv(atlas.report())


def test_bulk_layers_and_the_claims_about_them_are_left_out_of_the_geojson() -> None:
    atlas = Atlas.load(BUNDLED_LAYERS)
    claim = {
        "id": "footprint_in_the_loop",
        "claim": "A footprint lies in the Loop",
        "sentence": "A footprint lies in the Loop.",
        "test": "within",
        "feature": "b_0",
        "container": "hetao_hk_park",
        "min_share": 0.01,
    }
    atlas.add_layer(footprints(201), name="Footprints", claims=[claim])
    payload = downloads_payload(atlas.layers, atlas.claims, atlas.report(), atlas.story)
    assert payload["left_out"] == ["Footprints"]
    ids = [f["properties"]["id"] for f in payload["geojson"]["features"]]
    assert not any(i.startswith("b_") for i in ids)
    assert "footprint_in_the_loop" not in [c["id"] for c in payload["geojson"]["claims"]]
    assert len(payload["geojson"]["claims"]) == len(atlas.claims) - 1


# --------------------------------------------------------------------------- #
# In the browser
# --------------------------------------------------------------------------- #


def download(page: Any, name: str, *, keyboard: bool = False) -> bytes:
    """Press the Data section's button ``name`` (click, or Enter with the focus on it); the file it saves."""
    button = page.get_by_role("button", name=name, exact=True)
    with page.expect_download(timeout=10_000) as caught:
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
    path = caught.value.path()
    return Path(path).read_bytes()


def open_page(browser: Any, path: Path, lang: str = "en") -> tuple[Any, Any, list[str]]:
    context, errors = offline_context(browser, 1280, 800)
    page = open_at(context, errors, path)
    if lang != "en":
        page.evaluate(f"gbaAtlas.i18n.setLanguage({json.dumps(lang)})")
    return context, page, errors


def buttons(lang: str) -> tuple[str, str]:
    """The names of the GeoJSON and the CSV button in ``lang``."""
    return translate("map.data.geojson", lang), translate("map.data.csv", lang)


def test_the_geojson_download_reads_back_with_the_same_features_and_report(
    browser: Any, bundled_map: Path, atlas: Atlas, tmp_path: Path
) -> None:
    context, page, errors = open_page(browser, bundled_map)
    try:
        data = download(page, buttons("en")[0])
    finally:
        context.close()
    folder = tmp_path / "download"
    write(folder / "gba-atlas-features.geojson", data)
    again = Atlas.load(folder)
    assert list(again.features) == list(atlas.features)
    for fid, f in atlas.features.items():
        assert again.features[fid].stated == f.stated
        assert again.features[fid].properties == f.properties
    assert report_rows(again.report()) == report_rows(atlas.report())
    assert errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_csv_download_is_the_bytes_of_check_format_csv(
    browser: Any, bundled_map: Path, lang: str
) -> None:
    context, page, errors = open_page(browser, bundled_map, lang)
    try:
        data = download(page, buttons(lang)[1], keyboard=True)
    finally:
        context.close()
    assert data == cli_csv(BUNDLED_LAYERS, lang)
    assert errors == []


def test_a_hostile_layer_downloads_as_plain_neutralised_data(browser: Any, tmp_path: Path) -> None:
    layers = hostile_layers(tmp_path / "layers")
    atlas = Atlas.load(layers)
    path = tmp_path / "map.html"
    path.write_text(atlas.to_html(self_contained=True), encoding="utf-8")
    context, page, errors = open_page(browser, path)
    try:
        geojson = download(page, buttons("en")[0])
        data = download(page, buttons("en")[1])
        page.wait_for_timeout(200)  # time for any injected onerror to fire
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("img[src='x']").count() == 0
    finally:
        context.close()
    assert data == cli_csv(layers, "en")
    text = data.decode("utf-8")
    for name in ('=HYPERLINK(""http://x"",""y"")', "+1", "-2", "@SUM(A1)"):
        assert f",'{name}," in text or f',"\'{name}",' in text, name
    assert "\\t" in text and "\\u202e" in text and "\t" not in text
    assert ',"\'-1+1 =HYPERLINK(""http://x"")",' in text
    write(tmp_path / "download" / "features.geojson", geojson)
    again = Atlas.load(tmp_path / "download")
    assert [f.name for f in again.features.values()] == HOSTILE_NAMES
    assert report_rows(again.report()) == report_rows(atlas.report())
    assert errors == []
