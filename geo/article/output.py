"""An article check as text: a table for the terminal, Markdown, JSON and CSV.

Every text from the article is escaped on its way out (:mod:`geo.text_safety`): quotes are one line
on a terminal, ``|`` is escaped in Markdown, a cell a spreadsheet would run is neutralised in CSV,
and characters a terminal acts on are ``\\uXXXX`` escapes in JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from geo.article.result import CLAIM_FIELDS, FIGURE_FIELDS, ArticleCheck, ClaimRow, FigureRow
from geo.columns import table_lines
from geo.text_safety import csv_cell, markdown_cell

#: The output formats of ``gba-atlas claims extract``.
ARTICLE_FORMATS = ("text", "markdown", "json", "csv")

#: Each verdict's mark: a sign beside the word, so colour is never the only clue.
MARKS = {"holds": "✓", "fails": "✗", "unmatched": "?", "skipped": "-", "earlier": "←"}
_ASCII_MARKS = {"holds": "ok", "fails": "FAIL", "unmatched": "?", "skipped": "-", "earlier": "<-"}

#: What the text and Markdown outputs say when a text has no area figure.
NO_FIGURES = "no area figures found"

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: The CSV's columns: which row (figure or claim), then every field of either.
CSV_COLUMNS = ("row", *dict.fromkeys([*FIGURE_FIELDS, *CLAIM_FIELDS]))


def render_check(check: ArticleCheck, fmt: str, *, ascii_only: bool = False) -> str:
    """The check in one of :data:`ARTICLE_FORMATS`.

    Parameters
    ----------
    check : ArticleCheck
        The checked article.
    fmt : str
        One of :data:`ARTICLE_FORMATS`.
    ascii_only : bool
        Verdict marks in plain ASCII in text and Markdown.

    Returns
    -------
    str
        The whole output.
    """
    if fmt == "json":
        return to_json(check)
    if fmt == "csv":
        return to_csv(check)
    if fmt == "markdown":
        return to_markdown(check, ascii_only=ascii_only)
    return to_text(check, ascii_only=ascii_only)


def _mark(verdict: str, ascii_only: bool) -> str:
    return f"{(_ASCII_MARKS if ascii_only else MARKS)[verdict]} {verdict}"


def _figure_cells(row: FigureRow, ascii_only: bool) -> list[str]:
    pct = "+/-" if ascii_only else "±"
    return [
        _mark(row.verdict, ascii_only),
        row.feature or "",
        row.as_stated,
        f"{row.hectares:,.1f}" if row.hectares is not None else "",
        f"{row.computed_ha:,.1f}" if row.computed_ha is not None else "",
        f"{row.deviation_pct:+.2f} %" if row.deviation_pct is not None else "",
        f"{pct}{row.tolerance_pct:.1f} %" if row.tolerance_pct is not None else "",
        row.why,
    ]


def _claim_cells(row: ClaimRow, ascii_only: bool) -> list[str]:
    return [_mark(row.verdict, ascii_only), row.test, ", ".join(row.features), row.why]


FIGURE_HEADER = ["verdict", "feature", "as stated", "ha", "computed ha", "deviation", "tolerance", "why"]
CLAIM_HEADER = ["verdict", "test", "features", "why"]


def _summary(check: ArticleCheck) -> str:
    counts: dict[str, int] = {}
    rows: tuple[FigureRow | ClaimRow, ...] = (*check.figures, *check.claims)
    for row in rows:
        counts[row.verdict] = counts.get(row.verdict, 0) + 1
    words = ", ".join(f"{n} {verdict}" for verdict, n in counts.items())
    areas = sum(f.kind == "area" for f in check.figures)
    head = NO_FIGURES if not areas else f"{areas} area figure{'s' * (areas != 1)}"
    return f"{head}; {len(check.claims)} claim{'s' * (len(check.claims) != 1)}" + (
        f" ({words})" if words else ""
    )


def to_text(check: ArticleCheck, *, ascii_only: bool = False) -> str:
    """Aligned columns for a terminal, every cell one escaped line.

    Parameters
    ----------
    check : ArticleCheck
        The checked article.
    ascii_only : bool
        Verdict marks in plain ASCII.

    Returns
    -------
    str
        The table, ending with a newline.
    """
    lines = [f"FIGURES in {check.source} ({check.lang})"]
    lines += table_lines(FIGURE_HEADER, [_figure_cells(r, ascii_only) for r in check.figures])
    lines += ["", "CLAIMS", *table_lines(CLAIM_HEADER, [_claim_cells(r, ascii_only) for r in check.claims])]
    return "\n".join([*lines, "", _summary(check)]) + "\n"


def to_markdown(check: ArticleCheck, *, ascii_only: bool = False) -> str:
    """Markdown: a summary and two tables, every cell one escaped line.

    Parameters
    ----------
    check : ArticleCheck
        The checked article.
    ascii_only : bool
        Verdict marks in plain ASCII.

    Returns
    -------
    str
        The Markdown document.
    """

    def table(header: list[str], rows: list[list[str]]) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

        return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])

    figures = table(FIGURE_HEADER, [_figure_cells(r, ascii_only) for r in check.figures])
    claims = table(CLAIM_HEADER, [_claim_cells(r, ascii_only) for r in check.claims])
    title = markdown_cell(check.source)
    head = f"# Figures and claims of {title}\n\n{_summary(check)}"
    return f"{head}\n\n## Figures\n\n{figures}\n\n## Claims\n\n{claims}\n"


def to_json(check: ArticleCheck) -> str:
    """One JSON object: ``source``, ``lang``, ``ok``, ``figures`` and ``claims`` (see the README).

    Parameters
    ----------
    check : ArticleCheck
        The checked article.

    Returns
    -------
    str
        The JSON text, ending with a newline.
    """
    text = json.dumps(check.as_dict(), ensure_ascii=False, indent=2, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_csv(check: ArticleCheck) -> str:
    """One row per figure, then per claim; text cells through :func:`~geo.text_safety.csv_cell`.

    Parameters
    ----------
    check : ArticleCheck
        The checked article.

    Returns
    -------
    str
        The CSV text, a header row first.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows: list[dict[str, Any]] = [{"row": "figure", **f.as_dict()} for f in check.figures]
    rows += [{"row": "claim", **c.as_dict(), "features": " ".join(c.features)} for c in check.claims]
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()
