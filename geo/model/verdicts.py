"""Verdicts: each stated figure against its computed area, each claim decided, and the report of both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from geo.i18n import Message
from geo.i18n.scripts import Localized
from geo.model.figures import StatedFigure


@dataclass(frozen=True)
class AreaCheck:
    """One stated figure held against a feature's computed geodesic area.

    ``deviation_pct`` is (computed − stated) / stated × 100: positive when the
    polygon is larger than the figure.
    """

    id: str
    name: str
    figure: StatedFigure
    computed_ha: float
    names: Localized | None = None
    """The feature's name in each language; :attr:`name` alone when not given."""

    def name_in(self, lang: str) -> str:
        """The feature's name in ``lang`` (one of :data:`geo.i18n.LANGUAGES`).

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The name.
        """
        return self.names.get(lang) if self.names else self.name

    @property
    def stated(self) -> str:
        """The figure's words, as stated."""
        return self.figure.as_stated

    @property
    def stated_ha(self) -> float:
        """The stated figure in hectares."""
        return self.figure.hectares

    @property
    def tolerance_pct(self) -> float:
        """The largest deviation that passes, in percent."""
        return self.figure.tolerance_pct

    @property
    def deviation_pct(self) -> float:
        """(computed − stated) / stated × 100."""
        return (self.computed_ha - self.figure.hectares) / self.figure.hectares * 100

    @property
    def ok(self) -> bool:
        """Whether the deviation is within the tolerance."""
        return abs(self.deviation_pct) <= self.figure.tolerance_pct

    @property
    def source(self) -> str:
        """The figure's source, in words."""
        return str(self.figure.source)

    @property
    def source_url(self) -> str | None:
        """The figure's source URL, if it has one."""
        return self.figure.source.url

    def as_dict(self) -> dict[str, Any]:
        """The check as the JSON report writes it."""
        return {
            "id": self.id,
            "name": self.name,
            "stated": self.stated,
            "stated_ha": self.stated_ha,
            "computed_ha": self.computed_ha,
            "deviation_pct": self.deviation_pct,
            "tolerance_pct": self.tolerance_pct,
            "ok": self.ok,
            "source": self.source,
            "source_url": self.source_url,
        }


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim, with the measurement behind it.

    ``detail`` is in English; ``message`` is the same as a catalogue message and
    ``texts`` the claim in each language, so the verdict can be read in any of
    :data:`geo.i18n.LANGUAGES` (:meth:`claim_in`, :meth:`detail_in`).
    """

    id: str
    claim: str
    sentence: str
    ok: bool
    detail: str
    features: tuple[str, ...]
    message: Message | None = None
    texts: Localized | None = None

    def claim_in(self, lang: str) -> str:
        """The claim in ``lang``; in English when it has no text in that language.

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The claim's words.
        """
        return self.texts.get(lang) if self.texts else self.claim

    def detail_in(self, lang: str) -> str:
        """The measurement behind the verdict, in ``lang``.

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The detail (distances in metres, shares in percent, areas in hectares).
        """
        return self.message.text(lang) if self.message else self.detail

    def as_dict(self) -> dict[str, Any]:
        """The verdict as the JSON report writes it."""
        data = {k: v for k, v in asdict(self).items() if k not in ("message", "texts")}
        return {**data, "features": list(self.features)}


@dataclass(frozen=True)
class Report:
    """Every area check and claim verdict of an atlas."""

    areas: Sequence[AreaCheck]
    claims: Sequence[ClaimResult]

    @property
    def ok(self) -> bool:
        """True when every area check and every claim holds."""
        return all(a.ok for a in self.areas) and all(c.ok for c in self.claims)

    def areas_of(self, feature_id: str) -> list[AreaCheck]:
        """The area checks of one feature, in the order of its stated figures.

        Parameters
        ----------
        feature_id : str
            The feature's id.

        Returns
        -------
        list of AreaCheck
            Empty for a feature without stated figures.
        """
        return [a for a in self.areas if a.id == feature_id]

    def claims_of(self, feature_id: str) -> list[ClaimResult]:
        """The verdicts on the claims that involve one feature.

        Parameters
        ----------
        feature_id : str
            The feature's id.

        Returns
        -------
        list of ClaimResult
            In the order of the claims file.
        """
        return [c for c in self.claims if feature_id in c.features]
