"""The rules of a source (who said a figure or a claim, when, where to read it): masks over sources.

A stated figure's source, a claim's and a layer's are judged by the same rules
(:data:`SOURCE_RULES`), each a mask over every source at once (:class:`Sources`) and a
message template; only a refused source's words are found, one at a time.
:func:`validate_source` judges one source (a one-row table) and calls ``report(what, fix)``
once per problem; it never raises.

Per value: whether a date or a URL matches its regular expression (numpy has none);
a date's year, month and day are then read and checked as numbers at once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from geo.validation.columns import ValueColumn
from geo.validation.geometry import ProblemSink
from geo.validation.rule import TableRule, Values, rule_words

#: Dates in sources: a year, a month or a day (ASCII digits; checked as a calendar date too).
DATE_PATTERN = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

#: A source's URL: http(s), no whitespace.
URL_PATTERN = re.compile(r"^https?://[^\s]+$")


class Sources:
    """Sources as columns: each member of each source, and what the date rules read of the dates.

    Parameters
    ----------
    sources : sequence
        The decoded ``source`` members (an object each, when well-formed).
    """

    def __init__(self, sources: Sequence[Any]) -> None:
        self.values = sources
        self.objects = ValueColumn(sources).instances(dict)
        dicts = [s if ok else {} for s, ok in zip(sources, self.objects.tolist(), strict=True)]
        self.title, self.issuer, self.date, self.url = (
            ValueColumn([s.get(key) for s in dicts]) for key in ("title", "issuer", "date", "url")
        )

    def __len__(self) -> int:
        return len(self.values)

    @cached_property
    def date_form(self) -> np.ndarray:
        """True for each date written YYYY, YYYY-MM or YYYY-MM-DD (regular expression, per value)."""
        texts = self.date.texts
        found = np.zeros(len(self), dtype=bool)
        rows = np.flatnonzero(texts)
        dates = [self.date.values[i] for i in rows.tolist()]
        found[rows] = np.fromiter(map(bool, map(DATE_PATTERN.fullmatch, dates)), dtype=bool, count=len(rows))
        return found

    @cached_property
    def date_parts(self) -> np.ndarray:
        """Each well-formed date's year, month and day (0 where not given); zeros for the rest."""
        rows = np.flatnonzero(self.date_form)
        dates = np.array([self.date.values[i] for i in rows.tolist()], dtype="U10")
        parts = np.zeros((len(self), 3), dtype=np.int64)
        for number, (start, stop) in enumerate(((0, 4), (5, 7), (8, 10))):
            piece = np.strings.slice(dates, start, stop)
            given = np.strings.str_len(piece) > 0
            parts[rows[given], number] = piece[given].astype(np.int64)
        return parts

    @cached_property
    def unreal_date(self) -> np.ndarray:
        """True for each well-formed date of year 0000 or of a month outside 1-12."""
        year, month = self.date_parts[:, 0], self.date_parts[:, 1]
        return self.date_form & ((year < 1) | (month > 12) | (self.date_lengths >= 7) & (month < 1))

    @cached_property
    def date_lengths(self) -> np.ndarray:
        """Each date's length (-1 where it is no text)."""
        return self.date.lengths()

    def no_such_day(self) -> np.ndarray:
        """True for each real YYYY-MM-DD date whose day its month does not have.

        Returns
        -------
        numpy.ndarray of bool
            One value a source.
        """
        days = self.date_lengths == 10
        days &= self.date_form & ~self.unreal_date
        year, month, day = self.date_parts.T
        start = np.where(days, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
        length = ((start + 1).astype("datetime64[D]") - start.astype("datetime64[D]")).astype(np.int64)
        return np.asarray(days & ((day < 1) | (day > length)), dtype=bool)

    def bad_url(self) -> np.ndarray:
        """True for each URL given (not null) that is no http(s) URL (regular expression, per value).

        Returns
        -------
        numpy.ndarray of bool
            One value a source.
        """
        url = self.url
        found = np.asarray(~url.missing & ~url.texts, dtype=bool)
        rows = np.flatnonzero(url.texts)
        texts = [url.values[i] for i in rows.tolist()]
        found[rows] = np.fromiter((URL_PATTERN.match(t) is None for t in texts), dtype=bool, count=len(rows))
        return found


def _missing_text(key: str) -> TableRule[Sources]:
    def mask(sources: Sources) -> np.ndarray:
        column: ValueColumn = getattr(sources, key)
        return column.no_text()

    return TableRule(
        key, mask, "source {key} is missing or empty", "add the source's {key}", lambda s, i: [{"key": key}]
    )


def _date(sources: Sources, row: int) -> list[Values]:
    return [{"date": sources.date.values[row]}]


def _wrong(sources: Sources, row: int) -> list[Values]:
    year = sources.date_parts[row, 0]
    wrong = "year 0000" if year < 1 else f"month {sources.date.values[row][5:7]}"
    return [{"date": sources.date.values[row], "wrong": wrong}]


def _no_day(sources: Sources, row: int) -> list[Values]:
    date = sources.date.values[row]
    try:
        datetime.date.fromisoformat(date)
    except ValueError as exc:
        return [{"date": date, "error": exc}]
    return []  # pragma: no cover - the mask said the day is not in its month


_DATE_FIX = "write the date as 2023-08-29"

#: The date rules, in order: a date refused by one is judged by no later one.
DATE_RULES: tuple[TableRule[Sources], ...] = (
    TableRule(
        "date_form",
        lambda s: ~s.date_form,
        "source date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
        _DATE_FIX,
        _date,
    ),
    TableRule(
        "date_real",
        lambda s: s.unreal_date,
        "source date {date!r} is not a real date: there is no {wrong}",
        _DATE_FIX,
        _wrong,
    ),
    TableRule(
        "date_day",
        Sources.no_such_day,
        "source date {date!r} is not a real calendar date ({error})",
        _DATE_FIX,
        _no_day,
    ),
)

#: The rules of a source, in the order a source's messages are given; the first is the gate.
SOURCE_RULES: tuple[TableRule[Sources], ...] = (
    TableRule(
        "source",
        lambda s: ~s.objects,
        "has no source",
        'add "source": {{"title": ..., "issuer": ..., "date": ..., "url": ...}}',
        lambda s, i: [{}],
    ),
    _missing_text("title"),
    _missing_text("issuer"),
    *DATE_RULES,
    TableRule(
        "url",
        Sources.bad_url,
        "source url {url!r} is not an http(s) URL",
        "give an http(s) URL, or null when there is none",
        lambda s, i: [{"url": s.url.values[i]}],
    ),
)


def source_words(sources: Sequence[Any]) -> list[list[tuple[str, str]]]:
    """Each source's problems in words: :data:`SOURCE_RULES` over all of them at once.

    Parameters
    ----------
    sources : sequence
        The decoded ``source`` members.

    Returns
    -------
    list of list of (what, fix)
        One list a source, in the order of :data:`SOURCE_RULES`; empty when all is well.
    """
    return rule_words(SOURCE_RULES, Sources(sources), len(sources))


def validate_source(source: Any, report: ProblemSink) -> None:
    """Check a source: title, issuer, date (YYYY[-MM[-DD]]) and an optional http(s) url.

    Parameters
    ----------
    source : object
        The decoded ``source`` member.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    for what, fix in source_words([source])[0]:
        report(what, fix)


def validate_date(date: Any, report: ProblemSink) -> None:
    """Check a source date: YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date.

    Parameters
    ----------
    date : object
        The decoded ``date`` member of a source.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    sources = Sources([{"date": date}])
    for rule in DATE_RULES:
        if rule.mask(sources)[0]:
            for what, fix in rule.words(sources, 0):
                report(what, fix)
            return
