"""What a figure was made from (its view, size, dpi, language), kept beside it, and the figure's class."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from matplotlib.figure import Figure

from geo.figure.options import Size
from geo.figure.output import figure_bytes
from geo.figure.projection import View

__all__ = ["LAYOUT_DPI", "AtlasFigure", "FigureInfo", "figure_info", "remember"]

#: Dots per inch the page is laid out at (text measured, labels placed); PNGs are saved at their own dpi.
LAYOUT_DPI = 100


@dataclass(frozen=True)
class FigureInfo:
    """What a figure was made from: its view (and so its projection), size, PNG dpi and language."""

    view: View
    size: Size
    dpi: int
    lang: str


_INFO: weakref.WeakKeyDictionary[Figure, FigureInfo] = weakref.WeakKeyDictionary()


class AtlasFigure(Figure):
    """A matplotlib ``Figure`` that Jupyter shows as an image even when pyplot's inline backend is off."""

    def _repr_png_(self) -> bytes:
        return figure_bytes(self, "png", dpi=LAYOUT_DPI)


def remember(figure: Figure, info: FigureInfo) -> None:
    """Keep what a figure was made from, for :func:`figure_info` (forgotten with the figure).

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure just made.
    info : FigureInfo
        Its view, size, dpi and language.
    """
    _INFO[figure] = info


def figure_info(figure: Figure) -> FigureInfo:
    """The :class:`FigureInfo` of a figure made by :func:`make_figure` (a ``KeyError`` for another).

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure made by :func:`make_figure`.

    Returns
    -------
    FigureInfo
        Its view, size, dpi and language.
    """
    return _INFO[figure]
