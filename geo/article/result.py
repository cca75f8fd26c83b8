"""What an article check found: its figures and claims with their verdicts, as JSON rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The fields of a figure, in the JSON output's order (see the README, "Checking an article").
FIGURE_FIELDS = (
    "feature",
    "hectares",
    "as_stated",
    "quote",
    "start",
    "end",
    "kind",
    "verdict",
    "computed_ha",
    "deviation_pct",
    "tolerance_pct",
    "why",
)

#: The fields of a claim, in the JSON output's order.
CLAIM_FIELDS = ("test", "features", "quote", "start", "end", "verdict", "why")


#: Each verdict's sign, shown beside its colour or its word: a verdict is never colour alone.
SIGNS = {"holds": "✓", "fails": "✗", "unmatched": "?", "skipped": "–", "earlier": "←"}


@dataclass(frozen=True)
class FigureRow:
    """An area figure (or a number skipped as no land area) and its verdict.

    ``start``/``end`` are the offsets of ``as_stated`` in the decoded text; ``quote`` is its sentence.
    ``verdict`` is ``holds``, ``fails``, ``unmatched``, ``skipped`` or ``earlier``.
    """

    feature: str | None
    hectares: float | None
    as_stated: str
    quote: str
    start: int
    end: int
    kind: str
    verdict: str
    computed_ha: float | None
    deviation_pct: float | None
    tolerance_pct: float | None
    why: str
    stated: Mapping[str, Any] | None = field(default=None, compare=False)
    """The figure as a ``stated`` entry of the layer format, for ``--write-claims`` (holds/fails only)."""

    def as_dict(self) -> dict[str, Any]:
        """The row as the JSON output writes it."""
        return {key: getattr(self, key) for key in FIGURE_FIELDS}


@dataclass(frozen=True)
class ClaimRow:
    """A spatial claim found in a sentence and its verdict; ``start``/``end`` are the sentence's offsets."""

    test: str
    features: tuple[str, ...]
    quote: str
    start: int
    end: int
    verdict: str
    why: str
    entry: Mapping[str, Any] | None = field(default=None, compare=False)
    """The claim as a ``claims.json`` entry (None when a place is unmatched)."""

    def as_dict(self) -> dict[str, Any]:
        """The row as the JSON output writes it."""
        data = {key: getattr(self, key) for key in CLAIM_FIELDS}
        return {**data, "features": list(self.features)}


@dataclass(frozen=True)
class ArticleCheck:
    """Every figure and claim of an article, with their verdicts; ``lang`` is the article's language."""

    figures: tuple[FigureRow, ...]
    claims: tuple[ClaimRow, ...]
    lang: str
    source: str = "<text>"

    @property
    def ok(self) -> bool:
        """True when nothing tied to a place fails."""
        rows: tuple[FigureRow | ClaimRow, ...] = (*self.figures, *self.claims)
        return all(r.verdict != "fails" for r in rows)

    def as_dict(self) -> dict[str, Any]:
        """The check as the JSON output writes it."""
        return {
            "source": self.source,
            "lang": self.lang,
            "ok": self.ok,
            "figures": [f.as_dict() for f in self.figures],
            "claims": [c.as_dict() for c in self.claims],
        }
