"""The rules for a GeoDataFrame as a whole: a geometry column, text column names, ids and names as text.

Checked before its rows, which are judged as a table like any layer's
(:func:`geo.io.tables.frame_table`, :func:`geo.validation.rules.validate_table`), so a
frame without ids says so once, not once a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from geo.errors import Problem
from geo.validation.values import non_json

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

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

    Parameters
    ----------
    frame : GeoDataFrame
        The frame given as a layer.
    file : str
        How messages name it (``<name>`` or the file it was read from).

    Returns
    -------
    list of Problem
        Empty when its rows can be judged as a table.
    """
    geometry_column = _geometry_column(frame)
    if geometry_column is None:
        return [_no_geometry_column(frame, file)]
    shape = _shape_problem(frame, file)
    if shape is not None:
        return [shape]
    problems = [problem for column in TEXT_COLUMNS if (problem := _text_column(frame, column, file))]
    columns = [name for name in frame.columns if name != geometry_column and name not in TEXT_COLUMNS]
    return problems + [problem for name in columns if (problem := _json_column(frame[name], file))]


def _no_geometry_column(frame: GeoDataFrame, file: str) -> Problem:
    kinds = [str(name) for name, dtype in frame.dtypes.items() if str(dtype) == "geometry"]
    found = f" (geometry columns: {', '.join(kinds)})" if kinds else ""
    what = f"the GeoDataFrame has no active geometry column{found}"
    return Problem(file, "", what, 'set one: gdf = gdf.set_geometry("geometry")')


def _shape_problem(frame: GeoDataFrame, file: str) -> Problem | None:
    """Repeated column names, no rows, or column names that are not text."""
    repeated = sorted({str(name) for name in frame.columns[frame.columns.duplicated()]})
    if repeated:
        what = f"the GeoDataFrame has more than one column named {', '.join(map(repr, repeated))}"
        return Problem(file, "", what, "keep one of each: gdf = gdf.loc[:, ~gdf.columns.duplicated()]")
    if len(frame) == 0:
        return Problem(file, "", "has no features", "add at least one Feature")
    untitled = [name for name in frame.columns if not isinstance(name, str)]
    if untitled:
        what = f"column names must be text, not {', '.join(map(repr, untitled[:3]))}"
        return Problem(file, "", what, "name them: gdf.columns = gdf.columns.astype(str)")
    return None


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
    if series.dtype.kind == "f":
        return _infinite(series, file)
    column = f'gdf["{series.name}"]'
    for row, (value, missing) in enumerate(zip(series.tolist(), series.isna().to_numpy(), strict=True)):
        found = None if missing else non_json(_plain(value))
        if found:
            what = f"row #{row} holds {found[1]}" + (f" (at {found[0]})" if found[0] else "")
            fix = f"make the column text: {column} = {column}.astype(str), or drop it"
            return Problem(file, f"column {str(series.name)!r}", what, fix)
    return None


def _infinite(series: Any, file: str) -> Problem | None:
    """A problem when a column of floats holds Infinity (NaN is a missing value)."""
    rows = np.flatnonzero(np.isinf(series.to_numpy(dtype=float, na_value=np.nan)))
    if not len(rows):
        return None
    column = f'gdf["{series.name}"]'
    what = f"row #{rows[0]} holds the non-finite number {series.iloc[rows[0]]}, which JSON cannot hold"
    fix = f"make it missing: {column} = {column}.replace([np.inf, -np.inf], np.nan)"
    return Problem(file, f"column {str(series.name)!r}", what, fix)


def _plain(value: Any) -> Any:
    """Turn numpy scalars into Python ones, so values are judged as JSON values."""
    return value.item() if isinstance(value, np.generic) else value
