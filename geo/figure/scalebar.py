"""The scale bar and the north arrow, both true where they are drawn.

The bar is horizontal on the page and its length on the ground is geodesic (WGS84):
its far end is placed where the geodesic distance from its near end, both taken
back to lon/lat, equals the length written beside it.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from geo.figure.projection import View
from geo.geodesy import WGS84
from geo.i18n import translate

__all__ = ["SCALEBAR_GID", "bar_end", "draw_north_arrow", "draw_scalebar", "nice_length", "scale_label"]

SCALEBAR_GID = "scalebar"
#: The bar is about this share of the map's width.
BAR_SHARE = 0.22


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not over ``metres``.

    Parameters
    ----------
    metres : float
        The longest the bar may be, in metres.

    Returns
    -------
    float
        The bar's length in metres.

    Examples
    --------
    >>> nice_length(23_456), nice_length(740), nice_length(1.5)
    (20000.0, 500.0, 1.0)
    """
    power = 10.0 ** math.floor(math.log10(metres))
    return max(step * power for step in (1.0, 2.0, 5.0) if step * power <= metres)


def scale_label(metres: float, lang: str) -> str:
    """The bar's label: ``20 km`` or ``500 m`` (units in ``lang``).

    Parameters
    ----------
    metres : float
        The bar's length in metres.
    lang : str
        The language of the unit.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> scale_label(20_000, "en"), scale_label(500, "zh-Hant")
    ('20 km', '500 米')
    """
    if metres >= 1000:
        return f"{metres / 1000:g} {translate('unit.km', lang)}"
    return f"{metres:g} {translate('unit.m', lang)}"


def ground_distance(view: View, x0: float, y0: float, x1: float, y1: float) -> float:
    """The geodesic distance (metres) between two points given in the view's metres.

    Parameters
    ----------
    view : View
        The view (its projection).
    x0, y0, x1, y1 : float
        The two points, in the view's metres.

    Returns
    -------
    float
        The distance on the WGS84 ellipsoid, in metres.
    """
    lons, lats = view.to_lonlat().transform([x0, x1], [y0, y1])
    return float(WGS84.inv(lons[0], lats[0], lons[1], lats[1])[2])


def bar_end(view: View, x0: float, y0: float, metres: float) -> float:
    """The x at which a horizontal bar from ``(x0, y0)`` is ``metres`` long on the ground.

    Found by fixed-point iteration on the measured length (the local scale is
    smooth, so a few steps bring it within a millimetre).

    Parameters
    ----------
    view : View
        The view (its projection).
    x0, y0 : float
        The bar's start, in the view's metres.
    metres : float
        The bar's length on the ground.

    Returns
    -------
    float
        The bar's end x, in the view's metres.
    """
    x1 = x0 + metres
    for _ in range(8):
        measured = ground_distance(view, x0, y0, x1, y0)
        x1 = x0 + (x1 - x0) * metres / measured
        if abs(measured - metres) < 1e-6 * metres:
            break
    return x1


def draw_scalebar(ax: Axes, view: View, *, lang: str, fontsize: float) -> tuple[Line2D, Text]:
    """Draw the scale bar near the map's lower left corner; return the bar and its label.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, its limits final.
    view : View
        The view (its projection).
    lang : str
        The language of the label.
    fontsize : float
        The label's size in points.

    Returns
    -------
    bar : matplotlib.lines.Line2D
        The bar.
    label : matplotlib.text.Text
        Its label.
    """
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    width, height = xmax - xmin, ymax - ymin
    x0, y0 = xmin + 0.04 * width, ymin + 0.05 * height
    metres = nice_length(ground_distance(view, xmin, y0, xmax, y0) * BAR_SHARE)
    x1 = bar_end(view, x0, y0, metres)
    (halo,) = ax.plot([x0, x1], [y0, y0], color="white", linewidth=5, solid_capstyle="butt", zorder=8)
    (bar,) = ax.plot([x0, x1], [y0, y0], color="black", linewidth=2.5, solid_capstyle="butt", zorder=9)
    bar.set_gid(SCALEBAR_GID)
    halo.set_gid(f"{SCALEBAR_GID}-halo")
    label = ax.text(
        (x0 + x1) / 2, y0 + 0.015 * height, scale_label(metres, lang),
        ha="center", va="bottom", fontsize=fontsize, zorder=9, gid=f"{SCALEBAR_GID}-label",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
    )  # fmt: skip
    return bar, label


def north_direction(view: View, x: float, y: float) -> tuple[float, float]:
    """The unit vector, in the view's metres, pointing to true north from ``(x, y)``.

    Parameters
    ----------
    view : View
        The view (its projection).
    x, y : float
        The point, in the view's metres.

    Returns
    -------
    (float, float)
        The unit vector ``(dx, dy)``.
    """
    lon, lat = view.to_lonlat().transform(x, y)
    nx, ny = view.to_map().transform(lon, lat + 0.01)
    length = math.hypot(nx - x, ny - y)
    return ((nx - x) / length, (ny - y) / length)


def draw_north_arrow(ax: Axes, view: View, *, fontsize: float) -> Text:
    """Draw a north arrow near the map's upper right corner, pointing to true north there.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map's axes, its limits final.
    view : View
        The view (its projection).
    fontsize : float
        The letter N's size in points.

    Returns
    -------
    matplotlib.text.Text
        The letter N at the arrow's foot.
    """
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    height = ymax - ymin
    x, y = xmax - 0.05 * (xmax - xmin), ymax - 0.2 * height
    dx, dy = north_direction(view, x, y)
    tip = (x + dx * 0.1 * height, y + dy * 0.1 * height)
    arrow = {"arrowstyle": "-|>,head_width=0.35,head_length=0.7", "color": "black", "linewidth": 1.5}
    ax.annotate("", xy=tip, xytext=(x, y), arrowprops=arrow, zorder=9, gid="north-arrow")
    return ax.text(
        tip[0], tip[1], "N", ha="center", va="bottom", fontsize=fontsize, fontweight="bold", zorder=9,
        gid="north-label",
    )  # fmt: skip
