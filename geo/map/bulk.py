"""Large polygon layers on the map: one overlay, compact coordinates, a canvas renderer.

A layer of more than :data:`BULK_THRESHOLD` features is not drawn feature by
feature (that is what makes ``explore()`` pages crawl): its polygons travel as one
sequence of integers — microdegrees, each ring's first vertex absolute and the rest
as differences from the previous vertex — and the page draws them on a canvas,
building a tooltip or popup only for the feature under the pointer.

The integers are written as variable-length bytes (zigzag LEB128: a difference of a
few metres takes one byte), in base64: a third of the size of the same numbers as
JSON text, and made with array operations rather than a Python list of millions of
numbers (:func:`geo.map.varint.varint_base64`; the page reads them back in ``bulk-geometry.js``).

Rounding to 1e-6° moves a vertex by at most 0.08 m (half a microdegree on each
axis), well inside what any digitized boundary can claim.
"""

from __future__ import annotations

import base64
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import shapely

from geo.geodesy import geodesic_area
from geo.map.elements import AtlasCall
from geo.map.page_script import add_data_and_call
from geo.map.varint import varint_base64 as varint_base64  # the codec, re-exported from here
from geo.map.varint import varint_bytes
from geo.map.varint import varint_integers as varint_integers  # re-exported for readers of bulk layers
from geo.model import Layer
from geo.units import M2_PER_HECTARE

#: Layers with more features than this are drawn as one bulk overlay.
BULK_THRESHOLD = 200
#: Coordinates are sent as integers of this many units per degree.
UNITS_PER_DEGREE = 1_000_000
_POLYGON = 3  # shapely's type id


def is_bulk(layer: Layer) -> bool:
    """True when the layer is large and all polygons, so it is drawn in bulk.

    Parameters
    ----------
    layer : Layer
        Any layer.

    Returns
    -------
    bool
        More than :data:`BULK_THRESHOLD` features, all Polygon or MultiPolygon.
    """
    return len(layer.features) > BULK_THRESHOLD and layer.geometry_types <= {"Polygon", "MultiPolygon"}


#: Geometries encoded per batch: the temporaries stay small enough to be reused (fresh arrays of
#: hundreds of megabytes cost page faults), and in cache.
ENCODE_BATCH = 4096


def encode_polygons(geometries: np.ndarray) -> dict[str, Any]:
    """Polygons as counts and delta-encoded integer coordinates.

    Parameters
    ----------
    geometries : numpy.ndarray of Polygon or MultiPolygon
        In WGS84 longitude, latitude degrees; encoded in batches of :data:`ENCODE_BATCH`.

    Returns
    -------
    dict
        ``parts``: polygons per geometry; ``rings``: rings per polygon (exterior
        first); ``counts``: vertices per ring, closing vertex dropped; ``coords``:
        flat ``[x, y, dx, dy, ...]`` in microdegrees, absolute at each ring's start,
        as :func:`varint_base64` text.

    Examples
    --------
    >>> from shapely import box
    >>> encoded = encode_polygons(np.array([box(114, 22, 114.000002, 22.000001)]))
    >>> encoded["parts"], encoded["rings"], encoded["counts"]
    ([1], [1], [4])
    >>> [int(n) for n in varint_integers(encoded["coords"])]
    [114000002, 22000000, 0, 1, -2, 0, 0, -1]
    """
    batches = [
        _encode_batch(geometries[i : i + ENCODE_BATCH]) for i in range(0, len(geometries), ENCODE_BATCH)
    ]
    lists: list[list[int]] = [
        np.concatenate([b[k] for b in batches]).tolist() if batches else [] for k in range(3)
    ]
    return {
        "parts": lists[0],
        "rings": lists[1],
        "counts": lists[2],
        "coords": base64.b64encode(b"".join(b[3] for b in batches)).decode("ascii"),
    }


def _encode_batch(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, bytes]:
    """Parts per geometry, rings per polygon, vertices per ring, and the coordinates' varint bytes."""
    simple = (shapely.get_type_id(geometries) == _POLYGON) & (shapely.get_num_interior_rings(geometries) == 0)
    if simple.all():  # one ring each (most layers): no part or ring objects to make
        polygons, owner = geometries, np.arange(len(geometries))
        rings, ring_owner = geometries, owner
    else:
        polygons, owner = shapely.get_parts(geometries, return_index=True)
        rings, ring_owner = shapely.get_rings(polygons, return_index=True)
    counts = shapely.get_num_coordinates(rings) - 1
    parts = np.bincount(owner, minlength=len(geometries))
    rings_per_polygon = np.bincount(ring_owner, minlength=len(polygons))
    return (
        parts,
        rings_per_polygon,
        counts,
        varint_bytes(_ring_deltas(shapely.get_coordinates(rings), counts)),
    )


def _ring_deltas(coords: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Flat ``[x, y, dx, dy, ...]`` microdegrees of rings given with their closing vertex (``coords``).

    Worked out on the rings as given, in place, then each ring's closing vertex dropped: the
    difference after it (to the next ring's first vertex) is replaced by that vertex anyway.
    """
    units = np.rint(np.multiply(coords, UNITS_PER_DEGREE, out=coords), out=coords).astype(np.int64)
    deltas = np.empty_like(units)
    np.subtract(units[1:], units[:-1], out=deltas[1:])
    firsts = np.cumsum(counts + 1) - (counts + 1)
    deltas[firsts] = units[firsts]
    closing = np.zeros(len(units), dtype=bool)
    closing[firsts + counts] = True
    flat: np.ndarray = deltas.ravel()[np.repeat(~closing, 2)]
    return flat


def bulk_spec(layer: Layer, style: dict[str, Any]) -> dict[str, Any]:
    """What the page needs to draw a bulk layer: names, areas, style and encoded polygons.

    The areas are those :func:`~geo.model.measure_areas` gives (the same
    :func:`~geo.geodesy.geodesic_area` of the same geometries), measured on the array at
    once rather than feature by feature, half in each of two threads while the polygons are
    encoded: all three spend most of their time in numpy and GEOS, which let other threads run
    meanwhile, so a second core shortens the build.

    Parameters
    ----------
    layer : Layer
        A layer :func:`is_bulk` accepts.
    style : dict
        The layer's Leaflet path options (``color``, ``weight``, ...).

    Returns
    -------
    dict
        ``layer`` (its name), ``ids``, ``names`` and ``area_ha`` (hectares, 4 decimals), one per
        feature, ``style``, and the encoded polygons (:func:`encode_polygons`).
    """
    geometries = layer.geometries()
    halves = np.array_split(geometries, 2)
    with ThreadPoolExecutor(max_workers=len(halves)) as pool:
        areas = [pool.submit(geodesic_area, half) for half in halves]  # on two cores when there are two
        encoded = encode_polygons(geometries)
        ids, names = layer.ids, layer.feature_names  # while the areas are measured
        area_ha = np.round(np.concatenate([a.result() for a in areas]) / M2_PER_HECTARE, 4)
    return {
        "layer": layer.name,
        "ids": ids,
        "names": names,
        "area_ha": area_ha.tolist(),
        "style": style,
        **encoded,
    }


class BulkOverlay(AtlasCall):
    """A large polygon layer drawn on a canvas, tooltips and popups built on demand.

    Parameters
    ----------
    spec : dict
        What :func:`bulk_spec` makes: one id, name, part count and finite area per feature.

    Raises
    ------
    ValueError
        When the per-feature lists differ in length, or an area is not finite.
    """

    function = "addBulk"
    fast_json = True

    def __init__(self, spec: dict[str, Any]) -> None:
        if len(spec["ids"]) != len(spec["parts"]) or len(spec["names"]) != len(spec["ids"]):
            msg = "BulkOverlay needs one id, name and part count per feature"
            raise ValueError(msg)
        if not np.isfinite(spec["area_ha"]).all():  # msgspec would write them as null
            msg = "BulkOverlay needs finite areas"
            raise ValueError(msg)
        super().__init__(spec)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The data as a JSON script element, and ``gbaAtlas.addBulk(layer, data)``.

        Parameters
        ----------
        **kwargs
            branca's render options (unused: the element adds itself to the page's script).
        """
        add_data_and_call(self, self.data_json, f"gbaAtlas.{self.function}({{parent}}, {{data}});\n")
