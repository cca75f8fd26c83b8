"""Reading one file of an npm package: from XStatic-Leaflet, the cache, or ``npm pack``.

:func:`fetch` is the one reader the inliner uses by default; a caller that
serves some files itself (generated ones, say) passes its own function of the
same shape, :class:`Fetch`, and hands the rest on to :func:`fetch`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
from importlib import metadata
from pathlib import Path
from typing import Protocol

from geo.errors import AssetError
from geo.map.offline.asset_spec import AssetSpec
from geo.map.offline.integrity import Damaged, read_verified
from geo.map.offline.npm_cache import asset_error, default_cache_dir, fetch_again, package_dir

__all__ = ["Fetch", "fetch"]


class Fetch(Protocol):
    """The shape of :func:`fetch`: the bytes of one package file."""

    def __call__(self, spec: AssetSpec, *, cache_dir: Path | None = None, url: str | None = None) -> bytes:
        """Return the content of ``spec``; see :func:`fetch`."""
        ...


def fetch(spec: AssetSpec, *, cache_dir: Path | None = None, url: str | None = None) -> bytes:
    """Return the bytes of one package file, fetching the package if needed.

    Lookup order: for ``leaflet`` the XStatic-Leaflet Python package when
    installed at the same version (each file checked against the sha256 its
    wheel's ``RECORD`` gives); the cache directory ``cache_dir/NAME@VERSION/``
    (each file checked against the digest recorded from the registry's
    integrity when it was fetched); finally ``npm pack``. A cached package
    that fails the check is fetched again, once.  A ``X.min.js`` or
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
        If npm is missing or fails, the file is not in the package, or it is still not
        what the registry published after fetching it again.
    """
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    xstatic = _xstatic_file(spec)
    if xstatic is not None:
        return xstatic
    try:
        data = _verified(spec, package_dir(spec, cache_dir=cache_dir, url=url))
    except Damaged as damage:
        try:
            data = _verified(spec, fetch_again(spec, cache_dir=cache_dir, url=url))
        except Damaged as again:
            raise asset_error(url, spec, f"{again.what}, even fetched again", cache_dir) from again
        except AssetError as error:  # say why it was fetched again
            raise AssetError(f"{damage.what}; fetching it again failed: {error}") from error
    if data is None:
        raise asset_error(url, spec, f"file {spec.path} missing in package", cache_dir)
    return data


def _verified(spec: AssetSpec, root: Path) -> bytes | None:
    """The first of the file's candidate paths the package has, checked; None if it has none."""
    for path in _candidate_paths(spec.path):
        if _is_inside(root.joinpath(*path.split("/")), root):
            data = read_verified(root, path, package=spec.package)
            if data is not None:
                return data
    return None


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


def _xstatic_file(spec: AssetSpec) -> bytes | None:
    """The leaflet file from XStatic-Leaflet if it matches ``spec`` and its wheel's RECORD digest."""
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
    if not (_is_inside(file, base) and file.is_file()):
        return None
    data = file.read_bytes()
    return data if recorded_sha256(file) == hashlib.sha256(data).digest() else None


def recorded_sha256(file: Path) -> bytes | None:
    """The sha256 the installed XStatic-Leaflet wheel's ``RECORD`` gives for ``file``, if it gives one.

    Parameters
    ----------
    file : pathlib.Path
        A file of the installed XStatic-Leaflet.

    Returns
    -------
    bytes or None
        The digest (32 bytes), or None when the RECORD gives none.
    """
    try:
        records = metadata.distribution("XStatic-Leaflet").files or []
    except metadata.PackageNotFoundError:
        return None
    for record in records:
        if record.hash is not None and record.hash.mode == "sha256" and Path(record.locate()) == file:
            return base64.urlsafe_b64decode(record.hash.value + "=" * (-len(record.hash.value) % 4))
    return None
