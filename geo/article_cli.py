"""``gba-atlas claims extract``: an article's area figures and claims, found, tied and verified.

The command's options and how it runs; the reading is :mod:`geo.article`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo.article import ARTICLE_LANGS
from geo.article.output import ARTICLE_FORMATS, render_check
from geo.atlas import Atlas, default_layers_dir
from geo.console import stdout_is_ascii_only, write_err, write_out
from geo.io.atomic import atomic_write_text
from geo.io.target import check_target
from geo.model import Report
from geo.text_safety import terminal_text

EXIT_OK, EXIT_FAILED = 0, 1


def add_claims_parser(commands: Any, layers_help: str) -> None:
    """``claims extract``: its options (see the README, "Checking an article").

    Parameters
    ----------
    commands : argparse subparsers
        The command line's subcommands, which ``claims`` joins.
    layers_help : str
        The help of the ``--layers`` option, shared with the other commands.
    """
    claims = commands.add_parser(
        "claims", help="find the area figures and claims of an article, and check them"
    )
    actions = claims.add_subparsers(dest="action", required=True, metavar="ACTION")
    extract = actions.add_parser(
        "extract", help="an article's figures and claims (.txt, .md or .html; - for standard input)"
    )
    extract.add_argument(
        "path", metavar="PATH", help="the article: a .txt, .md or .html file, or - for stdin"
    )
    extract.add_argument("--lang", choices=ARTICLE_LANGS, default="auto", help="the article's language")
    extract.add_argument("--layers", type=Path, metavar="DIR", help=layers_help)
    extract.add_argument("--format", choices=ARTICLE_FORMATS, default="text", help="default: text")
    extract.add_argument("--out", metavar="FILE", help="write the output to FILE instead of standard output")
    extract.add_argument(
        "--write-claims", metavar="FILE", help="write what was found as claims.json entries into FILE"
    )
    extract.set_defaults(run=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    """``gba-atlas claims extract``: 0 when everything tied to a place holds, 1 when something fails.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    int
        The exit status: 0 when everything tied to a place holds, 1 when something fails.
    """
    from geo.article.extract import check_article  # here: its patterns take 0.1 s to compile
    from geo.article.reading import read_article
    from geo.article.written import write_claims

    out = check_target(args.out) if args.out else None
    claims_file = check_target(args.write_claims) if args.write_claims else None
    text, file = read_article(args.path)
    atlas = Atlas.load(args.layers or default_layers_dir())
    check = check_article(text, atlas.layers, lang=args.lang, source=file)
    output = render_check(check, args.format, ascii_only=out is None and stdout_is_ascii_only())
    if claims_file is not None:
        count = write_claims(claims_file, check)
        write_err(f"wrote {count} claim{'s' * (count != 1)} into {terminal_text(claims_file)}")
    if out is not None:
        atomic_write_text(out, output)
        write_out(f"wrote {terminal_text(out)}\n")
    else:
        write_out(output)
    return EXIT_OK if check.ok else EXIT_FAILED


def article_page(path: str, atlas: Atlas, report: Report, *, self_contained: bool) -> str:
    """``build --article PATH``: the map's page with the article beside it.

    Parameters
    ----------
    path : str
        The article's file (``-`` for standard input).
    atlas : Atlas
        The atlas its places are read against.
    report : Report
        The atlas's area and claim report.
    self_contained : bool
        Inline the page's assets (no network needed).

    Returns
    -------
    str
        The HTML page.
    """
    from geo.article.reading import read_article
    from geo.map.article import article_html

    text, file = read_article(path)
    layers, story, claims = atlas.layers, atlas.story, atlas.claims
    return article_html(
        layers, report, text=text, story=story, claims=claims, source=file, self_contained=self_contained
    )
