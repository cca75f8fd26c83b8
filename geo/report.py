"""The area and claim report as text: a table for the terminal, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from geo.errors import AtlasError
from geo.model import AreaCheck, Report

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


def render(report: Report, fmt: str = "table") -> str:
    """The report as text in one of :data:`FORMATS`.

    Raises
    ------
    ValueError
        For a format not in :data:`FORMATS`.
    """
    renderers = {"table": to_table, "json": to_json, "csv": to_csv, "markdown": to_markdown}
    if fmt not in renderers:
        msg = f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    return renderers[fmt](report)


def mark(ok: bool) -> str:
    """The verdict as a sign: ✓ or ✗."""
    return "✓" if ok else "✗"


def to_json(report: Report) -> str:
    """One JSON object: ``ok``, a list ``areas`` and a list ``claims``."""
    data = {
        "ok": report.ok,
        "areas": [a.as_dict() for a in report.areas],
        "claims": [c.as_dict() for c in report.claims],
    }
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as exc:  # validation keeps NaN and Infinity out; should one slip through, say so
        msg = (
            f"the report holds NaN or Infinity, which JSON cannot hold ({exc}); fix: check the stated "
            "figures (value, hectares, tolerance_pct) of the layers, and report this to gba-atlas"
        )
        raise AtlasError(msg) from exc


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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(report))
    return buffer.getvalue()


def area_cells(a: AreaCheck) -> list[str]:
    return [
        a.name,
        a.stated,
        f"{a.stated_ha:,.1f}",
        f"{a.computed_ha:,.1f}",
        f"{a.deviation_pct:+.2f} %",
        f"±{a.tolerance_pct:g} %",
        mark(a.ok),
    ]


AREA_HEADER = ["platform", "stated", "stated ha", "computed ha", "deviation", "tolerance", "ok"]
CLAIM_HEADER = ["claim", "ok", "detail"]


def to_markdown(report: Report) -> str:
    def table(header: list[str], rows: list[list[str]]) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])

    areas = table(AREA_HEADER, [area_cells(a) for a in report.areas])
    claims = table(CLAIM_HEADER, [[c.claim, mark(c.ok), c.detail] for c in report.claims])
    verdict = "Every check holds." if report.ok else "Some checks FAIL."
    return f"# Area and claim report\n\n{verdict}\n\n## Areas\n\n{areas}\n\n## Claims\n\n{claims}\n"


def to_table(report: Report) -> str:
    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        return [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]
        ]

    lines = ["AREAS", *table(AREA_HEADER, [area_cells(a) for a in report.areas]), "", "CLAIMS"]
    lines += table(CLAIM_HEADER, [[c.claim, mark(c.ok), c.detail] for c in report.claims])
    failed = sum(not a.ok for a in report.areas) + sum(not c.ok for c in report.claims)
    total = len(report.areas) + len(report.claims)
    lines += ["", f"{total - failed} of {total} checks hold" + ("." if not failed else f"; {failed} fail.")]
    return "\n".join(lines) + "\n"
