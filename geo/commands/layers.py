"""``gba-atlas layers``: each layer and its features, with their areas (ha) or lengths (km).

Areas are measured for a whole layer in one vectorised call, and the lengths of the
features without an area (lines, points) in another.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from geo.atlas import Atlas, default_layers_dir
from geo.columns import table_lines
from geo.console import write_out
from geo.geodesy import geodesic_length
from geo.model import Layer, measure_areas
from geo.text_safety import terminal_text
from geo.units import hectares


def add_parser(commands: argparse._SubParsersAction[Any], layers_help: str) -> None:
    """Register ``layers`` and its options.

    Parameters
    ----------
    commands : argparse subparsers
        The command line's subcommands, which ``layers`` joins.
    layers_help : str
        The help of ``--layers``, shared by the commands that read layers.
    """
    layers = commands.add_parser("layers", help="list the layers and their features")
    layers.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    layers.set_defaults(run=run_layers)


def run_layers(args: argparse.Namespace) -> int:
    """``gba-atlas layers``: each layer and its features, with their areas (ha) or lengths (km).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 once listed.
    """
    atlas = Atlas.load(args.layers or default_layers_dir())
    width = shutil.get_terminal_size().columns - 2  # each feature's line is indented by two
    for layer in atlas.layers:
        write_out(f"{terminal_text(layer.name)}  ({terminal_text(layer.path)})\n")
        rows = [
            [feature.id, feature.geometry.geom_type, size, feature.name]
            for feature, size in zip(layer, _sizes(layer), strict=True)
        ]
        for line in table_lines(["id", "geometry", "size", "name"], rows, width=width):
            write_out(f"  {line}\n")
    return 0


def _sizes(layer: Layer) -> list[str]:
    """Each feature's area in hectares, or its length in km when it has no area (measured at once)."""
    areas = measure_areas(layer.features)
    lengths = np.zeros(len(areas))
    linear = np.flatnonzero(areas == 0)
    if len(linear):
        lengths[linear] = geodesic_length(layer.geometries()[linear])
    return [
        f"{hectares(area):,.1f} ha" if area else f"{length / 1000:,.2f} km long"
        for area, length in zip(areas.tolist(), lengths.tolist(), strict=True)
    ]
