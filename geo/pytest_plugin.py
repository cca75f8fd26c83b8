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

from pathlib import Path

import pytest

#: The layers folders of this run (resolved): from ``--atlas-layers`` and the ``atlas_layers`` ini option.
#: (Each folder's atlas and report are kept by :mod:`geo.testing.items`, which this module loads lazily
#: and which does not import this one.)
FOLDERS_KEY = pytest.StashKey[frozenset[Path]]()


# --------------------------------------------------------------------------- #
# Hooks
# --------------------------------------------------------------------------- #


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--atlas-layers DIR`` and the ini option ``atlas_layers``.

    Parameters
    ----------
    parser : pytest.Parser
        pytest's parser of the command line and ini options.

    Returns
    -------
    None
    """
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
    """Register the markers; find the layers folders and add them to the run.

    Parameters
    ----------
    config : pytest.Config
        The run's configuration; the folders go into its stash and, when no test path on the
        command line reaches them, into its arguments.

    Returns
    -------
    None

    Raises
    ------
    pytest.UsageError
        When a folder given does not exist, naming the option or ini line that gave it.
    """
    config.addinivalue_line("markers", "areas: a stated figure of a layers folder (gba-atlas plugin)")
    config.addinivalue_line("markers", "claims: a claim of a layers folder (gba-atlas plugin)")
    here = config.invocation_params.dir
    given = [_folder(here / raw, f"--atlas-layers {raw}") for raw in config.getoption("atlas_layers")]
    configured = [
        _folder(p, f"atlas_layers = {p} (in {config.inipath})") for p in config.getini("atlas_layers")
    ]
    config.stash[FOLDERS_KEY] = frozenset(given + configured)
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
    """A layers folder of this run is collected by :class:`~geo.testing.items.AtlasFolder` (not walked).

    The collectors and items, and with them gba-atlas's model and checks, are imported only here,
    when a layers folder is collected: the plugin is imported by every pytest run in the environment.

    Parameters
    ----------
    path : Path
        A folder pytest is about to collect.
    parent : pytest.Collector
        The collector above it.

    Returns
    -------
    pytest.Collector or None
        An :class:`~geo.testing.items.AtlasFolder` for a layers folder of this run, else None (pytest
        collects the folder as usual).
    """
    if path.resolve() in parent.config.stash.get(FOLDERS_KEY, frozenset()):
        from geo.testing.items import AtlasFolder

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
