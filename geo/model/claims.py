"""Claims: spatial statements about features, each quoting the sentence it comes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.model.figures import StatedFigure


@dataclass(frozen=True)
class Claim:
    """A spatial statement to check; ``params`` holds its test's parameters.

    ``feature_ids`` names every feature the claim involves, in order.
    """

    id: str
    claim: str
    sentence: str
    test: str
    params: Mapping[str, Any] = field(default_factory=dict)
    source: Mapping[str, Any] | None = None
    feature_ids: tuple[str, ...] = ()

    @property
    def stated(self) -> StatedFigure | None:
        """The stated figure of a ``total_area`` claim."""
        data = self.params.get("stated")
        return StatedFigure.from_dict(data) if data else None
