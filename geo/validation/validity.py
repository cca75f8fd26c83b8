"""GEOS validity, faster: rings proved simple with numpy, only the others asked of GEOS.

Most polygons of a large layer are single rings that are star-shaped about the mean
of their vertices (building footprints, parcels). For those, validity follows from a
few orientation tests done as arrays (:func:`ring_turns`): when every triangle
``(centre, v[i], v[i+1])`` turns the same way, certainly, and the ring winds once
about the centre, the ring is simple, so the polygon is valid exactly as GEOS judges
it, and the test says which way the ring turns. Each orientation's sign is taken
only when Shewchuk's error bound proves it (``orient2d``'s first stage); any doubt,
and the polygon goes to GEOS. :func:`is_valid` and :func:`orient_polygons` are
``shapely.is_valid`` and ``shapely.orient_polygons`` with that short cut: the same
answers, the same geometries.
"""

from __future__ import annotations

import numpy as np
import shapely

#: Shewchuk's first-stage error bound of orient2d, ``(3 + 16 eps) eps`` with ``eps = 2**-53``.
CCW_ERROR = (3.0 + 16.0 * 2.0**-53) * 2.0**-53

#: Positions tested at a time: small blocks stay in the processor's cache.
BLOCK_POSITIONS = 1 << 18

#: A determinant at most this large is never trusted (far above what underflow can do).
TINY = 1e-280


def ring_turns(geometries: np.ndarray) -> np.ndarray:
    """Which way each polygon's ring turns, for the polygons proved valid without GEOS.

    A polygon is proved valid when it has no holes, no Z or M, a closed exterior ring of
    finite coordinates, and every triangle of the mean of its vertices with one of its
    edges turns the same way (each sign proved), the ring winding once about that point:
    it is then star-shaped about it, hence simple. Rings of one length are tested
    together, in blocks of :data:`BLOCK_POSITIONS`.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries (or None), any coordinates.

    Returns
    -------
    numpy.ndarray of int8
        1 where the polygon is valid and its exterior ring counter-clockwise, -1 where it
        is valid and clockwise, 0 where this test cannot tell (GEOS must).

    Examples
    --------
    >>> square = shapely.box(0, 0, 1, 1, ccw=True)
    >>> bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    >>> ring_turns(np.array([square, square.reverse(), bowtie, None])).tolist()
    [1, -1, 0, 0]
    """
    geometries = np.asarray(geometries, dtype=object)
    turns = np.zeros(len(geometries), dtype=np.int8)
    rows = np.flatnonzero(_single_rings(geometries))
    if not len(rows):
        return turns
    counts = shapely.get_num_coordinates(geometries[rows])
    order = np.argsort(counts, kind="stable")
    lengths, firsts = np.unique(counts[order], return_index=True)
    for length, group in zip(lengths.tolist(), np.split(rows[order], firsts[1:]), strict=True):
        step = max(1, BLOCK_POSITIONS // length)
        for first in range(0, len(group), step):
            part = group[first : first + step]
            block = shapely.get_coordinates(geometries[part]).reshape(len(part), length, 2)
            turns[part] = _block_turns(block, shapely.bounds(geometries[part]))
    return turns


def _single_rings(geometries: np.ndarray) -> np.ndarray:
    """Polygons of one ring of at least 4 positions, in two dimensions."""
    single = shapely.get_type_id(geometries) == shapely.GeometryType.POLYGON
    single &= shapely.get_num_interior_rings(geometries) == 0
    single &= shapely.get_coordinate_dimension(geometries) == 2
    single &= shapely.get_num_coordinates(geometries) >= 4
    return np.asarray(single)


def _block_turns(block: np.ndarray, box: np.ndarray) -> np.ndarray:
    """The turn (1, -1, or 0 for unknown) of each ring of a block of one length: (rings, positions, 2).

    Each orientation ``orient2d(centre, v[i], v[i+1])`` is taken from the offsets of its
    vertices from the centre, as Shewchuk's first stage does; its error is at most
    ``CCW_ERROR * (|left| + |right|)``, each product at most the square of the ring's
    largest offset, found from its bounds ``box`` (rounding is monotonic: no offset of a
    position inside the box rounds to more than the box's own). The block is laid out
    position by position (one row of all rings' x for each position) so that every step
    and every sum is one operation over all the rings.
    """
    length = block.shape[1]
    xs = np.ascontiguousarray(block[:, :, 0].T)  # (positions, rings)
    ys = np.ascontiguousarray(block[:, :, 1].T)
    with np.errstate(invalid="ignore", over="ignore"):
        cx = xs[:-1].sum(axis=0) / (length - 1)  # the closing position left out
        cy = ys[:-1].sum(axis=0) / (length - 1)
        x, y = xs - cx, ys - cy
        edges = x[:-1] * y[1:]
        edges -= y[:-1] * x[1:]
        reach = np.maximum(box[:, 2] - cx, cx - box[:, 0])
        np.maximum(reach, np.maximum(box[:, 3] - cy, cy - box[:, 1]), out=reach)
        bound = (2 * CCW_ERROR) * reach * reach + TINY
    # A coordinate that is not finite makes its ring's centre not finite (or the ring not closed).
    proved = np.isfinite(cx) & np.isfinite(cy) & (xs[0] == xs[-1]) & (ys[0] == ys[-1])
    below = y < 0  # exact: the sign of a difference of two floats is never rounded away
    proved &= np.count_nonzero(below[:-1] > below[1:], axis=0) == 1  # crosses upwards once: winds once
    turns = np.zeros(len(cx), dtype=np.int8)
    turns[proved & (edges.min(axis=0) > bound)] = 1
    turns[proved & (edges.max(axis=0) < -bound)] = -1
    return turns


def is_valid(geometries: np.ndarray, *, turns: np.ndarray | None = None) -> np.ndarray:
    """``shapely.is_valid``, with the polygons :func:`ring_turns` proves valid not asked of GEOS.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries (or None).
    turns : numpy.ndarray of int8, optional
        Their :func:`ring_turns`, when known already.

    Returns
    -------
    numpy.ndarray of bool
        The same values as ``shapely.is_valid(geometries)``.

    Examples
    --------
    >>> bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    >>> is_valid(np.array([shapely.box(0, 0, 1, 1), bowtie, None], dtype=object)).tolist()
    [True, False, False]
    """
    geometries = np.asarray(geometries, dtype=object)
    valid: np.ndarray = (ring_turns(geometries) if turns is None else turns) != 0
    rest = np.flatnonzero(~valid)
    valid[rest] = shapely.is_valid(geometries[rest])
    return valid


def orient_polygons(geometries: np.ndarray, *, turns: np.ndarray | None = None) -> np.ndarray:
    """``shapely.orient_polygons`` (exterior rings counter-clockwise), keeping each polygon proved so already.

    Parameters
    ----------
    geometries : numpy.ndarray of object
        Shapely geometries (or None).
    turns : numpy.ndarray of int8, optional
        Their :func:`ring_turns`, when known already.

    Returns
    -------
    numpy.ndarray of object
        Geometries equal to ``shapely.orient_polygons(geometries)``'s; a polygon
        :func:`ring_turns` proves counter-clockwise is the same object.

    Examples
    --------
    >>> square = shapely.box(0, 0, 1, 1, ccw=False)
    >>> orient_polygons(np.array([square], dtype=object))[0].exterior.is_ccw
    True
    """
    geometries = np.asarray(geometries, dtype=object)
    oriented = geometries.copy()
    rest = np.flatnonzero((ring_turns(geometries) if turns is None else turns) != 1)
    oriented[rest] = shapely.orient_polygons(geometries[rest])
    return oriented
