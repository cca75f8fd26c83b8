"""The geometry rules as masks: which geometries break no rule of the layer format, tested as arrays.

:func:`suspect_geometries` judges every geometry at once: validity proved with numpy
where :mod:`geo.validation.validity` can, GEOS for the rest. The rows it cannot clear
are judged by the masks of :data:`geo.validation.geometry_rules.RULES`, whose templates
give their words (:mod:`geo.validation.rules`). GEOS lets go of the GIL, so large
arrays are screened in chunks on threads (:func:`screen`).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from geo.validation.members import GBA_LAT, GBA_LON
from geo.validation.validity import is_valid, orient_polygons, ring_turns

#: shapely type ids of the geometry types a layer may hold.
ALLOWED_TYPE_IDS = np.array([0, 1, 3, 4, 5, 6])  # Point, LineString, Polygon, Multi*

#: Arrays of at least this many geometries are screened in chunks on threads.
SPLIT_ROWS = 20_000

_LINEAR = [1, 3, 5, 6]  # types whose edges may cross the antimeridian
_AREAL = [3, 6]


def suspect_geometries(geometries: np.ndarray, *, turns: np.ndarray | None = None) -> np.ndarray:
    """True where a geometry might break the layer format and needs the full checks.

    Ranges and swapped coordinates are judged from each geometry's bounds (all its
    coordinates lie in a box exactly when its bounds do); a line or polygon wider than
    180° of longitude might have an edge across the antimeridian. Bounds skip NaN, but
    GEOS finds a coordinate that is not finite invalid, and every geometry's validity
    is tested.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries in WGS84 degrees; None counts as suspect.
    turns : numpy.ndarray of int8, optional
        Their :func:`geo.validation.validity.ring_turns`, when known already.

    Returns
    -------
    numpy.ndarray of bool
        One value a geometry.
    """
    types = shapely.get_type_id(geometries)
    suspect = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    suspect |= ~np.isin(types, ALLOWED_TYPE_IDS)
    suspect |= _out_of_bounds(geometries, types)
    areal = np.isin(types, _AREAL) & ~suspect
    suspect[areal] |= ~is_valid(geometries[areal], turns=None if turns is None else turns[areal])
    suspect[areal] |= shapely.area(geometries[areal]) == 0  # degenerate (or a bowtie, invalid anyway)
    rest = ~np.isin(types, _AREAL) & ~suspect  # lines: fewer than 2 distinct points; points: NaN
    suspect[rest] |= ~shapely.is_valid(geometries[rest])
    return np.asarray(suspect)


def _out_of_bounds(geometries: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Out of range, lying in the Greater Bay Area only as [lat, lon], or wider than 180° of longitude."""
    west, south, east, north = shapely.bounds(geometries).T
    with np.errstate(invalid="ignore"):
        wrong = (west < -180) | (east > 180) | (south < -90) | (north > 90)
        wrong |= (GBA_LAT[0] <= west) & (east <= GBA_LAT[1]) & (GBA_LON[0] <= south) & (north <= GBA_LON[1])
        wrong |= np.isin(types, _LINEAR) & (east - west > 180)
    return np.asarray(wrong)


def _screened(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which geometries pass, and those oriented the RFC 7946 way (None for the others)."""
    turns = ring_turns(geometries)
    passed = ~suspect_geometries(geometries, turns=turns)
    kept = np.where(passed, geometries, np.array(None, dtype=object))
    return passed, orient_polygons(kept, turns=turns)


def screen(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Screen geometries as :func:`suspect_geometries` does, in chunks on threads when there are many.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries (or None) in WGS84 degrees.

    Returns
    -------
    passed : numpy.ndarray of bool
        True for each geometry no rule refuses.
    oriented : numpy.ndarray of object
        Those geometries with rings oriented the RFC 7946 way (exterior counter-clockwise);
        None where a geometry did not pass.
    """
    workers = max(1, min(4, os.cpu_count() or 1))
    if len(geometries) < SPLIT_ROWS or workers == 1:
        return _screened(geometries)
    parts = np.array_split(geometries, max(workers, len(geometries) // SPLIT_ROWS))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # GEOS lets go of the GIL
        done = list(pool.map(_screened, parts))
    return np.concatenate([d[0] for d in done]), np.concatenate([d[1] for d in done])
