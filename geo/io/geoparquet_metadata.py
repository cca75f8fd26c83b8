"""The ``geo`` metadata of a GeoParquet file, checked before geopandas reads it.

geopandas trusts that metadata: a list where an object belongs, a primary column
that is not there or a CRS that PROJ cannot build ends in an ``AttributeError``,
a ``KeyError`` or a ``CRSError``. Each of them is one :class:`~geo.errors.Problem` here.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from geo.errors import Problem

__all__ = ["geo_metadata_problems"]

_REWRITE = "write it again with GeoDataFrame.to_parquet() or Atlas.save_layer(..., 'name.parquet')"
_CRS_FIX = (
    "write it with a CRS PROJ knows, e.g. gdf.set_crs(2326).to_parquet() or gdf.to_crs(4326).to_parquet()"
)


def geo_metadata_problems(raw: bytes, *, columns: Collection[str], file: str) -> list[Problem]:
    """What is wrong with a GeoParquet file's ``geo`` metadata (empty when geopandas can read it).

    Parameters
    ----------
    raw : bytes
        The value of the schema metadata key ``geo``.
    columns : collection of str
        The file's column names.
    file : str
        The file, as named in the problems.

    Returns
    -------
    list of Problem
        At most one: the first thing that stops the file from being read.

    Examples
    --------
    >>> [p.what for p in geo_metadata_problems(b"[1, 2]", columns=["geometry"], file="a.parquet")]
    ["its GeoParquet 'geo' metadata is a JSON array, not an object"]
    >>> geo_metadata_problems(b'{"primary_column": "geometry", "columns": {"geometry": {}}}',
    ...                       columns=["geometry"], file="a.parquet")
    []
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [Problem(file, "", "its GeoParquet 'geo' metadata is not JSON text", _REWRITE)]
    what = _shape_problem(data, columns)
    if what:
        return [Problem(file, "", f"its GeoParquet 'geo' metadata {what}", _REWRITE)]
    for name, column in data["columns"].items():
        crs = column.get("crs")
        reason = None if crs is None else _crs_problem(crs)
        if reason:
            what = f"its GeoParquet metadata gives column {name!r} a CRS that cannot be used ({reason})"
            return [Problem(file, "", what, _CRS_FIX)]
    return []


def _shape_problem(data: Any, columns: Collection[str]) -> str | None:
    """What is wrong with the decoded metadata's shape, in words, or None."""
    if not isinstance(data, dict):
        return f"is a JSON {_kind(data)}, not an object"
    described = data.get("columns")
    if not isinstance(described, dict) or not described:
        return "has no 'columns' object describing the geometry column"
    odd = [name for name, column in described.items() if not isinstance(column, dict)]
    if odd:
        return f"describes column {odd[0]!r} with a JSON {_kind(described[odd[0]])}, not an object"
    primary = data.get("primary_column")
    if not isinstance(primary, str):
        return f"has a 'primary_column' that is a JSON {_kind(primary)}, not a column name"
    if primary not in described or primary not in columns:
        return f"names primary column {primary!r}, which the file does not have"
    return None


def _crs_problem(crs: Any) -> str | None:
    """Why PROJ cannot build ``crs`` (PROJJSON, or text such as ``EPSG:2326``), or None."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if not isinstance(crs, dict | str):
        return f"a JSON {_kind(crs)}, not PROJJSON"
    try:
        CRS.from_user_input(crs)
    except (CRSError, TypeError, ValueError) as exc:
        text = " ".join(str(exc).split())
        return text if len(text) <= 120 else text[:117] + "..."
    return None


def _kind(value: Any) -> str:
    """The JSON name of a decoded value's type.

    >>> _kind([]), _kind(None), _kind(1.5)
    ('array', 'null', 'number')
    """
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")
