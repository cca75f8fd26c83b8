"""Rounding-free reference geodesic areas: GeographicLib's own algorithm run in mpmath arithmetic.

``pyproj.Geod(ellps="WGS84").polygon_area_perimeter`` (Karney 2013, as in GeographicLib) works in
double precision. Each edge contributes a term of order c² ≈ 4e13 m² times an angle rounded at
~1e-16, so every polygon's area carries a rounding noise of ~1e-4 m² whatever its size, i.e. ~1e-6
relative on a 100 m² building footprint. That is too coarse to serve as the truth for methods
that are accurate to 1e-9 or better.

This module runs the same algorithm — the pure-Python ``geographiclib`` package, unmodified — on
``mpmath.mpf`` numbers: inside a context manager the module-global ``math`` and ``float`` of the
``geographiclib`` modules are replaced by mpmath equivalents, the precision-dependent constants of
``Geodesic`` (``tol0_``, ``tol1_``, ``tol2_``, ``tolb_``, ``xthresh_``, ``tiny_``, ``maxit2_``)
are set for the working precision, and a fresh WGS84 ``Geodesic`` is built so that its derived
constants are computed at that precision too. Everything is restored on exit, so ordinary
double-precision ``geographiclib`` in the same process is unaffected (not thread-safe while active).

The series in GeographicLib's Python code are of fixed order 6; their truncation error is a smooth
function of position, far below the float64 resolution of the returned area for small polygons.

It is slow (tens of milliseconds per footprint) and is meant only for references in benchmarks and
tests. Needs ``geographiclib`` and ``mpmath``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

import mpmath
import numpy as np
from geographiclib import accumulator, geodesic, geomath, polygonarea
from geographiclib.polygonarea import PolygonArea

_MODULES = (geomath, accumulator, geodesic, polygonarea)
_MISSING = object()


def _copysign(x, y):
    """``math.copysign`` for mpf, which has no negative zero: a zero ``y`` counts as positive."""
    return abs(x) if y >= 0 else -abs(x)


def _remainder(x, y):
    """IEEE ``math.remainder``: x − n·y with n the integer nearest x/y, ties to even."""
    q = x / y
    n = mpmath.floor(q + 0.5)
    if n - q == 0.5 and n % 2:
        n -= 1
    return x - n * y


def _pow(x, y):
    """``math.pow``; the double 1/3.0 that ``Math.cbrt`` passes means an exact cube root."""
    return mpmath.cbrt(x) if y == 1 / 3.0 else mpmath.power(x, y)


@contextlib.contextmanager
def _wgs84(digits: int) -> Iterator[geodesic.Geodesic]:
    """Patch geographiclib for ``digits`` significant digits and yield an mpf WGS84 ``Geodesic``."""
    with mpmath.workdps(digits):
        mp, prec = mpmath.mp, mpmath.mp.prec
        eps = mpmath.ldexp(1, 1 - prec)
        shim = SimpleNamespace(
            pi=+mp.pi, nan=mp.nan, inf=mp.inf, sqrt=mp.sqrt, hypot=mp.hypot, atan=mp.atan,
            atan2=mp.atan2, atanh=mp.atanh, sin=mp.sin, cos=mp.cos, fmod=mp.fmod, isfinite=mp.isfinite,
            isnan=mp.isnan, radians=mp.radians, degrees=mp.degrees, copysign=_copysign,
            remainder=_remainder, pow=_pow,
        )  # fmt: skip
        constants = {
            "tol0_": eps, "tol1_": 200 * eps, "tol2_": mpmath.sqrt(eps), "tolb_": eps,
            "xthresh_": 1000 * mpmath.sqrt(eps), "tiny_": mpmath.ldexp(1, -10 * prec),
            "maxit2_": geodesic.Geodesic.maxit1_ + prec + 10,
        }  # fmt: skip
        saved_constants = {name: getattr(geodesic.Geodesic, name) for name in constants}
        saved_globals = [(m, {k: m.__dict__.get(k, _MISSING) for k in ("math", "float")}) for m in _MODULES]
        try:
            for module in _MODULES:
                module.math, module.float = shim, mpmath.mpf  # float() would round to double
            for name, value in constants.items():
                setattr(geodesic.Geodesic, name, value)
            yield geodesic.Geodesic(mpmath.mpf(6378137), 1 / mpmath.mpf("298.257223563"))
        finally:
            for name, value in saved_constants.items():
                setattr(geodesic.Geodesic, name, value)
            for module, names in saved_globals:
                for name, value in names.items():
                    if value is _MISSING:
                        module.__dict__.pop(name, None)
                    else:
                        setattr(module, name, value)


def _ring_area(geod: geodesic.Geodesic, lons, lats) -> mpmath.mpf:
    """Unsigned area (m², mpf) of one ring; a repeated closing vertex is ignored."""
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if len(lons) > 1 and lons[0] == lons[-1] and lats[0] == lats[-1]:
        lons, lats = lons[:-1], lats[:-1]
    ring = PolygonArea(geod)
    for lon, lat in zip(lons.tolist(), lats.tolist(), strict=True):
        ring.AddPoint(mpmath.mpf(lat), mpmath.mpf(lon))  # exact conversion of each double
    return abs(ring.Compute(False, True)[2])


def karney_area(lons, lats, *, digits: int = 40) -> float:
    """Unsigned geodesic area of one ring on WGS84, in square metres.

    Parameters
    ----------
    lons, lats : sequence of float
        Vertex longitudes and latitudes, in degrees (closed or not).
    digits : int
        Significant decimal digits of the mpmath arithmetic.

    Returns
    -------
    float
        GeographicLib's area evaluated in ``digits`` digits, rounded once to float64.
    """
    with _wgs84(digits) as geod:
        return float(_ring_area(geod, lons, lats))


def karney_areas(polygons: Iterable, *, digits: int = 40) -> np.ndarray:
    """Geodesic area of each shapely (Multi)Polygon, exterior minus holes, in square metres.

    Parameters
    ----------
    polygons : iterable of shapely Polygon or MultiPolygon
        Coordinates are (longitude, latitude) in degrees.
    digits : int
        Significant decimal digits of the mpmath arithmetic.

    Returns
    -------
    numpy.ndarray
        float64 areas in m², each rounded once from the high-precision sum.
    """
    out = []
    with _wgs84(digits) as geod:
        for geometry in polygons:
            total = mpmath.mpf(0)
            for part in getattr(geometry, "geoms", [geometry]):
                if part.is_empty:
                    continue
                for k, ring in enumerate([part.exterior, *part.interiors]):
                    area = _ring_area(geod, *ring.xy)
                    total += -area if k else area
            out.append(float(total))
    return np.array(out, dtype=np.float64)
