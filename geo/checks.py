"""Checks: computed areas against stated figures, and claims against geometry.

Areas are geodesic (see :mod:`geo.geodesy`). Distances are geodesic between the
two nearest points, which are found in an azimuthal equidistant projection
centred between the features (exact to well under a metre at these scales).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geo.claims import DEFAULT_MIN_SHARE, Claim
from geo.geodesy import M2_PER_HECTARE, WGS84, area_perimeter, geodesic_area, hectares
from geo.layers import Feature, StatedFigure


@dataclass(frozen=True)
class AreaCheck:
    """One stated figure held against the computed geodesic area.

    ``deviation_pct`` is (computed − stated) / stated × 100: positive when the
    polygon is larger than the figure.
    """

    id: str
    name: str
    stated: str
    stated_ha: float
    computed_ha: float
    deviation_pct: float
    tolerance_pct: float
    ok: bool
    source: str
    source_url: str | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim, with the measurement behind it."""

    id: str
    claim: str
    sentence: str
    ok: bool
    detail: str
    features: tuple[str, ...]

    def as_dict(self) -> dict:
        return {**asdict(self), "features": list(self.features)}


def compare(computed_ha: float, figure: StatedFigure) -> tuple[float, bool]:
    """Deviation in percent of the stated figure, and whether it is within tolerance.

    >>> from geo.layers import Source, StatedFigure
    >>> fig = StatedFigure("87 ha", 87, "ha", 87.0, False, 2.0, "r", Source("t", "i", "2025"))
    >>> compare(88.0, fig)
    (1.1494252873563218, True)
    >>> compare(85.0, fig)[1]
    False
    """
    deviation = (computed_ha - figure.hectares) / figure.hectares * 100
    return deviation, abs(deviation) <= figure.tolerance_pct


def check_areas(features: Iterable[Feature]) -> list[AreaCheck]:
    """Hold every stated figure of every feature against its geodesic area."""
    stated = [f for f in features if f.stated]
    areas_ha = geodesic_area([f.geometry for f in stated]) / M2_PER_HECTARE
    rows = []
    for feature, computed in zip(stated, areas_ha.tolist(), strict=True):
        for figure in feature.stated:
            deviation, ok = compare(computed, figure)
            rows.append(
                AreaCheck(
                    id=feature.id,
                    name=feature.name,
                    stated=figure.as_stated,
                    stated_ha=figure.hectares,
                    computed_ha=computed,
                    deviation_pct=deviation,
                    tolerance_pct=figure.tolerance_pct,
                    ok=ok,
                    source=str(figure.source),
                    source_url=figure.source.url,
                )
            )
    return rows


def check_claims(claims: Iterable[Claim], features: Mapping[str, Feature]) -> list[ClaimResult]:
    """Evaluate every claim; ``features`` maps ids to features and must hold all it names."""
    results = []
    for claim in claims:
        ok, detail = TESTS[claim.test](claim, features)
        results.append(ClaimResult(claim.id, claim.claim, claim.sentence, ok, detail, claim.feature_ids))
    return results


def _within(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, str]:
    inner = features[claim.params["feature"]]
    outer = features[claim.params["container"]]
    min_share = claim.params.get("min_share", DEFAULT_MIN_SHARE)
    inner_area = area_perimeter(inner.geometry)[0]
    if inner_area == 0:  # a line or point: all of it must lie inside
        share = shapely.length(inner.geometry.intersection(outer.geometry)) / max(
            inner.geometry.length, 1e-12
        )
    else:
        share = area_perimeter(inner.geometry.intersection(outer.geometry))[0] / inner_area
    verdict = "inside" if share >= min_share else "not inside"
    return share >= min_share, (
        f"{share:.1%} of {inner.id} lies in {outer.id} (needs {min_share:.0%}): {verdict}"
    )


def _adjacent(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, str]:
    a = features[claim.params["feature"]]
    b = features[claim.params["to"]]
    limit = claim.params["max_distance_m"]
    distance = geodesic_distance(a.geometry, b.geometry)
    return distance <= limit, f"{a.id} is {distance:,.0f} m from {b.id} (allowed {limit:,.0f} m)"


def _opposite_sides(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, str]:
    line = features[claim.params["line"]]
    first, second = (features[i] for i in claim.params["features"])
    sides = [side_of_line(f.geometry, line.geometry) for f in (first, second)]
    crossing = [f.id for f in (first, second) if f.geometry.crosses(line.geometry)]
    ok = sides[0] != sides[1] and not crossing
    detail = f"looking along {line.id}, {first.id} lies on the {sides[0]} and {second.id} on the {sides[1]}"
    if crossing:
        detail += f"; {' and '.join(crossing)} crosses the line"
    return ok, detail


def _total_area(claim: Claim, features: Mapping[str, Feature]) -> tuple[bool, str]:
    members = [features[i] for i in claim.params["features"]]
    total = sum(hectares(area_perimeter(f.geometry)[0]) for f in members)
    figure = claim.stated
    assert figure is not None
    deviation, ok = compare(total, figure)
    return ok, (
        f"{' + '.join(f.id for f in members)} = {total:,.1f} ha against {figure.as_stated} "
        f"({figure.hectares:,.1f} ha): {deviation:+.2f} % (allowed ±{figure.tolerance_pct:g} %)"
    )


TESTS = {
    "within": _within,
    "adjacent": _adjacent,
    "opposite_sides": _opposite_sides,
    "total_area": _total_area,
}


def side_of_line(geometry: BaseGeometry, line: BaseGeometry) -> str:
    """Which side of a line a geometry lies on, looking along the line's direction.

    The side of the geometry's representative point, measured against the line's
    nearest segment. Returns ``"left"``, ``"right"`` or ``"on the line"``.

    >>> from shapely import LineString, box
    >>> eastward = LineString([(0, 0), (1, 0)])
    >>> side_of_line(box(0.4, 0.1, 0.6, 0.3), eastward), side_of_line(box(0.4, -0.3, 0.6, -0.1), eastward)
    ('left', 'right')
    """
    point = geometry.representative_point()
    at = line.project(point)
    step = min(1e-6, line.length / 2)
    ahead = line.interpolate(min(at + step, line.length))
    behind = line.interpolate(max(at - step, 0.0))
    cross = (ahead.x - behind.x) * (point.y - behind.y) - (ahead.y - behind.y) * (point.x - behind.x)
    if cross == 0:
        return "on the line"
    return "left" if cross > 0 else "right"


def geodesic_distance(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic distance in metres between the nearest points of two geometries (0 if they meet).

    >>> from shapely import Point
    >>> round(geodesic_distance(Point(114.0, 22.5), Point(114.0, 22.51)))
    1107
    """
    if a.intersects(b):
        return 0.0
    centre = shapely.GeometryCollection([a, b]).envelope.centroid
    local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84", always_xy=True
    )
    back = Transformer.from_crs(local.target_crs, "EPSG:4326", always_xy=True)

    def project(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, local.transform, interleaved=False)

    near_a, near_b = shapely.shortest_line(project(a), project(b)).coords
    (lon1, lat1), (lon2, lat2) = back.transform(*near_a), back.transform(*near_b)
    return float(WGS84.inv(lon1, lat1, lon2, lat2)[2])
