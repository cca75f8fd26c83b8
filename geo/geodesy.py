"""Geodesic measures on the WGS84 ellipsoid.

Areas and lengths are computed with Karney's algorithm (pyproj's ``Geod``, which
wraps GeographicLib): edges are geodesics, coordinates are degrees of longitude
and latitude, results are square metres and metres. Areas are unsigned: ring
orientation does not matter, and holes are always subtracted.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

#: The WGS84 ellipsoid.
WGS84 = Geod(ellps="WGS84")

M2_PER_HECTARE = 10_000.0
M2_PER_KM2 = 1_000_000.0


def _ring_area_perimeter(ring: shapely.LinearRing) -> tuple[float, float]:
    lons, lats = ring.xy
    area, perimeter = WGS84.polygon_area_perimeter(lons, lats)
    return abs(area), perimeter


def area_perimeter(geometry: BaseGeometry) -> tuple[float, float]:
    """Geodesic area (m²) and perimeter or length (m) of one geometry.

    Polygons: the exterior's area minus the holes', and the length of all their
    rings. Lines: area 0 and their length. Points: 0 and 0.

    Parameters
    ----------
    geometry : shapely geometry
        In WGS84 longitude, latitude degrees.

    Returns
    -------
    (float, float)
        Area in square metres (never negative) and perimeter in metres.

    Examples
    --------
    A 1° × 1° cell at the equator, in either orientation:

    >>> from shapely import box
    >>> round(area_perimeter(box(0, 0, 1, 1))[0])
    12308778361
    >>> round(area_perimeter(box(0, 0, 1, 1).reverse())[0])
    12308778361
    >>> area_perimeter(shapely.Point(114, 22.5))
    (0.0, 0.0)
    """
    if geometry.is_empty:
        return 0.0, 0.0
    kind = geometry.geom_type
    if kind == "Polygon":
        area, perimeter = _ring_area_perimeter(geometry.exterior)
        for hole in geometry.interiors:
            hole_area, hole_perimeter = _ring_area_perimeter(hole)
            area -= hole_area
            perimeter += hole_perimeter
        return area, perimeter
    if kind in ("LineString", "LinearRing"):
        return 0.0, float(WGS84.line_length(*geometry.xy))
    if kind.startswith("Multi") or kind == "GeometryCollection":
        parts = [area_perimeter(part) for part in geometry.geoms]
        return float(sum(a for a, _ in parts)), float(sum(p for _, p in parts))
    return 0.0, 0.0


def geodesic_area(geometries: BaseGeometry | Iterable[BaseGeometry]) -> np.ndarray:
    """Geodesic area of each geometry, in square metres.

    Parameters
    ----------
    geometries : shapely geometry or array-like of them
        In WGS84 longitude, latitude degrees. Lines and points have area 0.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as the input (a 0-d array for one geometry).

    Examples
    --------
    >>> from shapely import box
    >>> geodesic_area([box(0, 0, 1, 1), box(0, 0, 1, 1).reverse()]).round()
    array([1.23087784e+10, 1.23087784e+10])
    >>> geodesic_area([]).shape
    (0,)
    """
    array = np.asarray(geometries, dtype=object)
    flat = array.ravel()
    out = np.fromiter((area_perimeter(g)[0] for g in flat), dtype=np.float64, count=flat.size)
    return out.reshape(array.shape)


def hectares(square_metres: float) -> float:
    """Square metres to hectares.

    >>> hectares(870_000)
    87.0
    """
    return square_metres / M2_PER_HECTARE
