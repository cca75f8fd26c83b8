"""The fast road for large layer files says what the exact road says, word for word.

``geo.io.geojson_text`` reads geometries from the text as arrays; the exact road
(``GBA_ATLAS_FAST_READ=0``) decodes the whole text strictly first. Both make one table,
judged by the same rules, and must accept the same files with the same geometries and
properties, and refuse the same files with the same problems in the same order: the
corpus and generated collections (valid, broken, pretty-printed, with duplicate keys)
go both ways here, the fast road forced on however small the file.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.errors import LayerError
from geo.io import geojson_text as fast_collection
from geo.io.geojson_text import Decoded, decode_layer
from geo.io.json_file import read_json
from geo.validation import coordinate_arrays
from tests.helpers import SQUARE, collection, feature, read_layer

pytestmark = pytest.mark.slow  # both reading roads over generated and large layers

CORPUS = Path(__file__).parent / "corpus"
LAYER_FILES = sorted(CORPUS.glob("*.geojson"))


def outcome(path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> Any:
    """What read_layer makes of ``path`` on one road: the features, or the problems as text.

    The fast road reads every batch of numbers with pyarrow, the exact one with numpy.
    """
    monkeypatch.setenv(fast_collection.FAST_READ_ENV, "1" if fast else "0")
    monkeypatch.setattr(fast_collection, "MIN_FAST_BYTES", 0)
    monkeypatch.setattr(coordinate_arrays, "ARROW_MIN_BYTES", 0 if fast else 1 << 62)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            layer = read_layer(path)
        except LayerError as exc:
            return ("problems", [str(p) for p in exc.problems], [str(w.message) for w in caught])
    geometries = [shapely.to_wkb(f.geometry, hex=True) for f in layer]
    return ("layer", [f.properties for f in layer], geometries, [str(w.message) for w in caught])


def assert_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = outcome(path, monkeypatch, fast=True)
    exact = outcome(path, monkeypatch, fast=False)
    assert fast == exact


@pytest.mark.parametrize("path", LAYER_FILES, ids=[p.name for p in LAYER_FILES])
def test_corpus_reads_the_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_both_ways(path, monkeypatch)


def test_a_clean_file_takes_the_fast_road(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_collection, "MIN_FAST_BYTES", 0)
    monkeypatch.delenv(fast_collection.FAST_READ_ENV, raising=False)
    path = tmp_path / "a.geojson"
    path.write_text(json.dumps(collection(feature("a"), feature("b", [[c[0] + 0.1, c[1]] for c in SQUARE]))))
    data, problems = read_json(path, decode=decode_layer)
    assert problems == []
    assert isinstance(data, Decoded) and data.geometry is not None
    assert all(g is not None for g in data.geometry)
    assert [f["geometry"] for f in data.document["features"]] == [0, 0]  # cut out of the text, read as arrays


def test_the_bytes_are_given_up_and_read_again_for_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast road makes the rest of the text in the bytes it was handed and empties them; when the
    strict road must speak after all (here a duplicate key in properties), the file is read again."""
    monkeypatch.setattr(fast_collection, "MIN_FAST_BYTES", 0)
    monkeypatch.delenv(fast_collection.FAST_READ_ENV, raising=False)
    path = tmp_path / "a.geojson"
    path.write_text(json.dumps(collection(feature("a"), feature("b", [[c[0] + 0.1, c[1]] for c in SQUARE]))))
    strict_reads: list[int] = []

    def again() -> tuple[Decoded | None, list[Any]]:
        strict_reads.append(1)
        data, problems = read_json(path)
        return (None if problems else Decoded(data)), problems

    raw = bytearray(path.read_bytes())
    decoded, problems = decode_layer(raw, file=str(path), again=again)
    assert problems == [] and isinstance(decoded, Decoded) and decoded.geometry is not None
    assert raw == b"" and strict_reads == []
    assert decoded.document == {**json.loads(path.read_text()), "features": decoded.document["features"]}
    text = path.read_text().replace('"id": "a"', '"id": "a", "id": "b"')
    path.write_text(text)
    raw = bytearray(path.read_bytes())
    found = decode_layer(raw, file=str(path), again=again)
    assert raw == b"" and strict_reads == [1]
    assert found == decode_layer(path.read_bytes(), file=str(path))  # bytes: kept, decoded strictly
    assert "duplicate key" in found[1][0].what
    held = bytearray(path.read_bytes())
    with memoryview(held):  # something still looks into the bytes: they are copied, not used up
        assert decode_layer(held, file=str(path), again=again) == found
        assert held == path.read_bytes()


def test_a_geometry_written_with_wide_spaces_is_still_cut_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its brackets farther from the ends than the bytes looked at first: the whole text is looked at."""
    monkeypatch.setattr(fast_collection, "MIN_FAST_BYTES", 0)
    monkeypatch.delenv(fast_collection.FAST_READ_ENV, raising=False)
    data = collection(feature("a"), feature("b", [[c[0] + 0.1, c[1]] for c in SQUARE]))
    text = json.dumps(data).replace('"coordinates": ', '"coordinates":' + " " * 100, 1)
    text = text.replace("]]]}", "]]]" + " " * 100 + "}", 1)
    path = tmp_path / "a.geojson"
    path.write_text(text)
    decoded, problems = read_json(path, decode=decode_layer)
    assert problems == [] and isinstance(decoded, Decoded)
    assert [f["geometry"] for f in decoded.document["features"]] == [0, 0]
    assert_same_both_ways(path, monkeypatch)


def test_the_switch_turns_the_fast_road_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_collection, "MIN_FAST_BYTES", 0)
    monkeypatch.setenv(fast_collection.FAST_READ_ENV, "0")
    path = tmp_path / "a.geojson"
    path.write_text(json.dumps(collection()))
    data, problems = read_json(path, decode=decode_layer)
    assert problems == [] and isinstance(data, Decoded) and data.geometry is None


# --------------------------------------------------------------------------- #
# Generated collections, valid and broken
# --------------------------------------------------------------------------- #

coordinate = st.floats(min_value=-200, max_value=200, allow_nan=False, allow_infinity=False)
near = st.floats(min_value=-0.01, max_value=0.01, allow_nan=False, allow_infinity=False)


def _replace(points: list[Any], index: int, value: Any) -> list[Any]:
    return [value if i == index else p for i, p in enumerate(points)]


#: Ways to break (or merely vary) a ring, each a function of its positions.
MUTATIONS: dict[str, Callable[[list[Any]], list[Any]]] = {
    "unclosed": lambda ps: [*ps[:-1], [ps[-1][0] + 0.001, ps[-1][1]]],
    "short": lambda ps: [ps[0], ps[1], list(ps[0])],
    "swap": lambda ps: [[y, x] for x, y in ps],
    "altitude": lambda ps: [[*p, 5.0] for p in ps],
    "mixed_altitude": lambda ps: _replace(ps, 1, [*ps[1], 7]),
    "string": lambda ps: _replace(ps, 1, [str(ps[1][0]), ps[1][1]]),
    "int": lambda ps: [[int(x), int(y)] for x, y in ps],
    "four": lambda ps: _replace(ps, 2, [*ps[2], 1.0, 2.0]),
    "empty": lambda ps: [],
    "nested": lambda ps: _replace(ps, 1, [ps[1]]),
    "huge": lambda ps: _replace(ps, 1, [10**400, 22.5]),
    "reverse": lambda ps: ps[::-1],
    "bowtie": lambda ps: [ps[0], ps[2], ps[1], *ps[3:]],
    "mercator": lambda ps: [[x * 111_000, y * 111_000] for x, y in ps],
    "wide": lambda ps: _replace(ps, 1, [ps[1][0] - 359, ps[1][1]]),
    "one": lambda ps: _replace(ps, 1, [ps[1][0]]),
    "null": lambda ps: _replace(ps, 1, None),
    "bool": lambda ps: _replace(ps, 1, [True, 22.5]),
}


def ring(draw: Callable[..., Any], centre: tuple[float, float]) -> list[list[Any]]:
    """A star-shaped ring around ``centre``, then perhaps broken in one of many ways."""
    n = draw(st.integers(3, 7))
    angles = sorted(draw(st.lists(st.floats(0, 6.28), min_size=n, max_size=n, unique=True)))
    radius = draw(st.floats(0.0001, 0.05))
    points: list[list[Any]] = [
        [round(centre[0] + radius * np.cos(a), 6), round(centre[1] + radius * np.sin(a), 6)] for a in angles
    ]
    points.append(list(points[0]))
    mutation = draw(st.sampled_from(["none"] * 8 + list(MUTATIONS)))
    return MUTATIONS[mutation](points) if mutation in MUTATIONS else points


@st.composite
def geometries(draw: Callable[..., Any]) -> Any:
    centre = (
        draw(coordinate) if draw(st.booleans()) else draw(st.floats(113.5, 114.5)),
        draw(st.floats(22, 23)),
    )
    kind = draw(st.sampled_from(["Polygon"] * 4 + ["MultiPolygon"] * 2 + ["LineString", "Point", "Bad"]))
    if kind == "Point":
        return {"type": "Point", "coordinates": [centre[0], centre[1]]}
    if kind == "LineString":
        return {"type": "LineString", "coordinates": ring(draw, centre)[:3]}
    if kind == "Bad":
        return draw(
            st.sampled_from([None, 7, [], {"type": "Polygon"}, {"type": "Circle", "coordinates": [1, 2]}])
        )
    rings = [ring(draw, centre)]
    if draw(st.integers(0, 4)) == 0:
        rings.append(ring(draw, (centre[0] + draw(near), centre[1] + draw(near))))
    if draw(st.integers(0, 10)) == 0:
        rings.append([])
    if kind == "Polygon":
        coords: Any = rings
    else:
        coords = [rings] + [
            [ring(draw, (centre[0] + 0.2 * k, centre[1]))] for k in range(draw(st.integers(0, 2)))
        ]
        if draw(st.integers(0, 10)) == 0:
            coords = rings  # a Polygon's nesting, named MultiPolygon
    geometry: dict[str, Any] = {"type": kind, "coordinates": coords}
    extra = draw(st.sampled_from([None] * 6 + ["bbox", "coordinates_first"]))
    if extra == "bbox":
        geometry["bbox"] = [0, 0, 1, 1]
    elif extra == "coordinates_first":
        geometry = {"coordinates": coords, "type": kind}
    return geometry


#: Properties a feature may carry, fine or not: the column screen must send the wrong ones on.
PROPERTY_VARIANTS: list[tuple[str, Any]] = [
    ("name", ""),
    ("name", " \u3000"),
    ("name", 7),
    ("name", None),
    ("id", "f_9\n"),
    ("id", "f\ng"),
    ("id", "f" * 65),
    ("id", 3),
    ("kind", 5),
    ("kind", None),
    ("kind", "park"),
    ("name_zh", "公園"),
    ("name_zh", ["公園"]),
    ("name_zh_script", "zh-Hant"),
    ("name_zh_hans", None),
    ("stated", []),
    ("stated", None),
    ("height_m", 12.5),
    ("height_m", "1e400"),  # written as a number too large for a float
    ("tags", ["a", {"b": 1}]),
    ("tags", {"deep": [1, 2, "1e400"]}),
    ("flag", True),
    ("count", 10**30),
]


@st.composite
def layer_texts(draw: Callable[..., Any]) -> str:
    n = draw(st.integers(1, 5))
    features = []
    for i in range(n):
        f = feature(draw(st.sampled_from([f"f_{i}", f"f_{i}", "Bad Id", ""])))
        f["geometry"] = draw(geometries())
        if draw(st.integers(0, 15)) == 0:
            f["properties"]["stated"] = "many"
        if draw(st.booleans()):
            del f["properties"]["stated"]  # no stated figures: the properties may be screened as columns
        if draw(st.integers(0, 3)) == 0:
            key, value = draw(st.sampled_from(PROPERTY_VARIANTS))
            f["properties"][key] = value
        features.append(f)
    text = json.dumps(collection(*features), indent=draw(st.sampled_from([None, None, 1, "\t"])))
    text = text.replace('"1e400"', "1e400")
    trick = draw(st.sampled_from([None] * 8 + ["dup_geometry_key", "dup_type", "surrogate", "nan", "bom"]))
    if trick == "dup_geometry_key":
        text = text.replace('"coordinates":', '"type": "Polygon", "coordinates":', 1)
    elif trick == "dup_type":
        text = text.replace('{"type": "Polygon"', '{"type": "Polygon", "type": "Polygon"', 1)
    elif trick == "surrogate":
        text = text.replace('"type": "Polygon"', '"type": "Polyg\\ud800on"', 1)
    elif trick == "nan":
        text = text.replace("22.", "NaN, 22.", 1)
    elif trick == "bom":
        text = "\ufeff" + text
    return text


#: A number too large for a float reads as infinity on the fast road (hypothesis found it).
TOO_LARGE = (
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "f_0", "name": "F"},'
    ' "geometry": {"type": "Polygon", "coordinates": [[[114.03, 23.0], [1%s, 22.5], [113.97, 22.97],'
    " [114.03, 23.0]]]}}]}" % ("0" * 400)
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=layer_texts())
@example(text=TOO_LARGE)
def test_generated_layers_read_the_same_both_ways(
    text: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path_factory.mktemp("fast") / "layer.geojson"
    path.write_text(text, encoding="utf-8")
    assert_same_both_ways(path, monkeypatch)


def test_a_large_clean_layer_reads_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many features: several chunks, and the coordinates of every polygon identical to the last bit."""
    from benchmarks.run import footprint_polygons

    monkeypatch.setattr(fast_collection, "CHUNK", 700)
    polygons = footprint_polygons(2_000, seed=3)
    features = [
        {"type": "Feature", "properties": {"id": f"p_{i}", "name": f"P {i}"}, "geometry": json.loads(g)}
        for i, g in enumerate(shapely.to_geojson(polygons))
    ]
    features[1234]["geometry"]["coordinates"][0][-1][0] += 0.5  # one unclosed ring among them
    path = tmp_path / "many.geojson"
    path.write_text(json.dumps(collection(*features)))
    assert_same_both_ways(path, monkeypatch)
    del features[1234]
    path.write_text(json.dumps(collection(*features)))
    assert_same_both_ways(path, monkeypatch)


@pytest.mark.parametrize(
    ("key", "value"), PROPERTY_VARIANTS, ids=[f"{k}={v!r}" for k, v in PROPERTY_VARIANTS]
)
def test_each_kind_of_property_reads_the_same_both_ways(
    key: str, value: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clean polygons without stated figures, one of them with the property: the column screen decides."""
    features = [feature(f"f_{i}", [[x + i * 0.02, y] for x, y in SQUARE]) for i in range(3)]
    for f in features:
        del f["properties"]["stated"]
    features[1]["properties"][key] = value
    path = tmp_path / "layer.geojson"
    path.write_text(json.dumps(collection(*features)).replace('"1e400"', "1e400"))
    assert_same_both_ways(path, monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(geometries(), min_size=1, max_size=4), st.sampled_from([None, 1]))
def test_the_quick_layout_is_the_scanned_layout_or_none(shapes: list[Any], indent: int | None) -> None:
    """Plain 2D positions read by their next bytes: where that road answers, the full scan agrees."""
    from geo.validation.coordinate_arrays import LEVELS, _plain_layout, _scanned_layout

    for kind in LEVELS:
        texts = [
            json.dumps(g["coordinates"], indent=indent).encode()
            for g in shapes
            if isinstance(g, dict) and g.get("type") == kind and isinstance(g.get("coordinates"), list)
        ]
        if not texts:
            continue
        quick = _plain_layout(texts, kind)
        scanned, bad = _scanned_layout(texts, kind)
        if quick is not None:
            assert scanned is not None and not bad.any()
            for mine, theirs in zip(quick, scanned, strict=True):
                assert np.array_equal(mine, theirs, equal_nan=True)


def test_the_quick_layout_takes_plain_polygons_and_leaves_the_rest() -> None:
    from geo.validation.coordinate_arrays import _plain_layout

    ring = [[114.0, 22.0], [114.1, 22.0], [114.1, 22.1], [114.0, 22.0]]
    plain = json.dumps([ring]).encode()
    assert _plain_layout([plain, json.dumps([ring], indent=2).encode()], "Polygon") is not None
    for name in ("altitude", "one", "empty", "nested", "four", "string"):
        broken = json.dumps([MUTATIONS[name](ring)]).encode()
        assert _plain_layout([plain, broken], "Polygon") is None, name
    assert _plain_layout([json.dumps([[ring]]).encode()], "Polygon") is None
    assert _plain_layout([json.dumps([ring, []]).encode()], "Polygon") is None


@st.composite
def members_of_every_kind(draw: Callable[..., Any]) -> dict[str, Any]:
    """A geometry of any of the six types, built from rings that may be broken in any way."""
    centre = (draw(st.floats(113.5, 114.5)), draw(st.floats(22, 23)))
    kind = draw(st.sampled_from(list(coordinate_arrays.LEVELS)))
    parts = [ring(draw, centre) for _ in range(draw(st.integers(1, 3)))]
    line = [p for p in parts[0] if p is not None][: draw(st.integers(0, 4))]
    coordinates: Any = {
        "Point": parts[0][0] if parts[0] else [],
        "MultiPoint": line,
        "LineString": line,
        "MultiLineString": [part[: draw(st.integers(0, 4))] for part in parts],
        "Polygon": parts,
        "MultiPolygon": [parts, [ring(draw, (centre[0] + 0.2, centre[1]))]],
    }[kind]
    return {"type": kind, "coordinates": coordinates}


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(members_of_every_kind(), min_size=1, max_size=6))
def test_every_geometry_type_read_as_arrays_is_the_member_read_one_by_one(members: list[Any]) -> None:
    """What the array reader builds, the exact road reads alike; what that road refuses, it leaves alone."""
    from geo.validation.geometry import member_shape
    from geo.validation.members import read_member

    for kind in coordinate_arrays.LEVELS:
        mine = [m for m in members if m["type"] == kind]
        if not mine:
            continue
        texts = [json.dumps(m["coordinates"]).replace('"1e400"', "1e400").encode() for m in mine]
        built, suspect = coordinate_arrays.read_coordinates(texts, kind)
        for member, shape, left in zip(mine, built.tolist(), suspect.tolist(), strict=True):
            _, defect = read_member(member)
            if defect is not None:
                assert left, (member, defect)
            elif not left:
                assert shapely.to_wkb(shape) == shapely.to_wkb(member_shape(member)), member
