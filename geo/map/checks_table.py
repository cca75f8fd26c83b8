"""The checks in the panel: the area and claim tables, in words, in each language; plain data, no markup."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.i18n import Message, translate
from geo.i18n.scripts import Localized
from geo.model import AreaCheck, ClaimResult, Report
from geo.report import area_header, claim_header
from geo.units import signed_percent


def _ha(value: float) -> str:
    return f"{value:,.1f}"


def panel(
    report: Report, lang: str = "en", *, names: Mapping[str, Localized] | None = None
) -> dict[str, Any]:
    """The checks in the panel: the same numbers as ``geo check --lang``, in columns that fit it.

    The area table's columns: the platform, the figure as stated with its hectares, the
    computed hectares over the deviation and its tolerance, and the verdict; the claim
    table's: the claim, the measurement, the verdict. ``names``: each feature's name by id,
    so that a measurement names features, not ids.

    Parameters
    ----------
    report : Report
        The area checks and claim verdicts.
    lang : str
        The language tag.
    names : dict of str to Localized, optional
        Each feature's name by id.

    Returns
    -------
    dict
        ``title`` (the verdict of all checks), and for each table (areas, claims) its caption,
        header and rows (``{"cells", "ok"}``).
    """
    header, claim_cols = area_header(lang), claim_header(lang)
    return {
        "title": translate("map.panel.all_hold" if report.ok else "map.panel.some_fail", lang),
        "area_caption": translate("map.checks.areas", lang),
        "claim_caption": translate("map.panel.claims", lang),
        "area_header": [header[0], header[1], f"{header[3]} · {header[4]}", header[6]],
        "areas": [{"cells": _area_cells(a, lang), "ok": a.ok} for a in report.areas],
        "claim_header": [claim_cols[0], claim_cols[2], claim_cols[1]],
        "claims": [
            {"cells": [c.claim_in(lang), detail_in_words(c, names or {}, lang)], "ok": c.ok}
            for c in report.claims
        ],
    }


def _area_cells(a: AreaCheck, lang: str) -> list[str]:
    """The platform, the figure as stated (hectares), and the computed hectares over the deviation."""
    stated = f"{a.stated} ({translate('unit.hectares', lang, hectares=_ha(a.stated_ha))})"
    computed = f"{_ha(a.computed_ha)}\n{signed_percent(a.deviation_pct)} % (±{a.tolerance_pct:g} %)"
    return [a.name_in(lang), stated, computed]


def detail_in_words(claim: ClaimResult, names: Mapping[str, Localized], lang: str) -> str:
    """The measurement behind a claim's verdict in ``lang``, each feature named, not given by its id.

    Parameters
    ----------
    claim : ClaimResult
        A checked claim.
    names : dict of str to Localized
        Each feature's name by id.
    lang : str
        The language tag.

    Returns
    -------
    str
        The measurement in words.

    >>> from geo.i18n.scripts import Localized
    >>> params = {"feature": "a", "distance": "0", "to": "b", "limit": "100"}
    >>> c = ClaimResult("c", "claim", "", True, "", ("a", "b"), Message("claim.adjacent", params))
    >>> detail_in_words(c, {"a": Localized("Park A"), "b": Localized("River B")}, "en")
    'Park A is 0 m from River B (allowed 100 m)'
    """
    if claim.message is None:
        return claim.detail_in(lang)
    return _named(claim.message, names, lang).text(lang)


def _named(message: Message, names: Mapping[str, Localized], lang: str) -> Message:
    """The message with every parameter that is a feature id (or ids joined by " + ") as names."""

    def name(value: Any) -> Any:
        if isinstance(value, Message):
            return _named(value, names, lang)
        if isinstance(value, str) and value and all(part in names for part in value.split(" + ")):
            return " + ".join(names[part].get(lang) for part in value.split(" + "))
        return value

    return Message(message.key, {key: name(value) for key, value in message.params.items()})
