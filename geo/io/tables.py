"""Every input as one :class:`~geo.validation.table.FeatureTable`: decoded GeoJSON and GeoDataFrames.

GeoJSON text takes :mod:`geo.io.geojson_text` first, which reads most geometries
from the bytes; a GeoParquet file is read into a GeoDataFrame (:mod:`geo.io.parquet`).
The geometries of decoded GeoJSON are read as arrays, one geometry type at a time
(:func:`geo.validation.coordinate_arrays.read_coordinates`); a suspect one is left
None, for the rules to judge from its GeoJSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo.io.records import column_records
from geo.validation.columns import ValueColumn
from geo.validation.coordinate_arrays import LEVELS, read_coordinates
from geo.validation.json_text import decode_json
from geo.validation.table import FeatureTable

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: Geometries read as arrays at a time: bounds the text made for it.
CHUNK = 20_000


def collection_table(
    features: list[Any], geometry: np.ndarray | None = None, screened: np.ndarray | None = None
) -> FeatureTable:
    """The features of a decoded FeatureCollection as a table.

    Parameters
    ----------
    features : list
        The ``features`` member, as decoded: Feature objects, or anything else (refused later).
    geometry : numpy.ndarray of object, optional
        Geometries read already (:mod:`geo.io.geojson_text`), None where not; the others
        are read here.
    screened : numpy.ndarray of bool, optional
        Which of those the reader put through the geometry rules already.

    Returns
    -------
    FeatureTable
        One row a feature, in order.
    """
    n = len(features)
    is_feature = np.fromiter(
        (isinstance(f, dict) and f.get("type") == "Feature" for f in features), dtype=bool, count=n
    )
    members = [f.get("geometry") if ok else None for f, ok in zip(features, is_feature.tolist(), strict=True)]
    props = [f.get("properties") if ok else None for f, ok in zip(features, is_feature.tolist(), strict=True)]
    shapes = np.full(n, None, dtype=object) if geometry is None else geometry
    _read_members(members, shapes, np.zeros(n, dtype=bool) if screened is None else screened)
    return FeatureTable(shapes, props, members.__getitem__, is_feature, screened)


def _read_members(members: list[Any], shapes: np.ndarray, done: np.ndarray) -> None:
    """Read, as arrays, the members not read yet (``shapes`` None, not ``done``), one type at a time."""
    todo = (shapely.is_missing(shapes) & ~done).tolist()
    for kind in LEVELS:
        rows = [i for i, m in enumerate(members) if todo[i] and _of_kind(m, kind)]
        for first in range(0, len(rows), CHUNK):
            chunk = np.array(rows[first : first + CHUNK], dtype=np.int64)
            _read_chunk(members, shapes, chunk, kind)


def _read_chunk(members: list[Any], shapes: np.ndarray, chunk: np.ndarray, kind: str) -> None:
    """Read the members of the rows in ``chunk``, all of one kind, into ``shapes`` (None where suspect)."""
    texts = [_coordinates_text(members[i]["coordinates"]) for i in chunk.tolist()]
    readable = np.array([t is not None for t in texts], dtype=bool)
    if readable.any():
        built, suspect = read_coordinates([t for t in texts if t is not None], kind)
        built[suspect] = None
        shapes[chunk[readable]] = built


def _of_kind(member: Any, kind: str) -> bool:
    return isinstance(member, dict) and member.get("type") == kind and "coordinates" in member


def _coordinates_text(coordinates: Any) -> bytes | None:
    """The coordinates as JSON text, or None when they are not plain JSON (the rules say why)."""
    try:
        return json.dumps(coordinates, allow_nan=False, separators=(",", ":")).encode()
    except (ValueError, TypeError, RecursionError):
        return None


def frame_table(
    frame: GeoDataFrame, *, stated: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
) -> FeatureTable:
    """A WGS84 GeoDataFrame as a table, with stated figures given beside it added to its rows' own.

    Parameters
    ----------
    frame : GeoDataFrame
        The rows, in WGS84 lon/lat degrees, checked as a whole already
        (:func:`geo.validation.frames.frame_problems`).
    stated : mapping of id to stated figures, optional
        Figures to add to the rows of those ids.

    Returns
    -------
    FeatureTable
        One row a row of the frame.
    """
    geometries = np.asarray(frame.geometry.values, dtype=object)
    names, columns, holes = frame_columns(frame)
    records: Sequence[dict[str, Any]] = column_records(names, columns, holes, len(frame))
    if stated:
        records = list(records)
        add_stated(records, stated)
    screened_columns = None if stated else screen_columns(names, columns, holes)
    member = lambda row: shape_member(geometries[row])  # noqa: E731
    return FeatureTable(geometries, records, member, columns=screened_columns)


def screen_columns(
    names: list[str],
    columns: list[list[Any]],
    holes: list[np.ndarray],
    kinds: Sequence[type | None] | None = None,
) -> dict[str, ValueColumn]:
    """The columns as the property screen takes them: None where a value is missing.

    Parameters
    ----------
    names, columns, holes
        As for :func:`geo.io.records.column_records`.
    kinds : sequence of type or None, optional
        Each column's type of value, where the reader knows every value's (None where
        it does not); a column with a missing value has none.

    Returns
    -------
    dict of str to ValueColumn
        Each column by its name.
    """
    screened = {}
    for name, values, missing, kind in zip(names, columns, holes, kinds or [None] * len(names), strict=True):
        if missing.any():
            gaps = missing.tolist()
            screened[name] = ValueColumn([None if gap else v for v, gap in zip(values, gaps, strict=True)])
        else:
            screened[name] = ValueColumn(values, kind=kind)
    return screened


def shape_member(geometry: Any) -> Any:
    """A shapely geometry as decoded GeoJSON (lists, not tuples); None for a missing or empty one.

    Parameters
    ----------
    geometry : shapely geometry or None
        The geometry.

    Returns
    -------
    dict or None
        What a GeoJSON file would hold as the feature's ``geometry``.
    """
    if geometry is None or geometry.is_empty:
        return None
    return json.loads(json.dumps(mapping(geometry)))


def frame_columns(frame: GeoDataFrame) -> tuple[list[str], list[list[Any]], list[np.ndarray]]:
    """The non-geometry columns' names, Python values and missing values (None, NaN, NA, NaT).

    ``stated`` and ``aliases`` held as JSON text (as GeoPackage and GeoParquet columns hold them) are decoded.

    Parameters
    ----------
    frame : GeoDataFrame
        The rows.

    Returns
    -------
    names : list of str
        The columns' names, in order.
    columns : list of lists
        Each column's values as Python values (``stated`` and ``aliases`` decoded from JSON text).
    holes : list of numpy.ndarray of bool
        Each column's missing values.
    """
    table = frame.drop(columns=frame.geometry.name)
    names = [str(name) for name in table.columns]
    columns = [_column_values(name, table[name]) for name in table.columns]
    holes = [table[name].isna().to_numpy() for name in table.columns]
    return names, columns, holes


def _column_values(name: Any, series: Any) -> list[Any]:
    """One column's values as Python values; stated figures and aliases held as JSON text decoded."""
    values: list[Any] = series.tolist()  # Python scalars, but in object columns
    if series.dtype == object:
        values = [_plain(v) for v in values]
    if name in ("stated", "aliases"):  # lists, which GeoParquet and GeoPackage hold as JSON text
        values = stated_values(values)
    return values


def stated_values(values: list[Any]) -> list[Any]:
    """A ``stated`` or ``aliases`` column's values, JSON text decoded (GeoPackage, GeoParquet).

    Parameters
    ----------
    values : list
        The column's values.

    Returns
    -------
    list
        The values, texts of JSON decoded where they are JSON.
    """
    return [_stated(v) for v in values]


def _stated(value: Any) -> Any:
    """Stated figures (or aliases) given as JSON text, decoded; anything else as it is, for validation."""
    if not isinstance(value, str):
        return value
    if value == "[]":  # what Atlas.save_layer writes for no figures
        return []
    decoded, problems = decode_json(value.encode("utf-8", "surrogatepass"), file="")
    return value if problems else decoded


def _plain(value: Any) -> Any:
    """Turn numpy scalars into Python ones, so properties serialise as JSON."""
    return value.item() if isinstance(value, np.generic) else value


def add_stated(records: list[dict[str, Any]], stated: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Add the stated figures given beside a frame to its rows' own, by id.

    Parameters
    ----------
    records : list of dict
        The rows' properties, changed in place.
    stated : mapping of id to stated figures
        The figures to add.

    Returns
    -------
    None
        ``records`` is changed.
    """
    for props in records:
        fid = props.get("id")
        own = props.get("stated") or []
        if isinstance(fid, str) and fid in stated and isinstance(own, list):
            props["stated"] = [*own, *stated[fid]]
