"""Where a script or stylesheet comes from: one file of one npm package at an exact version.

The map declares its assets as versioned ``cdn.jsdelivr.net/npm/`` URLs
(``geo/map/controls.py``, folium's own Leaflet); :func:`resolve` reads the
package, version and file back out of such a URL.  A caller inlining other
URLs passes its own resolver to :func:`geo.map.offline.inline_assets`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geo.errors import AssetError

__all__ = ["AssetSpec", "Resolve", "resolve"]


@dataclass(frozen=True)
class AssetSpec:
    """One file inside one npm package at an exact version.

    Attributes
    ----------
    name : str
        npm package name, possibly scoped (``@scope/name``).
    version : str
        Exact package version.
    path : str
        POSIX path of the file relative to the package root.
    """

    name: str
    version: str
    path: str

    @property
    def package(self) -> str:
        """Return ``NAME@VERSION``."""
        return f"{self.name}@{self.version}"


#: Maps the absolute http(s) URL of a script or stylesheet to the package file holding it.
Resolve = Callable[[str], AssetSpec]

_JSDELIVR_NPM = re.compile(
    r"^https?://cdn\.jsdelivr\.net/npm/"
    r"(?P<name>(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*)"
    r"@(?P<version>\d[\w.+-]*)/(?P<path>[^?#]+)$",
    re.IGNORECASE,
)


def resolve(url: str) -> AssetSpec:
    """Map a versioned ``cdn.jsdelivr.net/npm/`` URL to the npm package file it serves.

    Parameters
    ----------
    url : str
        Absolute http(s) URL of a script or stylesheet, of the form
        ``https://cdn.jsdelivr.net/npm/NAME@VERSION/PATH``.

    Returns
    -------
    AssetSpec
        Package name, exact version and path inside the package.

    Raises
    ------
    AssetError
        If the URL is not a versioned ``cdn.jsdelivr.net/npm/`` URL.

    Examples
    --------
    >>> resolve("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
    AssetSpec(name='leaflet', version='1.9.3', path='dist/leaflet.js')
    """
    match = _JSDELIVR_NPM.match(url)
    if match is not None:
        return AssetSpec(match["name"], match["version"], match["path"])
    raise AssetError(
        f"cannot inline {url}: no npm package is known for this URL; "
        "build without --self-contained, or declare the asset as a versioned cdn.jsdelivr.net/npm/ URL"
    )
