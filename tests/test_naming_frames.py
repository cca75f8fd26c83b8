"""Which rows of a GeoDataFrame get made ids and names: the columns' missing values found at once.

``_unnamed_rows`` asks pandas which values are missing, then looks one by one only at the rows
missing both; it must pick the very rows the one-by-one reading (``_unnamed_rows_each``) picks,
whatever kind of missing value a column holds (pandas counts more kinds than add_layer does).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import box

from geo.inputs.naming import _unnamed_rows, _unnamed_rows_each, named_frame

SQUARE = box(114.0, 22.4, 114.01, 22.41)


def frame(**columns: list[object]) -> gpd.GeoDataFrame:
    n = len(next(iter(columns.values()))) if columns else 3
    return gpd.GeoDataFrame(columns, geometry=[SQUARE] * n, crs=4326)


MISSING_KINDS = [None, np.nan, pd.NA, pd.NaT, float("nan")]


@pytest.mark.parametrize(
    "columns",
    [
        {"id": ["a", None, np.nan, None], "name": [None, "B", np.nan, None]},
        {"id": pd.array(["a", None, None, "d"], dtype="string"), "name": [None, None, "C", None]},
        {"id": pd.array(["a", None, None], dtype="str"), "name": pd.array([None, None, "c"], dtype="str")},
        {"id": MISSING_KINDS, "name": MISSING_KINDS},
        {"id": MISSING_KINDS, "name": list(reversed(MISSING_KINDS))},
        {"name": [None, "B", np.nan]},
        {"id": [1.0, np.nan, 3.0], "name": [np.nan, np.nan, np.nan]},
        {"height": [1, 2, 3]},
    ],
    ids=["object", "string", "str", "kinds", "kinds_crossed", "no_id_column", "floats", "neither_column"],
)
def test_the_rows_found_at_once_are_those_found_one_by_one(columns):
    gdf = frame(**columns)
    assert _unnamed_rows(gdf) == _unnamed_rows_each(gdf)


def test_pandas_missing_values_add_layer_does_not_count_stay_unnamed():
    """pd.NA and NaT are missing to pandas, but a value to add_layer: those rows get no made id."""
    gdf = frame(id=[pd.NA, None, pd.NaT], name=[None, None, None])
    assert _unnamed_rows(gdf) == [1]


def test_repeated_column_names_are_read_one_by_one():
    gdf = frame(id=["a", None], name=[None, None], other=[1, 2])
    gdf.columns = ["id", "name", "name", "geometry"]
    gdf = gdf.set_geometry("geometry")
    assert _unnamed_rows(gdf) == _unnamed_rows_each(gdf)


def test_made_ids_and_names_go_to_the_rows_without_either():
    gdf = frame(id=["a", None, None], name=["A", "B", None])
    with pytest.warns(match="1 feature"):
        named = named_frame(gdf, layer_name="Mine")
    assert named["id"].isna().tolist() == [False, True, False]
    assert (named["id"][0], named["id"][2]) == ("a", "mine_3")
    assert named["name"].tolist() == ["A", "B", "Mine 3"]
    assert gdf["id"].isna().tolist() == [False, True, True]  # the caller's frame is unchanged
