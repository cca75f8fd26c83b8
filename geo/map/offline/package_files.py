"""Reading one file of an npm package: from XStatic-Leaflet, the cache, or ``npm pack``.

:func:`fetch` is the one reader the inliner uses by default; a caller that
serves some files itself (generated ones, say) passes its own function of the
same shape, :class:`Fetch`, and hands the rest on to :func:`fetch`.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Protocol

from geo.map.offline.asset_spec import AssetSpec
from geo.map.offline.npm_cache import asset_error, default_cache_dir, package_dir

__all__ = ["Fetch", "fetch"]


class Fetch(Protocol):
    """The shape of :func:`fetch`: the bytes of one package file."""

    def __call__(self, spec: AssetSpec, *, cache_dir: Path | None = None, url: str | None = None) -> bytes:
        """Return the content of ``spec``; see :func:`fetch`."""
        ...


def fetch(spec: AssetSpec, *, cache_dir: Path | None = None, url: str | None = None) -> bytes:
    """Return the bytes of one package file, fetching the package if needed.

    Lookup order: for ``leaflet`` the XStatic-Leaflet Python package when
    installed at the same version; the cache directory
    ``cache_dir/NAME@VERSION/``; finally ``npm pack``.  A ``X.min.js`` or
    ``X.min.css`` the package lacks is read from its unminified ``X.js`` or
    ``X.css``.

    Parameters
    ----------
    spec : AssetSpec
        The file to read.
    cache_dir : pathlib.Path, optional
        Cache root; defaults to :func:`~geo.map.offline.npm_cache.default_cache_dir`.
    url : str, optional
        The URL being inlined, only used in error messages.

    Returns
    -------
    bytes
        The file content.

    Raises
    ------
    AssetError
        If npm is missing or fails, or the file is not in the package.
    """
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    xstatic = _xstatic_file(spec)
    if xstatic is not None:
        return xstatic.read_bytes()
    root = package_dir(spec, cache_dir=cache_dir, url=url)
    for path in _candidate_paths(spec.path):
        file = root.joinpath(*path.split("/"))
        if _is_inside(file, root) and file.is_file():
            return file.read_bytes()
    raise asset_error(url, spec, f"file {spec.path} missing in package", cache_dir)


def _is_inside(path: Path, root: Path) -> bool:
    """Tell whether ``path`` stays inside ``root`` once normalised (``..`` resolved, links not)."""
    return Path(os.path.normpath(path)).is_relative_to(os.path.normpath(root))


def _candidate_paths(path: str) -> list[str]:
    """Return ``path`` and, for ``X.min.js``/``X.min.css``, the unminified ``X.js``/``X.css``.

    jsDelivr minifies files on the fly, so a URL may ask for a ``.min`` file
    that the npm package only ships unminified.
    """
    stem, ext = posixpath.splitext(path)
    if ext in (".js", ".css") and stem.endswith(".min"):
        return [path, stem.removesuffix(".min") + ext]
    return [path]


def _xstatic_file(spec: AssetSpec) -> Path | None:
    """Return the leaflet file from XStatic-Leaflet if it matches ``spec``."""
    if spec.name != "leaflet" or not spec.path.startswith("dist/"):
        return None
    try:
        from xstatic.pkg import leaflet as xstatic_leaflet
    except ImportError:
        return None
    if getattr(xstatic_leaflet, "VERSION", None) != spec.version:
        return None
    base = Path(xstatic_leaflet.BASE_DIR)
    file = base.joinpath(*spec.path.removeprefix("dist/").split("/"))
    return file if _is_inside(file, base) and file.is_file() else None
