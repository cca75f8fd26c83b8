"""The page's panels: title on top, the map with its legend beside it, the table, the credits below.

Heights are worked out in inches from the font sizes and the number of lines, so
every size (a print figure, a web column, a social card) gets the same order.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from geo.figure.fonts import needs_cjk

__all__ = ["Fonts", "Panels", "panels", "wrap"]

Rect = tuple[float, float, float, float]
_MARGIN_IN = 0.1
_LINE = 1.3  # line height, in font sizes


@dataclass(frozen=True)
class Fonts:
    """Font sizes (points) for a figure ``width_in`` x ``height_in`` inches, scaled from 180 x 120 mm."""

    title: float
    text: float
    small: float

    @classmethod
    def for_size(cls, width_in: float, height_in: float) -> Fonts:
        """Sizes scaled with the figure, between 0.75 and 1.3 times those of 180 x 120 mm.

        Parameters
        ----------
        width_in, height_in : float
            The page's size in inches.

        Returns
        -------
        Fonts
            The title, text and small sizes in points.

        Examples
        --------
        >>> Fonts.for_size(180 / 25.4, 120 / 25.4)
        Fonts(title=11.0, text=7.0, small=6.0)
        """
        scale = max(0.75, min(1.3, width_in / (180 / 25.4), height_in / (120 / 25.4)))
        return cls(round(11 * scale, 2), round(7 * scale, 2), round(6 * scale, 2))


@dataclass(frozen=True)
class Panels:
    """Rectangles ``(left, bottom, width, height)`` in figure fractions, and the wrapped texts."""

    map: Rect
    legend: Rect
    table: Rect | None
    title_lines: list[str]
    footer_lines: list[str]
    title_top: float
    footer_top: float


def wrap(text: str, width_in: float, fontsize: float) -> list[str]:
    """Lines of ``text`` that fit ``width_in`` inches at ``fontsize`` (estimated per character).

    Parameters
    ----------
    text : str
        The text.
    width_in : float
        The width available, in inches.
    fontsize : float
        The text's size in points.

    Returns
    -------
    list of str
        The lines, words kept whole.

    Examples
    --------
    >>> wrap("one two three four", 0.7, 10)
    ['one two', 'three', 'four']
    """
    wide = sum(1 for char in text if needs_cjk([char]))
    per_char = fontsize / 72 * (wide * 1.0 + (len(text) - wide) * 0.55) / max(1, len(text))
    return textwrap.wrap(text, max(4, int(width_in / per_char))) or [""]


def panels(
    width_in: float, height_in: float, *, fonts: Fonts, title: str, footer: list[str], table_rows: int
) -> Panels:
    """Lay out the page (see the module docstring); ``table_rows`` 0 for no table.

    Parameters
    ----------
    width_in, height_in : float
        The page's size in inches.
    fonts : Fonts
        The sizes of the texts.
    title : str
        The title, wrapped to the page.
    footer : list of str
        The footer's paragraphs, each wrapped.
    table_rows : int
        The rows of the table beneath the map; 0 for no table.

    Returns
    -------
    Panels
        The rectangles of the map, legend and table, in figure fractions, and the wrapped texts.
    """
    inner = width_in - 2 * _MARGIN_IN
    title_lines = wrap(title, inner, fonts.title)
    footer_lines = [line for text in footer for line in wrap(text, inner, fonts.small)]
    title_h = len(title_lines) * fonts.title * _LINE / 72 + _MARGIN_IN
    footer_h = len(footer_lines) * fonts.small * _LINE / 72 + _MARGIN_IN
    table_h = (table_rows + 1) * fonts.small * 1.9 / 72 + _MARGIN_IN if table_rows else 0.0
    map_h = height_in - 2 * _MARGIN_IN - title_h - footer_h - table_h
    legend_w = min(0.3 * inner, 2.2)
    map_w = inner - legend_w - _MARGIN_IN
    fx, fy = 1 / width_in, 1 / height_in
    map_bottom = _MARGIN_IN + footer_h + table_h
    table = (_MARGIN_IN * fx, (_MARGIN_IN + footer_h) * fy, inner * fx, (table_h - _MARGIN_IN) * fy)
    return Panels(
        map=(_MARGIN_IN * fx, map_bottom * fy, map_w * fx, map_h * fy),
        legend=((width_in - _MARGIN_IN - legend_w) * fx, map_bottom * fy, legend_w * fx, map_h * fy),
        table=table if table_rows else None,
        title_lines=title_lines,
        footer_lines=footer_lines,
        title_top=1 - _MARGIN_IN * fy,
        footer_top=(_MARGIN_IN + footer_h - _MARGIN_IN / 2) * fy,
    )
