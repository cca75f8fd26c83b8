"""Finer land, water and the Hong Kong boundary where Natural Earth is too coarse for the story.

Natural Earth's 1:10m coast predates the reclamations of the last decades and is
quantized to a few hundred metres: around the platforms it puts half of the Hetao
Shenzhen Park and half of Hengqin in the sea, and its Hong Kong–Mainland line runs
north of the parks.  ``finer.geojson`` holds what this project digitized for those
places, each feature with a ``kind`` and a ``digitized_from`` note naming its facts:

- ``land``: unioned into Natural Earth's land;
- ``water``: carved out of the land after that (a channel the patches would close);
- ``boundary``: the Hong Kong–Mainland line along the Shenzhen River, which replaces
  Natural Earth's line from the river's first point down to its mouth.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from shapely.geometry import LineString, MultiLineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring, unary_union

__all__ = ["KINDS", "Patch", "load_patches", "refine_border", "refine_land"]

#: What a patch can be.
KINDS = ("land", "water", "boundary")
_DATA = "finer.geojson"
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
        In file order.

    Raises
    ------
    ValueError
        If a patch has an unknown kind, the wrong geometry for it, an invalid shape or no
        ``digitized_from`` (a broken package file).
    """
    text = resources.files(__package__).joinpath(_DATA).read_text(encoding="utf-8")
    return [_patch(feature) for feature in json.loads(text)["features"]]


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
