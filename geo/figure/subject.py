"""What is in the figure's frame, and what each feature's label must keep off.

All geometries here are in the view's projected metres (:meth:`geo.figure.projection.View.project`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import shapely
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, unary_union

from geo.figure.draw import feature_label
from geo.figure.projection import View
from geo.i18n import translate
from geo.model import Feature, Layer, Story

__all__ = [
    "SMALL_SHARE",
    "data_box",
    "document_subject",
    "frame_box",
    "in_frame",
    "keep_off",
    "label_anchors",
]

#: A polygon covering less than this share of the frame is a subject whose name others keep off
#: (the parks); a larger one (the Northern Metropolis around them) is ground labels may lie on.
SMALL_SHARE = 0.25
#: How far, as a share of the frame's width, a label keeps off a line (a river).
LINE_CLEARANCE = 0.006


def frame_box(limits: tuple[tuple[float, float], tuple[float, float]]) -> BaseGeometry:
    """The frame as a box from the axes' ``((xmin, xmax), (ymin, ymax))``.

    Parameters
    ----------
    limits : ((float, float), (float, float))
        The axes' x and y limits, in the view's metres.

    Returns
    -------
    shapely geometry
        The frame, a rectangle.
    """
    (xmin, xmax), (ymin, ymax) = limits
    return box(xmin, ymin, xmax, ymax)


def data_box(ax: Axes, extent: Bbox) -> BaseGeometry:
    """A display box (pixels) as a box in the axes' data coordinates.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes.
    extent : Bbox
        A box in display pixels.

    Returns
    -------
    shapely geometry
        The box in the axes' data coordinates (the view's metres).
    """
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([[extent.x0, extent.y0], [extent.x1, extent.y1]])
    return box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def in_frame(view: View, layers: Sequence[Layer], frame: BaseGeometry) -> dict[str, BaseGeometry]:
    """Each feature that reaches the frame, clipped to it, by id (in feature order).

    Parameters
    ----------
    view : View
        The view (its projection).
    layers : sequence of Layer
        The atlas's layers.
    frame : shapely geometry
        The frame, in the view's metres (:func:`frame_box`).

    Returns
    -------
    dict of str to shapely geometry
        The clipped geometries, in the view's metres.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> frame_box(((0, 2), (0, 1))).contains(Point(1, 0.5))
    True
    """
    out: dict[str, BaseGeometry] = {}
    for feature in (f for layer in layers for f in layer):
        clipped = view.project(feature.geometry).intersection(frame)
        if not clipped.is_empty:
            out[feature.id] = clipped
    return out


def keep_off(feature: Feature, shown: Mapping[str, BaseGeometry], frame: BaseGeometry) -> BaseGeometry | None:
    """What ``feature``'s label must not cover: the lines and the small polygons that do not hold it.

    Parameters
    ----------
    feature : Feature
        The feature labelled.
    shown : Mapping
        :func:`in_frame`'s clipped geometries.
    frame : shapely geometry
        The frame.

    Returns
    -------
    shapely geometry or None
        The lines (widened by :data:`LINE_CLEARANCE`) and the polygons under :data:`SMALL_SHARE` of the
        frame other than ``feature`` and those around it; None when there is nothing to keep off.
    """
    clearance = LINE_CLEARANCE * (frame.bounds[2] - frame.bounds[0])
    own = shown.get(feature.id)
    parts = []
    for other_id, geometry in shown.items():
        if other_id == feature.id:
            continue
        if geometry.area == 0:
            parts.append(geometry.buffer(clearance))
        elif geometry.area < SMALL_SHARE * frame.area and not (
            own is not None and geometry.buffer(clearance).contains(own)
        ):
            parts.append(geometry)
    return unary_union(parts) if parts else None


def label_anchors(visible: BaseGeometry, avoid: BaseGeometry | None) -> list[tuple[float, float]]:
    """Points to hang a feature's label on, best first.

    A polygon: the point of its part clear of ``avoid`` farthest from that part's edge (its pole of
    inaccessibility), then its representative point. A line: points at its middle, then ever farther
    out towards its ends (a river's name finds a stretch away from the parks).

    Parameters
    ----------
    visible : shapely geometry
        The feature's part inside the frame, in the view's metres.
    avoid : shapely geometry or None
        What the label should keep off (other features), or None.

    Returns
    -------
    list of (float, float)
        Points in the view's metres, rounded to the millimetre.

    Examples
    --------
    >>> label_anchors(box(0, 0, 4, 4), None)[0]
    (2.0, 2.0)
    >>> label_anchors(LineString([(0, 0), (10, 0)]), None)[:3]
    [(5.0, 0.0), (3.5, 0.0), (6.5, 0.0)]
    """
    points = _area_anchors(visible, avoid) if visible.area > 0 else _line_anchors(visible)
    return [(round(p.x, 3), round(p.y, 3)) for p in points]


def _area_anchors(visible: BaseGeometry, avoid: BaseGeometry | None) -> list[Point]:
    """The poles of inaccessibility of the three largest parts clear of ``avoid``, then a point inside."""
    clear = visible.difference(avoid) if avoid is not None else visible
    parts = [p for p in getattr(clear, "geoms", [clear]) if isinstance(p, Polygon) and p.area > 0]
    largest = sorted(parts, key=lambda p: -p.area)[:3]
    return [*(polylabel(part, tolerance=1.0) for part in largest), visible.representative_point()]


def _line_anchors(visible: BaseGeometry) -> list[Point]:
    """Points along a line (the longest piece of a multi-line), from its middle out towards its ends."""
    line = shapely.line_merge(visible) if visible.geom_type == "MultiLineString" else visible
    if not isinstance(line, LineString):  # still several pieces: the longest
        line = max(getattr(line, "geoms", [line]), key=lambda part: part.length)
    shares = (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9)
    return [shapely.line_interpolate_point(line, share, normalized=True) for share in shares]


def document_subject(view: View, story: Story, lang: str) -> str:
    """The document's subject (PDF, SVG): what the map shows, and from which story's source.

    Parameters
    ----------
    view : View
        The view shown.
    story : Story
        The atlas's story (its source).
    lang : str
        The document's language.

    Returns
    -------
    str
        The subject.
    """
    names = ", ".join(feature_label(f, lang) for f in view.features)
    source = f" ({story.source.issuer}, {story.source.date})" if story.source else ""
    return translate("figure.subject", lang, features=names) + source
