"""The command line: ``python -m geo`` or ``gba-atlas``.

Exit status: 0 when everything holds, 1 when a check fails, 2 for bad input or
usage (one line per problem on standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from geo.atlas import Atlas, default_layers_dir
from geo.errors import AtlasError, AtlasWarning, InputError
from geo.io.atomic import atomic_write_text
from geo.report import FORMATS, render
from geo.units import hectares

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_MAP = Path("output/map.html")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gba-atlas",
        description=(
            "Map the Greater Bay Area's cooperation platforms and check them against official figures."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    layers_help = "the layers folder (default: ./layers if it exists, else the bundled layers)"

    check = commands.add_parser("check", help="check every area and claim; exit 1 if any fails")
    check.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    check.add_argument("--format", choices=FORMATS, default="table", help="report format (default: table)")
    check.set_defaults(run=run_check)

    layers = commands.add_parser("layers", help="list the layers and their features")
    layers.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    layers.set_defaults(run=run_layers)

    build = commands.add_parser("build", help="write the interactive map and the area report beside it")
    build.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    build.add_argument(
        "--out", type=Path, default=DEFAULT_MAP, metavar="PATH", help=f"default: {DEFAULT_MAP}"
    )
    build.add_argument(
        "--self-contained",
        action="store_true",
        help="inline every script and stylesheet so the map works offline (fetches them once with npm)",
    )
    build.set_defaults(run=run_build)
    return parser


def run_check(args: argparse.Namespace) -> int:
    report = Atlas.load(args.layers or default_layers_dir()).report()
    sys.stdout.write(render(report, args.format))
    return EXIT_OK if report.ok else EXIT_FAILED


def run_layers(args: argparse.Namespace) -> int:
    atlas = Atlas.load(args.layers or default_layers_dir())
    for layer in atlas.layers:
        print(f"{layer.name}  ({layer.path})")
        for feature in layer:
            area = feature.area_m2
            size = f"{hectares(area):,.1f} ha" if area else f"{feature.length_m / 1000:,.2f} km long"
            print(f"  {feature.id:<22} {feature.geometry.geom_type:<16} {size:>14}  {feature.name}")
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from geo.map import render_html

    atlas = Atlas.load(args.layers or default_layers_dir())
    report = atlas.report()
    html = render_html(atlas.layers, report, story=atlas.story, self_contained=args.self_contained)
    out: Path = args.out
    csv_path, md_path = out.with_name("area-report.csv"), out.with_name("area-report.md")
    atomic_write_text(csv_path, render(report, "csv"))
    atomic_write_text(md_path, render(report, "markdown"))
    atomic_write_text(out, html)
    kind = "self-contained map" if args.self_contained else "map"
    print(f"wrote {out} ({kind}, {len(html.encode()) / 1024:,.0f} KiB), {csv_path} and {md_path}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", AtlasWarning)
            status = args.run(args)
        for warning in caught:
            if issubclass(warning.category, AtlasWarning):
                print(f"gba-atlas: warning: {warning.message}", file=sys.stderr)
        return status
    except InputError as error:
        for problem in error.problems:
            print(f"gba-atlas: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except AtlasError as error:
        print(f"gba-atlas: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def console_main() -> None:
    """Entry point of the ``gba-atlas`` console script."""
    sys.exit(main())
