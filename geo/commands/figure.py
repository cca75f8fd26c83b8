"""``gba-atlas figure --out FILE``: the static, print-ready map as SVG, PDF or PNG (:mod:`geo.figure`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo.atlas import Atlas, default_layers_dir
from geo.console import write_out
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from geo.io.atomic import atomic_write_bytes
from geo.io.target import check_target
from geo.text_safety import terminal_text

DEFAULT_FIGURE = Path("output/figure.svg")


def add_parser(commands: argparse._SubParsersAction[Any], layers_help: str) -> None:
    """Register ``figure`` and its options (see the README, "Publishing a figure").

    Parameters
    ----------
    commands : argparse subparsers
        The command line's subcommands, which ``figure`` joins.
    layers_help : str
        The help of the ``--layers`` option, shared with the other commands.
    """
    figure = commands.add_parser("figure", help="write a static, print-ready map: SVG, PDF or PNG")
    figure.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    figure.add_argument(
        "--out", default=str(DEFAULT_FIGURE), metavar="PATH", help=f"default: {DEFAULT_FIGURE}"
    )
    figure.add_argument(
        "--view", help="a feature id, a layer, or gba for all (default: the story's opening view)"
    )
    figure.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="default: en")
    figure.add_argument(
        "--size", default="180x120mm", help="WxH in mm, cm, in or px, or print, column, social"
    )
    figure.add_argument("--dpi", type=int, help="a PNG's dots per inch (default 300; 150 for a size in px)")
    figure.add_argument("--table", action="store_true", help="add the area-check table beneath the map")
    figure.add_argument(
        "--article", metavar="PATH", help="add a table of this article's figures and verdicts beneath the map"
    )
    figure.set_defaults(run=run_figure)


def run_figure(args: argparse.Namespace) -> int:
    """``gba-atlas figure``: write the static map (written whole or not at all).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 when written.
    """
    from geo.figure import figure_bytes, figure_format, figure_info, resolve_view

    out = check_target(args.out, example="figure.svg")
    fmt = figure_format(out)
    atlas = Atlas.load(args.layers or default_layers_dir())
    if args.view is not None:  # a bad --view told in the command line's words (Atlas.figure says view=)
        resolve_view(atlas.layers, atlas.story, args.view)
    article = Path(args.article) if args.article else None
    figure = atlas.figure(
        view=args.view, lang=args.lang, size=args.size, dpi=args.dpi, table=args.table, article=article
    )
    data = figure_bytes(figure, fmt, dpi=figure_info(figure).dpi)
    atomic_write_bytes(out, data)
    write_out(f"wrote {terminal_text(out)} ({fmt.upper()}, {len(data) / 1024:,.0f} KiB)\n")
    return 0
