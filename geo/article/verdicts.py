"""Verdicts on an article's area figures, by the rules of stated figures in layers.

A figure holds when the polygon's geodesic area is within the feature's own tolerance (its
digitizing accuracy: the smallest ``tolerance_pct`` of its stated figures, else
:data:`DEFAULT_TOLERANCE_PCT`), widened by the figure's rounding (half its last stated digit, at most
:data:`ROUNDING_CAP_PCT`) and its hedge (:data:`HEDGE_PCT` for "about", 约; one-sided for "nearly",
"over", "up to").

>>> rounding_pct(87, 1), rounding_pct(300, 100)
(0.5747126436781609, 5.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from geo.model import Feature

#: A feature's tolerance, in percent, when it has no stated figure to take one from.
DEFAULT_TOLERANCE_PCT = 2.0

#: The most a figure's rounding widens the tolerance, in percent ("300" may be rounded to the hundred).
ROUNDING_CAP_PCT = 5.0

#: How much a hedge ("about", 约) widens the tolerance, in percent.
HEDGE_PCT = 5.0


@dataclass(frozen=True)
class Verdict:
    """A figure held against a polygon: ``verdict`` is ``holds`` or ``fails``; ``why`` says why."""

    verdict: str
    computed_ha: float
    deviation_pct: float
    tolerance_pct: float
    why: str


def feature_tolerance(feature: Feature) -> float:
    """The feature's own tolerance in percent: its smallest stated ``tolerance_pct``.

    Figures stated without "about" count first (theirs is the digitizing accuracy alone).

    Parameters
    ----------
    feature : Feature
        A feature with stated figures.

    Returns
    -------
    float
        The tolerance in percent (the default without a stated one).
    """
    exact = [f.tolerance_pct for f in feature.stated if not f.about]
    every = [f.tolerance_pct for f in feature.stated]
    return min(exact or every or [DEFAULT_TOLERANCE_PCT])


def rounding_pct(value: Fraction | float, step: Fraction | float) -> float:
    """Half the last stated digit, in percent of the figure, at most :data:`ROUNDING_CAP_PCT`.

    Parameters
    ----------
    value : Fraction or float
        The stated figure.
    step : Fraction or float
        The size of its last stated digit, in the figure's unit.

    Returns
    -------
    float
        The rounding allowance in percent of ``value``.

    Examples
    --------
    >>> round(rounding_pct(87, 1), 3), rounding_pct(300, 100)
    (0.575, 5.0)
    """
    return min(float(Fraction(step) / 2 / Fraction(value)) * 100, ROUNDING_CAP_PCT)


def hold(
    *,
    stated_ha: float,
    computed_ha: float,
    base_pct: float,
    round_pct: float,
    hedge: str | None,
    feature: str,
) -> Verdict:
    """Hold a figure (ha) against a polygon's area (ha): the verdict, the measures, and why.

    Parameters
    ----------
    stated_ha : float
        The stated figure, in hectares.
    computed_ha : float
        The polygon's geodesic area, in hectares.
    base_pct : float
        The feature's own tolerance, in percent.
    round_pct : float
        The allowance for the figure's rounding, in percent.
    hedge : str or None
        ``about``, ``nearly``, ``over`` or ``under``, from the words around the figure; None for none.
    feature : str
        The feature's id, named in the reason.

    Returns
    -------
    Verdict
        ``holds`` or ``fails``, the difference and tolerance in percent, and why.
    """
    deviation = (computed_ha - stated_ha) / stated_ha * 100
    tolerance = base_pct + round_pct + (HEDGE_PCT if hedge in ("about", "nearly") else 0.0)
    low, high, words = -tolerance, tolerance, f"within ±{tolerance:.1f} %"
    if hedge == "nearly":
        high, words = (
            base_pct + round_pct,
            f"between -{tolerance:.1f} % and +{base_pct + round_pct:.1f} % (nearly)",
        )
    elif hedge == "over":
        high, words = float("inf"), f"at least -{tolerance:.1f} % (a lower bound)"
    elif hedge == "up_to":
        low, words = float("-inf"), f"at most +{tolerance:.1f} % (an upper bound)"
    ok = low <= deviation <= high
    parts = f"{base_pct:g} % for the polygon, {round_pct:.1f} % for rounding"
    if hedge in ("about", "nearly"):
        parts += f", {HEDGE_PCT:g} % for the hedge"
    why = (
        f"{feature} measures {computed_ha:,.1f} ha, {deviation:+.2f} % from the stated {stated_ha:,.1f} ha; "
        f"{'holds' if ok else 'fails'}: needs {words} ({parts})"
    )
    return Verdict("holds" if ok else "fails", computed_ha, deviation, tolerance, why)
