"""The area and claim report as text: a table for the terminal, JSON, CSV and Markdown.

Each speaks one of :data:`geo.i18n.LANGUAGES` (``lang``): headers, verdict sentences,
the claims and their details from the message catalogues, names in that script; the
numbers, the figures as stated and the sources are the same in every language. JSON
keeps its English keys; its ``name``, ``claim`` and ``detail`` are in ``lang``.
"""

from __future__ import annotations

from geo.columns import table_lines
from geo.i18n import DEFAULT_LANGUAGE, check_language, translate
from geo.model import Report
from geo.report.cells import (
    AREA_COLUMNS,
    AREA_HEADER,
    CLAIM_COLUMNS,
    CLAIM_HEADER,
    area_cells,
    area_header,
    claim_cells,
    claim_header,
    mark,
)
from geo.report.data import CSV_FIELDS, EXCEL_BOM, csv_header, csv_rows, to_csv, to_json
from geo.text_safety import markdown_cell

__all__ = [
    "AREA_COLUMNS",
    "AREA_HEADER",
    "CLAIM_COLUMNS",
    "CLAIM_HEADER",
    "CSV_FIELDS",
    "EXCEL_BOM",
    "FORMATS",
    "area_cells",
    "area_header",
    "claim_cells",
    "claim_header",
    "csv_header",
    "csv_rows",
    "mark",
    "render",
    "table_lines",
    "to_csv",
    "to_json",
    "to_markdown",
    "to_table",
]

FORMATS = ("table", "json", "csv", "markdown")


def render(
    report: Report,
    fmt: str = "table",
    *,
    ascii_only: bool = False,
    lang: str = DEFAULT_LANGUAGE,
    width: int | None = None,
) -> str:
    """The report as text in one of :data:`FORMATS`.

    Text from the data is made safe for where it goes (see :mod:`geo.text_safety`):
    one line per cell with control characters escaped, ``|`` escaped in Markdown,
    formula-like text neutralised in CSV; the numbers stay numbers.

    Parameters
    ----------
    report : Report
        The checks to show.
    fmt : str
        One of :data:`FORMATS`.
    ascii_only : bool
        Write the table's and the Markdown's signs in ASCII (``ok``/``FAIL``,
        ``+/-``) and JSON with ``\\uXXXX`` escapes, for a stream that cannot encode more.
    lang : str
        The language of the words: one of :data:`geo.i18n.LANGUAGES`.
    width : int, optional
        The table's longest line, in terminal columns: wider cells wrap (the table format only).

    Returns
    -------
    str
        The text, ending with a newline.

    Raises
    ------
    ValueError
        For a format not in :data:`FORMATS`, or a language not in :data:`geo.i18n.LANGUAGES`.
    """
    if fmt not in FORMATS:
        msg = f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    check_language(lang)
    if fmt == "csv":
        return to_csv(report, lang=lang)
    if fmt == "table":
        return to_table(report, ascii_only=ascii_only, lang=lang, width=width)
    renderers = {"json": to_json, "markdown": to_markdown}
    return renderers[fmt](report, ascii_only=ascii_only, lang=lang)


def _rows(report: Report, *, ascii_only: bool, lang: str) -> tuple[list[list[str]], list[list[str]]]:
    areas = [area_cells(a, ascii_only=ascii_only, lang=lang) for a in report.areas]
    claims = [claim_cells(c, ascii_only=ascii_only, lang=lang) for c in report.claims]
    return areas, claims


#: The catalogue keys of the area table's and the claim table's columns.
def to_markdown(report: Report, *, ascii_only: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """The report as Markdown: a verdict and two tables, every cell one escaped line.

    Parameters
    ----------
    report : Report
        The checks.
    ascii_only : bool
        Signs in ASCII.
    lang : str
        The language of the words.

    Returns
    -------
    str
        The Markdown document.
    """

    def table(header: list[str], rows: list[list[str]]) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

        return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])

    area_rows, claim_rows = _rows(report, ascii_only=ascii_only, lang=lang)
    areas, claims = table(area_header(lang), area_rows), table(claim_header(lang), claim_rows)
    words = {k: translate(f"report.markdown.{k}", lang) for k in ("title", "areas", "claims")}
    verdict = translate("report.markdown.all_hold" if report.ok else "report.markdown.some_fail", lang)
    return (
        f"# {words['title']}\n\n{verdict}\n\n## {words['areas']}\n\n{areas}\n\n"
        f"## {words['claims']}\n\n{claims}\n"
    )


def to_table(
    report: Report, *, ascii_only: bool = False, lang: str = DEFAULT_LANGUAGE, width: int | None = None
) -> str:
    """The report as aligned columns for a terminal, in ``lang``; ``width`` as for :func:`table_lines`.

    Parameters
    ----------
    report : Report
        The checks.
    ascii_only : bool
        Signs in ASCII.
    lang : str
        The language of the words.
    width : int, optional
        The longest line allowed, in terminal columns.

    Returns
    -------
    str
        The two tables and a summary line, ending with a newline.
    """
    area_rows, claim_rows = _rows(report, ascii_only=ascii_only, lang=lang)
    lines = [
        translate("report.areas", lang),
        *table_lines(area_header(lang), area_rows, width=width),
        "",
        translate("report.claims", lang),
        *table_lines(claim_header(lang), claim_rows, width=width),
    ]
    failed = sum(not a.ok for a in report.areas) + sum(not c.ok for c in report.claims)
    total = len(report.areas) + len(report.claims)
    counts = {"held": total - failed, "total": total, "failed": failed}
    lines += ["", translate("report.summary.some" if failed else "report.summary.all", lang, **counts)]
    return "\n".join(lines) + "\n"
