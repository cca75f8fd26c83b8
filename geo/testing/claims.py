"""``assert_claim``: a claim holds, as ``gba-atlas check`` decides it.

A new claim is validated by :func:`~geo.validation.parse_claims` and decided by
:func:`~geo.verify.verify_claims`; a claim of an atlas is looked up in its report.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely

from geo.atlas import Atlas
from geo.model import ClaimResult, Feature
from geo.testing.geometries import geometry_of, label
from geo.testing.messages import format_claim_failure
from geo.validation import parse_claims
from geo.verify import verify_claims

__all__ = ["assert_claim"]

#: How messages name where a claim given to :func:`assert_claim` comes from.
SOURCE = "<assert_claim>"

Features = Atlas | str | Path | Mapping[str, Any]


def assert_claim(claim: Mapping[str, Any] | str | ClaimResult, atlas: Features | None = None) -> None:
    """Assert that a claim holds.

    Parameters
    ----------
    claim : dict, str or ClaimResult
        A claim in the claims format (a dict with ``id``, ``claim``, ``sentence``, ``test`` and the
        test's parameters); the id of a claim ``atlas`` has; or a row of ``report.claims``.
    atlas : Atlas, str, Path or mapping, optional
        What the claim is about: an :class:`~geo.Atlas`, a layers folder, or a mapping of feature
        id to geometry (anything :func:`~geo.testing.assert_area` takes). Not needed for a row of
        a report.

    Returns
    -------
    None
        When the claim holds.

    Raises
    ------
    AssertionError
        When the claim does not hold; the message carries the ``gba-atlas check`` line.
    ClaimError, LayerError
        When the claim, or the layers folder, break the format (the command line's messages).
    TypeError, ValueError
        For arguments that cannot be checked: ``atlas`` has no claim with the given id, a
        geometry of the mapping is not valid, ...

    Examples
    --------
    >>> import shapely
    >>> features = {"small": shapely.box(114.0, 22.4, 114.01, 22.41),
    ...             "large": shapely.box(113.99, 22.39, 114.02, 22.42)}
    >>> claim = {"id": "small_in_large", "claim": "Small lies in Large", "sentence": "Small is in Large.",
    ...          "test": "within", "feature": "small", "container": "large"}
    >>> assert_claim(claim, features)
    >>> assert_claim({**claim, "feature": "large", "container": "small"}, features)
    Traceback (most recent call last):
    ...
    AssertionError: claim 'small_in_large' does not hold: 11.1% of large lies in small (needs 99%): not inside
    ...
    """
    result = _verdict(claim, atlas)
    if not result.ok:
        raise AssertionError(format_claim_failure(result))


def _verdict(claim: Any, atlas: Features | None) -> ClaimResult:
    """The verdict on ``claim``: decided now, looked up in the atlas's report, or given."""
    if isinstance(claim, Mapping):
        if atlas is None:
            msg = (
                "assert_claim: pass the features the claim is about (an Atlas, a layers folder or a mapping)"
            )
            raise TypeError(msg)
        features = _features(atlas)
        claims = parse_claims({"claims": [dict(claim)]}, file=SOURCE, feature_ids=features)
        return verify_claims(claims, features)[0]
    if isinstance(claim, str):
        if atlas is None:
            msg = f"assert_claim: pass the atlas (or layers folder) that has claim {claim!r}"
            raise TypeError(msg)
        results = _as_atlas(atlas).report().claims
        matching = [r for r in results if r.id == claim]
        if not matching:
            msg = f"assert_claim: no claim {claim!r}; the claims are {[r.id for r in results]}"
            raise ValueError(msg)
        return matching[0]
    if isinstance(claim, ClaimResult):
        return claim
    kind = type(claim).__name__
    msg = f"assert_claim: pass a claim dict, a claim id or a row of report.claims, not a {kind}"
    raise TypeError(msg)


def _as_atlas(atlas: Features) -> Atlas:
    if isinstance(atlas, Atlas):
        return atlas
    if isinstance(atlas, str | Path):
        return Atlas.load(atlas)
    msg = f"assert_claim: pass an Atlas or a layers folder, not {type(atlas).__name__}"
    raise TypeError(msg)


def _features(atlas: Features) -> Mapping[str, Feature]:
    """The features a new claim may name, by id (an atlas is left unchanged)."""
    if not isinstance(atlas, Mapping):
        return _as_atlas(atlas).features
    return {fid: _feature(fid, data) for fid, data in atlas.items()}


def _feature(fid: str, data: Any) -> Feature:
    """A feature of a mapping of id to geometry: the feature itself, or one built around the geometry."""
    if isinstance(data, Feature):
        return data
    geometry = geometry_of(data)[0]
    if geometry.is_empty or not geometry.is_valid:
        reason = "it is empty" if geometry.is_empty else shapely.is_valid_reason(geometry)
        msg = (
            f"assert_claim: feature {fid!r} is not a valid geometry ({reason}); "
            "fix it, e.g. with shapely.make_valid"
        )
        raise ValueError(msg)
    return Feature(id=fid, name=label(getattr(data, "name", None), fid), geometry=geometry, layer=SOURCE)
