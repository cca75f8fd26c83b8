"""A small TopoJSON decoder: arcs to coordinates, objects to shapely geometries.

Follows the TopoJSON specification (version 1): a quantized topology has a
``transform`` (``scale`` and ``translate``) and its arcs are delta-encoded
integer positions; an arc index ``i`` refers to arc ``i`` and ``~i`` (that is,
``-i - 1``) to arc ``i`` reversed; arcs joined into a line or ring share their
end points, which are kept once.  Only what a base map needs is decoded:
``Polygon``, ``MultiPolygon``, ``LineString`` and ``MultiLineString`` (points
and geometry collections are not used by Natural Earth's country outlines).

>>> topology = {
...     "type": "Topology",
...     "transform": {"scale": [0.5, 0.25], "translate": [100, 20]},
...     "arcs": [[[0, 0], [2, 0], [0, 4], [-2, 0], [0, -4]]],
...     "objects": {"box": {"type": "Polygon", "arcs": [[0]]}},
... }
>>> to_shape(topology, topology["objects"]["box"]).wkt
'POLYGON ((100 20, 101 20, 101 21, 100 21, 100 20))'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["Point2", "arc_indices", "decode_arc", "named_geometries", "stitch", "to_shape"]

#: A decoded position: (longitude, latitude).
Point2 = tuple[float, float]


def decode_arc(topology: Mapping[str, Any], index: int) -> list[Point2]:
    """Return arc ``index`` of ``topology`` as absolute coordinates, in its own direction.

    Parameters
    ----------
    topology : Mapping
        A TopoJSON ``Topology``; quantized (with ``transform``) or not.
    index : int
        The arc's position in ``topology["arcs"]`` (not negative).

    Returns
    -------
    list of (float, float)
        The arc's positions, delta decoding and the transform applied.
    """
    arc = topology["arcs"][index]
    transform = topology.get("transform")
    if transform is None:
        return [(float(p[0]), float(p[1])) for p in arc]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0
    out: list[Point2] = []
    for position in arc:
        x += position[0]
        y += position[1]
        out.append((x * sx + tx, y * sy + ty))
    return out


def stitch(
    topology: Mapping[str, Any], indices: Sequence[int], cache: dict[int, list[Point2]]
) -> list[Point2]:
    """Join the arcs ``indices`` (``~i`` meaning arc ``i`` reversed) into one line or ring.

    Parameters
    ----------
    topology : Mapping
        The TopoJSON ``Topology`` holding the arcs.
    indices : sequence of int
        Arc references in order, as in a ring or a line of a geometry.
    cache : dict
        Decoded arcs by index, filled as arcs are decoded (shared between calls).

    Returns
    -------
    list of (float, float)
        The joined positions; the first position of each arc after the first is dropped
        (it repeats the last position of the arc before).
    """
    out: list[Point2] = []
    for ref in indices:
        index = ref if ref >= 0 else ~ref
        if index not in cache:
            cache[index] = decode_arc(topology, index)
        points = cache[index] if ref >= 0 else cache[index][::-1]
        out.extend(points[1:] if out else points)
    return out


def to_shape(
    topology: Mapping[str, Any], geometry: Mapping[str, Any], cache: dict[int, list[Point2]] | None = None
) -> BaseGeometry:
    """Build the shapely geometry of one TopoJSON geometry object.

    Parameters
    ----------
    topology : Mapping
        The TopoJSON ``Topology`` the geometry belongs to.
    geometry : Mapping
        A geometry object of ``topology["objects"]`` (or a member of a collection's ``geometries``).
    cache : dict, optional
        Decoded arcs by index, to share the decoding between geometries.

    Returns
    -------
    shapely.geometry.base.BaseGeometry
        A Polygon, MultiPolygon, LineString or MultiLineString.

    Raises
    ------
    ValueError
        If the geometry type is not one of those four.
    """
    cache = {} if cache is None else cache
    kind, arcs = geometry.get("type"), geometry.get("arcs", [])
    if kind in ("Polygon", "MultiPolygon"):
        return _polygonal(topology, kind, arcs, cache)
    if kind in ("LineString", "MultiLineString"):
        return _linear(topology, kind, arcs, cache)
    raise ValueError(f"TopoJSON geometry type {kind!r} is not supported")


def _polygonal(
    topology: Mapping[str, Any], kind: str, arcs: Sequence[Any], cache: dict[int, list[Point2]]
) -> Polygon | MultiPolygon:
    """A Polygon (empty when its shell collapsed) or a MultiPolygon of the parts that did not."""
    if kind == "Polygon":
        return _polygon(topology, arcs, cache) or Polygon()
    parts = (_polygon(topology, part, cache) for part in arcs)
    return MultiPolygon([part for part in parts if part is not None])


def _linear(
    topology: Mapping[str, Any], kind: str, arcs: Sequence[Any], cache: dict[int, list[Point2]]
) -> LineString | MultiLineString:
    """A LineString of one list of arc references, or a MultiLineString of several."""
    if kind == "LineString":
        return LineString(stitch(topology, arcs, cache))
    return MultiLineString([stitch(topology, line, cache) for line in arcs])


def _polygon(
    topology: Mapping[str, Any], rings: Sequence[Sequence[int]], cache: dict[int, list[Point2]]
) -> Polygon | None:
    """Build one polygon from its rings of arc references (the first ring is the shell).

    Quantization can collapse a tiny islet or lake to fewer than four positions: such a
    ring is left out (None for a collapsed shell).
    """
    shell, *holes = (stitch(topology, ring, cache) for ring in rings)
    if len(shell) < 4:
        return None
    return Polygon(shell, [hole for hole in holes if len(hole) >= 4])


def arc_indices(geometry: Mapping[str, Any]) -> set[int]:
    """Return the (non-negative) indices of every arc a geometry object uses.

    Parameters
    ----------
    geometry : Mapping
        A TopoJSON geometry object.

    Returns
    -------
    set of int
        Arc indices, ``~i`` references counted as ``i``.

    Examples
    --------
    >>> sorted(arc_indices({"type": "MultiPolygon", "arcs": [[[0, ~3]], [[5]]]}))
    [0, 3, 5]
    """
    return {ref if ref >= 0 else ~ref for ref in _flatten(geometry.get("arcs", []))}


def _flatten(nested: Iterable[Any]) -> Iterator[int]:
    """Yield the integers of an arbitrarily nested list."""
    for item in nested:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield int(item)


def named_geometries(topology: Mapping[str, Any], collection: str) -> dict[str, Mapping[str, Any]]:
    """Return the geometries of a collection object by their ``properties.name``.

    Parameters
    ----------
    topology : Mapping
        A TopoJSON ``Topology``.
    collection : str
        The name of a ``GeometryCollection`` in ``topology["objects"]``, e.g. ``"countries"``.

    Returns
    -------
    dict
        Name to geometry object; geometries without a name are left out.
    """
    members = topology["objects"][collection]["geometries"]
    return {g["properties"]["name"]: g for g in members if g.get("properties", {}).get("name")}
