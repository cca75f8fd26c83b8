"""Checking an article: its area figures and spatial claims found, tied to places and verified.

>>> from geo import Atlas
>>> check = check_article("It consists of the 87-hectare Hong Kong Park and the 300-hectare Shenzhen Park.",
...                       Atlas.load().layers)
>>> [(f.feature, f.verdict) for f in check.figures], [(c.test, c.verdict) for c in check.claims]
([('hetao_hk_park', 'holds'), ('hetao_sz_park', 'holds')], [('total_area', 'holds')])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from geo.article.claim_rows import Sentence, claim_row, subject_and_object
from geo.article.claims import find_phrases
from geo.article.figures import Found, find_figures
from geo.article.front import cited_source, front_matter
from geo.article.places import Gazetteer, Mention, governing
from geo.article.result import ArticleCheck, ClaimRow, FigureRow
from geo.article.text import matching_text, sentences
from geo.article.totals import together, total_rows
from geo.article.units import LAYER_UNIT
from geo.article.verdicts import feature_tolerance, hold, rounding_pct
from geo.i18n.scripts import HAN, script_of
from geo.model import Feature, Layer, features_by_id


def article_lang(text: str) -> str:
    """The language of a text: ``en``, or the Chinese script of its Han characters.

    Parameters
    ----------
    text : str
        The article (its first 20,000 characters are judged).

    Returns
    -------
    str
        ``en``, ``zh-Hant`` or ``zh-Hans``.

    Examples
    --------
    >>> article_lang("It covers 87 ha"), article_lang("佔地87公頃的園區"), article_lang("占地87公顷的园区")
    ('en', 'zh-Hant', 'zh-Hans')
    """
    sample = text[:20_000]
    han = len(HAN.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if han * 3 < latin or not han:
        return "en"
    return script_of("".join(HAN.findall(sample))[:4000]) or "zh-Hans"


def check_article(
    text: str, layers: Sequence[Layer], *, lang: str = "auto", source: str = "<text>"
) -> ArticleCheck:
    """Every area figure and spatial claim of a text, tied to the layers' features and verified.

    Parameters
    ----------
    text : str
        The article, decoded (see :mod:`geo.article.decoding`).
    layers : sequence of Layer
        The places it may be about.
    lang : str
        ``auto``, ``en``, ``zh-Hant`` or ``zh-Hans``: the article's language (auto: judged from it).
    source : str
        How the result names the article.

    Returns
    -------
    ArticleCheck
        Figures and claims in the order of the text, offsets into ``text``.
    """
    features = features_by_id(layers)
    names = Gazetteer(features.values())
    normalized = matching_text(text)
    units = [Sentence(s, e, names.mentions(text, s, e)) for s, e in sentences(normalized)]
    cited = cited_source(front_matter(text))
    figure_rows, tied, totals = _figures(text, normalized, units, features, cited)
    claims = _claims(text, normalized, units, features, tied, cited, totals)
    language = article_lang(text) if lang == "auto" else lang
    return ArticleCheck(tuple(figure_rows), tuple(claims), language, source)


def _sentence_of(start: int, units: Sequence[Sentence], starts: Sequence[int], text: str) -> Sentence:
    """The sentence a figure starting at ``start`` is in (the whole text when it has none)."""
    if not units:
        return Sentence(0, len(text), [])
    return units[max(0, bisect.bisect_right(starts, start) - 1)]


def _figures(
    text: str,
    normalized: str,
    units: Sequence[Sentence],
    features: Mapping[str, Feature],
    cited: Mapping[str, Any],
) -> tuple[list[FigureRow], dict[int, tuple[Found, str]], list[ClaimRow]]:
    """The figures' rows, the area figures tied to a feature (by start), and the totals' claims."""
    starts = [unit.start for unit in units]
    figure_rows: list[FigureRow] = []
    tied: dict[int, tuple[Found, str]] = {}  # figure start: (figure, feature id) for composition claims
    totals: list[ClaimRow] = []  # "A, B and C together cover …"
    for figure in find_figures(normalized):
        where = _sentence_of(figure.start, units, starts, text)
        row, total = _row_and_total(figure, where, text, features, cited)
        if total is not None and all(_figure_of(total) != _figure_of(t) for t in totals):
            totals.append(total)  # the same total said again later is decided once
        figure_rows.append(row)
        if row.feature and figure.kind == "area" and not figure.earlier:
            tied[figure.start] = (figure, row.feature)
    return figure_rows, tied, totals


def _row_and_total(
    figure: Found, where: Sentence, text: str, features: Mapping[str, Feature], cited: Mapping[str, Any]
) -> tuple[FigureRow, ClaimRow | None]:
    """A figure's row and, when it is the total of several places ("together"), the total's claim."""
    row = _figure_row(figure, where, text, features, cited)
    group = together(figure, where, text, features)
    if not group or row.stated is None:
        return row, None
    row, total = total_rows(row, figure, group, where, text, features, row.stated)
    return replace(row, stated=None), total


def _claims(
    text: str,
    normalized: str,
    units: list[Sentence],
    features: Mapping[str, Feature],
    tied: Mapping[int, tuple[Found, str]],
    cited: Mapping[str, Any],
    totals: Sequence[ClaimRow],
) -> list[ClaimRow]:
    """The totals' claims, then each claim phrase's, the same claim (test and features) once."""
    claims: list[ClaimRow] = list(totals)
    decided: set[tuple[str, tuple[str, ...]]] = set()  # each claim decided once, at its first sentence
    for number, unit in enumerate(units):
        for phrase in find_phrases(normalized, unit.start, unit.end):
            claim = claim_row(phrase, units, number, text, features, tied, cited, decided=decided)
            if claim is not None and all(
                (claim.test, claim.features) != (c.test, c.features) for c in claims
            ):
                claims.append(claim)
    return claims


def _figure_row(
    figure: Found, where: Sentence, text: str, features: Mapping[str, Feature], source: Mapping[str, Any]
) -> FigureRow:
    """A figure's row: skipped, unmatched, earlier, or held against the polygon of its place."""

    def row(feature: str | None, verdict: str, why: str, *, computed_ha: float | None = None) -> FigureRow:
        hectares = float(figure.hectares) if figure.hectares is not None else None
        as_stated, quote = text[figure.start : figure.end], text[where.start : where.end]
        return FigureRow(
            feature, hectares, as_stated, quote, figure.start, figure.end, figure.kind, verdict, computed_ha,
            None, None, why,
        )  # fmt: skip

    if figure.kind != "area":
        return row(None, "skipped", f"skipped: {figure.why}")
    mention = _topic(governing(where.mentions, figure.start, figure.end, text), figure, where, text)
    if mention is None:
        return row(None, "unmatched", "unmatched: no place of the atlas is named in its sentence")
    if mention.feature is None:
        return row(None, "unmatched", f"unmatched: about {mention.text!r}, which the atlas does not hold")
    feature = features[mention.feature]
    if feature.area_m2 <= 0:
        kind = feature.geometry.geom_type
        return row(
            feature.id, "skipped", f"skipped: {feature.id} is a {kind}, with no area to hold it against"
        )
    if figure.earlier:
        why = f"earlier: an earlier extent of {feature.id}, not a claim about today's polygon"
        return row(feature.id, "earlier", why, computed_ha=feature.area_ha)
    assert figure.hectares is not None and figure.value is not None and figure.step is not None
    verdict = hold(
        stated_ha=float(figure.hectares),
        computed_ha=feature.area_ha,
        base_pct=feature_tolerance(feature),
        round_pct=rounding_pct(figure.value, figure.step),
        hedge=figure.hedge,
        feature=feature.id,
    )
    measured = replace(
        row(feature.id, verdict.verdict, verdict.why, computed_ha=verdict.computed_ha),
        deviation_pct=verdict.deviation_pct,
        tolerance_pct=verdict.tolerance_pct,
    )
    stated = _stated(figure, measured.as_stated, verdict.tolerance_pct, source)
    return replace(measured, stated=stated)


#: A clause after a claim's object that goes on about the sentence's subject ("…相邻，占地22公顷").
_NEXT_CLAUSE = re.compile(r"[，,;；]|\band\b")
_ABOUT_OBJECT = re.compile(r"\s*[,，]\s*(?:which|that|where|an?\s|the\s|whose)")


def _topic(mention: Mention | None, figure: Found, where: Sentence, text: str) -> Mention | None:
    """The claim's subject, when the figure's clause follows a claim and names no place of its own.

    In "A is next to B, covering 22 ha" (A与B相邻，占地22公顷) the figure is A's, not B's; a relative
    clause or an apposition (", which covers", ", an area of") stays with B.
    """
    if mention is None or mention.end > figure.start:
        return mention
    gap = text[mention.end : figure.start]
    if not _NEXT_CLAUSE.search(gap) or _ABOUT_OBJECT.match(gap):
        return mention
    for phrase in find_phrases(text, where.start, figure.start):
        pair = (
            subject_and_object(phrase, where.mentions, text)
            if phrase.test in ("within", "adjacent")
            else None
        )
        if pair is not None and pair[1] == mention:
            return pair[0]
    return mention


def _stated(
    figure: Found, as_stated: str, tolerance: float, source: Mapping[str, Any] | None
) -> dict[str, Any]:
    """A figure as a ``stated`` entry of the layer format (units the format lacks given in hectares)."""
    assert figure.unit is not None and figure.value is not None and figure.hectares is not None
    unit = LAYER_UNIT[figure.unit]
    value = float(figure.value) if unit == figure.unit else float(figure.hectares)
    if unit == "m²" and figure.unit != "m²":
        value = float(figure.hectares) * 10_000
    rationale = (
        "found in the article by gba-atlas claims extract: check the figure, its place and the tolerance"
    )
    if figure.hedge in ("over", "up_to", "nearly"):
        rationale += f" (the article's {figure.hedge_words!r} is one-sided; written here as ±)"
    return {
        "as_stated": as_stated,
        "value": value,
        "unit": unit,
        "hectares": float(figure.hectares),
        "about": figure.hedge == "about",
        "tolerance_pct": round(min(tolerance, 50.0), 2),
        "rationale": rationale,
        "source": dict(source) if source else None,
    }


def _figure_of(claim: ClaimRow) -> tuple[tuple[str, ...], float]:
    """A total's places and figure (ha): what makes two totals the same claim."""
    stated = claim.entry["stated"] if claim.entry else {}
    return claim.features, float(stated.get("hectares", 0.0))
