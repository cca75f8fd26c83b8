"""A GeoParquet layer in WGS84 read straight from Arrow into a table, without pandas.

For the common file — WKB geometries in lon/lat, columns of text, numbers and
true/false — the columns go from Arrow to Python values and the geometries from WKB
to shapely in one call each, and the table is judged like any other
(:func:`geo.validation.validate_table`). Anything else (another CRS, nested or
date columns, integers with nulls, a pandas index, WKB GEOS cannot read) returns
None, and the file takes the road of a GeoDataFrame (:mod:`geo.io.parquet`), whose
messages are the same; :func:`nested_as_python` makes that frame's nested columns Python lists and dicts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.io.records import column_records
from geo.io.tables import screen_columns, shape_member, stated_values
from geo.validation.table import FeatureTable

#: Columns whose text is JSON read into lists (:func:`geo.io.tables.stated_values`): of no one type.
_JSON_LISTS = ("stated", "aliases")

#: The CRS ids GeoParquet metadata may give for WGS84 lon/lat (none at all means OGC:CRS84 too).
LONLAT_IDS = ({"authority": "EPSG", "code": 4326}, {"authority": "OGC", "code": "CRS84"})


def arrow_table(path: Path) -> FeatureTable | None:
    """The rows of a plain WGS84 GeoParquet layer as a table, or None when the file needs geopandas.

    Parameters
    ----------
    path : Path
        A GeoParquet file whose ``geo`` metadata was checked already.

    Returns
    -------
    FeatureTable or None
        Missing values (null, NaN) left out of each row's properties, as for a GeoDataFrame.
    """
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    primary = _plain_geometry_column(schema)
    if primary is None or not all(_plain_type(f.type) for f in schema if f.name != primary):
        return None
    table = pq.ParquetFile(path).read()  # not read_table: its dataset module imports pandas
    names = [name for name in table.column_names if name != primary]
    if _integers_with_nulls(table, names):
        return None  # pandas makes such a column floats: the GeoDataFrame road words them
    try:
        geometry = np.asarray(shapely.from_wkb(_objects(table.column(primary))), dtype=object)
    except shapely.errors.GEOSException:
        return None
    table = table.drop_columns([primary])  # the WKB goes before the columns become Python values
    return _table(table, names, geometry)


def _objects(column: Any) -> np.ndarray:
    """A column's values as an array of Python objects (``to_numpy`` of binary values imports pandas)."""
    values = np.empty(len(column), dtype=object)
    values[:] = column.to_pylist()
    return values


def _integers_with_nulls(table: Any, names: list[str]) -> bool:
    return any(_is_integer(table.schema.field(n).type) and table.column(n).null_count for n in names)


def _table(table: Any, names: list[str], geometry: np.ndarray) -> FeatureTable:
    """The Arrow table's property columns and the geometries read as a :class:`FeatureTable`."""
    columns, holes = zip(*(_values(n, table.column(n)) for n in names), strict=True) if names else ((), ())
    records = column_records(names, list(columns), list(holes), table.num_rows)
    member = lambda row: shape_member(geometry[row])  # noqa: E731
    kinds = [None if n in _JSON_LISTS else _python_type(table.schema.field(n).type) for n in names]
    return FeatureTable(
        geometry, records, member, columns=screen_columns(names, list(columns), list(holes), kinds)
    )


def _plain_geometry_column(schema: Any) -> str | None:
    """The primary geometry column when it is WKB in WGS84 lon/lat and no pandas index is stored."""
    metadata = schema.metadata or {}
    pandas = json.loads(metadata.get(b"pandas", b"{}"))
    if any(isinstance(c, str) for c in pandas.get("index_columns", [])):
        return None
    geo = json.loads(metadata[b"geo"])
    primary = geo.get("primary_column")
    column = geo.get("columns", {}).get(primary)
    if not isinstance(column, dict) or column.get("encoding") != "WKB":
        return None
    if "crs" in column and not (isinstance(column["crs"], dict) and column["crs"].get("id") in LONLAT_IDS):
        return None
    return str(primary)


def _plain_type(kind: Any) -> bool:
    """Text, an integer, a float or true/false: types pandas and Arrow give as the same Python values."""
    import pyarrow.types as pt

    return bool(
        pt.is_string(kind) or pt.is_large_string(kind) or pt.is_boolean(kind) or pt.is_floating(kind)
    ) or (_is_integer(kind))


def _python_type(kind: Any) -> type:
    """The Python type of every value ``to_pylist`` gives for an Arrow type :func:`_plain_type` accepts."""
    import pyarrow.types as pt

    if pt.is_boolean(kind):
        return bool
    if pt.is_floating(kind):
        return float
    return int if _is_integer(kind) else str


def _is_integer(kind: Any) -> bool:
    import pyarrow.types as pt

    return bool(pt.is_integer(kind))


def _values(name: str, column: Any) -> tuple[list[Any], np.ndarray]:
    """A column's Python values and its missing ones (null, and NaN as pandas counts it)."""
    import pyarrow.types as pt

    values = column.to_pylist()
    floating = pt.is_floating(column.type)
    if column.null_count == 0 and floating:  # no value to look at one by one
        holes = np.isnan(np.array(values, dtype=np.float64))
    elif column.null_count == 0:
        holes = np.zeros(len(values), dtype=bool)
    elif floating:
        holes = np.fromiter((v is None or v != v for v in values), dtype=bool, count=len(values))
    else:
        holes = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    if name in _JSON_LISTS:
        values = stated_values(values)
    return values, holes


def nested_as_python(frame: Any) -> Any:
    """The frame with nested columns (Arrow lists and structs, e.g. ``stated``) as plain lists and dicts.

    Struct members that are null (Arrow fills them in for keys a row lacks) are dropped.

    Parameters
    ----------
    frame : GeoDataFrame
        The frame as read.

    Returns
    -------
    GeoDataFrame
        The same frame when it has no nested columns, else a copy.
    """
    for name in frame.columns:
        series = frame[name]
        if name == frame.geometry.name or series.dtype != object:
            continue
        first = series.first_valid_index()
        if first is not None and isinstance(series[first], np.ndarray | dict):
            frame = frame.assign(**{name: [_plain(value) for value in series.tolist()]})
    return frame


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    return value.item() if isinstance(value, np.generic) else value
