"""Geodesic measures on the WGS84 ellipsoid: area, length and distance.

Coordinates are WGS84 longitude and latitude in degrees; results are square
metres and metres. :mod:`geo.geodesy.area` explains the area method and its
measured accuracy. ``WGS84`` (pyproj's ``Geod``) is made on first use: importing
this package does not import pyproj.
"""

from typing import TYPE_CHECKING

from geo.geodesy import ellipsoid
from geo.geodesy.area import _ring_areas, area_perimeter, geodesic_area
from geo.geodesy.distance import geodesic_distance
from geo.geodesy.length import geodesic_length

if TYPE_CHECKING:
    from geo.geodesy.ellipsoid import WGS84

__all__ = ["WGS84", "_ring_areas", "area_perimeter", "geodesic_area", "geodesic_distance", "geodesic_length"]


def __getattr__(name: str) -> object:
    """``WGS84``, from :mod:`geo.geodesy.ellipsoid`, made when first asked for."""
    if name == "WGS84":
        return ellipsoid.WGS84
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
