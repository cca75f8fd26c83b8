"""Swapping a page's external ``<script src>`` and ``<link href>`` tags for inline copies.

Each script becomes an inline ``<script>``, each stylesheet a ``<style>`` whose
relative ``url(...)`` references (images, fonts) are ``data:`` URIs, every one
labelled ``data-asset="NAME@VERSION/PATH"``.  Leaflet's default marker icons,
which Leaflet locates through the URL of its stylesheet, are set as data URIs too.
"""

from __future__ import annotations

import base64
import posixpath
import re
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec, Resolve
from geo.map.offline.asset_spec import resolve as resolve_npm_url
from geo.map.offline.html_tokens import TOKEN, external_asset
from geo.map.offline.npm_cache import asset_error, default_cache_dir
from geo.map.offline.package_files import Fetch
from geo.map.offline.package_files import fetch as fetch_package_file

__all__ = ["inline_assets"]

_CSS_URL = re.compile(
    r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)"'\s]*))\s*\)""",
    re.IGNORECASE,
)
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # data:, https:, ...
_MIME_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}
_LEAFLET_SCRIPTS = ("leaflet.js", "leaflet-src.js")
_LEAFLET_ICONS = {
    "iconUrl": "marker-icon.png",
    "iconRetinaUrl": "marker-icon-2x.png",
    "shadowUrl": "marker-shadow.png",
}


@dataclass(frozen=True)
class _Source:
    """Where the files of one inlined URL are read from, and how a failure is reported."""

    fetch: Fetch
    cache_dir: Path
    url: str

    def read(self, spec: AssetSpec) -> bytes:
        """Return the bytes of a package file."""
        return self.fetch(spec, cache_dir=self.cache_dir, url=self.url)

    def error(self, spec: AssetSpec, what: str) -> AssetError:
        """Return the one-line error for ``spec``."""
        return asset_error(self.url, spec, what, self.cache_dir)


def inline_assets(
    html: str,
    *,
    cache_dir: Path | None = None,
    resolve: Resolve = resolve_npm_url,
    fetch: Fetch = fetch_package_file,
) -> str:
    """Replace external scripts and stylesheets by inline copies.

    Parameters
    ----------
    html : str
        An HTML document, e.g. ``folium.Map().get_root().render()``.
    cache_dir : pathlib.Path, optional
        Package cache; defaults to :func:`~geo.map.offline.npm_cache.default_cache_dir`.
    resolve : callable, optional
        Maps each URL to its package file; defaults to the
        ``cdn.jsdelivr.net/npm/`` rule, :func:`~geo.map.offline.asset_spec.resolve`.
    fetch : callable, optional
        Reads a package file; defaults to :func:`~geo.map.offline.package_files.fetch`.

    Returns
    -------
    str
        The document with every ``<script src="http(s)://...">`` turned into
        an inline ``<script>`` and every ``<link rel="stylesheet"
        href="http(s)://...">`` into a ``<style>`` whose relative ``url(...)``
        references are ``data:`` URIs.  Other tags are left untouched.  The
        result is deterministic.

    Raises
    ------
    AssetError
        If a URL cannot be mapped or its package cannot be fetched.
    """
    cache = default_cache_dir() if cache_dir is None else cache_dir

    def replace(match: re.Match[str]) -> str:
        external = external_asset(match)
        if external is None:
            return match[0]
        kind, url = external
        spec = resolve(url)
        source = _Source(fetch, cache, url)
        content = source.read(spec).decode("utf-8-sig")
        label = html_escape(f"{spec.package}/{spec.path}", quote=True)
        if kind == "script":
            script = f'<script data-asset="{label}">{_escape_script(content)}</script>'
            return script + _leaflet_icon_script(spec, source)
        css = _inline_css_urls(content, spec, source)
        return f'<style data-asset="{label}">{_escape_style(css)}</style>'

    return TOKEN.sub(replace, html)


def _leaflet_icon_script(spec: AssetSpec, source: _Source) -> str:
    """Return a script giving Leaflet's default marker icon data-URI images.

    Leaflet derives the icon location from the URL of ``leaflet.css``; once
    that stylesheet is inline the lookup yields a relative ``marker-icon.png``
    that does not exist, so the images are set explicitly.  Empty for any
    script other than ``leaflet.js``.
    """
    if spec.name != "leaflet" or posixpath.basename(spec.path) not in _LEAFLET_SCRIPTS:
        return ""
    images = posixpath.join(posixpath.dirname(spec.path), "images")
    options = []
    for key, name in _LEAFLET_ICONS.items():
        uri = _data_uri(f"{images}/{name}", spec, source, base="")
        options.append(f'{key}:"{uri}"')
    js = f'L.Icon.Default.imagePath="";L.Icon.Default.mergeOptions({{{",".join(options)}}});'
    return f'<script data-asset="{spec.package}/icon-defaults">{js}</script>'


def _escape_script(js: str) -> str:
    r"""Make JavaScript safe inside ``<script>``: ``</script`` and ``<!--``."""
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\!--")


def _escape_style(css: str) -> str:
    r"""Make CSS safe inside ``<style>``: ``</style`` becomes ``<\/style``."""
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _inline_css_urls(css: str, spec: AssetSpec, source: _Source) -> str:
    """Replace relative ``url(...)`` references of a stylesheet by data URIs."""

    def replace(match: re.Match[str]) -> str:
        ref = next(g for g in (match["dq"], match["sq"], match["bare"]) if g is not None)
        ref = ref.strip()
        if not ref or ref.startswith(("#", "/")) or _URL_SCHEME.match(ref):
            return match[0]
        return f'url("{_data_uri(ref, spec, source)}")'

    return _CSS_URL.sub(replace, css)


def _data_uri(ref: str, spec: AssetSpec, source: _Source, base: str | None = None) -> str:
    """Read a package file and encode it as a data URI.

    ``ref`` is relative to ``base`` (default: the directory of ``spec.path``,
    as for a ``url(...)`` inside that stylesheet); its ``?query`` is dropped
    and its ``#fragment`` kept.
    """
    path_part, _, fragment = ref.partition("#")
    path_part = path_part.split("?", 1)[0]
    base = posixpath.dirname(spec.path) if base is None else base
    resolved = posixpath.normpath(posixpath.join(base, path_part))
    target = AssetSpec(spec.name, spec.version, resolved)
    if resolved.startswith("../") or resolved == "..":
        raise source.error(target, f"{ref} points outside the package")
    mime = _MIME_TYPES.get(posixpath.splitext(resolved)[1].lower())
    if mime is None:
        raise source.error(target, f"unknown file type of {ref}")
    data = base64.b64encode(source.read(target)).decode("ascii")
    return f"data:{mime};base64,{data}" + (f"#{fragment}" if fragment else "")
