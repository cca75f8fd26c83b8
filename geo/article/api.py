"""``Atlas.check_text``: an article checked from a notebook, one row per figure or claim."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geo.errors import ArgumentTypeError, ArticleError, Problem
from geo.model import Layer

if TYPE_CHECKING:
    import pandas


class ArticleChecks:
    """The article methods of :class:`geo.Atlas` (kept here, with the rest of the article's reading)."""

    layers: list[Layer]

    def check_text(self, text: str, *, lang: str = "auto") -> pandas.DataFrame:
        """The area figures and spatial claims of an article, tied to this atlas's features and verified.

        One row per figure or claim, as ``gba-atlas claims extract --format csv`` gives them: the
        column ``row`` (``figure`` or ``claim``), then the fields of the JSON output (README,
        "Checking an article"); ``verdict`` is holds, fails, unmatched, skipped or earlier.

        Parameters
        ----------
        text : str
            The article's text (HTML is read as its visible words).
        lang : str
            ``auto`` (judged from the text), ``en``, ``zh-Hant`` or ``zh-Hans``.

        Returns
        -------
        pandas.DataFrame
            One row per figure, then per claim, in the order of the text.

        Raises
        ------
        ArticleError
            For an empty text, control characters (terminal escapes) in it, or one too long.
        ArgumentTypeError
            When ``text`` is not a string or ``lang`` not one of the four.

        Examples
        --------
        >>> from geo import Atlas
        >>> table = Atlas.load().check_text("The 87-hectare Hong Kong Park lies next to the border.")
        >>> table[["row", "verdict", "why"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
        [['figure', 'holds', 'hetao_hk_park measures 87.0 ha, -0.00 % from the stated 87.0 ha; holds: needs
          within ±2.6 % (2 % for the polygon, 0.6 % for rounding)'],
         ['claim', 'holds', 'holds: hetao_hk_park is 30 m from shenzhen_river (allowed 100 m)']]
        """
        import pandas as pd

        columns, rows = check_text_rows(text, self.layers, lang=lang)
        return pd.DataFrame(rows, columns=columns)


def check_text_rows(
    text: Any, layers: Sequence[Layer], *, lang: Any = "auto"
) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of :meth:`geo.Atlas.check_text`: figures, then claims (arguments checked).

    Parameters
    ----------
    text : object
        The article's text, checked to be a string (HTML is read as its visible words).
    layers : sequence of Layer
        The places the article may be about.
    lang : object
        ``auto``, ``en``, ``zh-Hant`` or ``zh-Hans``, checked.

    Returns
    -------
    columns : list of str
        The columns' names, ``row`` first.
    rows : list of dict
        One dict per figure, then per claim, keyed by the columns.
    """
    # here, not above: the article's patterns take a tenth of a second to compile, which a map build
    # (that imports geo.atlas) does not need
    from geo.article import ARTICLE_LANGS
    from geo.article.decoding import MAX_ARTICLE_BYTES, html_text, looks_like_html, refuse_controls
    from geo.article.extract import check_article
    from geo.article.output import CSV_COLUMNS

    call = "Atlas.check_text"
    if not isinstance(text, str):
        raise ArgumentTypeError(
            Problem(
                call,
                "text",
                f"must be a string, not {type(text).__name__}",
                "pass the article's text (decode bytes first)",
            )
        )
    if lang not in ARTICLE_LANGS:
        raise ArgumentTypeError(
            Problem(call, "lang", f"{lang!r} is not one of {', '.join(ARTICLE_LANGS)}", 'pass lang="auto"')
        )
    if len(text) > MAX_ARTICLE_BYTES:
        what = f"holds {len(text):,} characters, more than the {MAX_ARTICLE_BYTES:,} an article may have"
        raise ArticleError([Problem(call, "text", what, "split a longer text into parts")])
    if looks_like_html(text):
        text = html_text(text)
    if not text.strip():
        raise ArticleError(
            [Problem(call, "text", "is empty: there is no text to read", "pass the article's text")]
        )
    refuse_controls(text, file=call)
    check = check_article(text, layers, lang=lang, source="<text>")
    rows = [{"row": "figure", **f.as_dict()} for f in check.figures]
    rows += [{"row": "claim", **c.as_dict()} for c in check.claims]
    return list(CSV_COLUMNS), rows
