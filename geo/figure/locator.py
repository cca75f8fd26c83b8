"""The locator inset: the whole Greater Bay Area, small, with the figure's frame marked on it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.transforms import Bbox
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from geo.figure.projection import View
from geo.map.basemap import CLIP_BOUNDS

__all__ = ["LOCATOR_GID", "draw_locator"]

LOCATOR_GID = "locator"
#: The inset's width as a share of the map's, and its gap from the map's edge (a share of it too).
WIDTH_SHARE, GAP_SHARE = 0.27, 0.02
_FRAME_COLOUR = "#c0392b"
#: A frame this share of the area's width or wider is located already: no inset.
NO_LOCATOR_SHARE = 1 / 3
#: The corners tried, in order: (x, y) of the inset's lower-left corner as shares of the map.
_CORNERS = ("lower right", "upper left", "lower left", "upper right")


def _corner(name: str, width: float, height: float) -> tuple[float, float]:
    """The lower-left corner (axes fractions) of an inset of ``width`` × ``height`` in a named corner."""
    x = 1 - GAP_SHARE - width if "right" in name else GAP_SHARE
    y = 1 - GAP_SHARE - height if "upper" in name else GAP_SHARE
    return x, y


def draw_locator(
    ax: Axes,
    view: View,
    payload: Mapping[str, Any],
    subject: BaseGeometry,
    *,
    keep_clear: Sequence[Bbox] = (),
) -> Axes | None:
    """Draw the inset in the map's corner that covers least of ``subject`` (projected metres).

    A corner where the inset would cover one of ``keep_clear`` (display boxes: the scale bar, the
    north arrow) is taken only when every corner would.
    A map that already shows a third of the area's width or more needs none (None is returned).

    The inset shows the base map's land over :data:`~geo.map.basemap.CLIP_BOUNDS` (lon/lat, drawn at
    the cosine of the latitude so it is not stretched) and the figure's frame as a red outline (or a
    red square, where the frame is too small to see).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, its limits final.
    view : View
        The view (its projection).
    payload : mapping
        The base map payload.
    subject : shapely geometry
        The features in focus, in the view's metres.
    keep_clear : sequence of Bbox
        Display boxes (pixels) the inset should not cover.

    Returns
    -------
    matplotlib.axes.Axes or None
        The inset (its gid :data:`LOCATOR_GID`), to keep labels off it.
    """
    west, south, east, north = CLIP_BOUNDS
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    corners = np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])
    lons, lats = view.to_lonlat().transform(corners[:, 0], corners[:, 1])
    if max(lons) - min(lons) >= NO_LOCATOR_SHARE * (east - west):
        return None
    aspect = (north - south) / ((east - west) * np.cos(np.radians((south + north) / 2)))
    map_w, map_h = ax.bbox.width, ax.bbox.height
    width = WIDTH_SHARE
    height = width * aspect * map_w / map_h

    def covered(name: str) -> tuple[bool, float]:
        x, y = _corner(name, width, height)
        inset = box(xmin + x * (xmax - xmin), ymin + y * (ymax - ymin),
                    xmin + (x + width) * (xmax - xmin), ymin + (y + height) * (ymax - ymin))  # fmt: skip
        shown = Bbox(ax.transAxes.transform([[x, y], [x + width, y + height]]))
        return any(shown.overlaps(other) for other in keep_clear), float(inset.intersection(subject).area)

    x, y = _corner(min(_CORNERS, key=covered), width, height)
    inset = ax.inset_axes((x, y, width, height), zorder=8)
    inset.set_gid(LOCATOR_GID)
    inset.set_facecolor("#d6e6f2")
    inset.set_xlim(west, east)
    inset.set_ylim(south, north)
    inset.set_aspect(1 / np.cos(np.radians((south + north) / 2)))
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_edgecolor("#666666")
        spine.set_linewidth(0.6)
    land = shape(payload["land"])
    for polygon in getattr(land, "geoms", [land]):
        if polygon.area > 0.0004:  # islets under ~2 km across would be specks
            inset.add_patch(PolygonPatch(np.asarray(polygon.exterior.coords), facecolor="#f4f1ea",
                                         edgecolor="none"))  # fmt: skip
    if max(lons) - min(lons) < 0.03 * (east - west):  # too small to see: a square mark instead
        inset.plot([np.mean(lons)], [np.mean(lats)], marker="s", markersize=4, markerfacecolor="none",
                   markeredgecolor=_FRAME_COLOUR, markeredgewidth=1.2)  # fmt: skip
    else:
        inset.add_patch(PolygonPatch(np.column_stack([lons, lats]), facecolor="none",
                                     edgecolor=_FRAME_COLOUR, linewidth=1.0))  # fmt: skip
    return inset
