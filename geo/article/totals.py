"""Totals: one figure for several places together ("Nansha, Qianhai and Hengqin together cover …").

The figure is held against the sum of their polygons' areas, not against the last place named; the
``total_area`` claim it makes is decided by the same code as ``claims.json``.

>>> from geo import Atlas
>>> from geo.article.extract import check_article
>>> check = check_article("南沙、前海和横琴合计约一千平方公里。", Atlas.load().layers)
>>> [(f.feature, f.verdict) for f in check.figures], [(c.test, c.features, c.verdict) for c in check.claims]
([(None, 'holds')], [('total_area', ('nansha', 'qianhai', 'hengqin'), 'holds')])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from geo.article.claim_rows import Sentence
from geo.article.decided import decided_claim
from geo.article.figures import Found
from geo.article.result import ClaimRow, FigureRow
from geo.article.verdicts import feature_tolerance, hold, rounding_pct
from geo.claim_tests import GEOMETRY_KINDS
from geo.model import Feature

#: Words that make a figure the total of the places named before it.
TOGETHER = re.compile(
    r"\b(?:together|combined|in\s+total|altogether|between\s+them)\b|合计|合計|共计|共計|总共|總共|一共|合共|共有",
    re.IGNORECASE,
)


def together(figure: Found, where: Sentence, text: str, features: Mapping[str, Feature]) -> list[str]:
    """The areas a figure is the total of: two or more named before it, with "together", 合计 … near it.

    Parameters
    ----------
    figure : Found
        An area figure.
    where : Sentence
        Its sentence, with the places it names.
    text : str
        The article's text.
    features : mapping of str to Feature
        The atlas's features by id.

    Returns
    -------
    list of str
        The ids of the areas it totals; empty when it is not a total.
    """
    if figure.kind != "area" or figure.earlier:
        return []
    if not TOGETHER.search(text, where.start, min(where.end, figure.end + 24)):
        return []
    named = [m.feature for m in where.mentions if m.end <= figure.start and m.feature]
    areas = [f for f in dict.fromkeys(named) if features[f].geometry.geom_type in GEOMETRY_KINDS["area"]]
    return areas if len(areas) >= 2 else []


def total_rows(
    row: FigureRow, figure: Found, ids: list[str], where: Sentence, text: str,
    features: Mapping[str, Feature], stated: Mapping[str, Any],
) -> tuple[FigureRow, ClaimRow | None]:  # fmt: skip
    """The figure's row, held against the sum of the places' areas, and its ``total_area`` claim.

    Parameters
    ----------
    row : FigureRow
        The figure's row so far.
    figure : Found
        The figure.
    ids : list of str
        The areas it is the total of (:func:`together`).
    where : Sentence
        Its sentence.
    text : str
        The article's text.
    features : mapping of str to Feature
        The atlas's features by id.
    stated : mapping
        The figure as a claims file's ``stated`` entry.

    Returns
    -------
    row : FigureRow
        The figure's row, held against the sum of the areas (ha).
    claim : ClaimRow or None
        The ``total_area`` claim; None when it does not fit the test.
    """
    assert figure.value is not None and figure.step is not None and row.hectares is not None
    members = [features[i] for i in ids]
    verdict = hold(
        stated_ha=row.hectares,
        computed_ha=sum(f.area_ha for f in members),
        base_pct=min(feature_tolerance(f) for f in members),
        round_pct=rounding_pct(figure.value, figure.step),
        hedge=figure.hedge,
        feature=" + ".join(ids),
    )
    figure_row = replace(
        row, feature=None, verdict=verdict.verdict, computed_ha=verdict.computed_ha,
        deviation_pct=verdict.deviation_pct, tolerance_pct=verdict.tolerance_pct,
        why=f"the total of {', '.join(ids)}: {verdict.why}",
    )  # fmt: skip
    params = {"features": ids, "stated": {**stated, "tolerance_pct": round(verdict.tolerance_pct, 2)}}
    claim = decided_claim("total_area", params, where, text, features, stated["source"])
    return figure_row, claim
