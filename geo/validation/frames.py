"""Reading a GeoDataFrame as a layer, fast: geometries are screened as arrays.

Cheap vectorised tests pick out the geometries that could be wrong; only those go
through the per-feature checks of :mod:`geo.validation.geometry`, so every problem is
reported in the same words as for a file, while a clean 20,000-polygon frame is
validated in a fraction of a second.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo.errors import Problem
from geo.validation.geometry import GBA_LAT, GBA_LON, validate_geometry
from geo.validation.json_text import decode_json
from geo.validation.properties import validate_properties
from geo.validation.property_screen import plain_properties
from geo.validation.values import non_json

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: shapely type ids of the geometry types a layer may hold.
ALLOWED_TYPE_IDS = np.array([0, 1, 3, 4, 5, 6])  # Point, LineString, Polygon, Multi*


#: Columns every row needs as text, each with how to add it and how to make it text.
TEXT_COLUMNS = {
    "id": (
        'gdf["id"] = [f"parcel_{i}" for i in range(len(gdf))] (unique lowercase snake_case text)',
        'gdf["id"] = "parcel_" + gdf["id"].astype(str)',
    ),
    "name": ('gdf["name"] = gdf["id"].str.replace("_", " ")', 'gdf["name"] = gdf["name"].astype(str)'),
}


def frame_problems(frame: GeoDataFrame, *, file: str) -> list[Problem]:
    """What is wrong with a GeoDataFrame as a whole: no geometry column, repeated columns, no rows, no ids.

    Checked before the rows, so a frame without ids says so once, not once a row.
    """
    geometry_column = _geometry_column(frame)
    if geometry_column is None:
        kinds = [str(name) for name, dtype in frame.dtypes.items() if str(dtype) == "geometry"]
        found = f" (geometry columns: {', '.join(kinds)})" if kinds else ""
        what = f"the GeoDataFrame has no active geometry column{found}"
        return [Problem(file, "", what, 'set one: gdf = gdf.set_geometry("geometry")')]
    repeated = sorted({str(name) for name in frame.columns[frame.columns.duplicated()]})
    if repeated:
        what = f"the GeoDataFrame has more than one column named {', '.join(map(repr, repeated))}"
        return [Problem(file, "", what, "keep one of each: gdf = gdf.loc[:, ~gdf.columns.duplicated()]")]
    if len(frame) == 0:
        return [Problem(file, "", "has no features", "add at least one Feature")]
    untitled = [name for name in frame.columns if not isinstance(name, str)]
    if untitled:
        what = f"column names must be text, not {', '.join(map(repr, untitled[:3]))}"
        return [Problem(file, "", what, "name them: gdf.columns = gdf.columns.astype(str)")]
    problems = [problem for column in TEXT_COLUMNS if (problem := _text_column(frame, column, file))]
    columns = [name for name in frame.columns if name != geometry_column and name not in TEXT_COLUMNS]
    return problems + [problem for name in columns if (problem := _json_column(frame[name], file))]


def _geometry_column(frame: GeoDataFrame) -> str | None:
    try:
        name = frame.geometry.name
    except AttributeError:  # no active geometry column, or it was dropped
        return None
    return str(name)


def _text_column(frame: GeoDataFrame, column: str, file: str) -> Problem | None:
    """A problem when ``column`` is missing or holds anything but text (missing values aside)."""
    if column not in frame.columns:
        return Problem(
            file, "", f"the GeoDataFrame has no {column!r} column", f"add one: {TEXT_COLUMNS[column][0]}"
        )
    series = frame[column]
    for row, (value, missing) in enumerate(zip(series.tolist(), series.isna().to_numpy(), strict=True)):
        if not missing and not isinstance(value, str):
            what = (
                f"holds {type(value).__name__} values ({series.dtype}), e.g. {repr(value)[:40]} "
                f"in row #{row}, but every {column} must be text"
            )
            return Problem(file, f"column {column!r}", what, f"make them text: {TEXT_COLUMNS[column][1]}")
    return None


def _json_column(series: Any, file: str) -> Problem | None:
    """A problem when a column holds what JSON cannot (Infinity, dates, other objects); NaN is missing."""
    if series.dtype.kind in "iub" or str(series.dtype) == "string":
        return None
    column = f'gdf["{series.name}"]'
    if series.dtype.kind == "f":
        rows = np.flatnonzero(np.isinf(series.to_numpy(dtype=float, na_value=np.nan)))
        if not len(rows):
            return None
        what = f"row #{rows[0]} holds the non-finite number {series.iloc[rows[0]]}, which JSON cannot hold"
        fix = f"make it missing: {column} = {column}.replace([np.inf, -np.inf], np.nan)"
        return Problem(file, f"column {str(series.name)!r}", what, fix)
    for row, (value, missing) in enumerate(zip(series.tolist(), series.isna().to_numpy(), strict=True)):
        found = None if missing else non_json(_plain(value))
        if found:
            what = f"row #{row} holds {found[1]}" + (f" (at {found[0]})" if found[0] else "")
            fix = f"make the column text: {column} = {column}.astype(str), or drop it"
            return Problem(file, f"column {str(series.name)!r}", what, fix)
    return None


def suspect_geometries(geometries: np.ndarray) -> np.ndarray:
    """True where a geometry might break the layer format and needs the full checks.

    Ranges and swapped coordinates are judged from each geometry's bounds (all its
    coordinates lie in a box exactly when its bounds do); a line or polygon wider than
    180° of longitude might have an edge across the antimeridian. Bounds skip NaN, but
    GEOS finds a coordinate that is not finite invalid, and every geometry's validity
    is tested.
    """
    types = shapely.get_type_id(geometries)
    suspect = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    suspect |= ~np.isin(types, ALLOWED_TYPE_IDS)
    west, south, east, north = shapely.bounds(geometries).T
    with np.errstate(invalid="ignore"):
        suspect |= (west < -180) | (east > 180) | (south < -90) | (north > 90)
        suspect |= (GBA_LAT[0] <= west) & (east <= GBA_LAT[1]) & (GBA_LON[0] <= south) & (north <= GBA_LON[1])
        suspect |= np.isin(types, [1, 3, 5, 6]) & (east - west > 180)
    areal = np.isin(types, [3, 6]) & ~suspect
    suspect[areal] |= ~shapely.is_valid(geometries[areal])
    suspect[areal] |= shapely.area(geometries[areal]) == 0  # degenerate (or a bowtie, invalid anyway)
    rest = ~np.isin(types, [3, 6]) & ~suspect  # lines: fewer than 2 distinct points; points: NaN
    suspect[rest] |= ~shapely.is_valid(geometries[rest])
    return np.asarray(suspect)


def frame_records(frame: GeoDataFrame) -> list[dict[str, Any]]:
    """The non-geometry columns as one dict per row, missing values (None, NaN, NA, NaT) dropped.

    ``stated`` and ``aliases`` held as JSON text (as GeoPackage and GeoParquet columns hold them) are decoded.
    """
    table = frame.drop(columns=frame.geometry.name)
    names, columns, holes = [], [], []  # column by column: far faster than to_dict("records")
    for name in table.columns:
        series = table[name]
        values = series.tolist()  # Python scalars, but in object columns
        if series.dtype == object:
            values = [_plain(v) for v in values]
        if name in ("stated", "aliases"):  # lists, which GeoParquet and GeoPackage hold as JSON text
            values = [_stated(v) for v in values]
        names.append(name)
        columns.append(values)
        holes.append(series.isna().to_numpy())
    if not names:
        return [{} for _ in range(len(table))]
    if not any(missing.any() for missing in holes):
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    return [
        {
            name: values[row]
            for name, values, missing in zip(names, columns, holes, strict=True)
            if not missing[row]
        }
        for row in range(len(table))
    ]


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


#: Frames of at least this many rows have their geometries screened in two threads (GEOS lets go of the GIL).
SPLIT_ROWS = 20_000


def _screened(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which geometries are suspect, and the others oriented the RFC 7946 way (None for the suspect)."""
    suspect = suspect_geometries(geometries)
    return suspect, shapely.orient_polygons(np.where(suspect, np.array(None, dtype=object), geometries))


def _add_stated(records: list[dict[str, Any]], stated: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Add the stated figures given beside a frame to its rows' own, by id."""
    for props in records:
        fid = props.get("id")
        own = props.get("stated") or []
        if isinstance(fid, str) and fid in stated and isinstance(own, list):
            props["stated"] = [*own, *stated[fid]]


def validate_frame(
    frame: GeoDataFrame,
    *,
    file: str,
    stated: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> tuple[list[tuple[dict[str, Any], Any]], list[Problem]]:
    """Validate a WGS84 GeoDataFrame row by row, geometries as arrays.

    Returns the valid (properties, geometry) pairs, polygons oriented the RFC 7946
    way, and the problems, named as for a file: ``feature 'id' (#row)``.
    """
    geometries = np.asarray(frame.geometry.values, dtype=object)
    parts = np.array_split(geometries, 2) if len(geometries) >= SPLIT_ROWS else [geometries]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:  # GEOS lets go of the GIL
        screening = [pool.submit(_screened, part) for part in parts]
        records = frame_records(frame)  # meanwhile, in Python
        if stated:
            _add_stated(records, stated)
        plain_props = plain_properties(records)
        screened = [future.result() for future in screening]
    suspect = np.concatenate([part[0] for part in screened])
    oriented = np.concatenate([part[1] for part in screened])
    problems: list[Problem] = []
    valid = []
    plain = (plain_props & ~suspect).tolist()
    for index, props in enumerate(records):
        if plain[index]:
            valid.append((props, oriented[index]))
            continue
        fid = props.get("id")
        label = f"feature '{fid}' (#{index})" if isinstance(fid, str) and fid else f"feature #{index}"
        before = len(problems)

        def report(what: str, fix: str, label: str = label) -> None:
            problems.append(Problem(file, label, what, fix))

        geometry = oriented[index]
        if suspect[index]:
            raw = geometries[index]
            geojson = None if raw is None or raw.is_empty else json.loads(json.dumps(mapping(raw)))
            geometry = validate_geometry(geojson, report)  # json turns mapping()'s tuples into lists
        validate_properties(props, report)
        if len(problems) == before and geometry is not None:
            valid.append((props, geometry))
    return valid, problems
