"""Room for the map on the page: what the title, legend, table and credits leave it; too little is refused."""

from __future__ import annotations

import math
from collections.abc import Callable

from geo.figure.layout.panels import Panels
from geo.figure.options import MIN_MAP_MM, PAGE_MM, FigureSizeError

__all__ = ["check_room", "least_height", "map_inches"]


def check_room(map_in: tuple[float, float], page_in: tuple[float, float], *, taller_in: float | None,
               text: str, dpi: int | None, table: bool) -> None:  # fmt: skip
    """Refuse a page whose title, legend, table and credits leave the map less than :data:`MIN_MAP_MM`.

    Parameters
    ----------
    map_in, page_in : tuple of float
        The map panel's and the page's width and height, in inches.
    taller_in : float, optional
        The least page height (inches) that leaves the map room, when a taller page would.
    text : str
        The size as asked for, named in the message.
    dpi : int, optional
        The dpi a size in px is laid out at (named in the message), None for a size in length units.
    table : bool
        Whether the page holds the area-check table.
    """
    map_mm = [side * 25.4 for side in map_in]
    if min(map_mm) >= MIN_MAP_MM:
        return
    width_mm, height_mm = (side * 25.4 for side in page_in)
    at = f" at {dpi} dpi" if dpi is not None else ""
    fixes = [f"a taller page, at least {math.ceil(taller_in * 25.4)} mm (e.g. {width_mm:.0f}x"
             f"{math.ceil(taller_in * 25.4)}mm)"] if taller_in is not None else []  # fmt: skip
    if dpi is not None:
        fixes.append("a lower --dpi")
    fixes.append("a wider page" if map_mm[0] < MIN_MAP_MM else "no --table, or a shorter title")
    msg = (
        f"size {text!r}{at} is a page of {width_mm:.0f} x {height_mm:.0f} mm, which leaves the map "
        f"{max(0.0, map_mm[0]):.0f} x {max(0.0, map_mm[1]):.0f} mm beside the title, legend, "
        f"{'table and credits' if table else 'and credits'}; "
        f"it needs at least {MIN_MAP_MM} mm each way; fix: {', or '.join(fixes)}"
    )
    raise FigureSizeError(msg)


def map_inches(layout: Panels, width_in: float, height_in: float) -> tuple[float, float]:
    """The map panel's width and height in inches, on a page ``width_in`` x ``height_in``.

    Parameters
    ----------
    layout : Panels
        The page's panels.
    width_in, height_in : float
        The page's size in inches.

    Returns
    -------
    (float, float)
        The map's width and height in inches.
    """
    return layout.map[2] * width_in, layout.map[3] * height_in


def least_height(lay_out: Callable[[float], Panels], width_in: float, height_in: float) -> float | None:
    """The least page height (inches, in whole mm) that leaves the map room, if one up to 2 m does.

    Parameters
    ----------
    lay_out : callable
        Lays out the page for a height in inches (the width fixed).
    width_in, height_in : float
        The page's size in inches.

    Returns
    -------
    float or None
        The height in inches; None when even 2 m leave the map no room.
    """
    for height_mm in range(math.ceil(height_in * 25.4), PAGE_MM[1] + 1):
        height = height_mm / 25.4
        if min(map_inches(lay_out(height), width_in, height)) * 25.4 >= MIN_MAP_MM:
            return height
    return None
