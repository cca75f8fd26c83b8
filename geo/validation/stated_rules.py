"""The rules of a stated figure: masks over one table of figures, message templates for the refused.

Every feature's ``stated`` list (and a claim's ``stated`` parameter) is flattened into
one table of figures (:class:`geo.validation.figures.Figures`, each member a column;
:class:`StatedColumn` keeps each figure's row and its place in the row's list). Each
rule of :data:`FIGURE_RULES` is a mask over that table, numbers judged with numpy, and
the figure's source is judged by :data:`geo.validation.sources.SOURCE_RULES` over the
column of sources. Only a refused figure's words are found, figure by figure, in rule
order (:func:`figure_words`). The claims judge their ``stated`` parameter with the same
rules (:func:`validate_stated`, a one-figure table).

Per value: what :mod:`geo.validation.figures` says, the closest known key to an unknown
one (difflib, for the words only), and the hectares a refused figure's value is (Python's
own arithmetic, so the words show what they showed).
"""

from __future__ import annotations

import difflib
import functools
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from geo.units import HECTARES_PER_UNIT
from geo.validation.figures import KNOWN_KEYS, STATED_KEYS, Figures
from geo.validation.geometry import ProblemSink
from geo.validation.rule import TableRule, Values, rule_words
from geo.validation.sources import SOURCE_RULES

#: The smallest stated figure, in hectares (0.01 m²): a deviation from anything smaller overflows.
MIN_HECTARES = 1e-6

#: The largest stated figure, in hectares: the surface of the Earth, 510 million km².
MAX_HECTARES = 5.1e10


def _member(*keys: str) -> Any:
    """Details giving each of ``keys`` the figure's member of that name."""
    return lambda figures, row: [{key: figures.column(key).values[row] for key in keys}]


def _missing_text(key: str) -> TableRule[Figures]:
    return TableRule(
        key,
        lambda figures: figures.column(key).no_text(),
        "{key} is missing or empty",
        "add {key}: text",
        lambda figures, row: [{"key": key}],
    )


def _not_positive(key: str) -> TableRule[Figures]:
    return TableRule(
        key,
        lambda figures: ~figures.column(key).positive(),
        "{key} must be a positive number, not {number!r}",
        "write {key} as a number > 0",
        lambda figures, row: [{"key": key, "number": figures.column(key).values[row]}],
    )


def _unknown_keys(figures: Figures, row: int) -> list[Values]:
    unknown = [key for key in figures.values[row] if key not in KNOWN_KEYS]
    return [{"key": key, "advice": _known_key_fix(str(key))} for key in unknown]


@functools.lru_cache(maxsize=1024)
def _known_key_fix(key: str) -> str:
    """The fix for an unknown key of a stated figure: the key it is closest to, else the list.

    >>> _known_key_fix("tolerance"), _known_key_fix("zzz")[:30]
    ("did you mean 'tolerance_pct'?", 'remove it; a stated figure has')
    """
    close = difflib.get_close_matches(key, STATED_KEYS, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"remove it; a stated figure has {', '.join(STATED_KEYS)}"


def _expected(figures: Figures, row: int) -> list[Values]:
    value, unit = (figures.column(key).values[row] for key in ("value", "unit"))
    hectares = figures.column("hectares").values[row]
    return [{"hectares": hectares, "value": value, "unit": unit, "expected": value * HECTARES_PER_UNIT[unit]}]


def _hectares(figures: Figures) -> np.ndarray:
    return np.where(figures.amounts, figures.column("hectares").numbers, np.nan)


def _bad_tolerance(figures: Figures) -> np.ndarray:
    column = figures.column("tolerance_pct")
    return ~(column.positive() & (column.numbers <= 50))


_CHECK = "check the figure and its unit"

#: The rules of a stated figure, in the order a figure's messages are given; the first is the gate.
FIGURE_RULES: tuple[TableRule[Figures], ...] = (
    TableRule(
        "object",
        lambda figures: ~figures.objects,
        "is not an object",
        "write each stated figure as an object with value, unit, ...",
        lambda figures, row: [{}],
    ),
    TableRule("keys", lambda figures: figures.unknown_keys, "unknown key {key!r}", "{advice}", _unknown_keys),
    _missing_text("as_stated"),
    _missing_text("rationale"),
    _not_positive("value"),
    _not_positive("hectares"),
    TableRule(
        "unit",
        lambda figures: ~figures.known_unit,
        f"unit {{unit!r}} is not one of {', '.join(HECTARES_PER_UNIT)}",
        "use ha, km² or m²",
        _member("unit"),
    ),
    TableRule(
        "too_small",
        lambda figures: _hectares(figures) < MIN_HECTARES,
        f"hectares {{hectares:g}} is below {MIN_HECTARES:g} ha (0.01 m²), too small to check against",
        _CHECK,
        _member("hectares"),
    ),
    TableRule(
        "too_large",
        lambda figures: _hectares(figures) > MAX_HECTARES,
        f"hectares {{hectares:g}} is more than the surface of the Earth ({MAX_HECTARES:g} ha)",
        _CHECK,
        _member("hectares"),
    ),
    TableRule(
        "match",
        Figures.mismatched,
        "hectares {hectares} does not match {value} {unit} (= {expected:g} ha)",
        "correct one of them",
        _expected,
    ),
    TableRule(
        "about",
        lambda figures: ~figures.column("about").instances(bool),
        "about must be true or false",
        'write "about": true for "about"/"approximately" figures',
        lambda figures, row: [{}],
    ),
    TableRule(
        "tolerance",
        _bad_tolerance,
        "tolerance_pct must be a number in (0, 50], not {tolerance!r}",
        "state the allowed deviation in %",
        lambda figures, row: [{"tolerance": figures.column("tolerance_pct").values[row]}],
    ),
)


def figure_words(figures: Sequence[Any]) -> list[list[tuple[str, str]]]:
    """Each figure's problems in words: :data:`FIGURE_RULES`, then its source's :data:`SOURCE_RULES`.

    Parameters
    ----------
    figures : sequence
        The decoded figures.

    Returns
    -------
    list of list of (what, fix)
        One list a figure; empty when the figure is well-formed.
    """
    table = Figures(figures)
    own = rule_words(FIGURE_RULES, table, len(table))
    theirs = rule_words(SOURCE_RULES, table.sources, len(table))
    return [
        mine + (source if ok else [])
        for mine, source, ok in zip(own, theirs, table.objects.tolist(), strict=True)
    ]


def stated_words(stated: list[Any]) -> list[tuple[str, str]]:
    """The problems of a list of stated figures, each prefixed with its place: ``stated[1]: ...``.

    Parameters
    ----------
    stated : list
        A feature's decoded ``stated`` member.

    Returns
    -------
    list of (what, fix)
        Empty when every figure is well-formed.
    """
    return [
        (f"stated[{n}]: {what}", fix) for n, words in enumerate(figure_words(stated)) for what, fix in words
    ]


def validate_stated(figure: Any, report: ProblemSink) -> None:
    """Check one stated figure (see the README for its fields): a one-row :func:`figure_words`.

    Parameters
    ----------
    figure : object
        The decoded figure: an object with as_stated, value, unit, hectares, about,
        tolerance_pct (percent), rationale and source.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    for what, fix in figure_words([figure])[0]:
        report(what, fix)


class StatedColumn:
    """Every row's ``stated`` list flattened into one table of figures, with each row's words.

    Parameters
    ----------
    lists : sequence of list
        Each row's stated figures (an empty list for a row without).
    """

    def __init__(self, lists: Sequence[list[Any]]) -> None:
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        self.owner = np.repeat(np.arange(len(lists)), lengths)
        self.words = figure_words(list(itertools.chain.from_iterable(lists)))
        self.starts = np.concatenate([[0], np.cumsum(lengths)])

    def refused(self) -> np.ndarray:
        """True for each row with a figure any rule refuses.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        bad = np.fromiter(map(bool, self.words), dtype=bool, count=len(self.words))
        return np.bincount(self.owner[bad], minlength=len(self.starts) - 1) > 0

    def row_words(self, row: int) -> list[tuple[int, str, str]]:
        """A row's problems, each with its figure's place in the row's list.

        Parameters
        ----------
        row : int
            The row.

        Returns
        -------
        list of (int, what, fix)
            In the figures' order.
        """
        start, stop = self.starts[row : row + 2].tolist()
        return [(n, w, f) for n in range(stop - start) for w, f in self.words[start + n]]
