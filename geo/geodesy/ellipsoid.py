"""The WGS84 ellipsoid: its constants, and pyproj's ``Geod`` of it (Karney's algorithms, GeographicLib).

``WGS84`` is made on first use (``from geo.geodesy.ellipsoid import WGS84``, or the attribute):
importing pyproj takes a tenth of a second or more, and :func:`~geo.geodesy.geodesic_area` needs
only the constants unless a ring falls back to ``Geod``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyproj import Geod

    #: The WGS84 ellipsoid: lengths in metres, areas in square metres, angles in degrees.
    WGS84: Geod

#: Semi-major axis (m) and flattening of WGS84, as pyproj's ``Geod(ellps="WGS84")`` has them.
A = 6378137.0
F = 1.0 / 298.257223563
#: The square of the first eccentricity, computed as PROJ computes it (so equal to ``WGS84.es``).
ES = 1.0 - (A * (1.0 - F) / A) ** 2


def __getattr__(name: str) -> object:
    """``WGS84``, a ``pyproj.Geod``, made (and kept) when first asked for."""
    if name != "WGS84":
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    globals()["WGS84"] = geod
    return geod
