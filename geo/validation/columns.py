"""A column of decoded values judged at once: their types, their texts' characters, their numbers.

The rules' masks are built from these (:mod:`geo.validation.property_rules`,
:mod:`geo.validation.stated_rules`, :mod:`geo.validation.sources`):

- **types**: each value's type is found once (``map(type, ...)``); a question about
  types (a string? a number, not true/false?) is asked once for each distinct type and
  spread over the column with numpy's comparisons;
- **texts**: every text of the column is one array of code points (UTF-32, lone
  surrogates kept); a question about characters (whitespace? a Chinese ideograph, by
  :data:`geo.i18n.scripts.HAN`?) is asked once for each distinct character, and each
  text's answer is a count over its code points (a blank text holds no character but
  whitespace, as :meth:`str.strip` sees it);
- **numbers**: the int and float values as one float64 array (NaN for the rest), for
  finiteness and ranges.

Still per value: finding each value's type and length (``map(type, ...)``,
``map(len, ...)``: no array holds Python objects' types), and a regular expression's
match of a text (an id's snake_case, a date, a URL: numpy has no regular expressions).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from typing import Any

import numpy as np

#: A text's first character (none of an empty text).
_FIRST = operator.itemgetter(slice(0, 1))

#: One past the largest code point.
_CODE_POINTS = 0x110000


class ValueColumn:
    """The values of one member, one a row (None where a row has none), with masks over them.

    Parameters
    ----------
    values : sequence
        The decoded values.
    kind : type, optional
        Every value's type, when the reader knows it (an Arrow column without nulls).

    Examples
    --------
    >>> column = ValueColumn(["a", " ", 3, None, True, float("nan")])
    >>> column.instances(str).tolist(), column.blank_texts().tolist()
    ([True, True, False, False, False, False], [False, True, False, False, False, False])
    >>> column.positive().tolist()
    [False, False, True, False, False, False]
    """

    def __init__(self, values: Sequence[Any], *, kind: type | None = None) -> None:
        self.values = values
        self.kind = kind

    def __len__(self) -> int:
        return len(self.values)

    def take(self, rows: np.ndarray) -> list[Any]:
        """The values at ``rows`` (every value, when ``rows`` is every row).

        Parameters
        ----------
        rows : numpy.ndarray of int
            Row indices, increasing.

        Returns
        -------
        list
            Those values.
        """
        if len(rows) == len(self.values):
            return list(self.values)
        return [self.values[i] for i in rows.tolist()]

    @cached_property
    def types(self) -> np.ndarray:
        """Each value's type (an object array)."""
        return np.fromiter(self._type_list, dtype=object, count=len(self.values))

    @cached_property
    def _type_list(self) -> list[type]:
        return list(map(type, self.values))

    @cached_property
    def _kinds(self) -> set[type]:
        """The distinct types."""
        return {self.kind} if self.kind is not None else set(self._type_list)

    def where_type(self, test: Callable[[type], bool]) -> np.ndarray:
        """True for each value whose type passes ``test`` (asked once a distinct type).

        Parameters
        ----------
        test : callable
            Called with a type.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        if len(self._kinds) == 1:  # one type (the usual column): no comparison needed
            return np.full(len(self.values), test(next(iter(self._kinds))), dtype=bool)
        mask = np.zeros(len(self.values), dtype=bool)
        for kind in self._kinds:
            if test(kind):  # the type boxed: numpy would read a bare np.float64 as a dtype
                mask |= self.types == np.array(kind, dtype=object)
        return mask

    def instances(self, *classes: type) -> np.ndarray:
        """True for each value that is an instance of one of ``classes`` (as :func:`isinstance`).

        Parameters
        ----------
        *classes : type
            The classes.

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        return self.where_type(lambda kind: issubclass(kind, classes))

    @cached_property
    def missing(self) -> np.ndarray:
        """True for each None."""
        return self.where_type(lambda kind: kind is type(None))

    @cached_property
    def texts(self) -> np.ndarray:
        """True for each text (an instance of str)."""
        return self.instances(str)

    @cached_property
    def numbers(self) -> np.ndarray:
        """Each int or float value (not true/false) as float64; NaN for the rest, inf past a float's range."""
        is_number = self.where_type(lambda kind: issubclass(kind, int | float) and not issubclass(kind, bool))
        found = np.full(len(self.values), np.nan)
        rows = np.flatnonzero(is_number)
        chosen = self.take(rows)
        try:
            found[rows] = np.fromiter(chosen, dtype=np.float64, count=len(chosen))
        except OverflowError:  # an int past a float's range: as JSON's 1e400 reads, infinite
            found[rows] = [_as_float(v) for v in chosen]
        return found

    def positive(self) -> np.ndarray:
        """True for each finite number > 0 (an int or float, not true/false).

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        numbers = self.numbers
        return np.asarray(np.isfinite(numbers) & (numbers > 0), dtype=bool)

    @cached_property
    def _texts(self) -> tuple[np.ndarray, list[str], np.ndarray]:
        """The texts' rows, the texts, and their lengths in characters."""
        rows = np.flatnonzero(self.texts)
        texts = self.take(rows)
        return rows, texts, np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))

    def lengths(self) -> np.ndarray:
        """Each text's length in characters (code points); -1 where the value is no text.

        Returns
        -------
        numpy.ndarray of int
            One value a row.
        """
        rows, _, lengths = self._texts
        found = np.full(len(self.values), -1, dtype=np.int64)
        found[rows] = lengths
        return found

    def texts_with(self, test: Callable[[str], bool], *, every: bool = False) -> np.ndarray:
        """True for each text holding a character that passes ``test`` (asked once a distinct character).

        Parameters
        ----------
        test : callable
            Called with a one-character string.
        every : bool
            Instead: True for each text whose every character passes (an empty text too).

        Returns
        -------
        numpy.ndarray of bool
            One value a row; False where the value is no text.
        """
        rows, texts, lengths = self._texts
        held = np.full(len(rows), every)
        points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if len(points):
            passing = _characters_passing(points, test)
            given = np.flatnonzero(lengths)
            starts = (np.cumsum(lengths) - lengths)[given]
            held[given] = (np.logical_and if every else np.logical_or).reduceat(passing, starts)
        found = np.zeros(len(self.values), dtype=bool)
        found[rows] = held
        return found

    def blank_texts(self) -> np.ndarray:
        """True for each text that is empty or whitespace only (``not text.strip()``).

        Returns
        -------
        numpy.ndarray of bool
            One value a row; False where the value is no text.
        """
        rows, texts, lengths = self._texts
        firsts = "".join(map(_FIRST, texts)).encode("utf-32-le", "surrogatepass")
        spaced = lengths == 0
        spaced[lengths > 0] = _characters_passing(np.frombuffer(firsts, dtype=np.uint32), str.isspace)
        found = np.zeros(len(self.values), dtype=bool)
        rows = rows[spaced]  # only a text that starts with whitespace can be blank: those read whole
        found[rows] = ValueColumn(self.take(rows)).texts_with(str.isspace, every=True)
        return found

    def no_text(self) -> np.ndarray:
        """True for each value that is no text, or a blank one (missing or empty, as the messages say).

        Returns
        -------
        numpy.ndarray of bool
            One value a row.
        """
        return np.asarray(~self.texts | self.blank_texts(), dtype=bool)

    def texts_matching(self, pattern: re.Pattern[str]) -> np.ndarray:
        """True for each text holding a character ``pattern`` matches (a one-character pattern, e.g. HAN).

        Parameters
        ----------
        pattern : re.Pattern
            A pattern matching one character (a class such as ``[\\u4e00-\\u9fff]``).

        Returns
        -------
        numpy.ndarray of bool
            One value a row; False where the value is no text.
        """
        return self.texts_with(_matcher(pattern))

    def texts_in(self, choices: Sequence[str]) -> np.ndarray:
        """True for each text that is one of ``choices``.

        Parameters
        ----------
        choices : sequence of str
            The allowed texts.

        Returns
        -------
        numpy.ndarray of bool
            One value a row; False where the value is no text.
        """
        found = np.zeros(len(self.values), dtype=bool)
        rows = np.flatnonzero(self.texts)
        texts = np.fromiter((self.values[i] for i in rows.tolist()), dtype=object, count=len(rows))
        found[rows] = np.isin(texts, np.array(list(choices), dtype=object))
        return found


@cache
def _matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda character: pattern.match(character) is not None


def _characters_passing(points: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """For each code point, whether its character passes ``test`` (asked once a distinct character)."""
    if len(points) < _CODE_POINTS // 16:
        present, where = np.unique(points, return_inverse=True)
        return _answers(present, test)[where]
    table = np.zeros(_CODE_POINTS, dtype=bool)  # counting every code point is quicker than sorting these
    present = np.flatnonzero(np.bincount(points, minlength=_CODE_POINTS))
    table[present] = _answers(present, test)
    return np.asarray(table[points], dtype=bool)


def _answers(present: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    return np.fromiter(map(test, map(chr, present.tolist())), dtype=bool, count=len(present))


def _as_float(value: int | float) -> float:
    """``value`` as a float; an int past a float's range as infinity of its sign."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")
