"""Measures of one geometry against another, as the claim tests take them: a share inside, a side of a line.

Geometries are WGS84 longitude/latitude degrees; areas are geodesic (:func:`geo.geodesy.geodesic_area`).
"""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodesy import geodesic_area

__all__ = ["share_inside", "side_of_line"]


def share_inside(geometry: BaseGeometry, container: BaseGeometry, *, area_m2: float | None = None) -> float:
    """The share of a geometry inside a container: of its geodesic area, its length or its points.

    ``area_m2`` is the geometry's geodesic area when already known (0 for lines and points).

    Parameters
    ----------
    geometry : shapely geometry
        A polygon, line or points, lon/lat.
    container : shapely geometry
        The container, lon/lat.
    area_m2 : float, optional
        The geometry's geodesic area in square metres, when known.

    Returns
    -------
    float
        The share, from 0 to 1.

    Examples
    --------
    >>> from shapely import box
    >>> round(share_inside(box(114.0, 22.5, 114.02, 22.51), box(114.01, 22.4, 114.1, 22.6)), 3)
    0.5
    """
    if geometry.geom_type in ("Point", "MultiPoint"):
        return float(shapely.covers(container, shapely.get_parts(geometry)).mean())
    area = float(geodesic_area(geometry)) if area_m2 is None else area_m2
    overlap = geometry.intersection(container)
    if area == 0:  # a line: the share of its length
        return float(shapely.length(overlap) / max(geometry.length, 1e-12))
    return float(geodesic_area(overlap)) / area


def side_of_line(geometry: BaseGeometry, line: BaseGeometry) -> str:
    """Which side of a line a geometry lies on, looking along the line's direction.

    The side of the geometry's representative point, measured against the line's
    nearest segment. Returns ``"left"``, ``"right"`` or ``"on the line"``.

    Parameters
    ----------
    geometry : shapely geometry
        A geometry, lon/lat.
    line : shapely geometry
        A line, lon/lat.

    Returns
    -------
    str
        ``"left"``, ``"right"`` or ``"on the line"``.

    Examples
    --------
    >>> from shapely import LineString, box
    >>> eastward = LineString([(0, 0), (1, 0)])
    >>> side_of_line(box(0.4, 0.1, 0.6, 0.3), eastward), side_of_line(box(0.4, -0.3, 0.6, -0.1), eastward)
    ('left', 'right')
    """
    point = geometry.representative_point()
    at = line.project(point)
    step = min(1e-6, line.length / 2)
    ahead = line.interpolate(min(at + step, line.length))
    behind = line.interpolate(max(at - step, 0.0))
    cross = (ahead.x - behind.x) * (point.y - behind.y) - (ahead.y - behind.y) * (point.x - behind.x)
    if cross == 0:
        return "on the line"
    return "left" if cross > 0 else "right"
