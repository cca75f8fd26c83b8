"""``--write-claims``: what an article check found, as ``claims.json`` entries that ``check`` reads.

Each claim that was decided is written as found; each area figure tied to a place (holds or fails)
becomes a ``total_area`` claim of that one feature, carrying the figure as a stated figure, so the
next ``gba-atlas check`` holds it against the polygon again. Entries go after those the file holds
already; an id used there gets a number (``_2``, ``_3`` ...). The file is written whole or not at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo.article.result import ArticleCheck
from geo.errors import ClaimError
from geo.io.atomic import atomic_write_text
from geo.io.json_file import read_json


def claim_entries(check: ArticleCheck) -> list[dict[str, Any]]:
    """The check's decided claims and its checked figures as ``claims.json`` entries.

    Parameters
    ----------
    check : ArticleCheck
        The checked article.

    Returns
    -------
    list of dict
        The ``claims.json`` entries, in the order of the text.
    """
    entries = [dict(c.entry) for c in check.claims if c.entry is not None and c.verdict in ("holds", "fails")]
    for row in check.figures:
        if row.stated is None or row.feature is None or row.verdict not in ("holds", "fails"):
            continue
        entries.append(
            {
                "id": _slug(f"article_area_{row.feature}_{row.as_stated}"),
                "claim": f"{row.feature} measures {row.as_stated}",
                "sentence": " ".join(row.quote.split()),
                "source": row.stated["source"],
                "test": "total_area",
                "features": [row.feature],
                "stated": dict(row.stated),
            }
        )
    return entries


def _slug(text: str) -> str:
    """An id from text: lowercase snake_case of at most 64 characters (non-ASCII dropped)."""
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return re.sub(r"_+", "_", slug)[:64].rstrip("_") or "article_claim"


def write_claims(path: str | Path, check: ArticleCheck) -> int:
    """Write the entries of :func:`claim_entries` into a claims file, after any it holds; their number.

    Parameters
    ----------
    path : str or os.PathLike
        The claims file, written (atomically) or extended.
    check : ArticleCheck
        The checked article.

    Returns
    -------
    int
        The number of entries written.

    Raises
    ------
    ClaimError
        When the file exists but is not a claims file (``{"claims": [...]}``); nothing is written.
    """
    path = Path(path)
    existing: list[Any] = []
    if path.exists():
        data, problems = read_json(path)
        if problems:
            raise ClaimError(problems)
        if not isinstance(data, Mapping) or not isinstance(data.get("claims"), list):
            from geo.errors import Problem

            fix = 'give a new file, or a claims file: {"claims": [...]}'
            raise ClaimError([Problem(str(path), "", "is not a claims file", fix)])
        existing = list(data["claims"])
    used = {c.get("id") for c in existing if isinstance(c, Mapping)}
    new = claim_entries(check)
    for entry in new:
        base, number = entry["id"], 2
        while entry["id"] in used:
            suffix = f"_{number}"
            entry["id"] = base[: 64 - len(suffix)] + suffix
            number += 1
        used.add(entry["id"])
    atomic_write_text(path, json.dumps({"claims": [*existing, *new]}, ensure_ascii=False, indent=2) + "\n")
    return len(new)
