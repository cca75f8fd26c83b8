"""An article's figures as a table beneath the static figure (``gba-atlas figure --article``)."""

from __future__ import annotations

from collections.abc import Sequence

from geo.article.result import SIGNS, ArticleCheck
from geo.i18n import translate
from geo.model import Layer, features_by_id

#: A quoted figure longer than this many characters is cut, with an ellipsis.
QUOTE_CHARS = 48


def article_table(
    check: ArticleCheck, layers: Sequence[Layer], *, lang: str
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the article's area figures: as stated, the place, the verdict.

    The verdict is its sign and its word in ``lang`` (never a colour alone); a figure tied to no
    place of the atlas says so. Text is the article's, so it is drawn as text, never parsed.

    Parameters
    ----------
    check : ArticleCheck
        The article checked (:func:`geo.article.extract.check_article`).
    layers : sequence of Layer
        The atlas's layers, for the places' names in ``lang``.
    lang : str
        The figure's language.

    Returns
    -------
    header : list of str
    rows : list of list of str
    """
    features = features_by_id(layers)
    header = [translate(f"figure.article.{column}", lang) for column in ("figure", "place", "verdict")]
    rows = []
    for row in check.figures:
        feature = features.get(row.feature) if row.feature else None
        place = feature.names.get(lang) if feature else "—"
        verdict = f"{SIGNS[row.verdict]} {translate(f'map.article.{row.verdict}', lang)}"
        rows.append([_short(" ".join(row.as_stated.split())), place, verdict])
    return header, rows


def _short(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
