"""``gba-atlas export --out FILE``: the atlas as a file for GIS software, as :meth:`geo.Atlas.export` does.

The format follows the file's ending (:data:`geo.io.export.EXPORT_DRIVERS`): ``.gpkg``,
``.geojson``, ``.parquet``, ``.csv``, and ``.fgb`` when GDAL has its FlatGeobuf driver.
"""

from __future__ import annotations

import argparse
from typing import Any

from geo.atlas import Atlas, default_layers_dir
from geo.console import write_out
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from geo.io.export import EXPORT_DRIVERS, export_driver
from geo.io.target import check_target
from geo.text_safety import terminal_text


def add_parser(commands: argparse._SubParsersAction[Any], layers_help: str) -> None:
    """Register ``export`` and its options.

    Parameters
    ----------
    commands : argparse subparsers
        The command line's subcommands, which ``export`` joins.
    layers_help : str
        The help of the ``--layers`` option, shared with the other commands.
    """
    endings = ", ".join(EXPORT_DRIVERS)
    export = commands.add_parser("export", help="write the features and their measures for GIS software")
    export.add_argument(
        "--out", required=True, metavar="FILE", help=f"the file; its ending picks the format: {endings}"
    )
    export.add_argument("--layers", metavar="DIR", help=layers_help)
    export.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help="the language of the GeoPackage's claims and checks (default: en)",
    )
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """``gba-atlas export``: write the file whole or not at all; 0 when written.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 when the file is written.
    """
    out = check_target(args.out)
    driver = export_driver(out)  # before the layers are read: a wrong ending is said at once
    atlas = Atlas.load(args.layers or default_layers_dir())
    atlas.export(out, lang=args.lang)
    rows = sum(len(layer.features) for layer in atlas.layers)
    what = f"{driver}, {rows} feature{'s' * (rows != 1)}, {out.stat().st_size / 1024:,.0f} KiB"
    write_out(f"wrote {terminal_text(out)} ({what})\n")
    return 0
