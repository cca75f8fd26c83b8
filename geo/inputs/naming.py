"""Ids and names for features handed to ``add_layer`` without them (a drawing, ``widget.drawn_gdf``).

A layer file must name its features; in a notebook, shapes just drawn have no names yet.
``add_layer`` gives each feature of a GeoDataFrame, dict or ``__geo_interface__`` that has
neither an ``id`` nor a ``name`` the id ``<layer slug>_<n>`` and the name ``<layer name> <n>``,
and says so with an :class:`~geo.errors.AtlasWarning`. A feature with one of the two keeps what
it has, for validation to say what is missing; a file is read exactly as a layers folder reads
it (the map's "Export drawing" writes ids and names into its file).
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.errors import AtlasWarning

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: Longest layer slug used in made ids (ids have a length limit).
SLUG_LENGTH = 40


def id_stem(layer_name: str) -> str:
    """The stem of ids made for a layer: its name in lowercase ASCII words joined by ``_``.

    Parameters
    ----------
    layer_name : str
        The layer's name, in any script.

    Returns
    -------
    str
        A lowercase snake_case stem starting with a letter (``drawn`` when nothing ASCII is left).

    Examples
    --------
    >>> id_stem("My sites (2026)!"), id_stem("我的圖層"), id_stem("2 parks")
    ('my_sites_2026', 'drawn', 'layer_2_parks')
    """
    words = re.findall(r"[a-z0-9]+", layer_name.lower())
    stem = "_".join(words)[:SLUG_LENGTH].strip("_") or "drawn"
    return stem if stem[0].isalpha() else f"layer_{stem}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN: pandas' missing


def named_collection(collection: Any, *, layer_name: str) -> Any:
    """A FeatureCollection dict whose features without id and name have them made (others as they are).

    Parameters
    ----------
    collection : object
        Decoded GeoJSON; anything but a dict with a features list is returned as it is.
    layer_name : str
        The layer's name, which made ids and names derive from.

    Returns
    -------
    object
        The collection, with made ids and names (a copy when any were made).
    """
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        return collection
    stem = id_stem(layer_name)
    features = [
        _named_feature(feature, f"{stem}_{index}", f"{layer_name} {index}")
        for index, feature in enumerate(collection["features"], start=1)
    ]
    made = [
        f["properties"]["id"] for f, old in zip(features, collection["features"], strict=True) if f is not old
    ]
    _say(made, layer_name)
    return {**collection, "features": features}


def _named_feature(feature: Any, made_id: str, made_name: str) -> Any:
    """A Feature without id and name, given them (a copy); any other feature as it is."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(feature, dict) or not (props is None or isinstance(props, dict)):
        return feature
    props = props or {}
    if not (_missing(props.get("id")) and _missing(props.get("name"))):
        return feature
    return {**feature, "properties": {**props, "id": made_id, "name": made_name}}


def _unnamed_rows(frame: GeoDataFrame) -> list[int]:
    """The positions of the rows without id and name (missing columns count as missing values).

    Only the rows pandas finds missing in both columns (a superset: pandas counts more kinds of
    missing) are looked at one by one.
    """
    columns = [frame[key] for key in ("id", "name") if key in frame.columns]
    if any(getattr(column, "ndim", 1) != 1 for column in columns):  # repeated names: refused later
        return _unnamed_rows_each(frame)
    maybe = np.ones(len(frame), dtype=bool)
    for column in columns:
        maybe &= column.isna().to_numpy()
    rows = np.flatnonzero(maybe).tolist()
    values = [column.iloc[rows].tolist() for column in columns]
    return [row for row, *row_values in zip(rows, *values, strict=True) if all(map(_missing, row_values))]


def _unnamed_rows_each(frame: GeoDataFrame) -> list[int]:
    """:func:`_unnamed_rows` one row at a time (for a frame with repeated column names)."""
    ids = list(frame["id"]) if "id" in frame.columns else None  # lists: .iloc per row is ~50 µs
    names = list(frame["name"]) if "name" in frame.columns else None
    return [
        position
        for position in range(len(frame))
        if (ids is None or _missing(ids[position])) and (names is None or _missing(names[position]))
    ]


def named_frame(frame: GeoDataFrame, *, layer_name: str) -> GeoDataFrame:
    """A GeoDataFrame whose rows without id and name have them made (a copy; the caller's is unchanged).

    Parameters
    ----------
    frame : GeoDataFrame
        The frame given to ``add_layer``.
    layer_name : str
        The layer's name, which made ids and names derive from.

    Returns
    -------
    GeoDataFrame
        ``frame`` itself when every row has an id or a name, else a copy.
    """
    rows = _unnamed_rows(frame)
    if not rows:
        return frame
    stem = id_stem(layer_name)
    frame = frame.copy()
    id_values: list[Any] = list(frame["id"]) if "id" in frame.columns else [None] * len(frame)
    name_values: list[Any] = list(frame["name"]) if "name" in frame.columns else [None] * len(frame)
    made = [f"{stem}_{position + 1}" for position in rows]
    for position, made_id in zip(rows, made, strict=True):
        id_values[position], name_values[position] = made_id, f"{layer_name} {position + 1}"
    frame["id"], frame["name"] = id_values, name_values
    _say(made, layer_name)
    return frame


def _say(made: list[str], layer_name: str) -> None:
    if not made:
        return
    shown = ", ".join(made[:3]) + (f" … ({len(made)} in all)" if len(made) > 3 else "")
    warnings.warn(
        f"<{layer_name}>: {len(made)} feature(s) had no id and no name, so they were given ids {shown} "
        "and names after the layer; give them id and name properties to choose your own",
        AtlasWarning,
        stacklevel=7,  # _say, named_*, *_layer, input_layer, add_layer, api_boundary, the caller
    )
