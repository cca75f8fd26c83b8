"""Labels placed without collisions: each tries positions around its anchor, nearest first.

A label takes the first candidate position that stays inside the map and overlaps
neither a label placed before it, nor an obstacle (the scale bar, the north arrow, the
locator), nor what it must keep off (its ``avoid``: for a park, the other park and the
river, so that each park's name stays on its own bank).
Labels that must show (the features') take the least-overlapping position when
none is free; others (the cities) are left out. A label set off its anchor gets a
thin leader line. The order is fixed, so the same inputs give the same placement.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from shapely.geometry import LineString
from shapely.geometry import box as shapely_box
from shapely.geometry.base import BaseGeometry

__all__ = ["LabelSpec", "candidates", "place_labels"]

#: Directions tried around an anchor, in the cartographer's order of preference (NE, E, SE, ...).
_DIRECTIONS = (45, 0, -45, 135, 180, -135, 90, -90)
#: Distances (points) from the anchor tried for a label set off it.
_RADII = (5.0, 14.0, 26.0, 40.0, 56.0)
#: Pixels kept clear around each label.
_MARGIN = 2.0


@dataclass(frozen=True)
class LabelSpec:
    """A label to place: its text, anchor (data coordinates) and look.

    Attributes
    ----------
    text : str
        The label.
    anchor : tuple of float
        The point labelled, in the map's data coordinates.
    colour : str
        The text's colour (and its leader line's).
    fontsize : float
        In points.
    gid : str
        The label's id in the SVG.
    required : bool
        Place it even when every position overlaps something (features); else drop it (cities).
    centred : bool
        Try the anchor itself first (a polygon large enough to hold its name).
    """

    text: str
    anchor: tuple[float, float]
    colour: str
    fontsize: float
    gid: str
    required: bool = True
    centred: bool = False
    near: bool = False
    """Only try positions next to the anchor, never one needing a leader line (a city's name)."""
    weight: str = "normal"
    avoid: BaseGeometry | None = None
    """What the label must not cover, in data coordinates (other features, the river)."""
    more_anchors: tuple[tuple[float, float], ...] = ()
    """Other points of the feature to try, in order, when no place around :attr:`anchor` is free."""


def candidates(*, centred: bool, near: bool = False) -> list[tuple[float, float]]:
    """Offsets (points) to try, nearest first: ``(0, 0)`` first if ``centred``; only the nearest if ``near``.

    Parameters
    ----------
    centred : bool
        Try the anchor itself first (labels inside a polygon).
    near : bool
        Only the offsets nearest the anchor (no leader lines).

    Returns
    -------
    list of (float, float)
        Offsets ``(dx, dy)`` in points.

    Examples
    --------
    >>> candidates(centred=True)[:2]
    [(0.0, 0.0), (3.54, 3.54)]
    """
    ring = [
        (round(r * math.cos(math.radians(a)), 2), round(r * math.sin(math.radians(a)), 2))
        for r in (_RADII[:1] if near else _RADII)
        for a in _DIRECTIONS
    ]
    return [(0.0, 0.0), *ring] if centred else ring


def _alignment(dx: float, dy: float) -> tuple[str, str]:
    """Text alignment for an offset: a label to the right of its anchor starts there, and so on."""
    ha = "left" if dx > 0.5 else "right" if dx < -0.5 else "center"
    va = "bottom" if dy > 0.5 else "top" if dy < -0.5 else "center"
    return ha, va


def _overlap(box: Bbox, others: Sequence[Bbox]) -> float:
    """The area of ``box`` covered by the others (counted once per other)."""
    total = 0.0
    for other in others:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def _text_box(text: Annotation, renderer: RendererBase) -> Bbox:
    """The label's text (not its leader line) on the page, with a margin, in display pixels."""
    text.update_positions(renderer)
    return Text.get_window_extent(text, renderer).padded(_MARGIN)


def _cost(
    box: Bbox, frame: Bbox, taken: Sequence[Bbox], covered: float = 0.0, reach: Bbox | None = None
) -> float:
    """How bad a position is: 0 when free, else the worse the more it breaks the rules.

    In rising order: covering what it must avoid (``covered``, the share of the box over it),
    overlapping another label or its leader line (``reach``, the text with its leader, per pixel),
    leaving the map.
    """
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return 1e6 * _overlap(reach or box, taken) + 1e5 * covered + (0.0 if inside else 1e12)


def _reach(label: Annotation, renderer: RendererBase) -> Bbox:
    """The label with its leader line, if any, on the page (display pixels)."""
    return label.get_window_extent(renderer).padded(_MARGIN)


def _covered(
    ax: Axes, box: Bbox, avoid: BaseGeometry | None, leader_from: tuple[float, float] | None = None
) -> float:
    """How much of a label lies over ``avoid`` (data coordinates), 0 without one.

    The share of its box, plus the share of its leader line's length (from ``leader_from``, its
    anchor, to the box's centre) when it has one.
    """
    if avoid is None or avoid.is_empty:
        return 0.0
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([[box.x0, box.y0], [box.x1, box.y1]])
    area = shapely_box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    share = float(area.intersection(avoid).area / area.area) if area.area > 0 else 0.0
    if leader_from is not None:
        leader = LineString([leader_from, ((x0 + x1) / 2, (y0 + y1) / 2)])
        share += float(leader.intersection(avoid).length / leader.length) if leader.length > 0 else 0.0
    return share


def _annotate(ax: Axes, spec: LabelSpec, offset: tuple[float, float], *, leader: bool) -> Annotation:
    """The label at ``offset`` points from its anchor, with a leader line when ``leader``."""
    ha, va = _alignment(*offset)
    arrow = {"arrowstyle": "-", "color": spec.colour, "linewidth": 0.6, "shrinkA": 0, "shrinkB": 0}
    return ax.annotate(
        spec.text, xy=spec.anchor, xytext=offset, textcoords="offset points", ha=ha, va=va,
        fontsize=spec.fontsize, color=spec.colour, fontweight=spec.weight, zorder=7, gid=spec.gid,
        annotation_clip=False, arrowprops=arrow if leader else None,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"},
    )  # fmt: skip


#: A tried position: its cost, the label (at one of its anchors) and the offset in points.
_Tried = tuple[float, LabelSpec, tuple[float, float]]


def _best_at(ax: Axes, at: LabelSpec, taken: list[Bbox], renderer: RendererBase) -> _Tried:
    """The cheapest offset around the label's anchor (the first of equal cost; the first free one)."""
    best: _Tried | None = None
    for offset in candidates(centred=at.centred, near=at.near):
        cost = _offset_cost(ax, at, offset, taken, renderer)
        if best is None or cost < best[0]:
            best = (cost, at, offset)
        if cost == 0:
            break
    assert best is not None
    return best


def _offset_cost(
    ax: Axes, at: LabelSpec, offset: tuple[float, float], taken: list[Bbox], renderer: RendererBase
) -> float:
    """The cost of the label at ``offset`` points from its anchor, measured on a probe then removed."""
    leader = math.hypot(*offset) > 10
    probe = _annotate(ax, at, offset, leader=leader)
    box = _text_box(probe, renderer)
    covered = _covered(ax, box, at.avoid, at.anchor if leader else None)
    cost = _cost(box, ax.bbox, taken, covered, _reach(probe, renderer))
    probe.remove()
    return cost


def _place_one(ax: Axes, spec: LabelSpec, taken: list[Bbox], renderer: RendererBase) -> Annotation | None:
    """Place one label at its best position (see the module docstring); None when dropped."""
    best: _Tried | None = None
    for anchor in (spec.anchor, *spec.more_anchors):
        tried = _best_at(ax, replace(spec, anchor=anchor), taken, renderer)
        if best is None or tried[0] < best[0]:
            best = tried
        if best[0] == 0:
            break
    assert best is not None
    if best[0] > 0 and not spec.required:
        return None
    label = _annotate(ax, best[1], best[2], leader=math.hypot(*best[2]) > 10)
    taken.append(_reach(label, renderer))
    return label


def place_labels(
    ax: Axes, specs: Sequence[LabelSpec], *, obstacles: Sequence[Bbox], renderer: RendererBase
) -> list[Annotation]:
    """Place the labels in order on ``ax``; return those placed.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map, its limits final.
    specs : sequence of LabelSpec
        The labels, most important first.
    obstacles : sequence of Bbox
        Display boxes no label should cover.
    renderer : RendererBase
        The renderer text is measured with.

    Returns
    -------
    list of Annotation
        The labels placed (a label not required is dropped when it fits nowhere).
    """
    taken = list(obstacles)
    placed = [_place_one(ax, spec, taken, renderer) for spec in specs]
    return [label for label in placed if label is not None]
