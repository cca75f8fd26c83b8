"""How an atlas and its checks show in a notebook: a short card, a one-line repr, a readable table.

Every text from the data is escaped (``html.escape``, and the Styler's ``escape="html"``):
a name holding markup shows as text and never runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from geo.model import AreaCheck, ClaimResult, Layer, Report, Story

#: Column headers with their units, for the display only (the columns keep their names).
HEADERS = {
    "stated_ha": "stated (ha)",
    "computed_ha": "computed (ha)",
    "deviation_pct": "deviation (%)",
    "tolerance_pct": "tolerance (%)",
}

#: How many failing checks the card names before it says how many more there are.
CARD_FAILING = 5

_TABLE_STYLES = [
    {"selector": "td, th", "props": "text-align: left; vertical-align: top; padding: 2px 8px"},
    {"selector": "td", "props": "max-width: 26em; white-space: normal; overflow-wrap: anywhere"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold"},
]
_FAILING_ROW = "background-color: #fde2e1; color: #7a0c0c"


def summary_line(layers: Sequence[Layer], claims: int, story: Story | None) -> str:
    """The atlas on one line: its layers, features and claims, and the story's title (no checks run).

    Parameters
    ----------
    layers : sequence of Layer
        The atlas's layers.
    claims : int
        The number of its claims.
    story : Story or None
        Its story.

    Returns
    -------
    str
        The line, as ``repr(atlas)`` gives it.

    Examples
    --------
    >>> from geo.model import Layer, Story
    >>> summary_line([Layer("Mine", ())], 1, Story("Hetao"))
    "<Atlas: 1 layer, 0 features, 1 claim; story 'Hetao'>"
    """
    features = sum(len(layer.features) for layer in layers)
    counts = f"{_count(len(layers), 'layer')}, {_count(features, 'feature')}, {_count(claims, 'claim')}"
    titled = f"; story {story.title!r}" if story else ""
    return f"<Atlas: {counts}{titled}>"


def card_html(layers: Sequence[Layer], report: Report, story: Story | None) -> str:
    """A short HTML card: the story's title, each layer with its feature count, the checks' verdicts.

    Failing checks are named (the first :data:`CARD_FAILING`); every text is escaped.

    Parameters
    ----------
    layers : sequence of Layer
        The atlas's layers.
    report : Report
        Its area and claim checks.
    story : Story or None
        Its story.

    Returns
    -------
    str
        An HTML fragment, as ``atlas._repr_html_()`` gives it.
    """
    title = f"<strong>{escape(story.title)}</strong><br>" if story else ""
    rows = "".join(
        f"<li>{escape(layer.name)}: {_count(len(layer.features), 'feature')}</li>" for layer in layers
    )
    checks: list[AreaCheck | ClaimResult] = [*report.areas, *report.claims]
    failing = [check.id for check in checks if not check.ok]
    holding = len(report.areas) + len(report.claims) - len(failing)
    verdict = f"\N{CHECK MARK} {holding} hold"
    if failing:
        named = ", ".join(escape(name) for name in failing[:CARD_FAILING])
        more = f" and {len(failing) - CARD_FAILING} more" if len(failing) > CARD_FAILING else ""
        verdict += f"; \N{BALLOT X} {len(failing)} fail: {named}{more}"
    return (
        '<div class="gba-atlas-card" style="font-family:system-ui,sans-serif;line-height:1.4">'
        f"{title}<ul style='margin:4px 0'>{rows}</ul>"
        f"<span>Checks: {verdict}.</span> "
        "<span style='color:#555'>atlas.check() lists them; atlas.explore() shows the map.</span></div>"
    )


class CheckTable(pd.DataFrame):  # type: ignore[misc]
    """The DataFrame of ``Atlas.check()``, shown in a notebook as :func:`check_styler` styles it."""

    @property
    def _constructor(self) -> type[CheckTable]:
        return CheckTable

    def _repr_html_(self) -> str | None:
        if "ok" not in self.columns:
            return super()._repr_html_()  # type: ignore[no-any-return]
        return check_styler(self).to_html()  # type: ignore[no-any-return]


def check_styler(table: pd.DataFrame) -> Styler:
    """The check table styled to read: failing rows marked in colour and with ✗, units in the headers.

    Long text wraps within about 26 characters' width; empty cells (a claim has no areas) are
    blank, not NaN; text is escaped.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of ``Atlas.check()``, with its ``ok`` column.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    frame = pd.DataFrame(table)
    failing = ~frame["ok"].astype(bool)
    marks = frame["ok"].map(lambda ok: "\N{CHECK MARK} holds" if ok else "\N{BALLOT X} fails")
    shown = frame.assign(ok=marks)
    styler = shown.style.hide(axis="index")
    styler = styler.format(precision=2, na_rep="", escape="html")
    numbers = [c for c in shown.columns if pd.api.types.is_float_dtype(shown[c])]
    styler = styler.format(two_decimals, subset=numbers, na_rep="")
    styler = styler.relabel_index([HEADERS.get(c, c) for c in shown.columns], axis="columns")
    styler = styler.apply(lambda row: [_FAILING_ROW if failing[row.name] else ""] * len(row), axis=1)
    return styler.set_table_styles(_TABLE_STYLES).set_caption(_caption(int(failing.sum()), len(frame)))


def two_decimals(value: float) -> str:
    """A number with two decimals, and no sign where it rounds to zero.

    Parameters
    ----------
    value : float
        A number (a percentage, say).

    Returns
    -------
    str
        The number with two decimals.

    Examples
    --------
    >>> two_decimals(-0.0012), two_decimals(6.186), two_decimals(-6.186)
    ('0.00', '6.19', '-6.19')
    """
    text = f"{value:.2f}"
    return text[1:] if text == "-0.00" else text


def _caption(failing: int, total: int) -> str:
    checks = _count(total, "check")
    return f"{checks}, all hold" if not failing else f"{checks}, {failing} failing (marked ✗)"


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
