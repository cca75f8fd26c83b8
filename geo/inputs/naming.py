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

from geo.errors import AtlasWarning

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: Longest layer slug used in made ids (ids have a length limit).
SLUG_LENGTH = 40


def id_stem(layer_name: str) -> str:
    """The stem of ids made for a layer: its name in lowercase ASCII words joined by ``_``.

    >>> id_stem("My sites (2026)!"), id_stem("我的圖層"), id_stem("2 parks")
    ('my_sites_2026', 'drawn', 'layer_2_parks')
    """
    words = re.findall(r"[a-z0-9]+", layer_name.lower())
    stem = "_".join(words)[:SLUG_LENGTH].strip("_") or "drawn"
    return stem if stem[0].isalpha() else f"layer_{stem}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN: pandas' missing


def named_collection(collection: Any, *, layer_name: str) -> Any:
    """A FeatureCollection dict whose features without id and name have them made (others as they are)."""
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        return collection
    stem, made = id_stem(layer_name), []
    features = []
    for index, feature in enumerate(collection["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(feature, dict) and (props is None or isinstance(props, dict)):
            props = props or {}
            if _missing(props.get("id")) and _missing(props.get("name")):
                props = {**props, "id": f"{stem}_{index}", "name": f"{layer_name} {index}"}
                feature = {**feature, "properties": props}
                made.append(props["id"])
        features.append(feature)
    _say(made, layer_name)
    return {**collection, "features": features}


def named_frame(frame: GeoDataFrame, *, layer_name: str) -> GeoDataFrame:
    """A GeoDataFrame whose rows without id and name have them made (a copy; the caller's is unchanged)."""
    ids = list(frame["id"]) if "id" in frame.columns else None  # lists: .iloc per row is ~50 µs
    names = list(frame["name"]) if "name" in frame.columns else None
    rows = [
        position
        for position in range(len(frame))
        if (ids is None or _missing(ids[position])) and (names is None or _missing(names[position]))
    ]
    if not rows:
        return frame
    stem = id_stem(layer_name)
    frame = frame.copy()
    id_values: list[Any] = ids if ids is not None else [None] * len(frame)
    name_values: list[Any] = names if names is not None else [None] * len(frame)
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
