"""Verification: whether the stated figures and the claims hold.

Validation, whether input is well-formed, is :mod:`geo.validation`. Areas are geodesic
(see :mod:`geo.geodesy`), measured once per feature (:attr:`geo.model.Feature.area_m2`); claims
are decided by their tests in :mod:`geo.claim_tests`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from geo.claim_tests import CLAIM_TESTS
from geo.model import AreaCheck, Claim, ClaimResult, Feature, Layer, Report, features_by_id, measure_areas
from geo.progress import tracked
from geo.units import hectares


def verify_areas(features: Iterable[Feature]) -> list[AreaCheck]:
    """Hold every stated figure of every feature against its geodesic area.

    Parameters
    ----------
    features : iterable of Feature
        The features.

    Returns
    -------
    list of AreaCheck
        One check per stated figure, in feature order.
    """
    stated = [f for f in features if f.stated]
    measure_areas(stated)
    return [
        AreaCheck(id=f.id, name=f.name, figure=figure, computed_ha=hectares(f.area_m2), names=f.names)
        for f in stated
        for figure in f.stated
    ]


def verify_claims(claims: Iterable[Claim], features: Mapping[str, Feature]) -> list[ClaimResult]:
    """Decide every claim; ``features`` maps ids to features and must hold all it names.

    Parameters
    ----------
    claims : iterable of Claim
        The claims, validated.
    features : mapping of str to Feature
        The features by id.

    Returns
    -------
    list of ClaimResult
        One verdict per claim, in order.
    """
    results = []
    for claim in tracked(claims, desc="checking claims", unit="claim", every=1):
        ok, message = CLAIM_TESTS[claim.test].decide(claim, features)
        detail, ids = str(message), claim.feature_ids
        result = ClaimResult(claim.id, claim.claim, claim.sentence, ok, detail, ids, message, claim.texts)
        results.append(result)
    return results


def verify(layers: Sequence[Layer], claims: Iterable[Claim]) -> Report:
    """Every area check and claim verdict of some layers.

    Parameters
    ----------
    layers : sequence of Layer
        The layers.
    claims : iterable of Claim
        Their claims.

    Returns
    -------
    Report
        The area checks and claim verdicts.

    Examples
    --------
    >>> from geo import Atlas
    >>> atlas = Atlas.load()
    >>> verify(atlas.layers, atlas.claims).ok
    True
    """
    stated = [f for layer in layers for f in layer.stated_features()]  # no other feature is made
    return Report(verify_areas(stated), verify_claims(claims, features_by_id(layers)))
