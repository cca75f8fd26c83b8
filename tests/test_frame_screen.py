"""The array screen of geometries lets nothing through that the geometry rules refuse.

``suspect_geometries`` judges ranges, swapped coordinates and antimeridian edges from
each geometry's bounds, and non-finite coordinates by GEOS validity; every geometry
:func:`validate_geometry` (a one-row table through the rules) finds a problem in must be
suspect, so it gets its message.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import mapping

from geo.validation.geometry import validate_geometry
from geo.validation.geometry_screen import suspect_geometries

NAN, INF = float("nan"), float("inf")
SQUARE = [(114.06, 22.50), (114.07, 22.50), (114.07, 22.51), (114.06, 22.51), (114.06, 22.50)]


def _made(kind: str, coords: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # shapely warns of NaN coordinates
        return getattr(shapely, kind)(coords)


CASES = {
    "square": _made("Polygon", SQUARE),
    "nan_point": _made("Point", (NAN, 22.5)),
    "inf_point": _made("Point", (114.0, INF)),
    "nan_multipoint": _made("MultiPoint", [(114.0, 22.5), (NAN, 22.5)]),
    "nan_line": _made("LineString", [(114.0, 22.5), (114.1, NAN)]),
    "nan_polygon": _made("Polygon", [*SQUARE[:2], (114.07, NAN), *SQUARE[3:]]),
    "inf_polygon": _made("Polygon", [*SQUARE[:2], (INF, 22.51), *SQUARE[3:]]),
    "out_of_range": _made("Polygon", [(x + 100, y) for x, y in SQUARE]),
    "swapped": _made("Polygon", [(y, x) for x, y in SQUARE]),
    "swapped_point": _made("Point", (22.5, 114.06)),
    "wide_line": _made("LineString", [(179.5, 10.0), (-179.5, 10.0)]),
    "wide_polygon": _made("Polygon", [(179.5, 10), (-179.5, 10), (-179.5, 11), (179.5, 11), (179.5, 10)]),
    "bowtie": _made("Polygon", [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3], SQUARE[0]]),
    "degenerate": _made("Polygon", [SQUARE[0], SQUARE[1], SQUARE[0], SQUARE[0]]),
    "line": _made("LineString", SQUARE[:3]),
    "one_point_line": _made("LineString", [SQUARE[0], SQUARE[0]]),
    "point": _made("Point", SQUARE[0]),
    "empty": shapely.Polygon(),
    "collection": shapely.GeometryCollection([shapely.Point(SQUARE[0])]),
}


def refused(geometry: Any) -> bool:
    """Whether the rules find a problem in the geometry, judged alone (as a frame's rows are worded)."""
    found: list[str] = []
    data = None if geometry.is_empty else json.loads(json.dumps(mapping(geometry)))
    validate_geometry(data, lambda what, fix: found.append(what))
    return bool(found)


@pytest.mark.parametrize("name", list(CASES))
def test_whatever_the_checks_refuse_is_suspect(name: str) -> None:
    geometry = CASES[name]
    suspect = suspect_geometries(np.array([CASES["square"], geometry], dtype=object))
    assert not suspect[0]
    if refused(geometry):
        assert suspect[1]


def test_the_screen_refuses_some_and_passes_others() -> None:
    """Not vacuous: the cases hold refused geometries, and clean ones pass the screen."""
    suspect = suspect_geometries(np.array(list(CASES.values()), dtype=object))
    verdicts = dict(zip(CASES, suspect.tolist(), strict=True))
    assert not verdicts["square"] and not verdicts["line"] and not verdicts["point"]
    assert all(verdicts[n] for n in ("nan_point", "nan_multipoint", "inf_polygon", "swapped", "bowtie"))
    assert sum(refused(g) for g in CASES.values()) >= 12


def test_a_frame_screened_in_two_threads_gives_what_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The geometries split between two threads: the same rows valid, the same problems in order."""
    import geopandas as gpd

    from geo.io.tables import frame_table
    from geo.validation import geometry_screen as frames
    from geo.validation.rules import validate_table

    names = list(CASES)
    frame = gpd.GeoDataFrame(
        {"id": [f"g_{i}" for i in range(len(names))], "name": names},
        geometry=list(CASES.values()),
        crs=4326,
    )

    def outcome() -> tuple[list[Any], list[str]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            valid, problems = validate_table(frame_table(frame), file="f")
        return [(p["id"], shapely.to_wkb(g)) for p, g in valid], [str(p) for p in problems]

    monkeypatch.setattr(frames, "SPLIT_ROWS", 10**9)
    whole = outcome()
    monkeypatch.setattr(frames, "SPLIT_ROWS", 2)
    assert outcome() == whole
    assert whole[0] and whole[1]
