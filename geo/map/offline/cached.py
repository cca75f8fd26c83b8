"""Inlining a page's assets only when they are already at hand, without fetching anything."""

from __future__ import annotations

from pathlib import Path

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec, resolve
from geo.map.offline.html_tokens import used_asset_urls
from geo.map.offline.inlining import inline_assets
from geo.map.offline.integrity import MANIFEST
from geo.map.offline.npm_cache import default_cache_dir


def is_cached(spec: AssetSpec, cache_dir: Path) -> bool:
    """Tell whether a package file can be read without ``npm`` (from the cache, or XStatic for leaflet).

    Parameters
    ----------
    spec : AssetSpec
        The package file.
    cache_dir : pathlib.Path
        The package cache.

    Returns
    -------
    bool
        Whether it can be read offline.
    """
    if (cache_dir.joinpath(*spec.package.split("/"), MANIFEST)).is_file():  # fetched and recorded
        return True
    if spec.name != "leaflet":
        return False
    try:
        from xstatic.pkg import leaflet as xstatic_leaflet
    except ImportError:
        return False
    return getattr(xstatic_leaflet, "VERSION", None) == spec.version


def inline_if_cached(html: str, *, cache_dir: Path | None = None) -> str:
    """The page with its assets inlined when every one is cached; else the page as it is (with links).

    Parameters
    ----------
    html : str
        An HTML document.
    cache_dir : pathlib.Path, optional
        The package cache; by default :func:`~geo.map.offline.npm_cache.default_cache_dir`.

    Returns
    -------
    str
        The self-contained page, or ``html`` unchanged.
    """
    cache = default_cache_dir() if cache_dir is None else cache_dir
    try:
        if all(is_cached(resolve(url), cache) for url in used_asset_urls(html)):
            return inline_assets(html, cache_dir=cache)
    except AssetError:  # an asset from elsewhere than npm, or a cached package without the file
        pass
    return html
