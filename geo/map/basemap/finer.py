"""Finer land, water and the Hong Kong boundary where Natural Earth is too coarse for the story.

Natural Earth's 1:10m coast predates the reclamations of the last decades and is
quantized to a few hundred metres: around the platforms it puts half of the Hetao
Shenzhen Park and half of Hengqin in the sea, and its Hong Kong–Mainland line runs
north of the parks.  ``finer.geojson`` holds what this project digitized for those
places, each feature with a ``kind`` and a ``digitized_from`` note naming its facts:

- ``land``: unioned into Natural Earth's land;
- ``water``: carved out of the land after that (a channel the patches would close);
- ``boundary``: the Hong Kong–Mainland line along the Shenzhen River, which replaces
  Natural Earth's line from the river's first point down to its mouth.  It is not in the
  file: :func:`river_patch` reads the bundled layers' ``shenzhen_river`` line, so the
  river has one copy (``layers/hetao.geojson``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, MultiLineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring, unary_union

__all__ = [
    "KINDS",
    "RIVER_ID",
    "Patch",
    "load_patches",
    "refine_border",
    "refine_land",
    "river_file",
    "river_patch",
]

#: What a patch can be.
KINDS = ("land", "water", "boundary")
_DATA = "finer.geojson"
#: The bundled feature whose line is the Hong Kong–Mainland boundary along the river.
RIVER_ID = "shenzhen_river"
_RIVER_FILE = "hetao.geojson"
_GEOMETRY = {"land": Polygon, "water": Polygon, "boundary": LineString}


@dataclass(frozen=True)
class Patch:
    """One digitized piece of the base map.

    Attributes
    ----------
    id : str
        A stable key, e.g. ``"hengqin_island"``.
    kind : str
        One of :data:`KINDS`.
    geometry : shapely.geometry.base.BaseGeometry
        A Polygon (land, water) or a LineString (boundary), WGS84 degrees.
    digitized_from : str
        The published facts the shape was drawn from.
    """

    id: str
    kind: str
    geometry: BaseGeometry
    digitized_from: str


def load_patches() -> list[Patch]:
    """Read the patches shipped with the package, checking each one.

    Returns
    -------
    list of Patch
        The land and water patches in file order, then the river boundary (:func:`river_patch`).

    Raises
    ------
    ValueError
        If a patch has an unknown kind, the wrong geometry for it, an invalid shape or no
        ``digitized_from`` (a broken package file).
    """
    text = resources.files(__package__).joinpath(_DATA).read_text(encoding="utf-8")
    return [*(_patch(feature) for feature in json.loads(text)["features"]), river_patch()]


def river_file() -> Path:
    """The bundled layer file that holds the river's line (part of what makes the base map).

    Returns
    -------
    pathlib.Path
        ``hetao.geojson`` in the bundled layers folder.
    """
    from geo.io.layer_file import BUNDLED_LAYERS  # the layers folder only when the base map is built

    return Path(BUNDLED_LAYERS, _RIVER_FILE)


def river_patch() -> Patch:
    """The Hong Kong–Mainland boundary along the Shenzhen River, read from the bundled layers.

    Returns
    -------
    Patch
        Kind ``boundary``: the ``shenzhen_river`` line of the bundled ``hetao.geojson`` (WGS84
        degrees, upstream first, ending at the mouth), with its ``digitized_from`` note.

    Raises
    ------
    ValueError
        If the bundled layer has no such line (a broken package).
    """
    features = json.loads(river_file().read_text(encoding="utf-8"))["features"]
    for feature in features:
        if feature["properties"].get("id") == RIVER_ID:
            props = feature["properties"]
            note = (
                "The centre line of the Shenzhen River, the boundary after its training (State Council "
                f"Order No. 221, 1997), as this project traced it: {props.get('digitized_from', '')}"
            )
            return _patch(
                {**feature, "properties": {"id": RIVER_ID, "kind": "boundary", "digitized_from": note}}
            )
    raise ValueError(
        f"{_RIVER_FILE}: the bundled layers have no {RIVER_ID!r} line for the base map's boundary"
    )


def _patch(feature: Mapping[str, Any]) -> Patch:
    """Build and check one patch from its GeoJSON feature."""
    props = feature["properties"]
    patch = Patch(
        id=str(props["id"]),
        kind=str(props["kind"]),
        geometry=shape(feature["geometry"]),
        digitized_from=str(props.get("digitized_from", "")).strip(),
    )
    expected = _GEOMETRY.get(patch.kind)
    if expected is None or not isinstance(patch.geometry, expected) or not patch.geometry.is_valid:
        raise ValueError(f"{_DATA}: patch {patch.id!r} needs a kind in {KINDS} and a valid geometry for it")
    if not patch.digitized_from:
        raise ValueError(f"{_DATA}: patch {patch.id!r} needs a digitized_from note")
    return patch


def refine_land(land: BaseGeometry, patches: list[Patch]) -> BaseGeometry:
    """Return ``land`` with the land patches added and the water patches carved out.

    Parameters
    ----------
    land : shapely geometry
        Natural Earth's land (degrees).
    patches : list of Patch
        From :func:`load_patches`; boundary patches are ignored.

    Returns
    -------
    shapely geometry
        The refined land.

    Examples
    --------
    >>> sea = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    >>> pier = Patch("pier", "land", Polygon([(1, 0), (2, 0), (2, 1), (1, 1)]), "a pier")
    >>> cut = Patch("cut", "water", Polygon([(0, 0), (0.5, 0), (0.5, 1), (0, 1)]), "a channel")
    >>> refine_land(sea, [pier, cut]).area
    1.5
    """
    added = [p.geometry for p in patches if p.kind == "land"]
    carved = [p.geometry for p in patches if p.kind == "water"]
    refined = unary_union([land, *added]) if added else land
    return refined.difference(unary_union(carved)) if carved else refined


def refine_border(line: MultiLineString, river: LineString) -> MultiLineString:
    """Replace the part of a boundary line that runs along ``river`` by the river's line.

    The boundary is kept from its end farther from the river's mouth (its last point) up
    to the point nearest the river's first point; the river's line follows from there.

    Parameters
    ----------
    line : shapely.geometry.MultiLineString
        Natural Earth's boundary (one connected line is expected; the longest part is used).
    river : shapely.geometry.LineString
        The river's centre line, upstream first, ending at its mouth (degrees).

    Returns
    -------
    shapely.geometry.MultiLineString
        One line: the kept part of the boundary, then the river.

    Examples
    --------
    >>> border = MultiLineString([[(4, 1), (2, 1), (0, 1)]])
    >>> refine_border(border, LineString([(2, 0.9), (1, 0.5), (0, 0)])).wkt
    'MULTILINESTRING ((4 1, 2 1, 2 0.9, 1 0.5, 0 0))'
    """
    longest = max(line.geoms, key=lambda part: part.length)
    mouth = Point(river.coords[-1])
    start, end = Point(longest.coords[0]), Point(longest.coords[-1])
    if start.distance(mouth) < end.distance(mouth):  # make the kept end come first
        longest = LineString(longest.coords[::-1])
    kept = substring(longest, 0, longest.project(Point(river.coords[0])))
    coords = [*kept.coords] if isinstance(kept, LineString) else [kept.coords[0]]
    return MultiLineString([[*coords, *river.coords]])
