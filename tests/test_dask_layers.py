"""geo.dask_layers: areas, area checks and within shares by partition, equal to the one-machine path."""

from __future__ import annotations

import sys
import warnings
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo import dask_layers
from geo.claim_tests import share_inside
from geo.model import Feature, Source, StatedFigure, measure_areas
from geo.verify import verify_areas

#: dask reads parquet with keywords pandas 3.1 deprecates: dask's business, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")

needs_dask = pytest.mark.skipif(
    find_spec("dask_geopandas") is None or find_spec("distributed") is None,
    reason="needs the dask extra: pip install -e '.[dask]' (the test extra has it)",
)

COUNT, PARTITIONS = 20_000, 4
#: A container crossing the grid of blocks, with a hole: many blocks lie partly inside it.
CONTAINER = shapely.Polygon(
    [(113.5123, 22.2017), (114.3, 22.25), (114.2, 23.3), (113.6, 23.1)],
    holes=[[(113.8, 22.5), (113.9, 22.5), (113.9, 22.6), (113.8, 22.6)]],
)


def block(index: int) -> shapely.Geometry:
    """Small polygons on a grid; every 500th a MultiPolygon, a line or a point instead."""
    x, y = 113.5 + (index % 200) * 0.005, 22.2 + (index // 200) * 0.01
    square = shapely.box(x, y, x + 0.001 * (1 + index % 5), y + 0.0015)
    kind = index % 500
    if kind == 1:
        return shapely.MultiPolygon([square, shapely.box(x + 0.006, y, x + 0.007, y + 0.001)])
    if kind == 2:
        return shapely.LineString([(x, y), (x + 0.02, y + 0.003)])
    if kind == 3:
        return shapely.MultiPoint([(x, y), (x + 0.5, y)])
    return square


def figure(hectares: float, tolerance_pct: float = 5.0) -> StatedFigure:
    source = Source("A survey", "A surveyor", "2026-01-01")
    return StatedFigure(f"{hectares} ha", hectares, "ha", hectares, False, tolerance_pct, "a test", source)


#: Stated figures for some blocks: some hold, some fail, one block has two.
STATED = {
    "b0": [figure(1.7), figure(1.0)],
    "b4": [figure(8.5)],
    "b777": [figure(5.2)],
    "b19999": [figure(9.0, 2.0)],
    "b12345": [figure(100.0)],
}


@pytest.fixture(scope="module")
def frame() -> gpd.GeoDataFrame:
    ids = [f"b{i}" for i in range(COUNT)]
    return gpd.GeoDataFrame(
        {"id": ids, "name": [f"Block {i}" for i in range(COUNT)]},
        geometry=[block(i) for i in range(COUNT)],
        crs=4326,
    )


@pytest.fixture(scope="module")
def dataset(frame: gpd.GeoDataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blocks as a GeoParquet folder of 4 partitions."""
    import dask_geopandas

    folder = tmp_path_factory.mktemp("blocks") / "blocks.parquet"
    dask_geopandas.from_geopandas(frame, npartitions=PARTITIONS).to_parquet(folder)
    return folder


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    connected = Client(cluster)
    try:
        yield connected
    finally:
        _close_within(connected.close, cluster.close)


#: Seconds a distributed client or cluster may take to close before the tests go on without it.
CLOSE_TIMEOUT = 30


def _close_within(*closers: Any) -> None:
    """Close each, within :data:`CLOSE_TIMEOUT`.

    distributed 2026.8's in-process cluster once never finished closing after these tests passed
    (every thread idle, the close waiting on its event loop): the run hung there. Bounded, a
    stuck close costs half a minute and a warning, and the loop's daemon thread is left behind.
    """
    for close in closers:
        try:
            close(timeout=CLOSE_TIMEOUT)
        except TimeoutError:
            warnings.warn(f"{close.__qualname__} did not finish in {CLOSE_TIMEOUT} s", stacklevel=1)


@pytest.fixture(scope="module")
def features(frame: gpd.GeoDataFrame) -> list[Feature]:
    """The same blocks as the one-machine path sees them."""
    return [
        Feature(fid, name, geometry, "blocks", stated=tuple(STATED.get(fid, ())))
        for fid, name, geometry in zip(frame["id"], frame["name"], frame.geometry, strict=True)
    ]


def close(ours: np.ndarray, theirs: np.ndarray) -> bool:
    return bool(np.allclose(ours, theirs, rtol=1e-9, atol=0, equal_nan=False))


@needs_dask
@pytest.mark.slow
def test_reading_a_partitioned_dataset(dataset, client):
    ddf = dask_layers.read_dataset(dataset)
    assert ddf.npartitions == PARTITIONS
    assert ddf.crs.to_epsg() == 4326
    assert len(ddf) == COUNT
    ids_only = dask_layers.read_dataset(dataset, columns=["id"])
    assert list(ids_only.columns) == ["id", "geometry"] and ids_only.crs.to_epsg() == 4326


@needs_dask
@pytest.mark.slow
def test_areas_on_a_cluster_equal_the_one_machine_areas(dataset, client, features):
    from dask.distributed import get_task_stream

    with get_task_stream(client) as stream:
        areas = dask_layers.geodesic_areas(dask_layers.read_dataset(dataset)).compute()
    assert len(stream.data) >= PARTITIONS  # the partitions went to the cluster's workers
    assert len(areas) == COUNT and areas.index.tolist() == list(range(COUNT))
    expected = measure_areas(features)
    assert close(areas.to_numpy(), expected)
    assert (expected[2::500] == 0).all() and (expected[3::500] == 0).all()  # lines and points


@needs_dask
@pytest.mark.slow
def test_area_checks_equal_verify_areas(dataset, client, features):
    ours = dask_layers.check_areas(dask_layers.read_dataset(dataset), STATED)
    theirs = verify_areas(features)
    assert [(c.id, c.name, c.figure) for c in ours] == [(c.id, c.name, c.figure) for c in theirs]
    assert len(ours) == 6
    assert close(np.array([c.computed_ha for c in ours]), np.array([c.computed_ha for c in theirs]))
    assert [c.ok for c in ours] == [c.ok for c in theirs]
    assert {c.ok for c in ours} == {True, False}


@needs_dask
@pytest.mark.slow
def test_within_shares_equal_the_within_claims_shares(dataset, client, features):
    shares = dask_layers.within_shares(dask_layers.read_dataset(dataset), CONTAINER).compute().to_numpy()
    expected = np.array([share_inside(f.geometry, CONTAINER, area_m2=f.area_m2) for f in features])
    assert close(shares, expected)
    partly = (expected > 0.01) & (expected < 0.99)
    assert partly.sum() > 10 and (expected == 0).sum() > 100 and (expected == 1).sum() > 100


@needs_dask
@pytest.mark.slow
def test_a_dataset_in_another_crs_is_read_in_wgs84(frame, tmp_path, client):
    folder = tmp_path / "metres.parquet"
    frame.iloc[:100].to_crs(3857).to_parquet(folder)
    ddf = dask_layers.read_dataset(folder)
    assert ddf.crs.to_epsg() == 4326
    areas = dask_layers.geodesic_areas(ddf).compute().to_numpy()
    expected = dask_layers.partition_areas(frame.geometry.iloc[:100]).to_numpy()
    assert np.allclose(areas, expected, rtol=1e-6)


def test_missing_geometries_have_no_area_and_no_share():
    series = gpd.GeoSeries([shapely.box(114.0, 22.5, 114.01, 22.51), None], index=[7, 9])
    areas = dask_layers.partition_areas(series)
    shares = dask_layers.partition_shares(series, shapely.box(114.0, 22.5, 114.005, 22.51))
    assert areas.index.tolist() == [7, 9] and areas.iloc[0] > 1e5 and np.isnan(areas.iloc[1])
    assert shares.iloc[0] == pytest.approx(0.5, rel=1e-3) and np.isnan(shares.iloc[1])


def test_partitions_on_threads_share_one_container_safely():
    """Partitions run on threads with the one container: each prepares a copy, never the shared one
    (two threads preparing one GEOS geometry at once crashed the process, 3 runs in 13)."""
    from concurrent.futures import ThreadPoolExecutor

    container = shapely.Polygon(shapely.Point(114.0, 22.2).buffer(0.05, 64).exterior)
    series = gpd.GeoSeries([block(i) for i in range(200)])
    expected = dask_layers.partition_shares(series, container)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: dask_layers.partition_shares(series, container), range(32)))
    assert not shapely.is_prepared(container)
    assert all(r.equals(expected) for r in results) and expected.between(0, 1).all()
    assert (expected > 0).sum() > 10 and (expected < 1).sum() > 10


@pytest.mark.slow
def test_without_the_extra_the_error_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask_geopandas", None)  # as if not installed
    with pytest.raises(dask_layers.DaskMissingError) as caught:
        dask_layers.read_dataset("anywhere.parquet")
    message = str(caught.value)
    assert "\n" not in message and "dask_geopandas" in message
    assert "pip install 'gba-atlas[dask]'" in message
    assert isinstance(caught.value, ImportError)
