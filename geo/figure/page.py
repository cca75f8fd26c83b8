"""The page around the map: a table beneath it, and the title and footer texts."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from geo.figure.layout.panels import Fonts, Panels

#: A table as the page draws it: its header, and its rows of cells.
Grid = tuple[Sequence[str], Sequence[Sequence[str]]]


def draw_table(
    fig: Figure,
    rect: tuple[float, float, float, float],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    fonts: Fonts,
    gid: str = "area-table",
) -> None:
    """A table of text beneath the map (the area checks as ``gba-atlas check`` prints them, say).

    Parameters
    ----------
    fig : Figure
        The page.
    rect : tuple of 4 floats
        ``(left, bottom, width, height)`` in figure fractions.
    header, rows : sequences of str
        The column names, and the cells row by row.
    fonts : Fonts
        The page's font sizes (the table is set in ``fonts.small``).
    gid : str
        The table's id in an SVG.
    """
    ax = fig.add_axes(rect, gid=gid)
    ax.set_axis_off()
    table = ax.table(
        cellText=[list(row) for row in rows], colLabels=list(header), loc="upper center",
        cellLoc="left", colLoc="left",
    )  # fmt: skip
    table.auto_set_font_size(False)
    table.set_fontsize(fonts.small)
    table.auto_set_column_width(list(range(len(rows[0]) if rows else 0)))
    for (row, _), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        cell.set_edgecolor("#999999")
        cell.set_height(1 / (len(rows) + 1))
        if row == 0:
            cell.set_text_props(fontweight="bold")


def draw_page_texts(fig: Figure, layout: Panels, fonts: Fonts) -> None:
    """The title on top and the footer (source, credits, projection) at the bottom, left-aligned.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    layout : Panels
        The page's panels and wrapped texts.
    fonts : Fonts
        The sizes of the texts.
    """
    fig.text(0.015, layout.title_top, "\n".join(layout.title_lines), ha="left", va="top",
             fontsize=fonts.title, fontweight="bold", gid="title", linespacing=1.2)  # fmt: skip
    fig.text(0.015, layout.footer_top, "\n".join(layout.footer_lines), ha="left", va="top",
             fontsize=fonts.small, color="#333333", gid="credits", linespacing=1.25)  # fmt: skip
