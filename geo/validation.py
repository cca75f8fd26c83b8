"""Validating a decoded GeoJSON layer against the gba-atlas layer format.

The validator collects every problem before it reports, so a user fixes a file
in one pass. The format itself is described in the README ("The layer format").
"""

from __future__ import annotations

import math
import re
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.errors import Problem
from geo.geometry_checks import check_geometry

#: A feature id: lowercase snake_case, safe as a file name and a DOM id.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
ID_MAX_LENGTH = 64

#: Units a stated figure may use, and how many hectares one of each makes.
HECTARES_PER_UNIT = {"ha": 1.0, "km²": 100.0, "m²": 1e-4}

#: Dates in sources: a year, a month or a day.
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Legacy ``crs`` members that still mean WGS84 lon/lat.
WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}

_SNAKE_FIX = "use lowercase letters, digits and single underscores, starting with a letter"


def validate_collection(
    data: Any, *, file: str
) -> tuple[list[tuple[dict[str, Any], BaseGeometry]], list[Problem]]:
    """Validate a decoded GeoJSON FeatureCollection.

    Parameters
    ----------
    data : object
        The decoded JSON document.
    file : str
        Where it came from, for the messages.

    Returns
    -------
    features : list of (properties, geometry)
        The valid features, polygons oriented the RFC 7946 way.
    problems : list of Problem
        Everything wrong, in document order; empty when the layer is valid.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        problems.append(
            Problem(
                file,
                "",
                f"not a GeoJSON FeatureCollection (found {kind!r})",
                'make the file one object {"type": "FeatureCollection", "features": [...]}',
            )
        )
        return [], problems
    _check_crs(data.get("crs"), file, problems)
    features = data.get("features")
    if not isinstance(features, list):
        problems.append(Problem(file, "", "has no features list", 'add "features": [ ... ]'))
        return [], problems
    valid = []
    for index, feature in enumerate(features):
        found = validate_feature(feature, index=index, file=file)
        problems.extend(found[1])
        if found[0] is not None:
            valid.append(found[0])
    if not features:
        problems.append(Problem(file, "", "has no features", "add at least one Feature"))
    return valid, problems


def validate_feature(
    feature: Any, *, index: int, file: str
) -> tuple[tuple[dict[str, Any], BaseGeometry] | None, list[Problem]]:
    """Validate one Feature; return (properties, geometry) when valid, and the problems."""
    problems: list[Problem] = []
    label = f"feature #{index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(Problem(file, label, "is not a GeoJSON Feature", 'give it "type": "Feature"'))
        return None, problems
    props = feature.get("properties")
    if isinstance(props, dict) and isinstance(props.get("id"), str) and props["id"]:
        label = f"feature '{props['id']}' (#{index})"

    def report(what: str, fix: str) -> None:
        problems.append(Problem(file, label, what, fix))

    geometry = check_geometry(feature.get("geometry"), report)
    if not isinstance(props, dict):
        report("has no properties object", 'add "properties": {"id": ..., "name": ...}')
        return None, problems
    check_properties(props, report)
    if problems or geometry is None:
        return None, problems
    return (props, geometry), problems


def check_properties(props: dict[str, Any], report: Any) -> None:
    """Check a feature's properties: id, name, the optional texts, and stated figures."""
    check_id(props.get("id"), report)
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        report("has no name", 'add "name": a non-empty string')
    for key in ("short_name", "name_zh", "kind", "digitized_from"):
        if key in props and props[key] is not None and not isinstance(props[key], str):
            report(f"{key} must be a string, not {type(props[key]).__name__}", f"write {key} as text")
    stated = props.get("stated", [])
    if stated is None:
        return
    if not isinstance(stated, list):
        report("stated must be a list of stated figures", 'write "stated": [{...}, ...]')
        return
    for number, figure in enumerate(stated):
        check_stated(figure, lambda what, fix, n=number: report(f"stated[{n}]: {what}", fix))


def check_id(value: Any, report: Any) -> None:
    """Check a feature id: a lowercase snake_case string of at most 64 characters."""
    if not isinstance(value, str) or not value:
        report("has no id", f'add "id": a unique name ({_SNAKE_FIX})')
    elif len(value) > ID_MAX_LENGTH or not ID_PATTERN.match(value):
        report(f"id {value!r} is not lowercase snake_case of at most {ID_MAX_LENGTH} characters", _SNAKE_FIX)


def check_stated(figure: Any, report: Any) -> None:
    """Check one stated figure (see the README for its fields)."""
    if not isinstance(figure, dict):
        report("is not an object", "write each stated figure as an object with value, unit, ...")
        return
    for key in ("as_stated", "rationale"):
        if not isinstance(figure.get(key), str) or not figure[key].strip():
            report(f"{key} is missing or empty", f"add {key}: text")
    value, hectares = figure.get("value"), figure.get("hectares")
    for key, number in (("value", value), ("hectares", hectares)):
        if not _positive_number(number):
            report(f"{key} must be a positive number, not {number!r}", f"write {key} as a number > 0")
    unit = figure.get("unit")
    if unit not in HECTARES_PER_UNIT:
        report(f"unit {unit!r} is not one of {', '.join(HECTARES_PER_UNIT)}", "use ha, km² or m²")
    elif _positive_number(value) and _positive_number(hectares):
        expected = value * HECTARES_PER_UNIT[unit]
        if not math.isclose(hectares, expected, rel_tol=1e-6):
            report(
                f"hectares {hectares} does not match {value} {unit} (= {expected:g} ha)",
                "correct one of them",
            )
    if not isinstance(figure.get("about"), bool):
        report("about must be true or false", 'write "about": true for "about"/"approximately" figures')
    tolerance = figure.get("tolerance_pct")
    if not _positive_number(tolerance) or tolerance > 50:
        report(
            f"tolerance_pct must be a number in (0, 50], not {tolerance!r}",
            "state the allowed deviation in %",
        )
    check_source(figure.get("source"), report)


def check_source(source: Any, report: Any) -> None:
    """Check a source: title, issuer, date (YYYY[-MM[-DD]]) and an optional http(s) url."""
    if not isinstance(source, dict):
        report("has no source", 'add "source": {"title": ..., "issuer": ..., "date": ..., "url": ...}')
        return
    for key in ("title", "issuer"):
        if not isinstance(source.get(key), str) or not source[key].strip():
            report(f"source {key} is missing or empty", f"add the source's {key}")
    date = source.get("date")
    if not isinstance(date, str) or not DATE_PATTERN.match(date):
        report(f"source date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", "write the date as 2023-08-29")
    url = source.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://[^\s]+$", url)):
        report(f"source url {url!r} is not an http(s) URL", "give an http(s) URL, or null when there is none")


def _positive_number(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
    )


def _check_crs(crs: Any, file: str, problems: list[Problem]) -> None:
    """Accept a missing crs, or a legacy one naming WGS84 lon/lat; reject the rest."""
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in WGS84_CRS_NAMES:
        problems.append(
            Problem(
                file,
                "",
                f"declares the coordinate system {name or crs!r}; layers must be WGS84 lon/lat",
                "reproject to EPSG:4326 and remove the crs member (RFC 7946 has none)",
            )
        )
