"""Land and the boundaries of Hong Kong and Macao, from Natural Earth 1:10m admin-0 countries.

The data come from the npm package ``world-atlas`` (Natural Earth 4.1.0 as
TopoJSON, quantized to about 370 m east–west and 190 m north–south), fetched at
build time into the asset cache like the map's scripts and never committed.
What the file shows around the Pearl River estuary, and how this module reads it:

- China, Hong Kong and Macao are three separate units; no other country reaches
  the Greater Bay Area, so the land is their union, clipped to :data:`CLIP_BOUNDS`;
  water is everything else (the map's background).
- Hong Kong and China share one arc, the land boundary from Sha Tau Kok along
  the Shenzhen River to Deep Bay: that arc is the Hong Kong–Mainland line.
- Macao shares no arc with China (its two outlines, the peninsula and
  Taipa–Coloane, stand a quantization step or two apart from Zhuhai and
  Hengqin), so its boundary with the Mainland is taken as the parts of its
  outline that face Mainland land across at most :data:`FACING_GAP_DEG`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, unary_union

from geo.map.basemap.finer import Patch, refine_land
from geo.map.basemap.topojson import Point2, arc_indices, named_geometries, stitch, to_shape
from geo.map.offline import AssetSpec, asset_error, default_cache_dir, fetch

__all__ = [
    "CLIP_BOUNDS",
    "FACING_GAP_DEG",
    "HONG_KONG",
    "MACAO",
    "MAINLAND",
    "SIMPLIFY_DEG",
    "WORLD_ATLAS",
    "border_lines",
    "land_polygons",
    "load_countries",
]

#: The Natural Earth 1:10m countries, as shipped by the npm package ``world-atlas``.
WORLD_ATLAS = AssetSpec("world-atlas", "2.0.2", "countries-10m.json")
#: The area kept, (west, south, east, north) in degrees: the eleven cities with a margin.
CLIP_BOUNDS = (111.9, 21.3, 115.5, 24.2)
#: Douglas–Peucker tolerance in degrees (about 55 m): half the data's own quantization step, so it
#: only drops vertices that add nothing (the whole area is about 1,300 vertices before it).
SIMPLIFY_DEG = 0.0005
#: How far across water an outline may face the Mainland and still count as the boundary (≈450 m).
FACING_GAP_DEG = 0.004
#: The Natural Earth names of the units drawn.
MAINLAND, HONG_KONG, MACAO = "China", "Hong Kong", "Macao"


def load_countries(*, cache_dir: Path | None = None) -> dict[str, Any]:
    """Read the Natural Earth countries topology, fetching ``world-atlas`` into the cache if needed.

    Parameters
    ----------
    cache_dir : pathlib.Path, optional
        The asset cache; defaults to :func:`~geo.map.offline.default_cache_dir`.

    Returns
    -------
    dict
        The TopoJSON ``Topology`` with a ``countries`` collection naming China, Hong Kong and Macao.

    Raises
    ------
    AssetError
        One line, if npm is missing or fails, or the file is not the expected topology.
    """
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    data = fetch(WORLD_ATLAS, cache_dir=cache_dir)
    try:
        topology = json.loads(data)
        names = named_geometries(topology, "countries")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise asset_error(None, WORLD_ATLAS, f"not a TopoJSON countries file ({exc})", cache_dir) from exc
    missing = [name for name in (MAINLAND, HONG_KONG, MACAO) if name not in names]
    if missing:
        raise asset_error(None, WORLD_ATLAS, f"no {', '.join(missing)} in the countries", cache_dir)
    return dict(topology)


def _clip_box() -> Polygon:
    """Return the clip rectangle as a polygon."""
    return box(*CLIP_BOUNDS)


def _polygons(geometry: BaseGeometry) -> MultiPolygon:
    """Keep the polygonal parts of a geometry (a clip can leave slivers of lines or points)."""
    parts = shapely.get_parts(geometry).tolist()
    polygons: list[Polygon] = []
    for part in parts:
        if isinstance(part, Polygon) and not part.is_empty:
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
    return MultiPolygon(polygons)


def land_polygons(
    topology: Mapping[str, Any], *, tolerance: float = SIMPLIFY_DEG, patches: Sequence[Patch] = ()
) -> MultiPolygon:
    """Return the land of the Greater Bay Area view: China, Hong Kong and Macao, clipped and simplified.

    Parameters
    ----------
    topology : Mapping
        The countries topology (:func:`load_countries`).
    tolerance : float, optional
        Simplification tolerance in degrees (topology-preserving, so no ring crosses another).
    patches : sequence of Patch, optional
        The project's finer land and water (:func:`~geo.map.basemap.finer.load_patches`),
        applied before the clip and the simplification.

    Returns
    -------
    shapely.geometry.MultiPolygon
        Valid polygons, exteriors counter-clockwise, in a deterministic order (west to east).
    """
    names = named_geometries(topology, "countries")
    cache: dict[int, list[Point2]] = {}
    clip = _clip_box()
    shapes = [to_shape(topology, names[n], cache) for n in (MAINLAND, HONG_KONG, MACAO)]
    union = refine_land(unary_union(shapes), list(patches)).intersection(clip)
    land = _polygons(union.simplify(tolerance, preserve_topology=True))
    land = _polygons(shapely.make_valid(land)) if not land.is_valid else land
    ordered = sorted((orient(p) for p in land.geoms if p.area > 0), key=lambda p: (p.bounds, p.area))
    return MultiPolygon(ordered)


def border_lines(
    topology: Mapping[str, Any], *, tolerance: float = SIMPLIFY_DEG
) -> dict[str, tuple[MultiLineString, str]]:
    """Return the boundary lines of Hong Kong and of Macao with the Mainland.

    Parameters
    ----------
    topology : Mapping
        The countries topology (:func:`load_countries`).
    tolerance : float, optional
        Simplification tolerance in degrees.

    Returns
    -------
    dict
        ``{"Hong Kong": (lines, how), "Macao": (lines, how)}``, ``how`` being ``"shared arcs"``
        (the arcs the unit shares with China) or ``"facing outline"`` (where it shares none, the
        parts of its outline facing Mainland land; see the module docstring).
    """
    names = named_geometries(topology, "countries")
    mainland_arcs = arc_indices(names[MAINLAND])
    cache: dict[int, list[Point2]] = {}
    mainland = to_shape(topology, names[MAINLAND], cache).intersection(_clip_box())
    out: dict[str, tuple[MultiLineString, str]] = {}
    for name in (HONG_KONG, MACAO):
        shared = sorted(arc_indices(names[name]) & mainland_arcs)
        if shared:
            lines: BaseGeometry = linemerge([stitch(topology, [i], cache) for i in shared])
            how = "shared arcs"
        else:
            outline = to_shape(topology, names[name], cache).boundary
            lines = linemerge(_lines(outline.intersection(mainland.buffer(FACING_GAP_DEG))))
            how = "facing outline"
        out[name] = (_lines(lines.simplify(tolerance)), how)
    return out


def _lines(geometry: BaseGeometry) -> MultiLineString:
    """Keep the line parts of a geometry (an intersection can leave points) as one MultiLineString."""
    parts = [p for p in shapely.get_parts(geometry).tolist() if isinstance(p, LineString) and p.length > 0]
    parts += [
        q for p in shapely.get_parts(geometry).tolist() if isinstance(p, MultiLineString) for q in p.geoms
    ]
    return MultiLineString(parts)
