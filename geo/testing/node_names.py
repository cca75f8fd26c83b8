"""The names of the pytest plugin's items: a stated figure's text as a name, unique among its siblings."""

from __future__ import annotations

import re


def slug(text: str) -> str:
    """A stated figure's text as an item name: lowercase, runs of other characters as ``-``.

    Parameters
    ----------
    text : str
        The figure's ``as_stated`` text.

    Returns
    -------
    str
        Word characters and dots kept, lowercased; ``figure`` when nothing is left.

    >>> slug("87-hectare"), slug("The Loop occupies 87 hectares of land"), slug("面积0.87平方公里")
    ('87-hectare', 'the-loop-occupies-87-hectares-of-land', '面积0.87平方公里')
    >>> slug("120.56 square km"), slug("[?]")
    ('120.56-square-km', 'figure')
    """
    return re.sub(r"[^\w.]+", "-", text.strip().lower()).strip("-.") or "figure"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``, ... when it is taken; the result is added to ``taken``.

    Parameters
    ----------
    name : str
        The name wanted.
    taken : set of str
        The names already given among the siblings; updated in place.

    Returns
    -------
    str
        A name not in ``taken`` before the call.

    >>> taken = {"87-hectare"}
    >>> unique("87-hectare", taken), unique("87-hectare", taken), unique("300-hectare", taken)
    ('87-hectare-2', '87-hectare-3', '300-hectare')
    """
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate
