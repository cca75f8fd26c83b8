"""A layer's features kept as rows: made when first used, and only those a check needs."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import shapely

from geo.io.layer_build import make_layer
from geo.io.records import column_records
from geo.model import Feature, FeatureRows, Layer, features_by_id
from geo.validation.rules import Valid
from geo.verify import verify

STATED = {
    "as_stated": "1 ha",
    "value": 1.0,
    "unit": "ha",
    "hectares": 1.0,
    "about": False,
    "tolerance_pct": 50.0,
    "rationale": "test",
    "source": {"title": "T", "issuer": "I", "date": "2025-01-01"},
}


def squares(n: int) -> np.ndarray:
    return shapely.box(np.arange(n) * 0.01 + 114.0, 22.5, np.arange(n) * 0.01 + 114.005, 22.505)


def rows(n: int = 5, stated_at: tuple[int, ...] = (3,)) -> FeatureRows:
    props = [
        {"id": f"f_{i}", "name": f"F {i}", **({"stated": [STATED]} if i in stated_at else {})}
        for i in range(n)
    ]
    return FeatureRows("L", squares(n), props)


def made(features: FeatureRows) -> int:
    return sum(f is not None for f in features._made)


def test_a_row_is_made_once_when_first_asked_for() -> None:
    features = rows()
    assert made(features) == 0
    first = features[2]
    assert made(features) == 1 and features[2] is first and features[-3] is first
    assert (first.id, first.name, first.layer, first.geometry) == ("f_2", "F 2", "L", features.geometry[2])


def test_rows_behave_as_the_tuple_of_their_features() -> None:
    features = rows()
    as_tuple = tuple(features)
    assert features == as_tuple and as_tuple == features and len(features) == 5
    assert features[1:4] == as_tuple[1:4] and features[::-2] == as_tuple[::-2]
    assert features != as_tuple[:4] and features != "f_0"
    with pytest.raises(IndexError, match="out of range for a layer of 5"):
        features[5]
    with pytest.raises(TypeError):
        hash(features)


def test_geometry_and_properties_must_match_in_length() -> None:
    with pytest.raises(ValueError, match="2 geometries but 1 properties"):
        FeatureRows("L", squares(2), [{"id": "a", "name": "A"}])


def test_ids_names_and_stated_rows_come_from_the_columns_without_making_features() -> None:
    features = rows(stated_at=(1, 3))
    layer = Layer("L", features)
    assert layer.ids == [f"f_{i}" for i in range(5)] and layer.feature_names[4] == "F 4"
    assert features.stated_rows().tolist() == [1, 3]
    assert layer.geometries() is features.geometry and layer.geometry_types == {"Polygon"}
    assert made(features) == 0
    assert [f.id for f in layer.stated_features()] == ["f_1", "f_3"] and made(features) == 2


def test_a_tuple_layer_answers_the_same() -> None:
    features = rows(stated_at=(1, 3))
    layer, plain = Layer("L", features), Layer("L", tuple(features))
    assert plain == layer
    assert plain.ids == layer.ids and plain.feature_names == layer.feature_names
    assert plain.stated_features() == layer.stated_features()
    assert list(plain.geometries()) == list(layer.geometries())


def test_features_by_id_makes_only_what_is_looked_up_and_a_later_id_wins() -> None:
    one, two = rows(3), FeatureRows("M", squares(1), [{"id": "f_1", "name": "Again"}])
    by_id = features_by_id([Layer("L", one), Layer("M", two)])
    assert len(by_id) == 3 and "f_2" in by_id and "nope" not in by_id
    assert by_id["f_1"].name == "Again" and made(one) == 0
    assert by_id["f_0"] is one[0] and list(by_id) == ["f_0", "f_1", "f_2"]
    with pytest.raises(KeyError):
        by_id["nope"]


def test_a_check_makes_only_the_features_with_stated_figures() -> None:
    features = rows(1000, stated_at=(10, 500))
    report = verify([Layer("L", features)], [])
    assert [c.id for c in report.areas] == ["f_10", "f_500"]
    assert made(features) == 2


def test_rows_survive_pickling() -> None:
    features = rows()
    again = pickle.loads(pickle.dumps(features))
    assert again == features and again.layer == "L"


def test_column_records_make_one_row_or_all_rows() -> None:
    holes = [np.array([False, False, False]), np.array([False, True, False])]
    records = column_records(["id", "floors"], [["a", "b", "c"], [3, None, 5]], holes, 3)
    assert records[1] == {"id": "b"} and records[-1] == {"id": "c", "floors": 5}
    assert records.column("floors") == [3, None, 5] and records.column("absent") == [None] * 3
    everything = list(records)
    assert everything == [{"id": "a", "floors": 3}, {"id": "b"}, {"id": "c", "floors": 5}]
    assert records[0] is everything[0] and records[1:] == everything[1:]


def test_a_layer_made_from_columns_keeps_them() -> None:
    n = 4
    holes = [np.zeros(n, dtype=bool)] * 2
    ids, names = [f"p_{i}" for i in range(n)], [f"P {i}" for i in range(n)]
    records = column_records(["id", "name"], [ids, names], holes, n)
    layer = make_layer(Valid(records, squares(n)), file="<P>", name="P", owned=True)
    assert isinstance(layer.features, FeatureRows) and layer.ids == ids
    assert layer.features._properties is records and records._rows is None  # no dict made yet
    first = layer.features[0]
    assert isinstance(first, Feature) and first.properties == {"id": "p_0", "name": "P 0"}


def test_rows_not_owned_are_copied() -> None:
    props = [{"id": "a", "name": "A"}]
    layer = make_layer(zip(props, squares(1), strict=True), file="<P>", name="P")
    props[0]["name"] = "changed later"
    assert layer.features[0].name == "A" and layer.features[0].properties["name"] == "A"


def test_a_map_of_a_bulk_layer_makes_only_its_first_feature(tmp_path) -> None:
    from geo.atlas import Atlas
    from geo.map.bulk import BULK_THRESHOLD

    n = BULK_THRESHOLD + 1
    props = [{"id": f"b_{i}", "name": f"B {i}"} for i in range(n)]
    atlas = Atlas(layers=[], claims=[])
    atlas.layers.append(make_layer(Valid(props, squares(n)), file="<B>", name="B", owned=True))
    html = atlas.to_html()
    features = atlas.layers[0].features
    assert isinstance(features, FeatureRows) and "B 0" in html
    assert made(features) == 1  # its colour and style; names, ids and geometries come from the rows


def test_threads_asking_for_one_row_get_one_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    made_by = Feature.validated

    def slow(**fields: object) -> Feature:  # a wide window between "not made" and "made"
        time.sleep(0.02)
        return made_by(**fields)  # type: ignore[arg-type]

    monkeypatch.setattr(Feature, "validated", staticmethod(slow))
    features, barrier, got = rows(), threading.Barrier(6), []

    def ask() -> None:
        barrier.wait()
        got.append(features[1])

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 6 and all(f is features[1] for f in got)
