"""Validating a source: who said a figure or a claim, when, and where to read it.

Each validator calls ``report(what, fix)`` once per problem and never raises.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from geo.validation.geometry import ProblemSink

#: Dates in sources: a year, a month or a day (ASCII digits; checked as a calendar date too).
DATE_PATTERN = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


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
    if not isinstance(date, str) or not DATE_PATTERN.fullmatch(date):
        report(f"source date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", "write the date as 2023-08-29")
        return
    year, _, rest = date.partition("-")
    month = rest[:2]
    wrong = "year 0000" if int(year) < 1 else f"month {month}" if month and not 1 <= int(month) <= 12 else ""
    if wrong:
        report(
            f"source date {date!r} is not a real date: there is no {wrong}", "write the date as 2023-08-29"
        )
        return
    if len(date) == 10:
        try:
            datetime.date.fromisoformat(date)
        except ValueError as exc:
            report(
                f"source date {date!r} is not a real calendar date ({exc})", "write the date as 2023-08-29"
            )


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
    if not isinstance(source, dict):
        report("has no source", 'add "source": {"title": ..., "issuer": ..., "date": ..., "url": ...}')
        return
    for key in ("title", "issuer"):
        if not isinstance(source.get(key), str) or not source[key].strip():
            report(f"source {key} is missing or empty", f"add the source's {key}")
    validate_date(source.get("date"), report)
    url = source.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://[^\s]+$", url)):
        report(f"source url {url!r} is not an http(s) URL", "give an http(s) URL, or null when there is none")
