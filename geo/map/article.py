"""The annotated article beside the map: its paragraphs in the panel, each figure and claim marked.

Each figure and claim the check found is marked by its verdict with a colour *and* a sign (✓ ✗ ? – ←)
and the verdict in words for screen readers; one tied to a feature is a button that frames the feature
(Go to) and opens its details, where the article's sentences about it are listed. The map's title and
source come from the article (its front matter, else its first line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium

from geo.article.extract import check_article
from geo.article.front import front_matter
from geo.article.reading import given_article
from geo.article.result import SIGNS, ArticleCheck
from geo.i18n import LANGUAGES, translate
from geo.map.atlas_map import AtlasMap
from geo.map.build import build_map
from geo.map.elements import AtlasCall
from geo.map.ids import stabilise_ids
from geo.map.page import page_document, page_plain_basemap
from geo.model import Claim, Layer, Report, Source, Story

#: How many of the article's sentences about a feature its details list.
MAX_SENTENCES = 8


class ArticleView(AtlasCall):
    """``gbaAtlas.addArticle(map, spec)``: the article in the panel, and its sentences in details."""

    function = "addArticle"


def article_story(text: str, fallback: Story | None) -> Story:
    """The map's story from the article: its front matter (title, source, url, date), else its first line.

    Parameters
    ----------
    text : str
        The article, decoded.
    fallback : Story or None
        The folder's story, for what the article does not say (the view the map opens on).

    Returns
    -------
    Story
        Title (at most 160 characters), source when the front matter names one, and the
        fallback's first view.
    """
    meta = front_matter(text)
    title = " ".join(meta.get("title", "").split())[:160] or (fallback.title if fallback else "An article")
    source = None
    if meta.get("source") or meta.get("url"):
        url = meta.get("url")
        source = Source(title, meta.get("source") or "", meta.get("date") or "", url)
    return Story(title, source=source, opens_on=fallback.opens_on if fallback else None)


def article_spec(check: ArticleCheck, text: str) -> dict[str, Any]:
    """What ``addArticle`` needs: the paragraphs as runs of text and marks, the UI words in each language.

    Parameters
    ----------
    check : ArticleCheck
        The article's checked figures and claims (character offsets into ``text``).
    text : str
        The article's text, paragraphs separated by blank lines.

    Returns
    -------
    dict
        ``lang``, ``paragraphs`` (each a list of runs: ``{"text"}`` or a mark with its
        ``verdict``, ``sign``, ``feature`` and ``why``), ``words`` by language, ``legend``
        (``[verdict, sign]`` pairs) and ``about`` (sentences on the check).
    """
    marks = sorted(_marks(check), key=lambda m: m["start"])
    paragraphs = [_runs(text, marks, start, end) for start, end in _paragraphs(text)]
    words = {
        lang: {
            "title": translate("map.article", lang),
            "verdicts": {v: translate(f"map.article.{v}", lang) for v in SIGNS},
            "about": translate("map.article.about", lang),
        }
        for lang in LANGUAGES
    }
    legend = [[verdict, sign] for verdict, sign in SIGNS.items()]
    return {
        "lang": check.lang,
        "paragraphs": paragraphs,
        "words": words,
        "legend": legend,
        "about": _sentences(check),
    }


def _runs(text: str, marks: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    """One paragraph (``text[start:end]``) as runs of plain text and the marks inside it, in order."""
    runs: list[dict[str, Any]] = []
    at = start
    for mark in (m for m in marks if start <= m["start"] and m["end"] <= end):
        if mark["start"] < at:
            continue  # overlaps the last mark (a claim's sign sits after its sentence)
        if mark["start"] > at:
            runs.append({"text": text[at : mark["start"]]})
        runs.append({k: v for k, v in mark.items() if k not in ("start", "end")})
        at = mark["end"]
    if at < end:
        runs.append({"text": text[at:end]})
    return runs


def _marks(check: ArticleCheck) -> list[dict[str, Any]]:
    marks = [
        {"start": f.start, "end": f.end, "text": f.as_stated, "verdict": f.verdict, "sign": SIGNS[f.verdict],
         "feature": f.feature, "why": f.why}
        for f in check.figures
    ]  # fmt: skip
    for claim in check.claims:  # a sign after the claim's sentence, linked to its first place
        marks.append(
            {"start": claim.end, "end": claim.end, "text": "", "verdict": claim.verdict,
             "sign": SIGNS[claim.verdict], "feature": claim.features[0] if claim.features else None,
             "why": f"{claim.test}: {claim.why}"}
        )  # fmt: skip
    return marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: text between blank lines, trimmed."""
    spans, at = [], 0
    for block in text.split("\n\n"):
        start = at + len(block) - len(block.lstrip())
        end = at + len(block.rstrip())
        if end > start:
            spans.append((start, end))
        at += len(block) + 2
    return spans


def _sentences(check: ArticleCheck) -> dict[str, list[dict[str, Any]]]:
    """Each feature's sentences in the article, with the verdict of what they say about it."""
    about: dict[str, list[dict[str, Any]]] = {}
    rows: list[tuple[int, Sequence[str], str, str]] = [
        (f.end, (f.feature,), f.quote, f.verdict) for f in check.figures if f.feature
    ]
    rows += [(c.end, c.features, c.quote, c.verdict) for c in check.claims]
    for _, ids, quote, verdict in sorted(rows, key=lambda row: row[0]):
        for fid in ids:
            said = about.setdefault(fid, [])
            if len(said) < MAX_SENTENCES and all(s["text"] != quote for s in said):
                said.append({"text": " ".join(quote.split()), "sign": SIGNS[verdict], "verdict": verdict})
    return about


def add_article(m: folium.Map, check: ArticleCheck, text: str) -> folium.Map:
    """Add the annotated article to a built map (ids made stable again, so the HTML is reproducible).

    Parameters
    ----------
    m : folium.Map
        A map made by :func:`geo.map.build_map`.
    check : ArticleCheck
        The article's checked figures and claims.
    text : str
        The article's text, as checked.

    Returns
    -------
    folium.Map
        ``m`` itself, with the article in its panel.
    """
    ArticleView(article_spec(check, text)).add_to(m)
    stabilise_ids(m.get_root())
    return m


def article_map(
    layers: Sequence[Layer],
    report: Report,
    *,
    text: str,
    story: Story | None = None,
    claims: Sequence[Claim] = (),
    source: str = "<text>",
    plain: Any = "if cached",
    view: Any = None,
) -> AtlasMap:
    """The map with the article beside it: its figures and claims checked against ``layers``.

    ``text`` is the article, decoded (see :mod:`geo.article.reading`); ``story`` gives what the
    article does not (the view the map opens on); ``plain`` and ``view`` as for :func:`geo.map.build_map`.

    Parameters
    ----------
    layers : sequence of Layer
        What to draw.
    report : Report
        The layers' area checks and claim verdicts.
    text : str
        The article, decoded.
    story : Story, optional
        The folder's story.
    claims : sequence of Claim
        The claims the report checked.
    source : str
        How messages name the article (a path, or ``"<text>"``).
    plain, view
        As for :func:`geo.map.build_map`.

    Returns
    -------
    AtlasMap
        The map, the article in its panel, ids stable.
    """
    check = check_article(text, layers, source=source)
    m = build_map(layers, report, story=article_story(text, story), plain=plain, claims=claims, view=view)
    add_article(m, check, text)
    return m


def article_html(
    layers: Sequence[Layer],
    report: Report,
    *,
    text: str,
    story: Story | None = None,
    claims: Sequence[Claim] = (),
    source: str = "<text>",
    self_contained: bool = False,
) -> str:
    """:func:`article_map` as one HTML document, as :func:`geo.map.render_html` writes a map.

    Parameters
    ----------
    layers, report, text, story, claims, source
        As for :func:`article_map`.
    self_contained : bool
        Inline every script and stylesheet (and carry them compressed).

    Returns
    -------
    str
        The HTML document.
    """
    plain = page_plain_basemap(self_contained=self_contained)
    m = article_map(layers, report, text=text, story=story, claims=claims, source=source, plain=plain)
    return page_document(m, self_contained=self_contained)


def atlas_map(
    layers: Sequence[Layer],
    report: Report,
    *,
    story: Story | None,
    claims: Sequence[Claim],
    article: object,
    view: Any = None,
) -> AtlasMap:
    """``Atlas.to_map``: the map, with the article beside it when one is given (a text, or a file's path).

    Parameters
    ----------
    layers : sequence of Layer
        What to draw.
    report : Report
        The layers' area checks and claim verdicts.
    story : Story or None
        The folder's story.
    claims : sequence of Claim
        The claims the report checked.
    article : str or os.PathLike or None
        The article's text or file, or None for the map alone.
    view : optional
        What the map opens on, as for :func:`geo.map.build_map`.

    Returns
    -------
    AtlasMap
        The map.

    Raises
    ------
    ArticleError
        For an article file that cannot be read as text (see :func:`geo.article.reading.read_article`).
    ArgumentTypeError
        For an ``article`` that is neither text nor a path.
    """
    if article is None:
        return build_map(layers, report, story=story, claims=claims, view=view)
    text, source = given_article(article, call="Atlas.to_map")
    return article_map(layers, report, text=text, story=story, claims=claims, source=source, view=view)
