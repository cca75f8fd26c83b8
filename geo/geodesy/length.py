"""Geodesic length on the WGS84 ellipsoid: a line's length, a polygon's perimeter, vectorised.

Units and conventions
---------------------
Coordinates are degrees of longitude and latitude (WGS84); edges are geodesics
(pyproj's ``Geod.line_lengths``, Karney's algorithm); results are metres. A
polygon's length is its perimeter, holes included; multi-parts add up; points and
empty geometries have length 0; ``None`` gives NaN.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodesy import ellipsoid

_LINESTRING, _LINEARRING, _POLYGON, _MULTIPOINT = 1, 2, 3, 4  # shapely type ids


def _linework(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every line and ring within flat geometries (exploding multi-parts and polygons), and whose."""
    found, owners = [np.empty(0, dtype=object)], [np.empty(0, dtype=np.intp)]
    owner = np.arange(geometries.size)
    while geometries.size:
        kind = shapely.get_type_id(geometries)
        lines = (kind == _LINESTRING) | (kind == _LINEARRING)
        found.append(geometries[lines])
        owners.append(owner[lines])
        polygon = kind == _POLYGON
        rings, index = shapely.get_rings(geometries[polygon], return_index=True)
        found.append(rings)
        owners.append(owner[polygon][index])
        nested = kind >= _MULTIPOINT
        geometries, index = shapely.get_parts(geometries[nested], return_index=True)
        owner = owner[nested][index]
    return np.concatenate(found), np.concatenate(owners)


def geodesic_length(geometries: BaseGeometry | Iterable[BaseGeometry]) -> np.ndarray:
    """Geodesic length of each geometry, in metres: of a line, its length; of a polygon, its perimeter.

    Parameters
    ----------
    geometries : shapely geometry or array-like of them
        In WGS84 longitude, latitude degrees.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as the input (a 0-d array for one geometry).

    Examples
    --------
    >>> from shapely import LineString, Point, box
    >>> geodesic_length([LineString([(0, 0), (1, 0)]), Point(114, 22.5), None]).round(3)
    array([111319.491,      0.   ,        nan])
    >>> round(float(geodesic_length(box(0, 0, 1, 1))))
    443771
    """
    array = np.asarray(geometries, dtype=object)
    flat = array.ravel()
    lines, owner = _linework(flat)
    coords, line = shapely.get_coordinates(lines, return_index=True)
    out: np.ndarray = np.zeros(flat.size)
    if len(coords) > 1:
        segments = np.asarray(ellipsoid.WGS84.line_lengths(coords[:, 0], coords[:, 1]))
        same = line[1:] == line[:-1]
        out = np.bincount(owner[line[:-1][same]], weights=segments[same], minlength=flat.size)
    out = out.astype(np.float64)
    out[shapely.is_missing(flat)] = np.nan
    return out.reshape(array.shape)
