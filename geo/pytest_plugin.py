"""The gba-atlas pytest plugin: one test per stated figure and per claim of a layers folder.

Installed with the package (a ``pytest11`` entry point), it does nothing until it is given a
layers folder::

    pytest --atlas-layers layers            # only the layers folder's checks
    pytest tests --atlas-layers layers      # your tests and the layers folder's checks

or in the configuration, where the folder joins the run whenever pytest is started without
test paths (as ``testpaths`` do), and is recognised when pytest walks into it::

    [tool.pytest.ini_options]
    atlas_layers = ["layers"]

Each stated figure becomes an item ``<folder>::<feature id>::<figure>`` (the figure's
``as_stated`` text, slugged: ``layers::hetao_hk_park::87-hectare``), marked ``areas``; each
claim an item ``<folder>::claims::<claim id>``, marked ``claims``. Select them with ``-m areas``,
``-m claims`` or ``-k``. A failure shows the line ``gba-atlas check`` prints, the source and what to
fix, with no traceback; a folder whose layers or claims are bad is one collection error carrying
the command line's messages. The folder is read and checked once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from geo.testing import AreaRow, ClaimRow

#: The layers folders of this run (resolved): from ``--atlas-layers`` and the ``atlas_layers`` ini option.
FOLDERS_KEY = pytest.StashKey[frozenset[Path]]()
#: Each folder's items, by resolved path: read and checked once per run.
LOADED_KEY = pytest.StashKey[dict[Path, Any]]()

CLAIMS_NODE = "claims"


def _load(folder: Path) -> tuple[Any, Any, Any]:
    """Read and check a layers folder: (atlas, report, the failure formatters module).

    The folder is read by its path relative to the current folder when it lies inside it, so
    that messages name files as the command line would (``layers/mine.geojson``).

    gba-atlas is imported here, the plugin's one import of it, rather than when pytest loads the
    plugin: entry-point plugins are imported by every pytest run in the environment (before
    coverage measurement starts), most of which never need it.
    """
    from geo import testing  # the plugin's only dependency on gba-atlas: the public API through it

    if folder.is_absolute() and folder.is_relative_to(Path.cwd()):
        folder = folder.relative_to(Path.cwd())
    try:
        atlas = testing.Atlas.load(folder)
        return atlas, atlas.report(), testing
    except testing.AtlasError as error:
        raise AtlasFolder.CollectError(testing.format_input_error(error)) from None


# --------------------------------------------------------------------------- #
# Hooks
# --------------------------------------------------------------------------- #


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--atlas-layers DIR`` and the ini option ``atlas_layers``."""
    group = parser.getgroup("gba-atlas", "gba-atlas: stated figures and claims as tests")
    group.addoption(
        "--atlas-layers",
        action="append",
        default=[],
        metavar="DIR",
        dest="atlas_layers",
        help="collect one test per stated figure and per claim of the layers folder DIR (repeatable); "
        "without test paths on the command line, only these folders are run",
    )
    parser.addini(
        "atlas_layers",
        type="paths",
        default=[],
        help="layers folders (relative to this file) whose stated figures and claims are tests; "
        "run when pytest is started without test paths",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers; find the layers folders and add them to the run."""
    config.addinivalue_line("markers", "areas: a stated figure of a layers folder (gba-atlas plugin)")
    config.addinivalue_line("markers", "claims: a claim of a layers folder (gba-atlas plugin)")
    here = config.invocation_params.dir
    given = [_folder(here / raw, f"--atlas-layers {raw}") for raw in config.getoption("atlas_layers")]
    configured = [
        _folder(p, f"atlas_layers = {p} (in {config.inipath})") for p in config.getini("atlas_layers")
    ]
    config.stash[FOLDERS_KEY] = frozenset(given + configured)
    config.stash[LOADED_KEY] = {}
    from_command_line = config.args_source == pytest.Config.ArgsSource.ARGS
    if given and not from_command_line:  # `pytest --atlas-layers DIR`: DIR is what to run
        config.args[:] = [str(p) for p in dict.fromkeys(given)]
        return
    extra = given if from_command_line else configured
    for folder in dict.fromkeys(extra):
        if not any(_covers(arg, folder, here) for arg in config.args):
            config.args.append(str(folder))


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A layers folder of this run is collected by :class:`AtlasFolder` (not walked for files)."""
    if path.resolve() in parent.config.stash.get(FOLDERS_KEY, frozenset()):
        return AtlasFolder.from_parent(parent, path=path)
    return None


def _folder(path: Path, label: str) -> Path:
    if not path.is_dir():
        msg = f"{label}: no such folder (it should hold the .geojson layers and claims.json)"
        raise pytest.UsageError(msg)
    return path.resolve()


def _covers(arg: str, folder: Path, here: Path) -> bool:
    """Whether collecting the command-line argument ``arg`` reaches ``folder``."""
    path = (here / arg.split("::", 1)[0]).resolve()
    return path == folder or path in folder.parents


# --------------------------------------------------------------------------- #
# Collectors and items
# --------------------------------------------------------------------------- #


def slug(text: str) -> str:
    """A stated figure's text as an item name: lowercase, runs of other characters as ``-``.

    >>> slug("87-hectare"), slug("The Loop occupies 87 hectares of land"), slug("面积0.87平方公里")
    ('87-hectare', 'the-loop-occupies-87-hectares-of-land', '面积0.87平方公里')
    >>> slug("120.56 square km"), slug("[?]")
    ('120.56-square-km', 'figure')
    """
    return re.sub(r"[^\w.]+", "-", text.strip().lower()).strip("-.") or "figure"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``, ... when it is taken; the result is added to ``taken``.

    >>> taken = {"87-hectare"}
    >>> unique("87-hectare", taken), unique("87-hectare", taken), unique("300-hectare", taken)
    ('87-hectare-2', '87-hectare-3', '300-hectare')
    """
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


class AtlasFolder(pytest.Directory):
    """A layers folder: a collector per feature with stated figures, and one for the claims."""

    def collect(self) -> Iterable[pytest.Item | pytest.Collector]:
        loaded = self.config.stash[LOADED_KEY]
        key = self.path.resolve()
        if key not in loaded:
            loaded[key] = _load(self.path)
        atlas, report, testing = loaded[key]
        feature_files, claim_files = _files(atlas, self.path)
        by_feature: dict[str, list[AreaRow]] = {}
        for check in report.areas:
            by_feature.setdefault(check.id, []).append(check)
        for fid, checks in by_feature.items():
            yield FeatureFigures.from_parent(
                self,
                name=fid,
                checks=checks,
                file=feature_files.get(fid),
                formatter=testing.format_area_failure,
            )
        if report.claims:
            yield Claims.from_parent(
                self,
                name=unique(CLAIMS_NODE, set(by_feature)),
                results=report.claims,
                files=claim_files,
                formatter=testing.format_claim_failure,
            )


def _files(atlas: Any, folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """The file each feature comes from, and each claim a layer file carries, by id."""
    features: dict[str, Path] = {}
    claims: dict[str, Path] = {}
    for layer in atlas.layers:
        path = Path(layer.path) if getattr(layer, "path", None) else folder
        features.update((feature.id, path) for feature in layer)
        for claim in getattr(layer, "claims_data", ()):
            if isinstance(claim, dict) and isinstance(claim.get("id"), str):
                claims.setdefault(claim["id"], path)
    return features, claims


class FeatureFigures(pytest.Collector):
    """A feature's stated figures, one item each, named by the figure's text."""

    def __init__(
        self, *, checks: Sequence[AreaRow], file: Path | None, formatter: Any, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.checks = checks
        self.file = file
        self.formatter = formatter

    def collect(self) -> Iterator[pytest.Item]:
        taken: set[str] = set()
        for check in self.checks:
            yield AreaItem.from_parent(
                self,
                name=unique(slug(check.stated), taken),
                check=check,
                file=self.file,
                formatter=self.formatter,
            )


class Claims(pytest.Collector):
    """The folder's claims, one item each, named by the claim's id."""

    def __init__(
        self, *, results: Sequence[ClaimRow], files: dict[str, Path], formatter: Any, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.results = results
        self.files = files
        self.formatter = formatter

    def collect(self) -> Iterator[pytest.Item]:
        taken: set[str] = set()
        claims_file = self.path / "claims.json"
        for result in self.results:
            yield ClaimItem.from_parent(
                self,
                name=unique(result.id, taken),
                result=result,
                file=self.files.get(result.id, claims_file),
                formatter=self.formatter,
            )


class CheckFailed(AssertionError):
    """A stated figure or claim that does not hold; its message is the report's."""


class _CheckItem(pytest.Item):
    marker = ""

    def __init__(self, *, file: Path | None, formatter: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file = file
        self.formatter = formatter
        self.add_marker(self.marker)

    def verdict(self) -> tuple[bool, Any]:
        raise NotImplementedError

    def runtest(self) -> None:
        ok, row = self.verdict()
        if not ok:
            raise CheckFailed(self.formatter(row))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """The report's message, without a traceback (other errors are shown as usual)."""
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file the figure or claim is in; the failure's heading: node id and file name.

        (A heading ending in the node id would have pytest's verbose lines turn its dots into ``::``.)
        """
        file = self.file or self.path
        return file, None, f"{self.nodeid} ({file.name})"


class AreaItem(_CheckItem):
    """A stated figure against the computed geodesic area (marked ``areas``)."""

    marker = "areas"

    def __init__(self, *, check: AreaRow, **kwargs: Any) -> None:
        self.check = check
        super().__init__(**kwargs)

    def verdict(self) -> tuple[bool, Any]:
        return self.check.ok, self.check


class ClaimItem(_CheckItem):
    """A claim against the geometry (marked ``claims``)."""

    marker = "claims"

    def __init__(self, *, result: ClaimRow, **kwargs: Any) -> None:
        self.result = result
        super().__init__(**kwargs)

    def verdict(self) -> tuple[bool, Any]:
        return self.result.ok, self.result
