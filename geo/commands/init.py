"""``gba-atlas init DIR``: a starter project a newcomer can grow.

The folder gets ``layers/`` (the bundled atlas, or with ``--template blank`` one example
feature and its stated figure, with ``claims.json`` and ``atlas.json``), a README of the next
steps, ``test_atlas.py`` (tests of one's own) and ``pytest.ini`` (which turns on the pytest
plugin for ``layers/``). Every file is written whole, all of them or none
(:func:`geo.io.atomic.atomic_write_group`); a folder that holds anything already is refused
without ``--force``, and with it only the starter's own files are replaced.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from geo.console import write_out
from geo.errors import OutputError
from geo.io.atomic import atomic_write_group
from geo.io.layer_file import BUNDLED_LAYERS, LAYER_GLOB
from geo.text_safety import terminal_text

#: The starter's templates: ``--template`` names.
TEMPLATES = ("bundled", "blank")

#: The example feature of the blank template: a 515 m × 553 m block (28.5 ha) by Shenzhen Bay.
_EXAMPLE_RING = [[113.93, 22.52], [113.935, 22.52], [113.935, 22.525], [113.93, 22.525], [113.93, 22.52]]


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``init`` and its options.

    Parameters
    ----------
    commands : argparse subparsers
        The command line's subcommands, which ``init`` joins.
    """
    init = commands.add_parser("init", help="start a project of your own in a new folder")
    init.add_argument("dir", metavar="DIR", help="the folder to create (or an empty one)")
    init.add_argument(
        "--template",
        choices=TEMPLATES,
        default="bundled",
        help="bundled: the Greater Bay Area atlas; blank: one example feature (default: bundled)",
    )
    init.add_argument("--force", action="store_true", help="write into a folder that holds files already")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    """``gba-atlas init``: write the starter project; 0 when written.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 when the project is written.
    """
    folder = Path(args.dir)
    files = starter_files(template=args.template)
    write_project(folder, files, force=args.force)
    write_out(
        f"wrote {len(files)} files into {terminal_text(folder)}; next: cd into it and run gba-atlas check\n"
    )
    return 0


def starter_files(*, template: str) -> dict[str, bytes]:
    """The starter project's files, by path relative to its folder.

    Parameters
    ----------
    template : str
        ``bundled`` (a copy of the bundled layers) or ``blank`` (one example feature).

    Returns
    -------
    dict of str to bytes
        Each file's content, by its path relative to the project's folder (``/``-separated).

    Examples
    --------
    >>> sorted(starter_files(template="blank"))  # doctest: +NORMALIZE_WHITESPACE
    ['README.md', 'layers/atlas.json', 'layers/claims.json', 'layers/example.geojson', 'pytest.ini',
     'test_atlas.py']
    """
    starter = resources.files("geo.commands") / "starter"
    files = {
        "README.md": (starter / "README.md").read_bytes(),
        "test_atlas.py": (starter / "test_atlas.py.tmpl").read_bytes(),
        "pytest.ini": (starter / "pytest.ini").read_bytes(),
    }
    if template == "bundled":
        for path in sorted([*BUNDLED_LAYERS.glob(LAYER_GLOB), *BUNDLED_LAYERS.glob("*.json")]):
            files[f"layers/{path.name}"] = path.read_bytes()
    else:
        files |= {f"layers/{name}": _json(data) for name, data in _blank_layers().items()}
    return files


def _blank_layers() -> dict[str, object]:
    """One example layer with one feature and its stated figure, no claims, and a story opening on it."""
    source = {
        "title": "Replace with the document that states the figure",
        "issuer": "Replace with who published it",
        "date": "2026-01-01",
        "url": None,
    }
    stated = {
        "as_stated": "about 28.5 hectares",
        "value": 28.5,
        "unit": "ha",
        "hectares": 28.5,
        "about": True,
        "tolerance_pct": 2.0,
        "rationale": "an example: replace with the figure you want to check, and why this tolerance",
        "source": source,
    }
    feature = {
        "type": "Feature",
        "properties": {"id": "example_site", "name": "Example site", "kind": "site", "stated": [stated]},
        "geometry": {"type": "Polygon", "coordinates": [_EXAMPLE_RING]},
    }
    layer = {"type": "FeatureCollection", "name": "My layer", "features": [feature]}
    story = {
        "title": "My atlas",
        "description": "An atlas started with gba-atlas init: replace this with what the map is about.",
        "opens_on": "My layer",
    }
    return {"example.geojson": layer, "claims.json": {"claims": []}, "atlas.json": story}


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_project(folder: Path, files: dict[str, bytes], *, force: bool) -> list[Path]:
    """Write ``files`` into ``folder``, all or none.

    Parameters
    ----------
    folder : pathlib.Path
        The project's folder, made when missing.
    files : dict of str to bytes
        Each file's content, by its path relative to ``folder``.
    force : bool
        Write over the files of a folder that holds some already.

    Returns
    -------
    list of pathlib.Path
        The paths written.

    Raises
    ------
    OutputError
        When ``folder`` is a file, holds something already (without ``force``), or cannot be written.
    """
    _check_folder(folder, force=force)
    created = [p for p in (folder, folder / "layers") if not p.exists()]
    try:
        return atomic_write_group({folder / name: data for name, data in files.items()})
    except OutputError:
        _remove_empty(reversed(created))  # folders made for files that were then not written
        raise


def _check_folder(folder: Path, *, force: bool) -> None:
    """Refuse a file, or a folder holding something already unless ``force``: an OutputError."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "it is a file, not a folder", "give the path of a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError(
            folder,
            "the folder holds files already",
            "choose a new or empty folder, or pass --force to write the starter files over those there",
        )


def _remove_empty(folders: Iterable[Path]) -> None:
    """Remove each of the folders that exists and is empty, in order."""
    for path in folders:
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
