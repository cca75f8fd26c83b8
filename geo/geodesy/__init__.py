"""Geodesic measures on the WGS84 ellipsoid: area, length and distance.

Coordinates are WGS84 longitude and latitude in degrees; results are square
metres and metres. :mod:`geo.geodesy.area` explains the area method and its
measured accuracy.
"""

from geo.geodesy.area import _ring_areas, area_perimeter, geodesic_area
from geo.geodesy.distance import geodesic_distance
from geo.geodesy.ellipsoid import WGS84
from geo.geodesy.length import geodesic_length

__all__ = ["WGS84", "_ring_areas", "area_perimeter", "geodesic_area", "geodesic_distance", "geodesic_length"]
