"""The command line, through subprocess, both as ``python -m geo`` and the console script.

The contents of the other output formats are checked in process, through ``main``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from geo.atlas import BUNDLED_LAYERS
from geo.cli import main

pytestmark = pytest.mark.slow  # the CLI in a subprocess (the output formats' contents: in process)

SCRIPT = Path(sys.executable).with_name("gba-atlas")
WAYS = {"module": [sys.executable, "-m", "geo"], "script": [str(SCRIPT)]}


def run(way: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*WAYS[way], *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)


@pytest.fixture(params=sorted(WAYS))
def way(request):
    if request.param == "script" and not SCRIPT.exists():
        pytest.fail(f"console script not installed at {SCRIPT}: pip install -e .")
    return request.param


def test_check_passes_on_the_bundled_layers(way):
    done = run(way, "check", "--layers", str(BUNDLED_LAYERS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✗" not in done.stdout and done.stdout.count("✓") >= 10


def test_check_json_has_areas_and_claims(way):
    done = run(way, "check", "--layers", str(BUNDLED_LAYERS), "--format", "json")
    report = json.loads(done.stdout)
    assert report["ok"] is True
    assert {
        "id",
        "name",
        "stated",
        "stated_ha",
        "computed_ha",
        "deviation_pct",
        "tolerance_pct",
        "ok",
        "source",
    } <= set(report["areas"][0])
    assert {"claim", "sentence", "ok", "detail"} <= set(report["claims"][0])


@pytest.mark.parametrize("fmt", ["csv", "markdown", "table"])
def test_other_formats_name_every_platform(fmt, capsys):
    """In process: what is written is ``main``'s; how it reaches a pipe, the tests above."""
    assert main(["check", "--layers", str(BUNDLED_LAYERS), "--format", fmt]) == 0
    out = capsys.readouterr().out
    for name in ("Qianhai", "Nansha", "Hengqin", "Northern Metropolis"):
        assert name in out


def shrunk_copy(tmp_path: Path, fid: str, factor: float) -> Path:
    layers = tmp_path / "layers"
    shutil.copytree(BUNDLED_LAYERS, layers)
    for path in layers.glob("*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            if feature["properties"]["id"] == fid:
                geometry = shapely.geometry.shape(feature["geometry"])
                smaller = shapely.affinity.scale(geometry, factor, factor, origin="centroid")
                feature["geometry"] = json.loads(shapely.to_geojson(smaller.normalize().reverse()))
        path.write_text(json.dumps(data), encoding="utf-8")
    return layers


def test_a_shrunk_polygon_fails_the_check(way, tmp_path):
    layers = shrunk_copy(tmp_path, "qianhai", 0.9)
    done = run(way, "check", "--layers", str(layers))
    assert done.returncode == 1
    failing = [line for line in done.stdout.splitlines() if "✗" in line]
    assert failing and all("Qianhai" in line for line in failing)


def test_bad_input_exits_2_without_traceback(way, tmp_path):
    (tmp_path / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    done = run(way, "check", "--layers", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"gba-atlas: error: {tmp_path / 'broken.geojson'}: is not valid JSON")
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2(way):
    done = run(way, "check", "--format", "yaml")
    assert done.returncode == 2
    assert "invalid choice: 'yaml'" in done.stderr


def test_layers_lists_every_feature(way):
    done = run(way, "layers", "--layers", str(BUNDLED_LAYERS))
    assert done.returncode == 0
    for fid in ("hetao_hk_park", "hetao_sz_park", "shenzhen_river", "qianhai", "hengqin"):
        assert fid in done.stdout


def test_default_layers_folder_is_the_bundled_one(tmp_path):
    done = run("module", "layers", cwd=tmp_path)
    assert done.returncode == 0 and "hetao_hk_park" in done.stdout
