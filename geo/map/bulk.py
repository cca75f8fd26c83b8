"""Large polygon layers on the map: one overlay, compact coordinates, a canvas renderer.

A layer of more than :data:`BULK_THRESHOLD` features is not drawn feature by
feature (that is what makes ``explore()`` pages crawl): its polygons travel as one
array of integers — microdegrees, each ring's first vertex absolute and the rest
as differences from the previous vertex — and the page draws them on a canvas,
building a tooltip or popup only for the feature under the pointer.

Rounding to 1e-6° moves a vertex by at most 0.08 m (half a microdegree on each
axis), well inside what any digitized boundary can claim.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import shapely

from geo.map.elements import AtlasCall
from geo.map.page_script import add_data_and_call
from geo.model import Layer, measure_areas
from geo.units import M2_PER_HECTARE

#: Layers with more features than this are drawn as one bulk overlay.
BULK_THRESHOLD = 200
#: Coordinates are sent as integers of this many units per degree.
UNITS_PER_DEGREE = 1_000_000


def is_bulk(layer: Layer) -> bool:
    """True when the layer is large and all polygons, so it is drawn in bulk."""
    return len(layer.features) > BULK_THRESHOLD and layer.geometry_types <= {"Polygon", "MultiPolygon"}


def encode_polygons(geometries: np.ndarray) -> dict[str, list[int]]:
    """Polygons as counts and delta-encoded integer coordinates.

    Returns
    -------
    dict
        ``parts``: polygons per geometry; ``rings``: rings per polygon (exterior
        first); ``counts``: vertices per ring, closing vertex dropped; ``coords``:
        flat ``[x, y, dx, dy, ...]`` in microdegrees, absolute at each ring's start.

    Examples
    --------
    >>> from shapely import box
    >>> encode_polygons(np.array([box(114, 22, 114.000002, 22.000001)]))
    {'parts': [1], 'rings': [1], 'counts': [4], 'coords': [114000002, 22000000, 0, 1, -2, 0, 0, -1]}
    """
    polygons, owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_owner = shapely.get_rings(polygons, return_index=True)
    counts = shapely.get_num_coordinates(rings) - 1
    coords = shapely.get_coordinates(rings)
    closing = np.cumsum(counts + 1) - 1
    keep = np.ones(len(coords), dtype=bool)
    keep[closing] = False
    units = np.rint(coords[keep] * UNITS_PER_DEGREE).astype(np.int64)
    deltas = np.diff(units, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    starts = np.cumsum(counts) - counts
    deltas[starts] = units[starts]
    return {
        "parts": np.bincount(owner, minlength=len(geometries)).tolist(),
        "rings": np.bincount(ring_owner, minlength=len(polygons)).tolist(),
        "counts": counts.tolist(),
        "coords": deltas.ravel().tolist(),
    }


def decode_vertices(html: str) -> np.ndarray:
    """Every vertex of every bulk layer in a rendered map, as (lon, lat) degrees.

    In the order of ``shapely.get_coordinates`` of the source polygons with each
    ring's closing vertex dropped; for checking what a page draws against its source.
    """
    out = []
    for match in re.finditer(r'<script type="application/json" id="bulk_overlay_[^"]+">(.*?)</script>', html):
        spec = json.loads(match.group(1))
        deltas = np.asarray(spec["coords"], dtype=np.int64).reshape(-1, 2)
        counts = np.asarray(spec["counts"])
        starts = np.cumsum(counts) - counts
        ring = np.repeat(np.arange(len(counts)), counts)
        absolute = np.cumsum(deltas, axis=0)
        base = absolute[starts] - deltas[starts]  # undo the running sum across rings
        out.append((absolute - base[ring]) / UNITS_PER_DEGREE)
    return np.concatenate(out) if out else np.empty((0, 2))


def bulk_spec(layer: Layer, style: dict[str, Any]) -> dict[str, Any]:
    """What the page needs to draw a bulk layer: names, areas, style and encoded polygons."""
    geometries = np.array([f.geometry for f in layer], dtype=object)
    area_ha = np.round(measure_areas(layer.features) / M2_PER_HECTARE, 4)
    return {
        "layer": layer.name,
        "ids": [f.id for f in layer],
        "names": [f.name for f in layer],
        "area_ha": area_ha.tolist(),
        "style": style,
        **encode_polygons(geometries),
    }


class BulkOverlay(AtlasCall):
    """A large polygon layer drawn on a canvas, tooltips and popups built on demand."""

    function = "addBulk"

    def __init__(self, spec: dict[str, Any]) -> None:
        if len(spec["ids"]) != len(spec["parts"]) or len(spec["names"]) != len(spec["ids"]):
            msg = "BulkOverlay needs one id, name and part count per feature"
            raise ValueError(msg)
        super().__init__(spec)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The data as a JSON script element, and ``gbaAtlas.addBulk(layer, data)``."""
        add_data_and_call(self, self.data_json, f"gbaAtlas.{self.function}({{parent}}, {{data}});\n")
