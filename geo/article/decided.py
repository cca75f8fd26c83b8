"""A claim an article makes, as a ``claims.json`` entry decided by the same code as the claims files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from geo.article.result import ClaimRow
from geo.errors import ClaimError
from geo.model import Feature
from geo.validation.claims import parse_claims
from geo.verify import verify_claims

if TYPE_CHECKING:
    from geo.article.claim_rows import Sentence


def decided_claim(
    test: str,
    params: dict[str, Any],
    unit: Sentence,
    text: str,
    features: Mapping[str, Feature],
    source: Mapping[str, Any],
) -> ClaimRow | None:
    """The claim as a ``claims.json`` entry, decided by :func:`geo.verify.verify_claims`.

    Parameters
    ----------
    test : str
        The claim test (``within``, ``adjacent``, ``opposite_sides``, ``total_area``).
    params : dict
        The test's parameters, as in ``claims.json``.
    unit : Sentence
        The sentence the claim is made in.
    text : str
        The article's text.
    features : mapping of str to Feature
        The atlas's features by id.
    source : mapping
        The claim's source (front matter, or reviewable defaults).

    Returns
    -------
    ClaimRow or None
        The claim with its verdict (``holds`` or ``fails``); None when its places do not fit its test.
    """
    sentence = text[unit.start : unit.end]
    if "stated" in params:
        params = {**params, "stated": {**params["stated"], "source": source}}
    ids = [v for k, v in params.items() if k in ("feature", "container", "to", "line")]
    ids += [i for k in ("features",) for i in params.get(k, [])]
    entry = {
        "id": f"article_{test}_{'_'.join(sorted(set(ids)))}"[:64].rstrip("_"),
        "claim": _claim_words(test, params, features),
        "sentence": " ".join(sentence.split()),
        "source": source,
        "test": test,
        **params,
    }
    try:
        (claim,) = parse_claims({"claims": [entry]}, file="<article>", feature_ids=features)
    except ClaimError:
        return None  # the phrase's places do not fit its test (a line as a container, one place twice)
    (result,) = verify_claims([claim], features)
    verdict = "holds" if result.ok else "fails"
    return ClaimRow(
        test, claim.feature_ids, sentence, unit.start, unit.end, verdict, f"{verdict}: {result.detail}", entry
    )


def _claim_words(test: str, params: Mapping[str, Any], features: Mapping[str, Feature]) -> str:
    def name(fid: str) -> str:
        return features[fid].short_name

    if test == "within":
        return f"{name(params['feature'])} lies in {name(params['container'])}"
    if test == "adjacent":
        return f"{name(params['feature'])} is adjacent to {name(params['to'])}"
    if test == "opposite_sides":
        first, second = params["features"]
        return f"{name(first)} and {name(second)} lie on opposite sides of {name(params['line'])}"
    return (
        f"{' and '.join(name(f) for f in params['features'])} together make {params['stated']['as_stated']}"
    )
