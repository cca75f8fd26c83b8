"""Obtain and inline a map's web assets for a self-contained, offline HTML file.

Folium renders ``<script src="https://...">`` and ``<link rel="stylesheet"
href="https://...">`` tags pointing at public CDNs.  :func:`inline_assets`
replaces each of them by an inline ``<script>`` or ``<style>`` element holding
the same file, so the map works without network access.

Every CDN URL is mapped (:func:`resolve`) to a file inside an npm package at
an exact version.  Packages are fetched once with ``npm pack`` and extracted
into a per-user cache (:func:`default_cache_dir`); nothing third-party is
shipped with this project.  Images and fonts referenced by relative
``url(...)`` in stylesheets are embedded as ``data:`` URIs.

Modules, one concern each:

- :mod:`~geo.map.offline.asset_spec`: which package, version and file an asset is;
- :mod:`~geo.map.offline.npm_cache`: the package cache and ``npm pack``;
- :mod:`~geo.map.offline.package_files`: reading one package file (:func:`fetch`);
- :mod:`~geo.map.offline.html_tokens`: finding external scripts and stylesheets in HTML;
- :mod:`~geo.map.offline.inlining`: replacing them by inline copies.
"""

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec, Resolve, resolve
from geo.map.offline.html_tokens import used_asset_urls
from geo.map.offline.inlining import inline_assets
from geo.map.offline.npm_cache import asset_error, default_cache_dir
from geo.map.offline.package_files import Fetch, fetch

__all__ = [
    "AssetError",
    "AssetSpec",
    "Fetch",
    "Resolve",
    "asset_error",
    "default_cache_dir",
    "fetch",
    "inline_assets",
    "resolve",
    "used_asset_urls",
]
