"""OpenCC's conversions kept in the asset cache: the same texts, and OpenCC not loaded when all are kept."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.i18n import kept, scripts
from geo.i18n.kept import kept_conversions, kept_path, read_entries
from geo.i18n.scripts import script_of, to_script

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["河套深圳园区", "香港園區", "前海深港现代服务业合作区", "河套", "Nansha 南沙"]


def conversions() -> list[tuple[str, str]]:
    return [(to_script(t, "zh-Hant"), to_script(t, "zh-Hans")) for t in TEXTS]


def test_conversions_are_the_same_with_and_without_the_kept_file(tmp_path):
    uncached = conversions()
    with kept_conversions(tmp_path):
        first = conversions()  # converted by OpenCC, and kept
    scripts._converter.cache_clear()
    with kept_conversions(tmp_path):
        second = conversions()  # read from the file
        assert [script_of(t) for t in TEXTS] == ["zh-Hans", "zh-Hant", "zh-Hans", None, None]
    assert scripts._converter.cache_info().currsize == 0  # OpenCC was not needed the second time
    assert uncached == first == second
    path = kept_path(tmp_path)
    assert path is not None and path.name.startswith(".gba-atlas-opencc-")
    assert read_entries(path)["s2hk"]["河套深圳园区"] == "河套深圳園區"


def test_a_kept_file_is_used_only_within_the_block(tmp_path):
    with kept_conversions(tmp_path):
        assert kept.active() is not None
    assert kept.active() is None
    to_script("深圳园区", "zh-Hant")
    path = kept_path(tmp_path)
    assert path is not None and "深圳园区" not in read_entries(path).get("s2hk", {})


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"s2hk": {"园": 3}}', '{"s2hk": [1]}'])
def test_a_broken_kept_file_counts_as_empty(tmp_path, content):
    path = kept_path(tmp_path)
    assert path is not None
    path.write_text(content, encoding="utf-8")
    with kept_conversions(tmp_path):
        assert to_script("园", "zh-Hant") == "園"
    assert read_entries(path) == {"s2hk": {"园": "園"}}  # rewritten whole


def test_a_kept_file_that_cannot_be_written_changes_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with kept_conversions(blocker / "cache"):
        assert conversions() == [(to_script(t, "zh-Hant"), to_script(t, "zh-Hans")) for t in TEXTS]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_folder_that_is_not_there_is_not_made(tmp_path):
    with kept_conversions(tmp_path / "no-cache-yet"):
        assert to_script("园区", "zh-Hant") == "園區"
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kept.os, "replace", full)
    with kept_conversions(tmp_path):
        assert to_script("园区", "zh-Hant") == "園區"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes read-only folders")
def test_a_read_only_cache_leaves_no_temporary_file(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with kept_conversions(tmp_path):
            assert to_script("园区", "zh-Hant") == "園區"
    finally:
        tmp_path.chmod(0o700)
    assert list(tmp_path.iterdir()) == []


def test_a_kept_file_has_no_temporary_file_beside_it(tmp_path):
    with kept_conversions(tmp_path):
        conversions()
    path = kept_path(tmp_path)
    assert path is not None
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert json.loads(path.read_text(encoding="utf-8"))["hk2s"]["香港園區"] == "香港园区"


@pytest.mark.slow
def test_a_build_with_every_conversion_kept_does_not_load_opencc(tmp_path):
    (tmp_path / "cache").mkdir()
    env = {**os.environ, "GBA_ATLAS_CACHE": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    code = (
        "import hashlib, sys; from geo.atlas import Atlas; html = Atlas.load().to_map().get_root().render(); "
        "print(hashlib.sha256(html.encode()).hexdigest(), 'opencc' in sys.modules)"
    )

    def build() -> list[str]:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-2:]

    cold = build()
    assert cold[1] == "True"  # a cold cache: OpenCC converts, and the conversions are kept
    kept_file = kept_path(tmp_path / "cache")
    assert kept_file is not None and read_entries(kept_file)
    assert build() == [cold[0], "False"]  # every conversion kept: the same map, OpenCC not even imported
