"""The pytest plugin's collectors and items: one item per stated figure and per claim of a folder.

:mod:`geo.pytest_plugin` holds the hooks and options; it hands each layers folder of the run to
:class:`AtlasFolder`, which reads and checks the folder once per run and yields a collector per
feature with stated figures (:class:`FeatureFigures`) and one for the claims (:class:`Claims`).
An item's verdict is the model's (:class:`~geo.model.AreaCheck`, :class:`~geo.model.ClaimResult`),
and a failure shows :func:`~geo.testing.format_area_failure` or
:func:`~geo.testing.format_claim_failure`, without a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.errors import AtlasError
from geo.model import AreaCheck, ClaimResult, Report
from geo.testing.messages import format_area_failure, format_claim_failure, format_input_error
from geo.testing.node_names import slug, unique
from geo.text_safety import terminal_text

#: Each layers folder's atlas and report, by resolved path: read and checked once per run.
LOADED_KEY = pytest.StashKey[dict[Path, tuple[Atlas, Report]]]()

#: The name of a folder's claims collector (``claims-2``, ... when a feature has that id).
CLAIMS_NODE = "claims"


def load(folder: Path) -> tuple[Atlas, Report]:
    """Read and check a layers folder; bad layers or claims are one collection error.

    The folder is read by its path relative to the current folder when it lies inside it, so
    that messages name files as the command line would (``layers/mine.geojson``).

    Parameters
    ----------
    folder : Path
        A layers folder.

    Returns
    -------
    tuple of (Atlas, Report)
        The folder's atlas and its report.

    Raises
    ------
    AtlasFolder.CollectError
        When its layers or claims are bad, carrying the command line's messages.
    """
    if folder.is_absolute() and folder.is_relative_to(Path.cwd()):
        folder = folder.relative_to(Path.cwd())
    try:
        atlas = Atlas.load(folder)
    except AtlasError as error:
        raise AtlasFolder.CollectError(format_input_error(error)) from None
    return atlas, atlas.report()


class AtlasFolder(pytest.Directory):
    """A layers folder: a collector per feature with stated figures, one for the claims, then its files.

    The files and subfolders are collected as pytest collects any folder (as :class:`pytest.Dir`
    does, which cannot be subclassed), so a test module kept beside the layers runs with them,
    however pytest is started.
    """

    def collect(self) -> Iterable[pytest.Item | pytest.Collector]:
        """The folder's collectors, then its own test files; the folder is read and checked once per run."""
        yield from self._atlas_collectors()
        yield from self._own_files()

    def _own_files(self) -> Iterator[pytest.Collector]:
        """The folder's test files and subfolders, by the hooks every folder is collected with."""
        ihook = self.ihook
        for entry in sorted(os.scandir(self.path), key=lambda entry: entry.name):
            path = Path(entry.path)
            if ihook.pytest_ignore_collect(collection_path=path, config=self.config):
                continue
            if entry.is_dir():
                folder = ihook.pytest_collect_directory(path=path, parent=self)
                if folder is not None:
                    yield folder
            elif entry.is_file():
                yield from ihook.pytest_collect_file(file_path=path, parent=self)

    def _atlas_collectors(self) -> Iterator[pytest.Collector]:
        loaded = self.config.stash.setdefault(LOADED_KEY, {})
        key = self.path.resolve()
        if key not in loaded:
            loaded[key] = load(self.path)
        atlas, report = loaded[key]
        feature_files, claim_files = _files(atlas, self.path)
        by_feature: dict[str, list[AreaCheck]] = {}
        for check in report.areas:
            by_feature.setdefault(check.id, []).append(check)
        for fid, checks in by_feature.items():
            yield FeatureFigures.from_parent(self, name=fid, checks=checks, file=feature_files.get(fid))
        if report.claims:
            name = unique(CLAIMS_NODE, set(by_feature))
            yield Claims.from_parent(self, name=name, results=report.claims, files=claim_files)


def _files(atlas: Atlas, folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """The file each feature comes from, and each claim a layer file carries, by id."""
    features: dict[str, Path] = {}
    claims: dict[str, Path] = {}
    for layer in atlas.layers:
        path = Path(layer.path) if layer.path else folder
        features.update((feature.id, path) for feature in layer)
        for claim in layer.claims_data:
            if isinstance(claim, dict) and isinstance(claim.get("id"), str):
                claims.setdefault(claim["id"], path)
    return features, claims


class FeatureFigures(pytest.Collector):
    """A feature's stated figures, one item each, named by the figure's text.

    Parameters
    ----------
    checks : sequence of AreaCheck
        The feature's area checks, one per stated figure.
    file : Path or None
        The layer file the feature comes from, which a failure names.
    **kwargs
        pytest's node arguments (``parent``, ``name`` ...), passed on.
    """

    def __init__(self, *, checks: Sequence[AreaCheck], file: Path | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.checks = checks
        self.file = file

    def collect(self) -> Iterator[pytest.Item]:
        """One :class:`AreaItem` per stated figure."""
        taken: set[str] = set()
        for check in self.checks:
            name = unique(slug(check.stated), taken)
            yield AreaItem.from_parent(self, name=name, check=check, file=self.file)


class Claims(pytest.Collector):
    """The folder's claims, one item each, named by the claim's id.

    Parameters
    ----------
    results : sequence of ClaimResult
        Each claim's verdict.
    files : dict of str to Path
        The file each claim comes from, by claim id.
    **kwargs
        pytest's node arguments (``parent``, ``name`` ...), passed on.
    """

    def __init__(self, *, results: Sequence[ClaimResult], files: dict[str, Path], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.results = results
        self.files = files

    def collect(self) -> Iterator[pytest.Item]:
        """One :class:`ClaimItem` per claim, in the file it comes from."""
        taken: set[str] = set()
        claims_file = self.path / "claims.json"
        for result in self.results:
            file = self.files.get(result.id, claims_file)
            yield ClaimItem.from_parent(self, name=unique(result.id, taken), result=result, file=file)


class CheckFailed(AssertionError):
    """A stated figure or claim that does not hold; its message is the report's."""


class _CheckItem(pytest.Item):
    marker = ""

    def __init__(self, *, file: Path | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file = file
        self.add_marker(self.marker)

    def failure(self) -> str | None:
        """The failure message, or None when the figure or claim holds."""
        raise NotImplementedError

    def runtest(self) -> None:
        """Raise :class:`CheckFailed` with the report's message when the check does not hold."""
        message = self.failure()
        if message is not None:
            raise CheckFailed(message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """The report's message, without a traceback (other errors are shown as usual).

        Parameters
        ----------
        excinfo : pytest.ExceptionInfo
            What the item raised.
        style : str, optional
            pytest's traceback style, for errors other than a failed check.

        Returns
        -------
        str or pytest's failure representation
            The message of a :class:`CheckFailed`; pytest's own representation otherwise.
        """
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file the figure or claim is in; the failure's heading: node id and file name.

        (A heading ending in the node id would have pytest's verbose lines turn its dots into ``::``.)
        """
        file = self.file or self.path
        return file, None, terminal_text(f"{self.nodeid} ({file.name})")


class AreaItem(_CheckItem):
    """A stated figure against the computed geodesic area (marked ``areas``).

    Parameters
    ----------
    check : AreaCheck
        The stated figure checked against the computed area.
    **kwargs
        pytest's node arguments (``parent``, ``name`` ...), passed on.
    """

    marker = "areas"

    def __init__(self, *, check: AreaCheck, **kwargs: Any) -> None:
        self.check = check
        super().__init__(**kwargs)

    def failure(self) -> str | None:
        """:func:`~geo.testing.format_area_failure` of the check, unless it holds."""
        return None if self.check.ok else format_area_failure(self.check)


class ClaimItem(_CheckItem):
    """A claim against the geometry (marked ``claims``).

    Parameters
    ----------
    result : ClaimResult
        The claim's verdict.
    **kwargs
        pytest's node arguments (``parent``, ``name`` ...), passed on.
    """

    marker = "claims"

    def __init__(self, *, result: ClaimResult, **kwargs: Any) -> None:
        self.result = result
        super().__init__(**kwargs)

    def failure(self) -> str | None:
        """:func:`~geo.testing.format_claim_failure` of the verdict, unless it holds."""
        return None if self.result.ok else format_claim_failure(self.result)
