"""The report as data: JSON for programs, CSV for spreadsheets (text cells neutralised)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from geo.errors import AtlasError
from geo.i18n import DEFAULT_LANGUAGE, translate
from geo.model import Report
from geo.text_safety import csv_cell

__all__ = ["CSV_FIELDS", "EXCEL_BOM", "csv_header", "csv_rows", "to_csv", "to_json"]

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
