"""Spatial claims in a sentence: containment, the two banks, adjacency and composition.

Each phrase is mapped to a claim test of :mod:`geo.claim_tests`, with the places around it: the
place before the phrase is the subject, the first after it the container, neighbour or part. The
claim comes out as a ``claims.json`` entry (:class:`Found` ``.entry``), checked by the same code.

>>> [(p.test, p.words) for p in find_phrases("河套香港園區位於北部都會區，毗鄰深圳。")]
[('within', '位於'), ('adjacent', '毗鄰')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: The phrases of each claim test, English, Traditional and Simplified Chinese.
PHRASES: dict[str, str] = {
    "within": (
        r"\b(?:is|are|was|were)\s+(?:located|situated|sited)\s+(?:in|within)\b|\blocated\s+(?:in|within)\b"
        r"|\blies?\s+(?:with)?in\b|\bsits?\s+(?:with)?in\b|\bis\s+(?:a\s+)?part\s+of\b|\bis\s+within\b"
        r"|位于|位於|属于|屬於|地处|地處|坐落于|坐落於|座落於|地處於"
    ),
    "adjacent": (
        r"\badjacent\s+to\b|\bnext\s+to\b|\bborders\b|\bbordering\b|\bbeside\b|\bneighbou?ring\b|\babuts\b"
        r"|毗邻|毗鄰|紧邻|緊鄰|相邻|相鄰|接壤|紧贴|緊貼"
    ),
    "opposite_sides": (
        r"\bacross\s+the\s+(?:[A-Z][a-z]+\s+)?[Rr]iver\s+from\b|\bfaces?\b[^.;]{0,80}?\bacross\s+the\b"
        r"|\bon\s+(?:opposite|either|both|the\s+two)\s+(?:banks|sides?)\s+of\b|\bone\s+river,?\s+two\s+banks\b"
        r"|隔(?:深圳)?河相望|隔河|一河两岸|一河兩岸|分处[^。；]{0,8}两岸|分處[^。；]{0,8}兩岸"
    ),
    "total_area": (
        r"\bconsists?\s+of\b|\bcomprises?\b|\bis\s+made\s+up\s+of\b"
        r"|由[^。；]{0,40}?(?:组成|組成|构成|構成)|包括"
    ),
}
_PHRASE_RE = re.compile("|".join(f"(?P<{test}>{p})" for test, p in PHRASES.items()))


@dataclass(frozen=True)
class Phrase:
    """A claim phrase in a text: its test, its words and where they are."""

    test: str
    words: str
    start: int
    end: int


def find_phrases(text: str, start: int = 0, end: int | None = None) -> Iterator[Phrase]:
    """The claim phrases of ``text[start:end]``, in order (offsets into ``text``).

    Parameters
    ----------
    text : str
        The text, made by :func:`~geo.article.text.matching_text`.
    start, end : int, optional
        The span searched (character offsets; ``end`` None for the end of the text).

    Yields
    ------
    Phrase
        Each claim phrase found, its offsets into ``text``.
    """
    for match in _PHRASE_RE.finditer(text, start, len(text) if end is None else end):
        test = match.lastgroup
        assert test is not None  # one named group always matches
        words = match.group()
        if test == "total_area" and words.startswith("由"):  # the parts are between 由 and 组成
            yield Phrase(test, words, match.start(), match.start() + 1)
        else:
            yield Phrase(test, words, match.start(), match.end())
