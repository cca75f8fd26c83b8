"""GeoParquet out: a layer saved as one (``Atlas.save_layer``), and the rows of an export.

The layer format's properties become columns, the stated figures JSON text in a ``stated``
column, the layer's own members a JSON object under :data:`geo.io.parquet.METADATA_KEY` of the
schema metadata; geometries are WKB in WGS84 lon/lat (GeoParquet 1.1). Reading is
:mod:`geo.io.parquet`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely

from geo.io.layer_members import layer_members
from geo.io.parquet import METADATA_KEY
from geo.model import Layer

#: The GeoParquet version written.
GEOPARQUET_VERSION = "1.1.0"


def layer_parquet(layer: Layer) -> bytes:
    """A layer as a GeoParquet file: properties as columns, ``stated`` as JSON text, members as metadata.

    Parameters
    ----------
    layer : Layer
        The layer.

    Returns
    -------
    bytes
        The file's bytes.
    """
    keys: dict[str, None] = dict.fromkeys(["id", "name"])
    for feature in layer:
        keys.update(dict.fromkeys(feature.properties))
    columns: dict[str, list[Any]] = {key: [] for key in keys}
    for feature in layer:
        props = dict(feature.properties)
        props["stated"] = json.dumps([s.as_dict() for s in feature.stated], ensure_ascii=False)
        for key, values in columns.items():
            values.append(props.get(key))
    members = layer_members(layer)
    geometries = np.array([f.geometry for f in layer], dtype=object)
    return geoparquet_bytes(columns, geometries, members=members)


def geoparquet_bytes(
    columns: Mapping[str, Sequence[Any]],
    geometries: np.ndarray,
    *,
    members: Mapping[str, Any] | None = None,
    bbox_covering: bool = False,
) -> bytes:
    """A GeoParquet 1.1 file (WKB, WGS84 lon/lat) of the columns and geometries, as bytes.

    A column whose values Arrow cannot hold in one type (text and numbers mixed,
    lists, objects) is written as JSON text. ``members`` go to :data:`METADATA_KEY`.
    With ``bbox_covering``, a ``bbox`` column (a struct of xmin, ymin, xmax, ymax) holds each
    row's bounds, named by the metadata's ``covering`` (GeoParquet 1.1), so readers can skip rows.

    Parameters
    ----------
    columns : mapping of str to sequence
        The property columns, one value a row.
    geometries : numpy.ndarray of object
        One shapely geometry a row, in WGS84 degrees.
    members : mapping, optional
        The layer's own members, stored as JSON in the schema metadata.
    bbox_covering : bool
        Add a ``bbox`` column of each row's bounds (degrees).

    Returns
    -------
    bytes
        The file's bytes.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = {name: _arrow_array(list(values)) for name, values in columns.items()}
    column = next(name for name in ("geometry", "geom", "wkb_geometry") if name not in arrays)
    arrays[column] = pa.array(shapely.to_wkb(geometries).tolist(), type=pa.binary())
    geo = _geo_metadata(geometries, column=column)
    if bbox_covering and "bbox" not in arrays:
        arrays["bbox"] = _bbox_array(geometries)
        geo["columns"][column]["covering"] = {
            "bbox": {corner: ["bbox", corner] for corner in ("xmin", "ymin", "xmax", "ymax")}
        }
    table = pa.table(arrays)
    metadata = {b"geo": json.dumps(geo).encode()}
    if members:
        metadata[METADATA_KEY] = json.dumps(dict(members), ensure_ascii=False).encode()
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def _bbox_array(geometries: np.ndarray) -> Any:
    """Each geometry's bounds as a struct of float64 xmin, ymin, xmax, ymax (null for a missing one)."""
    import pyarrow as pa

    bounds = shapely.bounds(geometries)
    missing = shapely.is_missing(geometries)
    fields = [pa.field(corner, pa.float64()) for corner in ("xmin", "ymin", "xmax", "ymax")]
    children = [pa.array(bounds[:, i], type=pa.float64()) for i in range(4)]
    return pa.StructArray.from_arrays(children, fields=fields, mask=pa.array(missing))


def _arrow_array(values: list[Any]) -> Any:
    import pyarrow as pa

    try:
        array = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        array = None
    if array is None or pa.types.is_nested(array.type):
        array = pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values],
            pa.string(),
        )
    return array


def _geo_metadata(geometries: np.ndarray, *, column: str) -> dict[str, Any]:
    """The GeoParquet ``geo`` metadata: no ``crs`` member, which means OGC:CRS84 (WGS84 lon/lat)."""
    present = geometries[~shapely.is_missing(geometries)]
    bounds = shapely.total_bounds(present) if len(present) else [0.0, 0.0, 0.0, 0.0]
    type_ids = np.unique(shapely.get_type_id(present)).tolist()
    description = {
        "encoding": "WKB",
        "geometry_types": sorted(_TYPE_NAMES[i] for i in type_ids if i in _TYPE_NAMES),
        "bbox": [float(b) for b in bounds],
    }
    return {"version": GEOPARQUET_VERSION, "primary_column": column, "columns": {column: description}}


#: GeoParquet's geometry type names, by shapely type id.
_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}
