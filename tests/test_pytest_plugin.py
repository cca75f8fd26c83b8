"""The gba-atlas pytest plugin (geo/pytest_plugin.py), run in pytest's own ``pytester``.

Each test writes a small layers folder (two squares, three stated figures, two claims; one of
each kind fails) into a fresh folder and runs pytest there, in process.
"""

from __future__ import annotations

import importlib
import json
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import shapely

from geo import Atlas
from geo.atlas import BUNDLED_LAYERS

pytestmark = pytest.mark.slow  # a pytest run inside each test (pytester)

pytest_plugins = ["pytester"]

SOURCE = {"title": "A plan", "issuer": "A bureau", "date": "2024-05-01", "url": "https://example.org/plan"}
SMALL = shapely.box(114.0, 22.4, 114.01, 22.41)  # 114.02 ha
LARGE = shapely.box(113.99, 22.39, 114.02, 22.42)  # 1,026 ha


def figure(as_stated: str, value: float, unit: str, hectares: float, tolerance: float) -> dict[str, Any]:
    return {
        "as_stated": as_stated,
        "value": value,
        "unit": unit,
        "hectares": hectares,
        "about": False,
        "tolerance_pct": tolerance,
        "rationale": "for the test",
        "source": SOURCE,
    }


def feature(fid: str, name: str, geometry: shapely.Geometry, stated: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"id": fid, "name": name, "stated": stated},
        "geometry": json.loads(shapely.to_geojson(geometry)),
    }


def claim(cid: str, inner: str, outer: str) -> dict[str, Any]:
    return {
        "id": cid,
        "claim": f"{inner} lies in {outer}",
        "sentence": f"The {inner} is in the {outer}.",
        "test": "within",
        "feature": inner,
        "container": outer,
    }


LAYER = {
    "type": "FeatureCollection",
    "name": "Squares",
    "features": [
        feature(
            "small",
            "Small square",
            SMALL,
            [figure("114 ha", 114, "ha", 114, 1.0), figure("1.5 km²", 1.5, "km²", 150, 2.0)],
        ),
        feature("large", "Large square", LARGE, [figure("about 10.3 km²", 10.3, "km²", 1030, 2.0)]),
    ],
}
CLAIMS = {"claims": [claim("small_in_large", "small", "large"), claim("large_in_small", "large", "small")]}

ITEMS = [
    "layers::small::114-ha",
    "layers::small::1.5-km²",
    "layers::large::about-10.3-km²",
    "layers::claims::small_in_large",
    "layers::claims::large_in_small",
]


def write_layers(folder: Path, layer: dict[str, Any] = LAYER, claims: dict[str, Any] = CLAIMS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "squares.geojson").write_text(json.dumps(layer, ensure_ascii=False), encoding="utf-8")
    (folder / "claims.json").write_text(json.dumps(claims), encoding="utf-8")
    return folder


@pytest.fixture
def layers(pytester: pytest.Pytester) -> Path:
    """A layers folder ``layers/`` in pytester's folder: 3 figures and 2 claims, one of each failing."""
    return write_layers(pytester.path / "layers")


#: Inner runs skip the cache (unless a test needs it) and hypothesis' plugin, which would be imported
#: afresh (and its modules assertion-rewritten) in every run: a second each.
QUIET = ("-p", "no:hypothesispytest", "--strict-markers")


@pytest.fixture(scope="module", autouse=True)
def _plugins_imported_once() -> None:
    """Every installed plugin's module imported once here, not again in each inner run.

    pytester puts ``sys.modules`` back after an inner run, so a plugin this project's own runs leave
    out (``-p no:anyio``, ``-p no:platformdirs`` in pyproject.toml) was imported afresh, with its modules
    assertion-rewritten, by every inner run: ~0.4 s each (asyncio, ssl and anyio). The inner runs still
    load and register every plugin as a user's run would; only the import is shared.
    """
    for plugin in entry_points(group="pytest11"):
        importlib.import_module(plugin.module)


def run(pytester: pytest.Pytester, *args: str, cache: bool = False) -> pytest.RunResult:
    return pytester.runpytest(*QUIET, *(() if cache else ("-p", "no:cacheprovider")), *args)


def collected(result: pytest.RunResult) -> list[str]:
    return [line for line in result.outlines if "::" in line and not line.startswith(("FAILED", "ERROR"))]


# --------------------------------------------------------------------------- #
# Items, outcomes, messages
# --------------------------------------------------------------------------- #


def test_one_item_per_figure_and_claim_named_by_id_and_figure(
    pytester: pytest.Pytester, layers: Path
) -> None:
    result = run(pytester, "--atlas-layers", "layers", "--collect-only", "-q")
    assert collected(result) == ITEMS


def test_figures_with_the_same_text_are_told_apart(pytester: pytest.Pytester) -> None:
    twice = json.loads(json.dumps(LAYER))
    first = twice["features"][0]["properties"]["stated"][0]
    twice["features"][0]["properties"]["stated"].append(first)
    write_layers(pytester.path / "layers", twice)
    result = run(pytester, "--atlas-layers", "layers", "--collect-only", "-q")
    assert collected(result)[:3] == [
        "layers::small::114-ha",
        "layers::small::1.5-km²",
        "layers::small::114-ha-2",
    ]


def test_a_feature_called_claims_keeps_the_ids_unique(pytester: pytest.Pytester) -> None:
    renamed = json.loads(json.dumps(LAYER).replace('"large"', '"claims"'))
    claims = {"claims": [claim("small_in_claims", "small", "claims")]}
    write_layers(pytester.path / "layers", renamed, claims)
    result = run(pytester, "--atlas-layers", "layers", "--collect-only", "-q")
    assert collected(result)[2:] == ["layers::claims::about-10.3-km²", "layers::claims-2::small_in_claims"]


def test_passing_and_failing_figures_and_claims(pytester: pytest.Pytester, layers: Path) -> None:
    result = run(pytester, "--atlas-layers", "layers", "-ra")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ layers::small::1.5-km² (squares.geojson) _*",
            "Small square: computed 114.0 ha against 1.5 km² (150.0 ha) is -23.99 %, allowed ±2 %",
            "platform * stated * stated ha * computed ha * deviation * tolerance * ok",
            "Small square * 1.5 km² * 150.0 * 114.0 * -23.99 % * ±2 % * ✗",
            "source: A bureau, A plan (2024-05-01) <https://example.org/plan>",
            "fix: the polygon is smaller than stated; *",
            "*_ layers::claims::large_in_small (claims.json) _*",
            "claim 'large_in_small' does not hold: 11.1% of large lies in small (needs 99%): not inside",
            "claim * ok * detail",
            "large lies in small * ✗ * 11.1% of large lies in small (needs 99%): not inside",
            "sentence: The large is in the small.",
            "features: large, small",
            "*short test summary info*",
            "FAILED layers::small::1.5-km² - Small square: computed 114.0 ha*",
            "FAILED layers::claims::large_in_small - claim 'large_in_small'*",
        ]
    )
    output = result.stdout.str()
    for noise in ("Traceback", "pytest_plugin.py", "raise ", "CheckFailed", "AssertionError"):
        assert noise not in output, noise
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_verbose_run_names_every_item(pytester: pytest.Pytester, layers: Path) -> None:
    result = run(pytester, "--atlas-layers", "layers", "-v")
    result.stdout.fnmatch_lines_random(
        [
            "layers::small::114-ha PASSED*",
            "layers::small::1.5-km² FAILED*",
            "layers::large::about-10.3-km² PASSED*",
            "layers::claims::small_in_large PASSED*",
            "layers::claims::large_in_small FAILED*",
        ]
    )


@pytest.mark.parametrize(
    ("args", "passed", "failed"),
    [
        (["-m", "areas"], 2, 1),
        (["-m", "claims"], 1, 1),
        (["-m", "not claims"], 2, 1),
        (["-k", "small_in_large"], 1, 0),
        (["-k", "small and areas"], 1, 1),
        (["-k", "large and not claims"], 1, 0),
        (["-k", "114"], 1, 0),
    ],
)
def test_markers_keywords_and_node_ids_select(
    pytester: pytest.Pytester, layers: Path, args: list[str], passed: int, failed: int
) -> None:
    run(pytester, "--atlas-layers", "layers", *args).assert_outcomes(passed=passed, failed=failed)


def test_last_failed_reruns_the_failing_items(pytester: pytest.Pytester, layers: Path) -> None:
    run(pytester, "--atlas-layers", "layers", cache=True).assert_outcomes(passed=3, failed=2)
    result = run(pytester, "--atlas-layers", "layers", "--lf", "-v", cache=True)
    result.assert_outcomes(failed=2, deselected=3)
    result.stdout.fnmatch_lines_random(
        ["layers::small::1.5-km² FAILED*", "layers::claims::large_in_small FAILED*"]
    )


def test_the_folder_is_read_once_per_run(
    pytester: pytest.Pytester, layers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[Path] = []
    original = Atlas.load.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Atlas], directory: Any = None) -> Atlas:
        loads.append(Path(directory))
        return original(cls, directory)

    monkeypatch.setattr(Atlas, "load", classmethod(counting))
    run(pytester, "--atlas-layers", "layers").assert_outcomes(passed=3, failed=2)
    assert loads == [Path("layers")]


# --------------------------------------------------------------------------- #
# Bad input
# --------------------------------------------------------------------------- #


def test_a_bad_layer_is_one_collection_error_naming_the_file(pytester: pytest.Pytester, layers: Path) -> None:
    ring = [[114.0, 22.4], [114.01, 22.4], [114.01, 22.41], [114.0, 22.41]]  # not closed
    bad = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": "bad", "name": "Bad"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    (layers / "bad.geojson").write_text(json.dumps(bad), encoding="utf-8")
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = run(pytester, "--atlas-layers", "layers", "test_other.py")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting layers*",
            "gba-atlas: error: layers/bad.geojson: feature 'bad' (#0): ring 0 is not closed *; fix: *",
            "*short test summary info*",
            "ERROR layers*",
        ]
    )
    assert "Traceback" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED


def test_a_bad_claim_is_a_collection_error_with_the_command_lines_message(
    pytester: pytest.Pytester,
) -> None:
    write_layers(pytester.path / "layers", claims={"claims": [claim("ghost_in_large", "ghost", "large")]})
    result = run(pytester, "--atlas-layers", "layers")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["gba-atlas: error: layers/claims.json: claim 'ghost_in_large' (#0): names feature 'ghost'*"]
    )


def test_a_missing_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--atlas-layers", "nowhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--atlas-layers nowhere: no such folder*"])


# --------------------------------------------------------------------------- #
# Configuration: ini option, no option, no double collection
# --------------------------------------------------------------------------- #


def test_without_option_or_ini_nothing_is_collected(pytester: pytest.Pytester, layers: Path) -> None:
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = run(pytester, "-q")
    result.assert_outcomes(passed=1)
    assert "layers::" not in result.stdout.str()


@pytest.mark.parametrize("style", ["pyproject.toml", "pytest.ini"])
def test_the_ini_option_adds_the_folder_to_the_suite(
    pytester: pytest.Pytester, layers: Path, style: str
) -> None:
    if style == "pyproject.toml":
        pytester.makepyprojecttoml('[tool.pytest.ini_options]\natlas_layers = ["layers"]\n')
    else:
        pytester.makeini("[pytest]\natlas_layers = layers\n")
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = run(pytester)
    result.assert_outcomes(passed=4, failed=2)
    only_a_file = run(pytester, "test_other.py")  # named test paths: the folder is not added
    only_a_file.assert_outcomes(passed=1)


def test_the_ini_folder_is_relative_to_the_ini_file(pytester: pytest.Pytester) -> None:
    write_layers(pytester.path / "data" / "layers")
    pytester.makeini("[pytest]\natlas_layers = data/layers\n")
    sub = pytester.mkdir("sub")
    pytester.makepyfile(**{"sub/test_other": "def test_other():\n    pass\n"})
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(sub)
        result = run(pytester, "--collect-only", "-q")
    assert [line for line in result.outlines if "::" in line] == [
        "sub/test_other.py::test_other",
        *(f"data/{item}" for item in ITEMS),
    ]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["."],
        ["layers"],
        ["--atlas-layers", "layers"],
        ["layers", "--atlas-layers", "layers"],
        [".", "--atlas-layers", "layers"],
        ["--atlas-layers", "layers", "--atlas-layers", "layers"],
    ],
    ids=lambda args: " ".join(args) or "no-args",
)
def test_the_folder_is_collected_once(pytester: pytest.Pytester, layers: Path, args: list[str]) -> None:
    pytester.makeini("[pytest]\natlas_layers = layers\n")
    result = run(pytester, "--collect-only", "-q", *args)
    assert collected(result) == ITEMS


def test_option_without_test_paths_runs_only_the_folder(pytester: pytest.Pytester, layers: Path) -> None:
    pytester.makeini("[pytest]\ntestpaths = tests\n")
    pytester.makepyfile(**{"tests/test_other": "def test_other():\n    pass\n"})
    run(pytester, "--atlas-layers", "layers").assert_outcomes(passed=3, failed=2)
    run(pytester, "tests", "--atlas-layers", "layers").assert_outcomes(passed=4, failed=2)


def test_a_folder_outside_the_rootdir(pytester: pytest.Pytester, tmp_path: Path) -> None:
    elsewhere = write_layers(tmp_path / "elsewhere")
    result = run(pytester, "--atlas-layers", str(elsewhere), "-q")
    result.assert_outcomes(passed=3, failed=2)


# --------------------------------------------------------------------------- #
# This project's own suite
# --------------------------------------------------------------------------- #


def test_the_project_suite_collects_the_bundled_layers(pytestconfig: pytest.Config) -> None:
    assert BUNDLED_LAYERS in [path.resolve() for path in pytestconfig.getini("atlas_layers")]


def test_the_bundled_layers_give_one_passing_item_per_figure_and_claim(pytester: pytest.Pytester) -> None:
    report = Atlas.load(BUNDLED_LAYERS).report()
    result = run(pytester, "--atlas-layers", str(BUNDLED_LAYERS), "-q")
    result.assert_outcomes(passed=len(report.areas) + len(report.claims))


USER_TEST = "def test_mine():\n    pass\n"


@pytest.mark.parametrize(
    ("where", "args"),
    [
        (".", ["layers/test_mine.py", "--atlas-layers", "layers"]),  # a file
        (".", ["layers/test_mine.py::test_mine", "--atlas-layers", "layers"]),  # a node id
        (".", ["layers", "--atlas-layers", "layers"]),  # the folder
        (".", ["--atlas-layers", "layers"]),  # the folder given only as the option
        ("layers", ["test_mine.py", "--atlas-layers", "."]),  # the same folder as the layers
        ("layers", ["test_mine.py::test_mine", "--atlas-layers", "."]),
        ("layers", ["--atlas-layers", "."]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else f"in {value}",
)
def test_a_users_test_in_the_layers_folder_runs_beside_the_layer_items(
    pytester: pytest.Pytester, layers: Path, monkeypatch: pytest.MonkeyPatch, where: str, args: list[str]
) -> None:
    (layers / "test_mine.py").write_text(USER_TEST, encoding="utf-8")
    monkeypatch.chdir(pytester.path / where)
    result = run(pytester, "--collect-only", "-q", *args)
    mine = "test_mine.py::test_mine" if where != "." else "layers/test_mine.py::test_mine"
    items = collected(result)
    assert items.count(mine) == 1, result.outlines
    assert len(items) == len(ITEMS) + 1, items


def test_the_ini_folder_runs_beside_a_users_test_in_it(pytester: pytest.Pytester, layers: Path) -> None:
    pytester.makeini("[pytest]\natlas_layers = layers\n")
    (layers / "test_mine.py").write_text(USER_TEST, encoding="utf-8")
    pytester.makepyfile(test_beside="def test_beside():\n    pass\n")
    run(pytester).assert_outcomes(passed=5, failed=2)
