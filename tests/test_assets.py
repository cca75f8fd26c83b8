"""Tests for geo.map.offline: mapping CDN URLs to npm files and inlining them."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import AssetError
from geo.map.offline import AssetSpec, default_cache_dir, fetch, inline_assets, resolve, used_asset_urls
from geo.map.offline.html_tokens import TOKEN
from geo.map.offline.integrity import sri
from tests.cache_helpers import npm_tarball, record_package

# --------------------------------------------------------------------------- #
# resolve()
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
            AssetSpec("leaflet", "1.9.3", "dist/leaflet.js"),
        ),
        (
            "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
            AssetSpec("@fortawesome/fontawesome-free", "6.2.0", "css/all.min.css"),
        ),
        (
            "http://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css",
            AssetSpec("leaflet.fullscreen", "3.0.0", "Control.FullScreen.css"),
        ),
    ],
)
def test_resolve_generic_jsdelivr_npm_rule(url: str, expected: AssetSpec) -> None:
    assert resolve(url) == expected
    assert expected.package == f"{expected.name}@{expected.version}"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/lib.js",
        "https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet.js",  # no version
        "https://code.jquery.com/jquery-3.6.0.min.js",
    ],
)
def test_resolve_unknown_url_raises_with_url(url: str) -> None:
    with pytest.raises(AssetError, match=re.escape(url)):
        resolve(url)


def test_asset_error_is_runtime_error() -> None:
    assert issubclass(AssetError, RuntimeError)


# --------------------------------------------------------------------------- #
# inline_assets() with a pre-filled cache (no npm needed)
# --------------------------------------------------------------------------- #

PNG = b"\x89PNG\r\n\x1a\nfake-png"
WOFF2 = b"wOF2fake-font"
JS = 'var s = "</script><!-- x"; var t = "</SCRIPT >";\nwindow.fakeLoaded = true;\n'
CSS = (
    ".a{background:url(img/a.png)}"
    ".b{src:url('../fonts/f.woff2?v=1#frag') format('woff2')}"
    ".c{background:url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e\")}"
    ".d{behavior:url(#default#VML)}"
    '.e{content:"</style>"}'
)


def _write(root: Path, rel: str, data: bytes | str) -> None:
    file = root / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data.encode() if isinstance(data, str) else data)


@pytest.fixture
def fake_cache(tmp_path: Path) -> Path:
    """A cache with two fake packages, one of them scoped."""
    cache = tmp_path / "cache"
    pkg = cache / "fakelib@1.0.0"
    _write(pkg, "dist/fake.js", JS)
    _write(pkg, "dist/css/fake.css", CSS)
    _write(pkg, "dist/css/img/a.png", PNG)
    _write(pkg, "dist/fonts/f.woff2", WOFF2)
    _write(pkg, "dist/plain.js", "window.plain = 1;")
    _write(cache / "@scope" / "thing@2.0.0", "index.css", ".s{color:red}")
    record_package(pkg, "fakelib@1.0.0")
    record_package(cache / "@scope" / "thing@2.0.0", "@scope/thing@2.0.0")
    return cache


PAGE = """<!DOCTYPE html>
<html><head>
<script src="https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/fake.js"></script>
<script src="local.js"></script>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/css/fake.css"/>
<link rel="icon" href="https://example.com/favicon.png"/>
<link rel="stylesheet" href="local.css"/>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@scope/thing@2.0.0/index.css">
<!-- <script src="https://example.com/commented-out.js"></script> -->
<script>var html = '<script src="https://example.com/in-a-string.js"><\\/script>';</script>
<script src="https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/plain.min.js"></script>
</head><body></body></html>
"""


def test_used_asset_urls_lists_external_tags_in_order() -> None:
    assert used_asset_urls(PAGE) == [
        "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/fake.js",
        "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/css/fake.css",
        "https://cdn.jsdelivr.net/npm/@scope/thing@2.0.0/index.css",
        "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/plain.min.js",
    ]


def test_inline_replaces_external_tags(fake_cache: Path) -> None:
    out = inline_assets(PAGE, cache_dir=fake_cache)
    assert used_asset_urls(out) == []
    assert "window.fakeLoaded = true;" in out
    assert ".s{color:red}" in out
    # .min.js missing in the package: the unminified file is used instead.
    assert "window.plain = 1;" in out


def test_inline_leaves_other_tags_alone(fake_cache: Path) -> None:
    out = inline_assets(PAGE, cache_dir=fake_cache)
    for untouched in [
        '<script src="local.js"></script>',
        '<link rel="icon" href="https://example.com/favicon.png"/>',
        '<link rel="stylesheet" href="local.css"/>',
        '<!-- <script src="https://example.com/commented-out.js"></script> -->',
        "<script>var html = '<script src=\"https://example.com/in-a-string.js\"><\\/script>';",
    ]:
        assert untouched in out


def test_inline_escapes_script_and_comment_openers(fake_cache: Path) -> None:
    out = inline_assets(PAGE, cache_dir=fake_cache)
    body = re.search(r"<script[^>]*>(var s = .*?)</script>", out, re.DOTALL)
    assert body is not None
    js = body[1]
    assert "</script" not in js.lower()
    assert "<!--" not in js
    assert '"<\\/script><\\!-- x"' in js
    assert '"<\\/SCRIPT >"' in js


def _style_body(out: str, marker: str) -> str:
    for body in re.findall(r"<style[^>]*>(.*?)</style>", out, re.DOTALL):
        if marker in body:
            return body
    raise AssertionError(f"no <style> containing {marker!r}")


def test_inline_css_urls_become_data_uris(fake_cache: Path) -> None:
    css = _style_body(inline_assets(PAGE, cache_dir=fake_cache), ".a{")
    png = base64.b64encode(PNG).decode()
    woff2 = base64.b64encode(WOFF2).decode()
    assert f'.a{{background:url("data:image/png;base64,{png}")}}' in css
    assert f"url(\"data:font/woff2;base64,{woff2}#frag\") format('woff2')" in css
    # Existing data: URIs and fragment-only references are not touched.
    assert "url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e\")" in css
    assert "url(#default#VML)" in css
    assert "</style" not in css.lower()
    assert '"<\\/style>"' in css


def test_inline_is_deterministic(fake_cache: Path) -> None:
    first = inline_assets(PAGE, cache_dir=fake_cache)
    second = inline_assets(PAGE, cache_dir=fake_cache)
    assert first.encode() == second.encode()
    assert first != PAGE


def test_inline_without_external_tags_is_identity(tmp_path: Path) -> None:
    page = '<html><script src="a.js"></script><link rel="stylesheet" href="b.css"></html>'
    assert inline_assets(page, cache_dir=tmp_path / "empty") == page


def test_missing_file_in_package_is_reported(fake_cache: Path) -> None:
    url = "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/nope.js"
    with pytest.raises(AssetError) as info:
        inline_assets(f'<script src="{url}"></script>', cache_dir=fake_cache)
    message = str(info.value)
    assert url in message
    assert "fakelib@1.0.0" in message
    assert "dist/nope.js missing in package" in message
    assert "\n" not in message


def test_css_url_outside_package_is_rejected(fake_cache: Path) -> None:
    _write(fake_cache / "fakelib@1.0.0", "evil.css", ".x{background:url(../../secret.png)}")
    record_package(fake_cache / "fakelib@1.0.0", "fakelib@1.0.0")  # as if the package shipped it
    url = "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/evil.css"
    with pytest.raises(AssetError, match="outside the package"):
        inline_assets(f'<link rel="stylesheet" href="{url}">', cache_dir=fake_cache)


def test_leaflet_default_icons_are_inlined(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pkg = cache / "leaflet@0.0.1-fake"  # no XStatic-Leaflet at this version
    _write(pkg, "dist/leaflet.js", "window.L = {};")
    for name in ["marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"]:
        _write(pkg, f"dist/images/{name}", name.encode())
    record_package(pkg, "leaflet@0.0.1-fake")
    url = "https://cdn.jsdelivr.net/npm/leaflet@0.0.1-fake/dist/leaflet.js"
    out = inline_assets(f'<script src="{url}"></script><p>', cache_dir=cache)
    icon = base64.b64encode(b"marker-icon.png").decode()
    shadow = base64.b64encode(b"marker-shadow.png").decode()
    leaflet_then_patch = r"<script[^>]*>window\.L = \{\};</script><script[^>]*>(.*)</script><p>"
    patch = re.fullmatch(leaflet_then_patch, out)
    assert patch is not None, out
    assert patch[1].startswith('L.Icon.Default.imagePath="";L.Icon.Default.mergeOptions({')
    assert f'iconUrl:"data:image/png;base64,{icon}"' in patch[1]
    assert f'shadowUrl:"data:image/png;base64,{shadow}"' in patch[1]
    assert 'iconRetinaUrl:"data:image/png;base64,' in patch[1]


# --------------------------------------------------------------------------- #
# fetch(): npm handling with fake npm executables
# --------------------------------------------------------------------------- #


def test_missing_npm_gives_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    cache = tmp_path / "cache"
    url = "https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js"
    with pytest.raises(AssetError) as info:
        inline_assets(f'<script src="{url}"></script>', cache_dir=cache)
    message = str(info.value)
    assert url in message
    assert "jquery@3.7.1" in message
    assert "npm not found on PATH" in message
    assert "install Node.js with npm" in message
    assert "--self-contained" in message
    assert str(cache) in message
    assert "\n" not in message


def _fake_npm(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    npm = bin_dir / "npm"
    npm.write_text("#!/bin/sh\n" + script)
    npm.chmod(0o755)


def test_npm_pack_failure_reports_error_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fake_npm(
        tmp_path / "bin",
        "echo 'npm warn Unknown user config' >&2\n"
        "echo 'npm error code E404' >&2\n"
        "echo 'npm error 404 Not Found - fakelib@9.9.9' >&2\n"
        "exit 1\n",
    )
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    cache = tmp_path / "cache"
    with pytest.raises(AssetError) as info:
        fetch(AssetSpec("fakelib", "9.9.9", "a.js"), cache_dir=cache, url="https://x/a.js")
    message = str(info.value)
    assert "npm pack failed: npm error 404 Not Found - fakelib@9.9.9" in message
    assert "fakelib@9.9.9" in message
    # A failed fetch leaves no (half-filled) cache entry behind.
    assert not (cache / "fakelib@9.9.9").exists()
    assert [p.name for p in cache.iterdir()] == []


def test_fetch_packs_extracts_and_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tgz = tmp_path / "prebuilt.tgz"
    tgz.write_bytes(npm_tarball({"dist/x.js": b"var x;", "package.json": b"{}"}))
    report = json.dumps([{"integrity": sri(tgz.read_bytes())}])
    log = tmp_path / "npm.log"
    # Copies the tarball to the directory following --pack-destination.
    _fake_npm(
        tmp_path / "bin",
        f'echo "$@" >> "{log}"\n'
        'while [ "$#" -gt 0 ]; do\n'
        '  if [ "$1" = "--pack-destination" ]; then dest="$2"; fi\n'
        "  shift\n"
        "done\n"
        f'cp "{tgz}" "$dest/scope-pkg-1.0.0.tgz"\n'
        f"echo '{report}'\n",
    )
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    cache = tmp_path / "cache"
    spec = AssetSpec("@scope/pkg", "1.0.0", "dist/x.js")
    assert fetch(spec, cache_dir=cache) == b"var x;"
    assert (cache / "@scope" / "pkg@1.0.0" / "dist" / "x.js").is_file()
    assert sorted(p.name for p in cache.iterdir()) == ["@scope"]  # no temp dirs left
    # Second fetch is served from the cache: npm is not run again.
    assert fetch(spec, cache_dir=cache) == b"var x;"
    calls = log.read_text().splitlines()
    assert len(calls) == 1
    assert calls[0].startswith("pack @scope/pkg@1.0.0 --json ")


def test_fetch_leaflet_prefers_xstatic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xstatic = pytest.importorskip("xstatic.pkg.leaflet")
    monkeypatch.setenv("PATH", "")  # npm unavailable: must not be needed
    spec = AssetSpec("leaflet", xstatic.VERSION, "dist/leaflet.js")
    expected = (Path(xstatic.BASE_DIR) / "leaflet.js").read_bytes()
    assert fetch(spec, cache_dir=tmp_path) == expected
    with pytest.raises(AssetError, match="npm not found"):
        fetch(AssetSpec("leaflet", "0.0.1", "dist/leaflet.js"), cache_dir=tmp_path)


def test_default_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GBA_ATLAS_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "gba-atlas" / "assets"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "gba-atlas" / "assets"
    monkeypatch.setenv("GBA_ATLAS_CACHE", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"


#: The tokenizer's plain form: its script and style bodies are ``.*?`` up to the closing tag.
LAZY_TOKEN = re.compile(
    r"<!--.*?-->|<(?P<tag>script|style)\b(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)\s*>|<link\b(?P<link>[^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
HTML_PIECES = ["<script>", "</script>", "</SCRIPT >", "<style>", "</style>", "<", "/", ">", "x",
               "<!--", "-->", "<link href='u'>", "</scri", "pt>", " ", "\n"]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=400)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=14).map("".join))
def test_tokenizer_matches_its_plain_form(html: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m["body"]) for m in pattern.finditer(html)]

    assert spans(TOKEN) == spans(LAZY_TOKEN)
