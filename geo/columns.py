"""Text in columns on a terminal: display widths (East Asian characters take two), wrapping, tables.

>>> fit_widths([30, 4, 50], available=60, minimum=[5, 2, 6])
[28, 4, 28]
>>> wrap_cell("one river, two banks", 9)
['one', 'river,', 'two banks']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from geo.text_safety import terminal_text


def display_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: East Asian wide and full-width characters take two.

    Parameters
    ----------
    text : str
        The text, on one line.

    Returns
    -------
    int
        Its width in terminal columns.

    Examples
    --------
    >>> display_width("面积0.87平方公里"), display_width("87-hectare")
    (16, 10)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit_widths(widths: Sequence[int], *, available: int, minimum: Sequence[int]) -> list[int]:
    """Column widths that add up to at most ``available``: the widest column gives way first.

    No column goes below its ``minimum``; when even the minimums do not fit, they are returned.

    Parameters
    ----------
    widths : sequence of int
        Each column's natural width, in terminal columns.
    available : int
        The columns available for them all (the gaps between them left out).
    minimum : sequence of int
        Each column's least width.

    Returns
    -------
    list of int
        Each column's width.

    Examples
    --------
    >>> fit_widths([10, 4], available=10, minimum=[4, 4])
    [6, 4]
    """
    fitted = list(widths)
    while sum(fitted) > available:
        shrinkable = [i for i, w in enumerate(fitted) if w > minimum[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: fitted[i])
        fitted[widest] -= 1
    return fitted


def wrap_cell(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display columns, broken at spaces, or inside a long word.

    Parameters
    ----------
    text : str
        The cell's text, on one line.
    width : int
        The column's width, in terminal columns.

    Returns
    -------
    list of str
        The lines, at least one.

    Examples
    --------
    >>> wrap_cell("河套深港科技創新合作區", 8)
    ['河套深港', '科技創新', '合作區']
    """
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if display_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while display_width(word) > width:
            cut = _prefix(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _prefix(word: str, width: int) -> int:
    """The length of ``word``'s longest prefix that fits ``width`` columns (at least one character)."""
    used = 0
    for index, char in enumerate(word):
        used += display_width(char)
        if used > width:
            return max(index, 1)
    return len(word)


def table_lines(
    header: Sequence[str], cells: Sequence[Sequence[str]], *, width: int | None = None
) -> list[str]:
    """The header and rows as aligned columns, every cell escaped (:func:`terminal_text`).

    With ``width`` (terminal columns), the widest columns give way and their cells wrap onto
    further lines, so that no line is longer (unless even the narrowest columns are).

    Parameters
    ----------
    header : sequence of str
        The columns' names.
    cells : sequence of sequence of str
        The rows' cells, as many as the header's.
    width : int, optional
        The longest line allowed, in terminal columns; None for no limit.

    Returns
    -------
    list of str
        The lines, the header's first, trailing spaces removed.
    """
    rows = [[terminal_text(c) for c in row] for row in [header, *cells]]
    widths = _column_widths(rows, width)
    return [line for row in rows for line in _row_lines(row, widths)]


def _column_widths(rows: list[list[str]], width: int | None) -> list[int]:
    """Each column's width (terminal columns): its widest cell's, narrowed to fit in ``width`` if given."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is None:
        return widths
    gaps = 2 * (len(widths) - 1)
    minimum = [min(w, max(6, display_width(rows[0][i]))) for i, w in enumerate(widths)]
    return fit_widths(widths, available=width - gaps, minimum=minimum)


def _row_lines(row: list[str], widths: list[int]) -> list[str]:
    """One row's lines: its cells wrapped to their columns' widths, padded, two spaces apart."""
    wrapped = [wrap_cell(c, w) for c, w in zip(row, widths, strict=True)]
    lines = []
    for depth in range(max(len(cell) for cell in wrapped)):
        parts = [cell[depth] if depth < len(cell) else "" for cell in wrapped]
        cells_text = (p + " " * (w - display_width(p)) for p, w in zip(parts, widths, strict=True))
        lines.append("  ".join(cells_text).rstrip())
    return lines
