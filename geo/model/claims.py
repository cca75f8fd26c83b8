"""Claims: spatial statements about features, each quoting the sentence it comes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.i18n.scripts import Localized
from geo.model.figures import StatedFigure


@dataclass(frozen=True)
class Claim:
    """A spatial statement to check; ``params`` holds its test's parameters.

    ``feature_ids`` names every feature the claim involves, in order; ``claim_zh`` is
    the claim in Traditional Chinese (the Simplified text is derived, see :attr:`texts`).
    """

    id: str
    claim: str
    sentence: str
    test: str
    params: Mapping[str, Any] = field(default_factory=dict)
    source: Mapping[str, Any] | None = None
    feature_ids: tuple[str, ...] = ()
    claim_zh: str | None = None

    @property
    def texts(self) -> Localized:
        """The claim in English, Traditional and Simplified Chinese (derived from ``claim_zh``)."""
        return Localized(self.claim, self.claim_zh, script="zh-Hant")

    @property
    def stated(self) -> StatedFigure | None:
        """The stated figure of a ``total_area`` claim."""
        data = self.params.get("stated")
        return StatedFigure.from_dict(data) if data else None
