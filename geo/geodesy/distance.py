"""Geodesic distance between two geometries on the WGS84 ellipsoid."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodesy import ellipsoid

if TYPE_CHECKING:
    from pyproj import Transformer


@lru_cache(maxsize=64)
def _local_projection(lat_0: float, lon_0: float) -> tuple[Transformer, Transformer]:
    """To and from an azimuthal equidistant projection centred on (``lat_0``, ``lon_0``) degrees.

    PROJ pipelines, made in a fraction of a millisecond: ``Transformer.from_crs`` looks both
    systems up in PROJ's database (~12 ms a call) and arrives at these same two pipelines, so the
    results are the same to the last bit.

    Parameters
    ----------
    lat_0, lon_0 : float
        The centre, WGS84 latitude and longitude in degrees.

    Returns
    -------
    (Transformer, Transformer)
        Longitude, latitude degrees to metres east and north of the centre (``always_xy``
        order), and back.
    """
    from pyproj import Transformer

    aeqd = f"+proj=aeqd +lat_0={lat_0} +lon_0={lon_0} +ellps=WGS84"
    degrees = "+proj=unitconvert +xy_in=rad +xy_out=deg"
    there = Transformer.from_pipeline(f"+proj=pipeline +step +inv {degrees} +step {aeqd}")
    back = Transformer.from_pipeline(f"+proj=pipeline +step +inv {aeqd} +step {degrees}")
    return there, back


def geodesic_distance(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic distance in metres between the nearest points of two geometries (0 if they meet).

    The nearest points are found in an azimuthal equidistant projection centred
    between the geometries (exact to well under a metre at city scales); the
    distance between them is then geodesic (Karney's algorithm).

    Parameters
    ----------
    a, b : shapely geometry
        In WGS84 longitude, latitude degrees.

    Returns
    -------
    float
        Metres.

    Examples
    --------
    >>> from shapely import Point
    >>> round(geodesic_distance(Point(114.0, 22.5), Point(114.0, 22.51)))
    1107
    """
    if a.intersects(b):
        return 0.0
    centre = shapely.GeometryCollection([a, b]).envelope.centroid
    local, back = _local_projection(centre.y, centre.x)

    def project(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, local.transform, interleaved=False)

    near_a, near_b = shapely.shortest_line(project(a), project(b)).coords
    (lon1, lat1), (lon2, lat2) = back.transform(*near_a), back.transform(*near_b)
    return float(ellipsoid.WGS84.inv(lon1, lat1, lon2, lat2)[2])
