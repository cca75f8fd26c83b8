"""Geodesic distance between two geometries on the WGS84 ellipsoid."""

from __future__ import annotations

import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geo.geodesy.ellipsoid import WGS84


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
    local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84", always_xy=True
    )
    back = Transformer.from_crs(local.target_crs, "EPSG:4326", always_xy=True)

    def project(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, local.transform, interleaved=False)

    near_a, near_b = shapely.shortest_line(project(a), project(b)).coords
    (lon1, lat1), (lon2, lat2) = back.transform(*near_a), back.transform(*near_b)
    return float(WGS84.inv(lon1, lat1, lon2, lat2)[2])
