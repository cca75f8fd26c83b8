"""An article's front matter (title, source, url, date): the source of the claims written from it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

_FRONT = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)


def front_matter(text: str) -> dict[str, str]:
    """The article's front matter (title, source, url, date), or its first line as the title.

    Parameters
    ----------
    text : str
        The article's text.

    Returns
    -------
    dict of str to str
        The front matter's fields; without front matter, ``title`` (the first line).

    Examples
    --------
    >>> front_matter("---\\ntitle: Two parks\\ndate: 2025-01-02\\n---\\nText.")
    {'title': 'Two parks', 'date': '2025-01-02'}
    >>> front_matter("Two parks\\n\\nText.")
    {'title': 'Two parks'}
    """
    match = _FRONT.match(text)
    meta: dict[str, str] = {}
    if match:
        for line in match["body"].splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in ("title", "source", "url", "date") and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
    else:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        meta["title"] = first[:160]
    return meta


def cited_source(meta: Mapping[str, str]) -> dict[str, Any]:
    """A claim's source from the front matter: reviewable defaults where the article says nothing.

    Parameters
    ----------
    meta : mapping of str to str
        The front matter (:func:`front_matter`).

    Returns
    -------
    dict
        A claims file's ``source``: issuer, title, date and url.
    """
    date = meta.get("date", "")
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", date):
        date = datetime.date.today().isoformat()
    url = meta.get("url")
    return {
        "title": " ".join(meta.get("title", "").split())[:160] or "the article",
        "issuer": meta.get("source") or "the article (check the issuer)",
        "date": date,
        "url": url if url and re.match(r"^https?://\S+$", url) else None,
    }
