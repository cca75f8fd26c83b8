"""The claim tests: each test's parameters and the function that decides it, registered together.

A claim names a ``test`` and gives its parameters (see the README, "Claims").
Adding a test is one entry here: a function decorated with :func:`claim_test`,
which declares the parameters the validator checks and the verifier passes on.

Parameter kinds: ``id`` (a feature id), ``ids`` (a non-empty list of them),
``pair`` (exactly two), ``share`` (a finite number in (0, 1]), ``metres`` (a finite
distance ≥ 0 and at most :data:`MAX_DISTANCE_M`), ``stated`` (a stated figure, as
in a layer). A parameter naming features may also declare the ``geometry`` its
features must have: ``"area"`` or ``"line"`` (see :data:`GEOMETRY_KINDS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.geodesy import geodesic_distance
from geo.i18n import Message
from geo.model import Claim, Feature
from geo.model.measures import share_inside as share_inside  # where scale.py and the tests find them
from geo.model.measures import side_of_line as side_of_line
from geo.units import hectares, signed_percent

#: A test's function: the claim and every feature by id, to a verdict and its explanation, a catalogue
#: message (``claim.<test>`` in :mod:`geo.i18n`) whose English is what ``str()`` gives.
Decide = Callable[[Claim, Mapping[str, Feature]], tuple[bool, Message]]

#: The kinds of parameter that name features.
FEATURE_KINDS = ("id", "ids", "pair")

#: The geometry a parameter's features may be required to have, and the GeoJSON types of each.
GEOMETRY_KINDS: dict[str, tuple[str, ...]] = {
    "area": ("Polygon", "MultiPolygon"),
    "line": ("LineString", "MultiLineString"),
}

#: The largest ``metres`` parameter: no two places on Earth are farther apart (half a meridian).
MAX_DISTANCE_M = 20_000_000


@dataclass(frozen=True)
class Param:
    """One parameter of a claim test.

    Parameters
    ----------
    kind : str
        ``id``, ``ids``, ``pair``, ``share``, ``metres`` or ``stated``.
    required : bool
        Whether a claim must give it.
    default : object
        Its value when a claim does not give it.
    geometry : str, optional
        For the kinds that name features: ``"area"`` or ``"line"`` (a key of
        :data:`GEOMETRY_KINDS`) when the test needs its features to be one; any
        geometry otherwise.
    """

    kind: str
    required: bool = True
    default: Any = None
    geometry: str | None = None


@dataclass(frozen=True)
class ClaimTest:
    """A claim test: its name, its parameters, and the function that decides it."""

    name: str
    decide: Decide
    params: Mapping[str, Param] = field(default_factory=dict)

    def feature_ids(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The ids of every feature the parameters name, in the order of the schema.

        Parameters
        ----------
        params : mapping
            A claim's parameters.

        Returns
        -------
        tuple of str
            The feature ids.
        """
        ids: list[str] = []
        for key, param in self.params.items():
            value = params.get(key)
            if param.kind == "id" and value is not None:
                ids.append(value)
            elif param.kind in ("pair", "ids") and value is not None:
                ids.extend(value)
        return tuple(ids)

    def param(self, params: Mapping[str, Any], key: str) -> Any:
        """A parameter's value, or its default.

        Parameters
        ----------
        params : mapping
            A claim's parameters.
        key : str
            The parameter's name.

        Returns
        -------
        object
            Its value, or the schema's default when the claim does not give it.
        """
        return params.get(key, self.params[key].default)


#: The share of a feature that must lie in its container when a ``within`` claim does not say.
DEFAULT_MIN_SHARE = 0.99

#: Every claim test, by name.
CLAIM_TESTS: dict[str, ClaimTest] = {}


def claim_test(name: str, **params: Param) -> Callable[[Decide], Decide]:
    """Register the decorated function as the claim test ``name`` taking ``params``.

    Parameters
    ----------
    name : str
        The test's name, as claims files write it (``test``).
    **params : Param
        The test's parameters by name: kind, required or default.

    Returns
    -------
    callable
        The decorator, which returns the function unchanged.
    """

    def register(decide: Decide) -> Decide:
        CLAIM_TESTS[name] = ClaimTest(name, decide, params)
        return decide

    return register


@claim_test(
    "within",
    feature=Param("id"),
    container=Param("id", geometry="area"),
    min_share=Param("share", False, DEFAULT_MIN_SHARE),
)
def within(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, Message]:
    """``feature`` lies inside ``container``: at least ``min_share`` of its area, length or points.

    Parameters
    ----------
    claim : Claim
        The claim, validated.
    features : mapping of str to Feature
        The atlas's features by id.

    Returns
    -------
    holds : bool
        Whether the claim holds.
    detail : Message
        The measurement behind the verdict (share inside, in percent).
    """
    inner = features[claim.params["feature"]]
    outer = features[claim.params["container"]]
    min_share = CLAIM_TESTS["within"].param(claim.params, "min_share")
    share = share_inside(inner.geometry, outer.geometry, area_m2=inner.area_m2)
    ok = share >= min_share
    verdict = Message("verdict.inside" if ok else "verdict.not_inside")
    params = {"share": f"{share:.1%}", "feature": inner.id, "container": outer.id}
    return ok, Message("claim.within", {**params, "needed": f"{min_share:.0%}", "verdict": verdict})


@claim_test("adjacent", feature=Param("id"), to=Param("id"), max_distance_m=Param("metres"))
def adjacent(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, Message]:
    """``feature`` lies within ``max_distance_m`` metres of ``to``.

    Parameters
    ----------
    claim : Claim
        The claim, validated.
    features : mapping of str to Feature
        The atlas's features by id.

    Returns
    -------
    holds : bool
        Whether the claim holds.
    detail : Message
        The geodesic distance in metres, and the one allowed.
    """
    a = features[claim.params["feature"]]
    b = features[claim.params["to"]]
    limit = claim.params["max_distance_m"]
    distance = geodesic_distance(a.geometry, b.geometry)
    params = {"feature": a.id, "distance": f"{distance:,.0f}", "to": b.id, "limit": f"{limit:,.0f}"}
    return distance <= limit, Message("claim.adjacent", params)


@claim_test("opposite_sides", features=Param("pair"), line=Param("id", geometry="line"))
def opposite_sides(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, Message]:
    """The two ``features`` lie on opposite sides of the ``line``, neither crossing it.

    Parameters
    ----------
    claim : Claim
        The claim, validated.
    features : mapping of str to Feature
        The atlas's features by id.

    Returns
    -------
    holds : bool
        Whether the claim holds.
    detail : Message
        The side each feature lies on.
    """
    line = features[claim.params["line"]]
    first, second = (features[i] for i in claim.params["features"])
    sides = [side_of_line(f.geometry, line.geometry) for f in (first, second)]
    crossing = [f.id for f in (first, second) if f.geometry.crosses(line.geometry)]
    ok = sides[0] != sides[1] and not crossing
    params: dict[str, object] = {
        "line": line.id,
        "first": first.id,
        "first_side": Message(SIDE_KEYS[sides[0]]),
        "second": second.id,
        "second_side": Message(SIDE_KEYS[sides[1]]),
        "crossing": _crossing(crossing),
    }
    return ok, Message("claim.opposite_sides", params)


#: The catalogue key of each side :func:`side_of_line` names.
SIDE_KEYS = {"left": "side.left", "right": "side.right", "on the line": "side.on_line"}


def _crossing(ids: list[str]) -> Message | str:
    """The clause naming the features that cross the line; empty when none does."""
    if len(ids) == 1:
        return Message("claim.crossing_one", {"feature": ids[0]})
    if ids:
        return Message("claim.crossing_two", {"first": ids[0], "second": ids[1]})
    return ""


@claim_test("total_area", features=Param("ids", geometry="area"), stated=Param("stated"))
def total_area(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, Message]:
    """The ``features`` together make the ``stated`` figure.

    Parameters
    ----------
    claim : Claim
        The claim, validated.
    features : mapping of str to Feature
        The atlas's features by id.

    Returns
    -------
    holds : bool
        Whether the claim holds.
    detail : Message
        The sum of the areas in hectares against the stated figure.
    """
    members = [features[i] for i in claim.params["features"]]
    total = sum(hectares(f.area_m2) for f in members)
    figure = claim.stated
    assert figure is not None  # the validator requires it
    deviation = (total - figure.hectares) / figure.hectares * 100
    ok = abs(deviation) <= figure.tolerance_pct
    params = {
        "features": " + ".join(f.id for f in members),
        "total": f"{total:,.1f}",
        "stated": figure.as_stated,
        "stated_ha": f"{figure.hectares:,.1f}",
        "deviation": signed_percent(deviation),
        "tolerance": f"{figure.tolerance_pct:g}",
    }
    return ok, Message("claim.total_area", params)
