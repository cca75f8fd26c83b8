"""Adding a feature touches the data only (README, "Adding a feature").

A copy of the bundled layers gets one more platform, in one file; the atlas's own checks —
``gba-atlas check`` and the pytest plugin's items — pass on it, and the counts the suite derives
from the data (tests/data_helpers.py) follow. The new platform's stated figure is its geodesic
area computed here with pyproj, independently of gba-atlas.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from geo.atlas import BUNDLED_LAYERS
from geo.cli import main
from tests.data_helpers import BUNDLED, read_layers

pytest_plugins = ["pytester"]

NEW_ID = "test_zone"
#: Degrees the copied polygon is moved east and north: off every bundled platform.
SHIFT = (0.3, -0.25)


def shifted(coordinates: Any) -> Any:
    """GeoJSON coordinates moved by :data:`SHIFT`."""
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0] + SHIFT[0], 6), round(coordinates[1] + SHIFT[1], 6)]
    return [shifted(part) for part in coordinates]


def geodesic_ha(polygon: list[list[list[float]]]) -> float:
    """A polygon's area in hectares on WGS84 (exterior minus holes), with pyproj's Geod."""
    geod = Geod(ellps="WGS84")
    rings = [abs(geod.polygon_area_perimeter(*zip(*ring, strict=True))[0]) for ring in polygon]
    return (rings[0] - sum(rings[1:])) / 10_000


def new_platform(layer: dict[str, Any]) -> dict[str, Any]:
    """A copy of the layer's first polygon, moved, with its own id, names and stated area."""
    template = next(f for f in layer["features"] if f["geometry"]["type"] == "Polygon")
    feature = copy.deepcopy(template)
    feature["geometry"]["coordinates"] = shifted(feature["geometry"]["coordinates"])
    hectares = round(geodesic_ha(feature["geometry"]["coordinates"]))
    figure = {
        **template["properties"]["stated"][0],
        "as_stated": f"about {hectares} hectares",
        "value": hectares,
        "unit": "ha",
        "hectares": hectares,
        "about": True,
        "tolerance_pct": 1.0,
    }
    feature["properties"] = {
        **template["properties"],
        "id": NEW_ID,
        "name": "Test Cooperation Zone",
        "short_name": "Test zone",
        "name_zh": "測試合作區",
        "name_zh_script": "zh-Hant",
        "aliases": ["Test zone"],
        "stated": [figure],
    }
    return feature


@pytest.fixture
def layers(tmp_path: Path) -> Path:
    """The bundled layers copied, with one more platform added to one file (the last layer file)."""
    folder = tmp_path / "layers"
    shutil.copytree(BUNDLED_LAYERS, folder)
    path = folder / BUNDLED.layers[-1].path.name
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"].append(new_platform(layer))
    path.write_text(json.dumps(layer, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def test_the_copy_holds_one_more_platform_and_one_more_check(layers: Path) -> None:
    data = read_layers(layers)
    assert data.ids == [*BUNDLED.ids, NEW_ID]
    assert data.checks == BUNDLED.checks + 1


def test_check_passes_with_a_new_platform(layers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--layers", str(layers), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    areas = {a["id"]: a for a in report["areas"]}
    assert areas[NEW_ID]["ok"] and abs(areas[NEW_ID]["deviation_pct"]) < 0.5
    assert len(report["areas"]) + len(report["claims"]) == BUNDLED.checks + 1
    assert main(["check", "--layers", str(layers)]) == 0
    total = BUNDLED.checks + 1
    assert capsys.readouterr().out.rstrip().endswith(f"{total} of {total} checks hold.")


def test_the_plugin_gives_the_new_platform_a_passing_item(layers: Path, pytester: pytest.Pytester) -> None:
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--atlas-layers", str(layers), "-v"
    )
    result.assert_outcomes(passed=BUNDLED.checks + 1)
    stated = read_layers(layers).features[-1]["properties"]["stated"][0]["as_stated"]  # "about N hectares"
    result.stdout.fnmatch_lines([f"*::{NEW_ID}::{stated.replace(' ', '-')} PASSED*"])
