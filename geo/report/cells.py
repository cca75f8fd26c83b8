"""The cells and column names of the report's tables: terminal, Markdown, the figure's table, tests."""

from __future__ import annotations

from geo.i18n import DEFAULT_LANGUAGE, translate
from geo.model import AreaCheck, ClaimResult
from geo.units import signed_percent

__all__ = [
    "AREA_COLUMNS",
    "AREA_HEADER",
    "CLAIM_COLUMNS",
    "CLAIM_HEADER",
    "area_cells",
    "area_header",
    "claim_cells",
    "claim_header",
    "mark",
]


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
