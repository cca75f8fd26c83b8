"""A layers folder's claims file, ``claims.json``."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from geo.errors import ClaimError, Problem
from geo.io.json_file import read_json
from geo.model import Claim, Feature, Layer, features_by_id
from geo.validation.claim_params import KnownFeatures
from geo.validation.claims import parse_claims

#: The file, inside a layers folder, that holds its claims.
CLAIMS_FILE = "claims.json"


def read_claims(
    path: str | Path,
    *,
    feature_ids: KnownFeatures | None = None,
    used_ids: MutableMapping[str, str] | None = None,
) -> list[Claim]:
    """Read a claims file; a missing file means no claims.

    Parameters
    ----------
    path : str or Path
        The claims file.
    feature_ids : collection of str, or mapping of id to geometry type, optional
        The features that exist; a claim naming any other is a problem (see
        :func:`~geo.validation.claims.parse_claims`: a mapping also checks geometry kinds).
    used_ids : mutable mapping of str to str, optional
        Claim ids used by other sources of claims, to where; this file's ids are added.

    Returns
    -------
    list of Claim
        The claims, in file order; empty when the file does not exist.

    Raises
    ------
    ClaimError
        Listing every problem in the file.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a broken link is reported by read_json
        return []
    data, problems = read_json(path)
    if problems:
        raise ClaimError(problems)
    return parse_claims(data, file=str(path), feature_ids=feature_ids, used_ids=used_ids)


def layer_claims(
    layer: Layer, features: Mapping[str, Feature], used_ids: MutableMapping[str, str]
) -> list[Claim]:
    """A layer's own claims, checked against every feature and the claim ids used so far (noted there).

    Parameters
    ----------
    layer : Layer
        The layer, whose ``claims`` member holds the claims.
    features : mapping of id to Feature
        Every feature of the atlas, which the claims may name.
    used_ids : mutable mapping of str to str
        Claim ids used so far, each to its file; these claims' ids are added.

    Returns
    -------
    list of Claim
        The layer's claims.
    """
    if not layer.claims_data:
        return []
    data = {"claims": list(layer.claims_data)}
    return parse_claims(data, file=layer.source, feature_ids=features, used_ids=used_ids)


def folder_claims(
    directory: Path, layers: Sequence[Layer], used_ids: MutableMapping[str, str]
) -> list[Claim]:
    """Every claim of a layers folder: its ``claims.json``, then each layer's own, ids unique across all.

    ``used_ids`` collects each claim id with the file it comes from.

    Parameters
    ----------
    directory : Path
        The layers folder, which may hold a ``claims.json``.
    layers : sequence of Layer
        The folder's layers, read already.
    used_ids : mutable mapping of str to str
        Claim ids used so far, each to its file; these claims' ids are added.

    Returns
    -------
    list of Claim
        The claims of ``claims.json``, then each layer's, in layer order.

    Raises
    ------
    ClaimError
        Listing the problems of every source together.
    """
    path = directory / CLAIMS_FILE
    if not (path.exists() or path.is_symlink() or any(layer.claims_data for layer in layers)):
        return []  # no claims: the features by id (200,000 of them, for a large layer) are not needed
    features = features_by_id(layers)
    sources = [partial(read_claims, directory / CLAIMS_FILE, feature_ids=features, used_ids=used_ids)]
    sources += [partial(layer_claims, layer, features, used_ids) for layer in layers]
    claims: list[Claim] = []
    problems: list[Problem] = []
    for read in sources:  # every source, so all their problems are reported together
        try:
            claims += read()
        except ClaimError as error:
            problems += error.problems
    if problems:
        raise ClaimError(problems)
    return claims


def claim_data(claim: Claim) -> dict[str, Any]:
    """A claim in the claims format (as ``claims.json`` and a layer's ``claims`` hold it).

    Parameters
    ----------
    claim : Claim
        The claim.

    Returns
    -------
    dict
        Its members, in the order the claims format lists them.

    Examples
    --------
    >>> claim_data(Claim("a_in_b", "A is in B", "A lies in B.", "within", {"feature": "a", "container": "b"}))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'id': 'a_in_b', 'claim': 'A is in B', 'sentence': 'A lies in B.', 'test': 'within',
     'feature': 'a', 'container': 'b'}
    """
    data: dict[str, Any] = {"id": claim.id, "claim": claim.claim}
    if claim.claim_zh is not None:
        data["claim_zh"] = claim.claim_zh
    data["sentence"] = claim.sentence
    if claim.source is not None:
        data["source"] = dict(claim.source)
    return {**data, "test": claim.test, **claim.params}
