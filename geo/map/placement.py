"""Where things go on the map: bounds, the first view, "Go to", where names go, a layer's outline.

Coordinates are WGS84 longitude/latitude degrees; Leaflet bounds are ``[[south, west], [north, east]]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.map.bulk import is_bulk
from geo.model import Feature, Layer


def label_point(geometry: BaseGeometry) -> shapely.Point:
    """Where a feature's name goes: deep inside its largest polygon, or a third along its line.

    The pole of inaccessibility of a polygon lies in its widest part, away from its edges, where
    a name stands clear of the neighbours'; a line's middle often lies where others meet it.

    Parameters
    ----------
    geometry : shapely geometry
        A feature's geometry, lon/lat degrees.

    Returns
    -------
    shapely.Point
        The label's point, lon/lat degrees.

    >>> from shapely import LineString, box
    >>> [round(c, 6) for c in label_point(box(0, 0, 2, 2)).coords[0]]
    [1.0, 1.0]
    >>> label_point(LineString([(0, 0), (3, 0)])).wkt
    'POINT (1 0)'
    """
    if geometry.geom_type == "LineString":
        return geometry.interpolate(1 / 3, normalized=True)
    parts = [part for part in getattr(geometry, "geoms", [geometry]) if part.geom_type == "Polygon"]
    if not parts:
        return geometry.representative_point()
    largest = max(parts, key=lambda part: part.area)
    return polylabel(largest, tolerance=max(largest.length / 1000, 1e-7))


def layer_outline(layer: Layer) -> BaseGeometry:
    """A dashed outline around a layer's polygons: merged across gaps of up to ~200 m.

    Parameters
    ----------
    layer : Layer
        A layer of polygons.

    Returns
    -------
    shapely geometry
        The outline's area, lon/lat degrees.
    """
    polygons = [f.geometry for f in layer if f.geometry.geom_type.endswith("Polygon")]
    merged = shapely.union_all(polygons).buffer(0.002, join_style="mitre").buffer(-0.0015, join_style="mitre")
    return merged.boundary


def bounds(features: Sequence[Feature]) -> list[list[float]]:
    """Leaflet bounds ``[[south, west], [north, east]]`` of some features.

    Parameters
    ----------
    features : sequence of Feature
        Some features.

    Returns
    -------
    list of list of float
        ``[[south, west], [north, east]]``, degrees.
    """
    return _box(np.array([f.geometry for f in features], dtype=object))


def label_zoom(geometry: BaseGeometry, *, min_pixels: int = 50) -> int:
    """The zoom from which a feature is about ``min_pixels`` wide on screen: its label shows from there.

    Parameters
    ----------
    geometry : shapely geometry
        A feature's geometry, lon/lat degrees.
    min_pixels : int
        The width on screen, pixels.

    Returns
    -------
    int
        A Web Mercator zoom level.

    >>> from shapely import box
    >>> label_zoom(box(113.3, 22.5, 113.7, 22.9)), label_zoom(box(114.066, 22.51, 114.085, 22.52))
    (8, 12)
    """
    west, _, east, _ = geometry.bounds
    width = max(east - west, 1e-6)
    return max(5, min(16, math.ceil(math.log2(min_pixels * 360 / (256 * width)))))


def opening_bounds(
    layers: Sequence[Layer], opens_on: str | tuple[float, float, float, float] | None
) -> list[list[float]]:
    """The bounds the map opens on: a layer's name, a feature's id or (west, south, east, north).

    Without any (or with a name there is not), everything. A layer is framed by its areas: a
    line of it (a river, say) may run far beyond them and is shown as far as the frame reaches.

    Parameters
    ----------
    layers : sequence of Layer
        The map's layers.
    opens_on : str or (west, south, east, north) or None
        A layer's name or feature's id, or bounds in degrees.

    Returns
    -------
    list of list of float
        ``[[south, west], [north, east]]``, degrees.
    """
    if isinstance(opens_on, tuple):
        west, south, east, north = opens_on
        return [[south, west], [north, east]]
    for layer in layers:
        if opens_on and layer.name == opens_on and layer.features:
            return layer_bounds(layer)
        ids = layer.ids
        if opens_on in ids:
            row = ids.index(opens_on)
            return _box(layer.geometries()[row : row + 1])
    return _box(np.concatenate([layer.geometries() for layer in layers]) if layers else np.empty(0, object))


def layer_bounds(layer: Layer) -> list[list[float]]:
    """The bounds a layer is framed by: its areas' (its lines may run far beyond them), else all of it.

    Parameters
    ----------
    layer : Layer
        A layer.

    Returns
    -------
    list of list of float
        ``[[south, west], [north, east]]``, degrees.
    """
    geometries = layer.geometries()
    if layer.geometry_types <= {"Polygon", "MultiPolygon"}:  # all areas (kept): no feature-by-feature look
        return _box(geometries)
    areas = geometries[np.isin(shapely.get_type_id(geometries), AREA_TYPE_IDS)]
    return _box(areas if len(areas) else geometries)


#: shapely's type ids of Polygon and MultiPolygon.
AREA_TYPE_IDS = (3, 6)


def _box(geometries: np.ndarray) -> list[list[float]]:
    """Leaflet bounds ``[[south, west], [north, east]]`` of an array of geometries."""
    west, south, east, north = shapely.total_bounds(geometries).tolist()
    return [[south, west], [north, east]]


def places(
    layers: Sequence[Layer], lang: str = "en", extents: Sequence[list[list[float]]] | None = None
) -> list[dict[str, Any]]:
    """The "Go to" list in ``lang``: every layer, then every feature (but those of bulk layers).

    A layer is framed as the first view frames it (:func:`layer_bounds`); ``extents``: the
    layers' bounds, when known already.

    Parameters
    ----------
    layers : sequence of Layer
        The map's layers.
    lang : str
        The language tag.
    extents : sequence, optional
        Each layer's bounds (:func:`layer_bounds`), in the order of ``layers``.

    Returns
    -------
    list of dict
        ``{"name", "bounds"}`` each, bounds ``[[south, west], [north, east]]`` in degrees.
    """
    if extents is None:
        extents = [layer_bounds(layer) for layer in layers]
    out = [{"name": layer.names.get(lang), "bounds": box} for layer, box in zip(layers, extents, strict=True)]
    for layer in layers:
        if not is_bulk(layer):
            out += [{"name": f.names.get(lang), "bounds": bounds([f])} for f in layer]
    return out
