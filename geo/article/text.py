"""An article's text prepared for matching, and its sentences.

:func:`matching_text` makes full-width digits ASCII and hyphen-like dashes ``-``, one character for
one, so every offset found in it is an offset into the article as decoded.

>>> matching_text("８７–hectare Shenzhen’s")
"87-hectare Shenzhen's"
>>> [s for s in sentences("It is 87 ha. The zone, Dec. 22, is 3.89 km². 它位于北部都会区。好")]
[(0, 12), (13, 44), (45, 54), (54, 55)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from geo.article.numerals import FULL_WIDTH

_SAME_LENGTH = str.maketrans("\u2010\u2011\u2012\u2013\u2212\u2019\u00a0", "-----' ")

#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|no|nos|mr|mrs|ms|dr|st|vs|etc|approx|sq|e\\.g|i\\.e|u\\.s|"
    "govt|dept|prof|gen|sen|rep|fig|vol|pp|co|inc|ltd"
)
_ABBREVIATION = re.compile(rf"(?:^|[^A-Za-z.])(?:{_ABBREVIATIONS})$", re.IGNORECASE)
_END = re.compile(
    r"[。！？!?；;][」』”\"')）]*|(?<![0-9])\.[\"”')]*(?=\s+[\"“(A-Z0-9\u4e00-\u9fff]|\s*$)|\n[ \t]*\n\s*|\n"
)


def matching_text(text: str) -> str:
    """The text with ASCII digits and ``-`` for its full-width digits and dashes, offsets unchanged.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text, of the same length, ready for the patterns that find figures and claims.
    """
    return text.translate(FULL_WIDTH).translate(_SAME_LENGTH)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of each sentence: ended by . ! ? ; 。！？; a blank line; a heading's end.

    A full stop after an abbreviation (Dec., No.) or between digits (3.89) ends nothing, nor does a
    single line break inside a paragraph (hard-wrapped text); one after a short line (a title) does.
    Leading whitespace is left out; empty sentences are not given.

    Parameters
    ----------
    text : str
        The text, made by :func:`matching_text`.

    Yields
    ------
    (int, int)
        Each sentence's start and end offsets.
    """
    start = 0
    for end in _END.finditer(text):
        if text[end.start()] == "." and _ABBREVIATION.search(text, max(0, end.start() - 8), end.start()):
            continue
        if text[end.start()] == "\n" and not _after_heading(text, start, end.start()):
            continue  # a line break inside a paragraph (hard-wrapped text) ends nothing
        yield from _trimmed(text, start, end.end())
        start = end.end()
    yield from _trimmed(text, start, len(text))


#: A line this short without a full stop, followed by a line break, is a heading (a title, a dateline).
HEADING_CHARS = 60


def _after_heading(text: str, start: int, at: int) -> bool:
    """Whether the line break at ``at`` ends a paragraph, a list item's line or a heading."""
    if "\n" in text[at + 1 : at + 2] or re.match(r"\n[ \t]*\n|\n[ \t]*(?:[#>*+-]|\d+[.)]\s)", text[at:]):
        return True
    line = text[max(start, text.rfind("\n", start, at) + 1) : at].strip()
    continued = re.match(r"\n[ \t]*[a-z(]", text[at:]) or line.endswith((",", ";", ":", "-"))
    return len(line) <= HEADING_CHARS and not continued


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        yield start, stop
