"""Hardening: huge layers, property-based invariants, and builds that never lose output."""

from __future__ import annotations

import itertools
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import MultiPolygon, Polygon

from geo import Atlas, InputError
from geo.cli import main
from geo.geodesy import area_perimeter
from geo.io.layer_build import parse_layer
from geo.map.text import script_json
from tests.helpers import collection, feature, write

# --- a million vertices --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_million_vertex_layer_is_accepted(tmp_path):
    """There is no vertex limit: a 1,000,000-vertex ring near the Loop validates and measures."""
    n = 1_000_000
    angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
    ring = np.column_stack([114.07 + 0.01 * np.cos(angles), 22.51 + 0.01 * np.sin(angles)]).round(7)
    big_circle = feature("big_circle", stated=[])
    # set, not passed: feature() deep-copies the coordinates it is given (2.5 s for a million pairs)
    big_circle["geometry"]["coordinates"] = [np.vstack([ring, ring[:1]]).tolist()]
    write(tmp_path / "big.geojson", collection(big_circle))
    atlas = Atlas.load(tmp_path)
    geometry = atlas.features["big_circle"].geometry
    assert shapely.get_num_coordinates(geometry) == n + 1
    # a circle of radius 0.01° here: ~1,109 m north-south, ~1,029 m east-west
    assert area_perimeter(geometry)[0] == pytest.approx(math.pi * 1_106.6 * 1_028.7, rel=0.01)


# --- property-based ------------------------------------------------------------------------------

small = st.floats(min_value=0.0005, max_value=0.05)
lon0 = st.floats(min_value=113.0, max_value=115.0)
lat0 = st.floats(min_value=21.5, max_value=23.5)


@st.composite
def star_polygons(draw) -> Polygon:
    """Star-shaped (so simple) polygons of 3–30 vertices around a point in the Bay Area."""
    n = draw(st.integers(min_value=3, max_value=30))
    radii = draw(st.lists(small, min_size=n, max_size=n))
    cx, cy = draw(lon0), draw(lat0)
    angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return Polygon([(cx + r * math.cos(a), cy + r * math.sin(a)) for r, a in zip(radii, angles, strict=True)])


def area(geometry) -> float:
    return area_perimeter(geometry)[0]


@pytest.mark.slow
@given(star_polygons(), st.integers(min_value=0, max_value=29))
def test_area_ignores_orientation_and_starting_vertex(polygon, shift):
    coords = list(polygon.exterior.coords)[:-1]
    shift %= len(coords)
    rotated = Polygon(coords[shift:] + coords[:shift])
    expected = area(polygon)
    assert area(polygon.reverse()) == pytest.approx(expected, rel=1e-9)
    assert area(rotated) == pytest.approx(expected, rel=1e-9)


@given(star_polygons(), st.floats(min_value=-1.0, max_value=1.0))
def test_area_is_invariant_under_eastward_shifts(polygon, dlon):
    """The ellipsoid is symmetric about its axis: moving east or west changes no area."""
    moved = shapely.affinity.translate(polygon, xoff=dlon)
    assert area(moved) == pytest.approx(area(polygon), rel=1e-9)


@given(star_polygons(), st.floats(min_value=-0.001, max_value=0.001))
def test_area_changes_little_under_small_northward_shifts(polygon, dlat):
    """Moving 100 m north changes an area by about dφ·tan φ (scale of the parallels): < 0.01 % here."""
    moved = shapely.affinity.translate(polygon, yoff=dlat)
    assert area(moved) == pytest.approx(area(polygon), rel=1e-4)


@given(star_polygons(), st.floats(min_value=0.2, max_value=1.0))
def test_area_is_additive_over_disjoint_parts(polygon, gap):
    other = shapely.affinity.translate(polygon, xoff=gap)  # parts are < 0.1° wide: never overlap
    assert area(MultiPolygon([polygon, other])) == pytest.approx(area(polygon) + area(other), rel=1e-12)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
geojsonish = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["FeatureCollection", "Feature", "Polygon", 7]),
        "features": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["Feature", "feature", None]),
                    "properties": st.none()
                    | st.dictionaries(st.sampled_from(["id", "name", "stated"]), json_values),
                    "geometry": st.none()
                    | st.fixed_dictionaries(
                        {
                            "type": st.sampled_from(
                                ["Polygon", "MultiPolygon", "LineString", "Point", "Blob"]
                            ),
                            "coordinates": json_values,
                        }
                    ),
                }
            ),
            max_size=3,
        )
        | json_values,
    }
)


@pytest.mark.slow
@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list('{}%#<>&"\\ax\u2028\u2029')), max_size=40))
def test_script_json_escapes_exactly_what_would_end_the_script_or_open_a_template(text):
    out = script_json(text)
    assert json.loads(out) == text  # still the same JSON
    assert not set(out) & set("<>&\u2028\u2029")
    assert not any("{" + c in out for c in "{%#")
    # and a "{" is escaped only where it opened a Jinja tag
    assert out.count("\\u007b") == sum(a == "{" and b in "{%#" for a, b in itertools.pairwise(text))


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(geojsonish)
def test_validator_raises_only_our_errors(data):
    layer, problems = parse_layer(data, file="<fuzz>", name="fuzz")
    assert (layer is None) == bool(problems)
    try:
        Atlas(layers=[], claims=[]).add_layer(data, name="Fuzz")
    except InputError as error:
        assert all(str(p).startswith("<Fuzz>") for p in error.problems)


# --- nothing lost ----------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_failing_build_leaves_the_previous_output_untouched(tmp_path, capsys):
    layers = tmp_path / "layers"
    write(layers / "a.geojson", collection())
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 0
    before = snapshot(out.parent)
    assert set(before) == {"map.html", "area-report.csv", "area-report.md"}
    write(layers / "b.geojson", "{ broken")
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 2
    assert snapshot(out.parent) == before  # byte-identical, and no stray temporary files


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from geo.io import atomic as io

    target = write(tmp_path / "map.html", "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        io.atomic_write_text(target, "new")
    assert snapshot(tmp_path) == {"map.html": b"old"}


def test_saved_layer_json_is_complete(tmp_path):
    atlas = Atlas.load()
    path = atlas.save_layer("Hetao zone", tmp_path / "hetao.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in data["features"]] == [
        "hetao_hk_park",
        "hetao_sz_park",
        "shenzhen_river",
    ]
