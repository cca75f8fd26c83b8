"""The WGS84 ellipsoid, as pyproj's ``Geod`` (Karney's algorithms, GeographicLib)."""

from __future__ import annotations

from pyproj import Geod

#: The WGS84 ellipsoid: lengths in metres, areas in square metres, angles in degrees.
WGS84 = Geod(ellps="WGS84")
