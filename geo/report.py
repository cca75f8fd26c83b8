"""The area and claim report as text: a table for the terminal, JSON, CSV and Markdown.

Each speaks one of :data:`geo.i18n.LANGUAGES` (``lang``): headers, verdict sentences,
the claims and their details from the message catalogues, names in that script; the
numbers, the figures as stated and the sources are the same in every language. JSON
keeps its English keys; its ``name``, ``claim`` and ``detail`` are in ``lang``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from geo.columns import display_width, fit_widths, wrap_cell
from geo.errors import AtlasError
from geo.i18n import DEFAULT_LANGUAGE, check_language, translate
from geo.model import AreaCheck, ClaimResult, Report
from geo.text_safety import csv_cell, markdown_cell, terminal_text
from geo.units import signed_percent

FORMATS = ("table", "json", "csv", "markdown")
CSV_FIELDS = (
    "check",
    "id",
    "name",
    "stated",
    "stated_ha",
    "computed_ha",
    "deviation_pct",
    "tolerance_pct",
    "ok",
    "source",
    "source_url",
    "sentence",
    "detail",
)
#: What starts a CSV file for spreadsheets: the UTF-8 byte-order mark, by which Excel reads UTF-8.
EXCEL_BOM = "\ufeff"


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


def mark(ok: bool, *, ascii_only: bool = False) -> str:
    """The verdict as a sign: ✓ or ✗ (``ok`` or ``FAIL`` with ``ascii_only``).

    Parameters
    ----------
    ok : bool
        Whether the check holds.
    ascii_only : bool
        ``ok`` or ``FAIL`` in place of the signs.

    Returns
    -------
    str
        The sign.

    Examples
    --------
    >>> mark(True), mark(False, ascii_only=True)
    ('✓', 'FAIL')
    """
    if ascii_only:
        return "ok" if ok else "FAIL"
    return "✓" if ok else "✗"


#: Characters valid in JSON text but unsafe on a terminal: C1 controls, line separators, bidi controls.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def to_json(report: Report, *, ascii_only: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """One JSON object: ``ok``, a list ``areas`` and a list ``claims``.

    Characters that a terminal would act on are written as ``\\uXXXX`` escapes
    (the same data to a JSON reader); with ``ascii_only``, every non-ASCII one.
    The keys are English in every language; ``name``, ``claim`` and ``detail`` are in ``lang``.

    Parameters
    ----------
    report : Report
        The checks.
    ascii_only : bool
        Every non-ASCII character as a ``\\uXXXX`` escape.
    lang : str
        The language of the texts.

    Returns
    -------
    str
        The JSON text, ending with a newline.
    """
    data = {
        "ok": report.ok,
        "areas": [{**a.as_dict(), "name": a.name_in(lang)} for a in report.areas],
        "claims": [
            {**c.as_dict(), "claim": c.claim_in(lang), "detail": c.detail_in(lang)} for c in report.claims
        ],
    }
    try:
        text = json.dumps(data, ensure_ascii=ascii_only, indent=2, allow_nan=False)
    except ValueError as exc:  # validation keeps NaN and Infinity out; should one slip through, say so
        msg = (
            f"the report holds NaN or Infinity, which JSON cannot hold ({exc}); fix: check the stated "
            "figures (value, hectares, tolerance_pct) of the layers, and report this to gba-atlas"
        )
        raise AtlasError(msg) from exc
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def csv_rows(report: Report, *, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One row per check, areas first, with the columns of :data:`CSV_FIELDS` (texts in ``lang``).

    Parameters
    ----------
    report : Report
        The checks.
    lang : str
        The language of the texts.

    Returns
    -------
    list of dict
        The rows, keyed by :data:`CSV_FIELDS` (areas in hectares, deviations in percent).
    """
    area, claim = (translate(f"csv.kind.{kind}", lang) for kind in ("area", "claim"))
    rows = [
        {
            "check": area,
            "id": a.id,
            "name": a.name_in(lang),
            "stated": a.stated,
            "stated_ha": round(a.stated_ha, 4),
            "computed_ha": round(a.computed_ha, 4),
            "deviation_pct": round(a.deviation_pct, 4),
            "tolerance_pct": a.tolerance_pct,
            "ok": a.ok,
            "source": a.source,
            "source_url": a.source_url or "",
        }
        for a in report.areas
    ]
    rows += [
        {
            "check": claim,
            "id": c.id,
            "name": c.claim_in(lang),
            "ok": c.ok,
            "sentence": c.sentence,
            "detail": c.detail_in(lang),
        }
        for c in report.claims
    ]
    return rows


def csv_header(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The CSV's column names in ``lang`` (:data:`CSV_FIELDS` in English), written as they are.

    Parameters
    ----------
    lang : str
        The language of the names.

    Returns
    -------
    list of str
        The names, in the order of :data:`CSV_FIELDS`.
    """
    return [translate(f"csv.{field}", lang) for field in CSV_FIELDS]


def to_csv(report: Report, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The rows of :func:`csv_rows`, one line each, text cells passed through :func:`csv_cell`.

    The header names the columns in ``lang`` (:data:`CSV_FIELDS` in English).

    Parameters
    ----------
    report : Report
        The checks.
    lang : str
        The language of the header and texts.

    Returns
    -------
    str
        The CSV text, the header first.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writerow(dict(zip(CSV_FIELDS, csv_header(lang), strict=True)))
    rows = csv_rows(report, lang=lang)
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def area_cells(a: AreaCheck, *, ascii_only: bool = False, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """One area check as the cells of :data:`AREA_HEADER` (text not yet escaped); the name in ``lang``.

    Parameters
    ----------
    a : AreaCheck
        The area check.
    ascii_only : bool
        Signs in ASCII.
    lang : str
        The language of the name.

    Returns
    -------
    list of str
        The cells (areas in hectares, deviation and tolerance in percent).
    """
    plus_minus = "+/-" if ascii_only else "±"
    return [
        a.name_in(lang),
        a.stated,
        f"{a.stated_ha:,.1f}",
        f"{a.computed_ha:,.1f}",
        f"{signed_percent(a.deviation_pct)} %",
        f"{plus_minus}{a.tolerance_pct:g} %",
        mark(a.ok, ascii_only=ascii_only),
    ]


def claim_cells(c: ClaimResult, *, ascii_only: bool = False, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """One claim verdict as the cells of :data:`CLAIM_HEADER` (text not yet escaped), in ``lang``.

    Parameters
    ----------
    c : ClaimResult
        The claim verdict.
    ascii_only : bool
        Signs in ASCII.
    lang : str
        The language of the texts.

    Returns
    -------
    list of str
        The cells.
    """
    return [c.claim_in(lang), mark(c.ok, ascii_only=ascii_only), c.detail_in(lang)]


def _rows(report: Report, *, ascii_only: bool, lang: str) -> tuple[list[list[str]], list[list[str]]]:
    areas = [area_cells(a, ascii_only=ascii_only, lang=lang) for a in report.areas]
    claims = [claim_cells(c, ascii_only=ascii_only, lang=lang) for c in report.claims]
    return areas, claims


#: The catalogue keys of the area table's and the claim table's columns.
AREA_COLUMNS = ("platform", "stated", "stated_ha", "computed_ha", "deviation", "tolerance", "ok")
CLAIM_COLUMNS = ("claim", "ok", "detail")


def area_header(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The area table's column names in ``lang``.

    Parameters
    ----------
    lang : str
        The language of the names.

    Returns
    -------
    list of str
        The names.
    """
    return [translate(f"report.col.{column}", lang) for column in AREA_COLUMNS]


def claim_header(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The claim table's column names in ``lang``.

    Parameters
    ----------
    lang : str
        The language of the names.

    Returns
    -------
    list of str
        The names.
    """
    return [translate(f"report.col.{column}", lang) for column in CLAIM_COLUMNS]


AREA_HEADER = area_header()
CLAIM_HEADER = claim_header()


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


def table_lines(
    header: Sequence[str], cells: Sequence[Sequence[str]], *, width: int | None = None
) -> list[str]:
    """The header and rows as aligned columns, every cell escaped (:func:`terminal_text`).

    With ``width`` (terminal columns), the widest columns give way and their cells wrap onto
    further lines, so that no line is longer (unless even the narrowest columns are).

    Parameters
    ----------
    header : sequence of str
        The columns' names.
    cells : sequence of sequence of str
        The rows' cells, as many as the header's.
    width : int, optional
        The longest line allowed, in terminal columns; None for no limit.

    Returns
    -------
    list of str
        The lines, the header's first, trailing spaces removed.
    """
    rows = [[terminal_text(c) for c in row] for row in [header, *cells]]
    widths = _column_widths(rows, width)
    return [line for row in rows for line in _row_lines(row, widths)]


def _column_widths(rows: list[list[str]], width: int | None) -> list[int]:
    """Each column's width (terminal columns): its widest cell's, narrowed to fit in ``width`` if given."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    if width is None:
        return widths
    gaps = 2 * (len(widths) - 1)
    minimum = [min(w, max(6, display_width(rows[0][i]))) for i, w in enumerate(widths)]
    return fit_widths(widths, available=width - gaps, minimum=minimum)


def _row_lines(row: list[str], widths: list[int]) -> list[str]:
    """One row's lines: its cells wrapped to their columns' widths, padded, two spaces apart."""
    wrapped = [wrap_cell(c, w) for c, w in zip(row, widths, strict=True)]
    lines = []
    for depth in range(max(len(cell) for cell in wrapped)):
        parts = [cell[depth] if depth < len(cell) else "" for cell in wrapped]
        cells_text = (p + " " * (w - display_width(p)) for p, w in zip(parts, widths, strict=True))
        lines.append("  ".join(cells_text).rstrip())
    return lines


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
