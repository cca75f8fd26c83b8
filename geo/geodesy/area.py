"""Geodesic area on the WGS84 ellipsoid: one geometry exactly, many at once vectorised.

Units and conventions
---------------------
Coordinates are degrees of longitude and latitude (WGS84); edges are geodesics;
results are square metres and metres. Areas are unsigned: ring orientation does
not matter, holes are always subtracted (``|exterior| - sum(|hole|)``), the parts of
multi-geometries and collections are added, and lines, points and empty
geometries have area 0. :func:`geodesic_area` gives NaN for ``None``.

Two methods
-----------
:func:`area_perimeter` measures one geometry with Karney's algorithm (pyproj's
``Geod``, which wraps GeographicLib), ring by ring. It is the reference.

:func:`geodesic_area` measures many geometries at once with numpy:

1. Every vertex goes to the authalic sphere (radius ``R_q``, the sphere with the
   ellipsoid's area): latitude φ becomes the authalic latitude β, with
   ``sin β = q(φ)/q_p`` (Snyder 1987, eq. 3-11) and ``cos β`` computed without
   cancellation near the poles. That map is equal-area, so a region's area on the
   ellipsoid is its image's area on the sphere.
2. Each ring's image is measured as a spherical polygon, summing over edges the
   area between edge and equator, ``2 atan2(tan(Δλ/2)(t1 + t2), 1 + t1 t2)`` with
   ``t = tan(β/2)`` (exact for great circles). For tiny rings the terms are much
   larger than their sum, so rounding matters: longitude differences are taken in
   degrees, where they are exact; southern rings are mirrored north; and rings
   above β = 30° sum the areas between edge and pole instead,
   ``2 atan2(tan(Δλ/2)(1 - t1)(1 - t2), 1 + t1 t2 + tan²(Δλ/2)(t1 + t2))``
   (the same total, since Σ Δλ = 0), which are smaller there.
3. The image of an ellipsoidal geodesic is not quite a great circle: it bulges by
   a sagitta of ``Γ(Δ, Δ)/8``, where Γ is the difference between the
   Christoffel symbols of the ellipsoid's metric written in (β, λ) and the
   sphere's. Each edge gets the area of that parabolic segment (two thirds of
   chord × sagitta). Without it, each 20 m edge errs by up to ~6e-10 of a 400 m²
   footprint, and each 1 km edge by ~3e-8 of a square kilometre; with it the residual
   per edge grows as the fifth power of its length.
4. Rings with an edge longer than 10 km, rings around a pole, and rings within 1°
   of a pole are measured by ``Geod`` instead (few rings, exact by definition).

Measured accuracy
-----------------
(``tests/test_geodesic_area.py`` checks each of these; ``benchmarks/geodesic_area.py``
times it.) The exact reference is Karney's algorithm — the one ``Geod`` runs —
evaluated in 40-digit arithmetic (``benchmarks/karney_reference.py``).

* Per edge of length s ≤ 10 km, the method's error is below ``1e-11 s²`` (m²)
  at latitudes up to 85° (``4e-11 s²`` at 89°), and below ``4e-13 s²`` at 22.5°:
  the 1 to 2 km edges of the bundled layers contribute ~1e-6 m² each at most.
* Building footprints (~20 m edges, a few hundred m²): within ~1e-10 (relative)
  of the exact reference, i.e. at the rounding level of the input coordinates.
  ``Geod`` itself is *not* that close there: its double-precision sums carry
  ~1e-4 m² of rounding whatever the size, up to ~4e-7 of a footprint against the
  exact reference. So footprints differ from a per-polygon ``Geod`` loop by up to
  ~1e-6 — Geod's rounding, not this method's error.
* Against ``Geod``: relative differences ≤ 1e-9 — in practice ~1e-11 or less —
  for polygons from about a hectare up: the bundled layers (0.9 to 815 km²,
  edges up to 2 km), 10° × 10° boxes with edges of 1 to 9 km, and (through the
  fallback) anything with longer edges, e.g. the 1° × 1° cell at the equator.
* Slivers: the error is absolute (above), so a relative bound needs some area.

Speed: rings are measured in batches of ~8,000 vertices. 100,000 footprints of 8
vertices take ~0.2 s, 5 to 7× faster than a ``Geod.geometry_area_perimeter`` loop.

Examples
--------
>>> from shapely import box
>>> round(float(geodesic_area(box(0, 0, 1, 1))))
12308778361
>>> geodesic_area([box(114, 22.5, 114.001, 22.501), box(114, 22.5, 114.001, 22.501).reverse()]).round(4)
array([11394.3901, 11394.3901])
>>> round(area_perimeter(box(114, 22.5, 114.001, 22.501))[0], 4)
11394.3901
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodesy import ellipsoid


def _ring_area_perimeter(ring: shapely.LinearRing) -> tuple[float, float]:
    lons, lats = ring.xy
    area, perimeter = ellipsoid.WGS84.polygon_area_perimeter(lons, lats)
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
        return 0.0, float(ellipsoid.WGS84.line_length(*geometry.xy))
    if kind.startswith("Multi") or kind == "GeometryCollection":
        parts = [area_perimeter(part) for part in geometry.geoms]
        return float(sum(a for a, _ in parts)), float(sum(p for _, p in parts))
    return 0.0, 0.0


#: Authalic-sphere constants of WGS84 (Snyder 1987, eqs. 3-11 and 3-12): ``q`` of the pole and
#: ``R_q²``, the square of the radius of the sphere with the ellipsoid's area.
_E2 = ellipsoid.ES
_E = float(np.sqrt(_E2))
_QP = 1.0 + (1.0 - _E2) * np.arctanh(_E) / _E
_RQ2 = ellipsoid.A**2 * _QP / 2.0
_RQ = float(np.sqrt(_RQ2))

#: Rings with an edge longer than this (metres, roughly) are measured by pyproj's ``Geod`` itself.
_MAX_EDGE_M = 10_000.0
_MAX_EDGE_RAD2 = (_MAX_EDGE_M / _RQ) ** 2
#: ... and so are rings reaching nearer the poles than this (degrees of latitude).
_MAX_ABS_LAT = 89.0

_POLYGON, _MULTIPOINT = 3, 4  # shapely type ids; 4 to 7 are multi-parts and collections


def _authalic(lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sine and cosine of the authalic latitude β of geodetic latitudes (degrees).

    Both without cancellation: sin β = q/q_p directly, and cos β from q_p − q written
    in terms of 1 − |sin φ| = cos² φ / (1 + |sin φ|), so it stays exact near the poles.
    """
    phi = np.radians(lat)
    sin_phi, cos_phi = np.sin(phi), np.cos(phi)
    s = np.abs(sin_phi)
    q = (1.0 - _E2) * (sin_phi / (1.0 - _E2 * sin_phi**2) + np.arctanh(_E * sin_phi) / _E)
    one_minus_s = cos_phi**2 / (1.0 + s)
    qp_minus_q = (
        one_minus_s * (1.0 + _E2 * s) / (1.0 - _E2 * s**2)
        + (1.0 - _E2) * np.arctanh(_E * one_minus_s / (1.0 - _E2 * s)) / _E
    )
    cos_beta = np.sqrt(qp_minus_q * (2.0 * _QP - qp_minus_q)) / _QP
    return q / _QP, cos_beta


def _excess(
    polar: np.ndarray, half: np.ndarray, t: np.ndarray, sin_b: np.ndarray, cos_b: np.ndarray
) -> np.ndarray:
    """Each edge's area on the unit authalic sphere: to the equator, or (``polar``) minus that to the pole.

    ``half`` is tan(Δλ/2) of each edge, ``t`` = tan(β/2), ``sin_b`` and ``cos_b`` those of β at each
    vertex. Only the kind of term some edge needs is computed (most batches need one kind).
    """
    t1, t2 = t[:-1], t[1:]
    anywhere = bool(polar.any())
    if not anywhere or not polar.all():
        equator: np.ndarray = 2.0 * np.arctan2(half * (t1 + t2), 1.0 + t1 * t2)
        if not anywhere:
            return equator
    with np.errstate(divide="ignore", invalid="ignore"):  # β = -90° only in rings that fall back
        one_minus_t = cos_b / (1.0 + sin_b) * (1.0 + t)
    below = 1.0 + t1 * t2 + half**2 * (t1 + t2)
    pole: np.ndarray = -2.0 * np.arctan2(half * one_minus_t[:-1] * one_minus_t[1:], below)
    return pole if polar.all() else np.where(polar, pole, equator)


def _ring_areas(lon: np.ndarray, lat: np.ndarray, ring: np.ndarray, n_rings: int) -> np.ndarray:
    """Unsigned geodesic area (m²) of closed rings given as concatenated vertices.

    ``ring`` numbers each vertex's ring (non-decreasing, as from ``shapely.get_coordinates``).
    Works in any float dtype (the tests run it in long double as a reference).
    """
    starts = np.searchsorted(ring, np.arange(n_rings))
    first = np.minimum(starts, max(ring.size - 1, 0))
    # Mirror southern rings north (area is unchanged), so each ring's first vertex has β ≥ 0.
    mirror = np.where(lat[first] < 0, -1.0, 1.0)[ring] if n_rings else np.ones_like(lat)
    north_lat = mirror * lat
    sin_b, cos_b = _authalic(north_lat)
    t = sin_b / (1.0 + cos_b)  # tan(β/2)
    beta = np.arctan2(sin_b, cos_b)
    # Edges join consecutive vertices of the same ring (rings repeat their first vertex last).
    edge = ring[1:] == ring[:-1]
    dlon = np.diff(lon)
    dlon = np.where(dlon > 180.0, dlon - 360.0, np.where(dlon < -180.0, dlon + 360.0, dlon))
    dlam = np.radians(dlon)  # differences first: exact in degrees, so no rounding from λ itself
    half = np.tan(dlam / 2.0)
    # Area between each great-circle edge and the equator on the unit authalic sphere; or, for
    # rings starting above β = 30°, minus the area between edge and pole (same sum, as Σ Δλ = 0,
    # but smaller terms, so less rounding): 1 - t = tan(π/4 - β/2) (1 + t), without cancellation.
    polar = (sin_b[first] > 0.5)[ring[:-1]] if ring.size else edge
    excess = _excess(polar, half, t, sin_b, cos_b)
    # Plus the area between the image of the ellipsoidal geodesic and that great circle.
    dbeta = np.diff(beta)
    beta_m = 0.5 * (beta[1:] + beta[:-1])
    phi_m = np.radians(0.5 * (north_lat[1:] + north_lat[:-1]))
    c, s = np.cos(beta_m), np.sin(beta_m)
    sin_phi_m = np.sin(phi_m)
    k = ellipsoid.A * np.cos(phi_m) / np.sqrt(1.0 - _E2 * sin_phi_m**2) / (_RQ * c)
    dk = (k * k * s - sin_phi_m) / (k * c)  # dk/dβ
    bulge = (c * dlam / 12.0) * (
        -3.0 * (dk / k) * dbeta**2 + ((k**4 - 1.0) * c * s - k**3 * dk * c * c) * dlam**2
    )
    owner = ring[:-1][edge]
    # Sum per ring (np.add.reduceat keeps the dtype, so long doubles work too).
    terms = np.concatenate([np.where(edge, excess + bulge, 0.0), np.zeros(2, excess.dtype)])
    has_edges = np.bincount(owner, minlength=n_rings) > 0
    signed = np.where(has_edges, np.add.reduceat(terms, starts) if n_rings else terms[:0], 0.0)
    area = np.abs(signed) * _RQ2
    # Rings the series does not cover: long edges, around a pole, near a pole.
    too_long = (dbeta**2 + cos_b[:-1] * cos_b[1:] * dlam**2)[edge] > _MAX_EDGE_RAD2
    exact = np.bincount(owner, weights=too_long, minlength=n_rings) > 0
    exact |= np.abs(np.bincount(owner, weights=dlam[edge].astype(np.float64), minlength=n_rings)) > np.pi
    exact |= np.bincount(ring, weights=np.abs(lat) > _MAX_ABS_LAT, minlength=n_rings) > 0
    for i in np.flatnonzero(exact):
        start, end = starts[i], np.searchsorted(ring, i, side="right")
        area[i] = abs(ellipsoid.WGS84.polygon_area_perimeter(lon[start:end], lat[start:end])[0])
    return np.asarray(area)


#: Rings are measured in batches of about this many vertices: the temporaries of a batch stay small
#: enough to be reused from the heap (a fresh multi-megabyte array costs page faults) and in cache.
_BATCH_VERTICES = 8192


def _ring_areas_batched(lon: np.ndarray, lat: np.ndarray, ring: np.ndarray, n_rings: int) -> np.ndarray:
    """:func:`_ring_areas` over batches of whole rings of about :data:`_BATCH_VERTICES` vertices."""
    if ring.size <= _BATCH_VERTICES:
        return _ring_areas(lon, lat, ring, n_rings)
    starts = np.searchsorted(ring, np.arange(n_rings + 1))  # and the end, as the start of ring n
    cuts = np.unique(np.searchsorted(starts, np.arange(0, ring.size, _BATCH_VERTICES)))
    cuts = np.append(cuts[cuts < n_rings], n_rings)
    out = np.empty(n_rings, dtype=np.result_type(lon, lat))
    for first, last in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
        begin, end = starts[first], starts[last]
        out[first:last] = _ring_areas(lon[begin:end], lat[begin:end], ring[begin:end] - first, last - first)
    return out


def _polygons(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every polygon within flat geometries (exploding multi-parts and collections), and whose."""
    found, owners = [np.empty(0, dtype=object)], [np.empty(0, dtype=np.intp)]
    owner = np.arange(geometries.size)
    while geometries.size:
        kind = shapely.get_type_id(geometries)
        found.append(geometries[kind == _POLYGON])
        owners.append(owner[kind == _POLYGON])
        nested = kind >= _MULTIPOINT
        geometries, index = shapely.get_parts(geometries[nested], return_index=True)
        owner = owner[nested][index]
    return np.concatenate(found), np.concatenate(owners)


def geodesic_area(geometries: BaseGeometry | Iterable[BaseGeometry]) -> np.ndarray:
    """Geodesic area of each geometry, in square metres, vectorised.

    The same quantity as ``area_perimeter(g)[0]`` for every ``g`` (see the module
    docstring for the method and its measured accuracy), much faster on many geometries.

    Parameters
    ----------
    geometries : shapely geometry or array-like of them
        In WGS84 longitude, latitude degrees. Polygons: the exterior's area minus the
        holes', whatever the rings' orientation; multi-parts and collections: the sum
        of their polygons'; lines, points and empty geometries: 0; ``None``: NaN.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as the input (a 0-d array for one geometry).

    Examples
    --------
    >>> from shapely import Point, Polygon, box
    >>> geodesic_area([box(0, 0, 1, 1), box(0, 0, 1, 1).reverse()]).round()
    array([1.23087784e+10, 1.23087784e+10])
    >>> float(geodesic_area(box(114, 22.5, 114.001, 22.501)).round(4))
    11394.3901
    >>> outer, inner = box(114, 22.5, 114.2, 22.7), box(114.05, 22.55, 114.15, 22.65)
    >>> km2 = geodesic_area([outer, inner, Polygon(outer.exterior, [inner.exterior])]) / 1e6
    >>> km2.round(3)
    array([455.455, 113.864, 341.591])
    >>> geodesic_area([Point(114, 22.5), Polygon(), None])
    array([ 0.,  0., nan])
    >>> geodesic_area([]).shape
    (0,)
    """
    array = np.asarray(geometries, dtype=object)
    flat = array.ravel()
    polygons, owner = _polygons(flat)
    if shapely.get_num_interior_rings(polygons).any() or shapely.is_empty(polygons).any():
        rings, polygon = shapely.get_rings(polygons, return_index=True)
    else:  # one ring each (most layers): the polygons' coordinates are their exteriors', in order
        rings, polygon = polygons, np.arange(polygons.size)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    areas = _ring_areas_batched(coords[:, 0], coords[:, 1], ring, rings.size)
    exterior = np.ones(rings.size, dtype=bool)
    exterior[1:] = polygon[1:] != polygon[:-1]
    signed = np.where(exterior, areas, -areas)
    out = np.bincount(owner[polygon], weights=signed, minlength=flat.size).astype(np.float64)
    out[shapely.is_missing(flat)] = np.nan
    return out.reshape(array.shape)
