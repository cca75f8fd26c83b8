"""GeoParquet layers in: ``*.parquet`` files in a layers folder (written by :mod:`geo.io.parquet_write`).

A layer file in GeoParquet 1.x (WKB geometries) holds one row per feature: the
properties of the layer format as columns (``id``, ``name``, ...), the stated
figures as JSON text in a ``stated`` column, and the geometry. The layer's own
members (``name``, ``name_zh``, ``description``, ``outline``, ``claims``) travel as a JSON
object under the :data:`METADATA_KEY` key of the file's schema metadata.

Reading goes the road of a GeoDataFrame given to ``Atlas.add_layer``: the CRS of
the file is honoured (reprojected to WGS84), the rows are validated as a table
(:func:`geo.io.tables.frame_table`, :func:`geo.validation.validate_table`), and every
problem is named by the file.
pyarrow and geopandas are imported only when a Parquet file is met.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.errors import AtlasWarning, Problem
from geo.io.geoparquet_metadata import geo_metadata_problems
from geo.io.parquet_table import arrow_table, nested_as_python
from geo.io.tables import add_stated, frame_table
from geo.validation.rules import Valid, validate_table
from geo.validation.table import FeatureTable

#: The key of the schema metadata that holds the layer's own members, as JSON.
METADATA_KEY = b"gba_atlas"

_WGS84_EPSG = 4326
_REWRITE = "write it again with GeoDataFrame.to_parquet() or Atlas.save_layer(..., 'name.parquet')"


def read_parquet_layer(
    path: Path, *, stated: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
) -> tuple[Valid, dict[str, Any], list[Problem]]:
    """Read and validate one GeoParquet layer file (``stated``: figures to add, by feature id).

    Parameters
    ----------
    path : Path
        The GeoParquet file.
    stated : mapping of id to stated figures, optional
        Figures to add to the rows of those feature ids.

    Returns
    -------
    valid : Valid
        The valid rows, for :func:`geo.io.layer_build.make_layer`.
    members : dict
        The layer's ``name``, ``description``, ``outline`` and ``claims``, those the file has.
    problems : list of Problem
        Everything wrong; when there are any, ``valid`` is empty.
    """
    file = str(path)
    members, problems = _read_members(path, file=file)
    if problems:
        return _no_rows(), {}, problems
    table, problems = _read_table(path, file=file)
    if table is None:
        return _no_rows(), {}, problems
    if len(table) == 0:  # as an empty GeoJSON layer or GeoDataFrame is
        return _no_rows(), {}, [Problem(file, "", "has no features", "add at least one Feature")]
    if stated:
        records = list(table.properties)
        add_stated(records, stated)
        table = replace(table, properties=records, columns=None)  # the rows changed: screened from the dicts
    valid, problems = validate_table(table, file=file)
    return (_no_rows() if problems else valid), members, problems


def _no_rows() -> Valid:
    return Valid([], np.empty(0, dtype=object))


def _read_table(path: Path, *, file: str) -> tuple[FeatureTable | None, list[Problem]]:
    """The file's rows as a table: straight from Arrow when it can, else through a GeoDataFrame."""
    table = arrow_table(path)
    if table is not None:
        return table, []
    frame, problems = _read_frame(path, file=file)
    if frame is not None:
        frame, problems = wgs84(frame, file=file)
    return (None, problems) if frame is None else (frame_table(nested_as_python(frame)), [])


def _read_members(path: Path, *, file: str) -> tuple[dict[str, Any], list[Problem]]:
    """The layer's members from the schema metadata; problems for a file that is not GeoParquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        what = f"cannot be read as Parquet ({_reason(exc)})"
        return {}, [Problem(file, "", what, f"check that it is a Parquet file, or {_REWRITE}")]
    metadata = schema.metadata or {}
    if b"geo" not in metadata:
        what = "is a Parquet file without GeoParquet metadata (no 'geo' key), so it has no geometry column"
        return {}, [Problem(file, "", what, _REWRITE)]
    problems = geo_metadata_problems(metadata[b"geo"], columns=schema.names, file=file)
    if problems:
        return {}, problems
    raw = metadata.get(METADATA_KEY)
    if raw is None:
        return {}, []
    return parse_members(raw, file=file)


#: The layer members the metadata may hold: each one's type and how messages name it.
_MEMBER_KINDS: dict[str, tuple[type, str]] = {
    "name": (str, "text"),
    "name_zh": (str, "text"),
    "description": (str, "text"),
    "outline": (bool, "true or false"),
    "claims": (list, "a list of claims"),
}


def _decoded_members(raw: bytes, *, file: str) -> tuple[Any, list[Problem]]:
    """The metadata decoded, when it is a JSON object; the problem when it is not."""
    key = METADATA_KEY.decode()
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None, [Problem(file, "", f"its {key} metadata is not JSON text", _REWRITE)]
    if not isinstance(data, dict):
        return None, [Problem(file, "", f"its {key} metadata is not a JSON object", _REWRITE)]
    return data, []


def parse_members(raw: bytes, *, file: str) -> tuple[dict[str, Any], list[Problem]]:
    """Decode and check the layer members stored under :data:`METADATA_KEY`.

    Parameters
    ----------
    raw : bytes
        The metadata value: UTF-8 JSON text of an object.
    file : str
        The file, for the messages.

    Returns
    -------
    members : dict
        The members given (not null; blank names left out).
    problems : list of Problem
        One for each member of the wrong type, or one when the text is not a JSON object.
    """
    data, problems = _decoded_members(raw, file=file)
    if problems:
        return {}, problems
    key = METADATA_KEY.decode()
    kinds = _MEMBER_KINDS
    problems = [
        Problem(
            file, "", f"its {key} metadata member {member!r} is not {words}", f"write {member} as {words}"
        )
        for member, (kind, words) in kinds.items()
        if data.get(member) is not None and not isinstance(data[member], kind)
    ]
    members = {k: data[k] for k in kinds if data.get(k) is not None}
    for member in ("name", "name_zh"):
        if isinstance(members.get(member), str) and not members[member].strip():
            del members[member]
    return members, problems


def _read_frame(path: Path, *, file: str) -> tuple[Any, list[Problem]]:
    import geopandas as gpd
    import pyarrow as pa

    try:
        return gpd.read_parquet(path), []
    except shapely.errors.GEOSException as exc:
        try:
            return None, bad_geometry_rows(path, file=file)
        except Exception:  # an encoding other than WKB: name the file only
            what = f"cannot be read as a GeoParquet layer ({_reason(exc)})"
            return None, [Problem(file, "", what, _REWRITE)]
    except (OSError, ValueError, TypeError, LookupError, RuntimeError, pa.ArrowException) as exc:
        # RuntimeError: pyproj's CRSError, for a CRS geo_metadata_problems let through
        what = f"cannot be read as a GeoParquet layer ({_reason(exc)})"
        return None, [Problem(file, "", what, _REWRITE)]


def bad_geometry_rows(path: Path, *, file: str) -> list[Problem]:
    """One problem per row whose geometry is not decodable WKB (the file-level problem if none is found).

    Parameters
    ----------
    path : Path
        The GeoParquet file, whose geometry column GEOS could not read.
    file : str
        How the messages name it.

    Returns
    -------
    list of Problem
        One a row, named ``feature 'id' (#row)``.
    """
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    geo = json.loads(table.schema.metadata[b"geo"])
    column = geo.get("primary_column", "geometry")
    raw = np.asarray(table.column(column).to_pylist(), dtype=object)
    decoded = shapely.from_wkb(raw, on_invalid="ignore")
    ids = table.column("id").to_pylist() if "id" in table.column_names else [None] * len(raw)
    problems = []
    present = np.array([value is not None for value in raw], dtype=bool)
    for index in np.flatnonzero(present & shapely.is_missing(decoded)):
        fid = ids[index]
        where = f"feature '{fid}' (#{index})" if isinstance(fid, str) and fid else f"feature #{index}"
        what = f"its {column} is not valid WKB"
        problems.append(
            Problem(file, where, what, "write the geometry again (shapely.to_wkb) or drop the row")
        )
    if not problems:
        what = f"cannot be read as a GeoParquet layer (column {column!r} is not WKB)"
        problems.append(Problem(file, "", what, _REWRITE))
    return problems


def wgs84(frame: Any, *, file: str) -> tuple[Any, list[Problem]]:
    """The frame in WGS84 lon/lat: reprojected from the file's CRS, or taken as lon/lat when it has none.

    A file without a CRS (``"crs": null`` in its GeoParquet metadata) is accepted,
    with an :class:`~geo.errors.AtlasWarning`, only when its coordinates are
    plausible longitude/latitude.

    Parameters
    ----------
    frame : GeoDataFrame
        The frame as read, in the file's CRS.
    file : str
        How the messages name the file.

    Returns
    -------
    frame : GeoDataFrame or None
        In EPSG:4326 lon/lat degrees; None when it cannot be.
    problems : list of Problem
        Why it cannot be.
    """
    crs = frame.crs
    if crs is None:
        west, south, east, north = frame.total_bounds if len(frame) else (0, 0, 0, 0)
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            what = "its GeoParquet metadata gives no CRS and its coordinates are not longitude/latitude"
            return None, [
                Problem(file, "", what, "write it with its CRS, e.g. gdf.set_crs(2326).to_parquet()")
            ]
        message = f"{file}: its GeoParquet metadata gives no CRS; its coordinates look like lon/lat, so "
        warnings.warn(message + "they are taken as WGS84", AtlasWarning, stacklevel=2)
        return frame, []
    if crs.to_epsg() == _WGS84_EPSG or crs.equals("OGC:CRS84", ignore_axis_order=True):
        return frame, []
    try:
        return frame.to_crs(_WGS84_EPSG), []
    except Exception as exc:  # pyproj's errors are many; any of them means the same to the user
        what = f"its CRS ({crs.name}) cannot be reprojected to WGS84 ({_reason(exc)})"
        return None, [Problem(file, "", what, "write it in a CRS with an EPSG code, or in EPSG:4326")]


def _reason(exc: BaseException) -> str:
    """An exception's message on one short line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
