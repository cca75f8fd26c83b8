"""The area and claim report as text: a table for the terminal, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from geo.errors import AtlasError
from geo.model import AreaCheck, ClaimResult, Report
from geo.text_safety import csv_cell, markdown_cell, terminal_text

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
    "detail",
)


def render(report: Report, fmt: str = "table", *, ascii_only: bool = False) -> str:
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

    Raises
    ------
    ValueError
        For a format not in :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        msg = f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    if fmt == "csv":
        return to_csv(report)
    renderers = {"table": to_table, "json": to_json, "markdown": to_markdown}
    return renderers[fmt](report, ascii_only=ascii_only)


def mark(ok: bool, *, ascii_only: bool = False) -> str:
    """The verdict as a sign: ✓ or ✗ (``ok`` or ``FAIL`` with ``ascii_only``)."""
    if ascii_only:
        return "ok" if ok else "FAIL"
    return "✓" if ok else "✗"


#: Characters valid in JSON text but unsafe on a terminal: C1 controls, line separators, bidi controls.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def to_json(report: Report, *, ascii_only: bool = False) -> str:
    """One JSON object: ``ok``, a list ``areas`` and a list ``claims``.

    Characters that a terminal would act on are written as ``\\uXXXX`` escapes
    (the same data to a JSON reader); with ``ascii_only``, every non-ASCII one.
    """
    data = {
        "ok": report.ok,
        "areas": [a.as_dict() for a in report.areas],
        "claims": [c.as_dict() for c in report.claims],
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


def csv_rows(report: Report) -> list[dict[str, Any]]:
    """One row per check, areas first, with the columns of :data:`CSV_FIELDS`."""
    rows = [
        {
            "check": "area",
            "id": a.id,
            "name": a.name,
            "stated": a.stated,
            "stated_ha": round(a.stated_ha, 4),
            "computed_ha": round(a.computed_ha, 4),
            "deviation_pct": round(a.deviation_pct, 4),
            "tolerance_pct": a.tolerance_pct,
            "ok": a.ok,
            "source": a.source,
            "detail": a.source_url or "",
        }
        for a in report.areas
    ]
    rows += [
        {"check": "claim", "id": c.id, "name": c.claim, "ok": c.ok, "source": c.sentence, "detail": c.detail}
        for c in report.claims
    ]
    return rows


def to_csv(report: Report) -> str:
    """The rows of :func:`csv_rows`, one line each, text cells passed through :func:`csv_cell`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in csv_rows(report))
    return buffer.getvalue()


def area_cells(a: AreaCheck, *, ascii_only: bool = False) -> list[str]:
    """One area check as the cells of :data:`AREA_HEADER` (text not yet escaped)."""
    plus_minus = "+/-" if ascii_only else "±"
    return [
        a.name,
        a.stated,
        f"{a.stated_ha:,.1f}",
        f"{a.computed_ha:,.1f}",
        f"{a.deviation_pct:+.2f} %",
        f"{plus_minus}{a.tolerance_pct:g} %",
        mark(a.ok, ascii_only=ascii_only),
    ]


def claim_cells(c: ClaimResult, *, ascii_only: bool = False) -> list[str]:
    """One claim verdict as the cells of :data:`CLAIM_HEADER` (text not yet escaped)."""
    return [c.claim, mark(c.ok, ascii_only=ascii_only), c.detail]


def _rows(report: Report, *, ascii_only: bool) -> tuple[list[list[str]], list[list[str]]]:
    areas = [area_cells(a, ascii_only=ascii_only) for a in report.areas]
    claims = [claim_cells(c, ascii_only=ascii_only) for c in report.claims]
    return areas, claims


AREA_HEADER = ["platform", "stated", "stated ha", "computed ha", "deviation", "tolerance", "ok"]
CLAIM_HEADER = ["claim", "ok", "detail"]


def to_markdown(report: Report, *, ascii_only: bool = False) -> str:
    """The report as Markdown: a verdict and two tables, every cell one escaped line."""

    def table(header: list[str], rows: list[list[str]]) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

        return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])

    area_rows, claim_rows = _rows(report, ascii_only=ascii_only)
    areas, claims = table(AREA_HEADER, area_rows), table(CLAIM_HEADER, claim_rows)
    verdict = "Every check holds." if report.ok else "Some checks FAIL."
    return f"# Area and claim report\n\n{verdict}\n\n## Areas\n\n{areas}\n\n## Claims\n\n{claims}\n"


def table_lines(header: Sequence[str], cells: Sequence[Sequence[str]]) -> list[str]:
    """The header and rows as aligned columns, every cell one escaped line (:func:`terminal_text`)."""
    rows = [[terminal_text(c) for c in row] for row in cells]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]


def to_table(report: Report, *, ascii_only: bool = False) -> str:
    """The report as aligned columns for a terminal, every cell one escaped line."""
    area_rows, claim_rows = _rows(report, ascii_only=ascii_only)
    lines = [
        "AREAS",
        *table_lines(AREA_HEADER, area_rows),
        "",
        "CLAIMS",
        *table_lines(CLAIM_HEADER, claim_rows),
    ]
    failed = sum(not a.ok for a in report.areas) + sum(not c.ok for c in report.claims)
    total = len(report.areas) + len(report.claims)
    lines += ["", f"{total - failed} of {total} checks hold" + ("." if not failed else f"; {failed} fail.")]
    return "\n".join(lines) + "\n"
