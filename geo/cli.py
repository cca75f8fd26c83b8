"""The command line: ``python -m geo`` or ``gba-atlas``.

Exit status: 0 when everything holds, 1 when a check fails, 2 for bad input or
usage or an output that cannot be written (one line per problem on standard
error, never a traceback), 130 after Ctrl-C and 143 after SIGTERM (one line, no
temporary file left), 141 when the reader of a pipe went away (quietly); see
:mod:`geo.console`. Text from the data is escaped on its way out (see
:mod:`geo.text_safety`): one problem is one line, whatever the ids and names hold.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo import __version__
from geo.article_cli import add_claims_parser, article_page
from geo.atlas import Atlas, default_layers_dir
from geo.commands import export as export_command
from geo.commands import figure as figure_command
from geo.commands import init as init_command
from geo.commands import layers as layers_command
from geo.console import (
    EXIT_INTERRUPTED,
    EXIT_PIPE_CLOSED,
    StdoutFailed,
    Terminated,
    flush_out,
    signals_raise,
    silence_stdout,
    stdout_is_ascii_only,
    write_err,
    write_out,
)
from geo.errors import AtlasError, AtlasWarning, InputError, OutputError
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from geo.i18n.languages import language_problems
from geo.io.atomic import atomic_write_group
from geo.io.target import check_target
from geo.report import EXCEL_BOM, FORMATS, render
from geo.text_safety import terminal_text

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_MAP = Path("output/map.html")
REPORT_NAMES = ("area-report.csv", "area-report.md")


class _Parser(argparse.ArgumentParser):
    """argparse, but help goes out like all output (argparse would hide a closed pipe or a full disk)."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        if file is None:
            write_out(self.format_help())
        else:
            super().print_help(file)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: ``check``, ``layers``, ``build``, ``figure``, ``init`` and ``export``."""
    parser = _Parser(
        prog="gba-atlas",
        description=(
            "Map the Greater Bay Area's cooperation platforms and check them against official figures."
        ),
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit (alone)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    layers_help = "the layers folder (default: ./layers if it exists, else the bundled layers)"

    check = commands.add_parser("check", help="check every area and claim; exit 1 if any fails")
    check.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    check.add_argument("--format", choices=FORMATS, default="table", help="report format (default: table)")
    check.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the report's language (default: en)"
    )
    check.add_argument(
        "--excel",
        action="store_true",
        help="with --format csv: start with a UTF-8 byte-order mark, so Excel shows the Chinese right",
    )
    check.set_defaults(run=run_check)

    layers_command.add_parser(commands, layers_help)

    build = commands.add_parser("build", help="write the interactive map and the area report beside it")
    build.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    build.add_argument("--out", default=str(DEFAULT_MAP), metavar="PATH", help=f"default: {DEFAULT_MAP}")
    build.add_argument(
        "--self-contained",
        action="store_true",
        help="inline every script and stylesheet so the map works offline (fetches them once with npm)",
    )
    build.add_argument(
        "--article", metavar="PATH", help="show this article beside the map, its figures checked"
    )
    build.set_defaults(run=run_build)
    figure_command.add_parser(commands, layers_help)
    init_command.add_parser(commands)
    export_command.add_parser(commands, layers_help)
    add_claims_parser(commands, layers_help)
    return parser


def run_check(args: argparse.Namespace) -> int:
    """``gba-atlas check``: print the report; 0 when everything holds, 1 when a check fails.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status.
    """
    report = Atlas.load(args.layers or default_layers_dir()).report()
    width = shutil.get_terminal_size().columns  # COLUMNS, else the terminal's, else 80 (a pipe)
    text = render(report, args.format, ascii_only=stdout_is_ascii_only(), lang=args.lang, width=width)
    write_out(EXCEL_BOM + text if args.excel and args.format == "csv" else text)
    return EXIT_OK if report.ok else EXIT_FAILED


def run_build(args: argparse.Namespace) -> int:
    """``gba-atlas build``: write the map and its two reports together (all or none).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 when written (failing checks are in the reports).
    """
    from geo.map import render_html

    out = check_target(args.out)
    if out.name in REPORT_NAMES:
        raise OutputError(out, "the area report is written under that name", "call the map e.g. map.html")
    atlas = Atlas.load(args.layers or default_layers_dir())
    report = atlas.report()
    html = (
        article_page(args.article, atlas, report, self_contained=args.self_contained)
        if args.article
        else render_html(
            atlas.layers, report, story=atlas.story, self_contained=args.self_contained, claims=atlas.claims
        )
    )
    csv_path, md_path = (out.with_name(name) for name in REPORT_NAMES)
    page = html.encode("utf-8", "backslashreplace")  # a lone surrogate in the data cannot be UTF-8
    atomic_write_group(
        {
            csv_path: (EXCEL_BOM + render(report, "csv")).encode("utf-8", "backslashreplace"),
            md_path: render(report, "markdown").encode("utf-8", "backslashreplace"),
            out: page,
        }
    )
    kind = "self-contained map" if args.self_contained else "map"
    map_text, csv_text, md_text = (terminal_text(p) for p in (out, csv_path, md_path))
    write_out(f"wrote {map_text} ({kind}, {len(page) / 1024:,.0f} KiB), {csv_text} and {md_text}\n")
    return EXIT_OK


def _version(argv: Sequence[str]) -> int | None:
    """``--version`` alone prints the version (0); with anything else it is a usage error (2)."""
    if "--version" not in argv:
        return None
    if len(argv) > 1:
        write_err("gba-atlas: error: --version takes no other argument; fix: run gba-atlas --version alone")
        return EXIT_BAD_INPUT
    write_out(f"gba-atlas {__version__}\n")
    return EXIT_OK


def _before_parsing(argv: Sequence[str] | None) -> int | None:
    """The exit status of ``--version`` or of a broken folder of languages; None to parse and run."""
    version = _version(sys.argv[1:] if argv is None else argv)
    if version is not None:
        return version
    if language_problems():  # a folder of languages of one's own (GBA_ATLAS_LANGUAGES) is broken
        write_err("\n".join(f"gba-atlas: error: {terminal_text(line)}" for line in language_problems()))
        return EXIT_BAD_INPUT
    return None


def _run(argv: Sequence[str] | None) -> int:
    early = _before_parsing(argv)
    if early is not None:
        return early
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, or a usage error argparse has printed
        return done.code if isinstance(done.code, int) else EXIT_BAD_INPUT
    except OSError as error:  # --help into a closed pipe
        raise StdoutFailed(error) from error
    try:
        return _run_warned(args)
    except InputError as error:
        for problem in error.problems:
            write_err(f"gba-atlas: error: {terminal_text(problem)}")
        return EXIT_BAD_INPUT
    except AtlasError as error:
        write_err(f"gba-atlas: error: {terminal_text(error)}")
        return EXIT_BAD_INPUT


def _run_warned(args: argparse.Namespace) -> int:
    """Run the parsed command, its warnings (:class:`AtlasWarning`) printed as one line each after it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AtlasWarning)
        status: int = args.run(args)
    for warning in caught:
        if issubclass(warning.category, AtlasWarning):
            write_err(f"gba-atlas: warning: {terminal_text(warning.message)}")
    return status


def _stdout_failed(failure: StdoutFailed) -> int:
    silence_stdout()
    if failure.pipe_closed:
        return EXIT_PIPE_CLOSED
    fix = "free some space, or send the output elsewhere"
    write_err(f"gba-atlas: error: cannot write to standard output: {terminal_text(failure)}; fix: {fix}")
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's docstring).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments; None for ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status.
    """
    with signals_raise():
        try:
            status = _run(argv)
            flush_out()
            return status
        except StdoutFailed as failure:
            return _stdout_failed(failure)
        except KeyboardInterrupt:
            write_err("gba-atlas: interrupted")
            return EXIT_INTERRUPTED
        except Terminated as stop:
            write_err(f"gba-atlas: interrupted by {stop}")
            return stop.exit_status


def console_main() -> None:
    """Entry point of the ``gba-atlas`` console script."""
    raise SystemExit(main())
