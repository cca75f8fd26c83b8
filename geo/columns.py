"""Text in columns on a terminal: display widths (East Asian characters take two) and wrapping.

>>> fit_widths([30, 4, 50], available=60, minimum=[5, 2, 6])
[28, 4, 28]
>>> wrap_cell("one river, two banks", 9)
['one', 'river,', 'two banks']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


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
