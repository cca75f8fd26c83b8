"""Stated figures and their sources: what official documents say a place measures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """Where a stated figure or a claim comes from.

    >>> print(Source("Plan", "State Council", "2023-08-29"))
    State Council, Plan (2023-08-29)
    """

    title: str
    issuer: str
    date: str
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.issuer}, {self.title} ({self.date})"


@dataclass(frozen=True)
class StatedFigure:
    """An officially stated area, and how closely the polygon must match it.

    ``hectares`` is the figure converted to hectares; ``tolerance_pct`` is the
    largest deviation of the computed area, in percent of the figure, that passes.
    """

    as_stated: str
    value: float
    unit: str
    hectares: float
    about: bool
    tolerance_pct: float
    rationale: str
    source: Source

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StatedFigure:
        """Build from a validated ``stated`` entry of the layer format.

        Parameters
        ----------
        data : mapping
            A ``stated`` entry of the layer format, validated.

        Returns
        -------
        StatedFigure
            The figure.
        """
        source = data["source"]
        return cls(
            as_stated=data["as_stated"],
            value=data["value"],
            unit=data["unit"],
            hectares=float(data["hectares"]),
            about=data["about"],
            tolerance_pct=float(data["tolerance_pct"]),
            rationale=data["rationale"],
            source=Source(source["title"], source["issuer"], source["date"], source.get("url")),
        )

    def as_dict(self) -> dict[str, Any]:
        """The figure as a ``stated`` entry of the layer format."""
        return asdict(self)
