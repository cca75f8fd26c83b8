"""Fuzzing the readers: whatever a file holds, gba-atlas answers with its own InputError or reads it.

Arbitrary JSON (lone surrogates included), arbitrary bytes, and FeatureCollections whose
geometries and properties are arbitrary JSON go through read_json, Atlas.load of a
folder holding the file, and Atlas.add_layer of its path. Any other exception fails.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import Atlas, InputError
from geo.errors import AtlasWarning, Problem
from geo.io.json_file import read_json
from geo.validation.positions import NESTING
from tests.helpers import SQUARE, collection, feature

pytestmark = pytest.mark.slow  # hypothesis, hundreds of generated inputs

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=8)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | any_text
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(any_text, children, max_size=5),
    max_leaves=25,
)
near_square = st.lists(st.sampled_from([*SQUARE, [114.06, 22.5, 3.0], [180.5, 0], [-179.9, 0]]), max_size=6)


@st.composite
def collections_with_arbitrary_parts(draw: Callable[..., Any]) -> dict[str, Any]:
    """A FeatureCollection whose geometry type, coordinates and properties may be anything."""
    kind = draw(st.sampled_from([*NESTING, "GeometryCollection", "Circle"]))
    coords = draw(json_values | near_square | st.lists(near_square, max_size=3))
    f = feature(**draw(st.dictionaries(st.sampled_from(["stated", "name", "id", "kind", "x"]), json_values)))
    f["geometry"] = draw(st.just({"type": kind, "coordinates": coords}) | json_values)
    return collection(f)


def text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, allow_nan=True)  # ASCII: lone surrogates become \\ud800


def only_our_errors(content: bytes) -> None:
    """read_json, Atlas.load and Atlas.add_layer of a file with ``content``: success or InputError only."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", AtlasWarning)
        folder = Path(tmp) / "layers"
        folder.mkdir()
        path = folder / "fuzz.geojson"
        path.write_bytes(content)
        data, problems = read_json(path)
        assert (data is None) == bool(problems) or (data is None and content.strip() == b"null")
        assert all(isinstance(p, Problem) and str(path) in str(p) for p in problems)
        attempts = [lambda: Atlas.load(folder)]
        if problems or isinstance(data, dict):  # other top levels: see test_add_layer_of_a_non_object
            attempts.append(lambda: Atlas().add_layer(path, name="fuzz"))
        for attempt in attempts:
            try:
                attempt()
            except InputError as error:
                assert all("; fix: " in str(p) for p in error.problems)


@FUZZ
@given(json_values)
def test_arbitrary_json_gets_an_answer_or_our_error(value):
    only_our_errors(text_of(value).encode())


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_get_an_answer_or_our_error(content):
    only_our_errors(content)


@FUZZ
@given(collections_with_arbitrary_parts())
def test_arbitrary_geometries_and_properties_get_an_answer_or_our_error(value):
    only_our_errors(text_of(value).encode())


@FUZZ
@given(json_values)
def test_what_read_json_returns_is_what_was_written(value):
    text = text_of(value)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.json"
        path.write_text(text, encoding="ascii")
        data, problems = read_json(path)
    if not problems:
        assert text_of(data) == text


@pytest.mark.parametrize("text", ["0", "null", '"a string"'])
def test_add_layer_of_a_non_object(text, tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoJSON FeatureCollection"):
        Atlas().add_layer(path)
