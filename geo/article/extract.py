"""Checking an article: its area figures and spatial claims found, tied to places and verified.

>>> from geo import Atlas
>>> check = check_article("It consists of the 87-hectare Hong Kong Park and the 300-hectare Shenzhen Park.",
...                       Atlas.load().layers)
>>> [(f.feature, f.verdict) for f in check.figures], [(c.test, c.verdict) for c in check.claims]
([('hetao_hk_park', 'holds'), ('hetao_sz_park', 'holds')], [('total_area', 'holds')])
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from geo.article.claims import Phrase, find_phrases
from geo.article.figures import Found, find_figures
from geo.article.places import Gazetteer, Mention, governing
from geo.article.result import ArticleCheck, ClaimRow, FigureRow
from geo.article.text import matching_text, sentences
from geo.article.units import LAYER_UNIT
from geo.article.verdicts import feature_tolerance, hold, rounding_pct
from geo.claim_tests import GEOMETRY_KINDS
from geo.errors import ClaimError
from geo.i18n.scripts import HAN, script_of
from geo.model import Feature, Layer, features_by_id
from geo.validation.claims import parse_claims
from geo.verify import verify_claims

#: The article languages ``lang`` may name; ``auto`` judges from the characters.
ARTICLE_LANGS = ("auto", "en", "zh-Hant", "zh-Hans")

#: The largest distance, in metres, between places a text calls adjacent (as in the bundled claims).
ADJACENT_M = 100

#: How far after a claim phrase its object may start, in characters (English, Chinese).
_REACH = {"en": 60, "zh": 16}


@dataclass
class _Sentence:
    start: int
    end: int
    mentions: list[Mention]


def article_lang(text: str) -> str:
    """The language of a text: ``en``, or the Chinese script of its Han characters.

    >>> article_lang("It covers 87 ha"), article_lang("佔地87公頃的園區"), article_lang("占地87公顷的园区")
    ('en', 'zh-Hant', 'zh-Hans')
    """
    sample = text[:20_000]
    han = len(HAN.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if han * 3 < latin or not han:
        return "en"
    return script_of("".join(HAN.findall(sample))[:4000]) or "zh-Hans"


def check_article(
    text: str, layers: Sequence[Layer], *, lang: str = "auto", source: str = "<text>"
) -> ArticleCheck:
    """Every area figure and spatial claim of a text, tied to the layers' features and verified.

    Parameters
    ----------
    text : str
        The article, decoded (see :mod:`geo.article.decoding`).
    layers : sequence of Layer
        The places it may be about.
    lang : str
        ``auto``, ``en``, ``zh-Hant`` or ``zh-Hans``: the article's language (auto: judged from it).
    source : str
        How the result names the article.

    Returns
    -------
    ArticleCheck
        Figures and claims in the order of the text, offsets into ``text``.
    """
    features = features_by_id(layers)
    names = Gazetteer(features.values())
    plain = matching_text(text)
    spans = list(sentences(plain))
    units = [_Sentence(s, e, names.mentions(text, s, e)) for s, e in spans]
    starts = [s for s, _ in spans]
    figure_rows: list[FigureRow] = []
    meta = _front_matter(text)
    cited = _source(meta)
    found = find_figures(plain)
    tied: dict[int, tuple[Found, str]] = {}  # figure start: (figure, feature id) for composition claims
    for figure in found:
        where = (
            units[max(0, bisect.bisect_right(starts, figure.start) - 1)]
            if units
            else _Sentence(0, len(text), [])
        )
        row = _figure_row(figure, where, text, features, cited)
        figure_rows.append(row)
        if row.feature and figure.kind == "area" and not figure.earlier:
            tied[figure.start] = (figure, row.feature)
    claims: list[ClaimRow] = []
    for number, unit in enumerate(units):
        for phrase in find_phrases(plain, unit.start, unit.end):
            claim = _claim_row(phrase, units, number, text, features, tied, meta)
            if claim is not None and all(
                (claim.test, claim.features) != (c.test, c.features) for c in claims
            ):
                claims.append(claim)
    language = article_lang(text) if lang == "auto" else lang
    return ArticleCheck(tuple(figure_rows), tuple(claims), language, source)


def _figure_row(
    figure: Found, where: _Sentence, text: str, features: Mapping[str, Feature], source: Mapping[str, Any]
) -> FigureRow:
    """A figure's row: skipped, unmatched, earlier, or held against the polygon of its place."""

    def row(feature: str | None, verdict: str, why: str, *, computed_ha: float | None = None) -> FigureRow:
        hectares = float(figure.hectares) if figure.hectares is not None else None
        as_stated, quote = text[figure.start : figure.end], text[where.start : where.end]
        return FigureRow(
            feature, hectares, as_stated, quote, figure.start, figure.end, figure.kind, verdict, computed_ha,
            None, None, why,
        )  # fmt: skip

    if figure.kind != "area":
        return row(None, "skipped", f"skipped: {figure.why}")
    mention = governing(where.mentions, figure.start, figure.end, text)
    if mention is None:
        return row(None, "unmatched", "unmatched: no place of the atlas is named in its sentence")
    if mention.feature is None:
        return row(None, "unmatched", f"unmatched: about {mention.text!r}, which the atlas does not hold")
    feature = features[mention.feature]
    if feature.area_m2 <= 0:
        kind = feature.geometry.geom_type
        return row(
            feature.id, "skipped", f"skipped: {feature.id} is a {kind}, with no area to hold it against"
        )
    if figure.earlier:
        why = f"earlier: an earlier extent of {feature.id}, not a claim about today's polygon"
        return row(feature.id, "earlier", why, computed_ha=feature.area_ha)
    assert figure.hectares is not None and figure.value is not None and figure.step is not None
    verdict = hold(
        stated_ha=float(figure.hectares),
        computed_ha=feature.area_ha,
        base_pct=feature_tolerance(feature),
        round_pct=rounding_pct(figure.value, figure.step),
        hedge=figure.hedge,
        feature=feature.id,
    )
    measured = replace(
        row(feature.id, verdict.verdict, verdict.why, computed_ha=verdict.computed_ha),
        deviation_pct=verdict.deviation_pct,
        tolerance_pct=verdict.tolerance_pct,
    )
    stated = _stated(figure, measured.as_stated, verdict.tolerance_pct, source)
    return replace(measured, stated=stated)


def _stated(
    figure: Found, as_stated: str, tolerance: float, source: Mapping[str, Any] | None
) -> dict[str, Any]:
    """A figure as a ``stated`` entry of the layer format (units the format lacks given in hectares)."""
    assert figure.unit is not None and figure.value is not None and figure.hectares is not None
    unit = LAYER_UNIT[figure.unit]
    value = float(figure.value) if unit == figure.unit else float(figure.hectares)
    if unit == "m²" and figure.unit != "m²":
        value = float(figure.hectares) * 10_000
    rationale = (
        "found in the article by gba-atlas claims extract: check the figure, its place and the tolerance"
    )
    if figure.hedge in ("over", "up_to", "nearly"):
        rationale += f" (the article's {figure.hedge_words!r} is one-sided; written here as ±)"
    return {
        "as_stated": as_stated,
        "value": value,
        "unit": unit,
        "hectares": float(figure.hectares),
        "about": figure.hedge == "about",
        "tolerance_pct": round(min(tolerance, 50.0), 2),
        "rationale": rationale,
        "source": dict(source) if source else None,
    }


def _claim_row(
    phrase: Phrase,
    units: list[_Sentence],
    number: int,
    text: str,
    features: Mapping[str, Feature],
    tied: Mapping[int, tuple[Found, str]],
    meta: Mapping[str, Any],
) -> ClaimRow | None:
    unit = units[number]
    reach = _REACH["zh" if HAN.match(phrase.words) else "en"]
    before = [m for m in unit.mentions if m.end <= phrase.start]
    after = [m for m in unit.mentions if m.start >= phrase.end and m.start - phrase.end <= reach]
    params: dict[str, Any] | None
    if phrase.test in ("within", "adjacent"):
        if not before or not after:
            return None
        pair = (before[-1], after[0])
        unknown = [m for m in pair if m.feature is None]
        if unknown:
            return _unmatched(phrase.test, pair, unknown, unit, text)
        key = "container" if phrase.test == "within" else "to"
        params = {"feature": pair[0].feature, key: pair[1].feature}
        params |= {"min_share": 0.99} if phrase.test == "within" else {"max_distance_m": ADJACENT_M}
    elif phrase.test == "opposite_sides":
        params = _two_banks(units, number, features)
    else:
        params = _composition(phrase, unit, features, tied, text)
    if params is None:
        return None
    return _decided(phrase.test, params, unit, text, features, meta)


def _unmatched(
    test: str, pair: tuple[Mention, Mention], unknown: list[Mention], unit: _Sentence, text: str
) -> ClaimRow:
    ids = tuple(m.feature for m in pair if m.feature)
    names = " and ".join(repr(m.text) for m in unknown)
    why = f"unmatched: {names} {'is' if len(unknown) == 1 else 'are'} not a place of the atlas"
    return ClaimRow(test, ids, text[unit.start : unit.end], unit.start, unit.end, "unmatched", why)


def _areas(mentions: list[Mention], features: Mapping[str, Feature]) -> list[str]:
    ids = [
        m.feature
        for m in mentions
        if m.feature and features[m.feature].geometry.geom_type in GEOMETRY_KINDS["area"]
    ]
    return list(dict.fromkeys(ids))


def _two_banks(units: list[_Sentence], number: int, features: Mapping[str, Feature]) -> dict[str, Any] | None:
    """The two places on opposite banks, and the river: from the sentence, else the next or the last one."""
    for index in (number, number + 1, number - 1):
        if not 0 <= index < len(units):
            continue
        areas = _areas(units[index].mentions, features)
        if len(areas) != 2:
            continue
        lines = [
            m.feature
            for m in units[number].mentions
            if m.feature and features[m.feature].geometry.geom_type in GEOMETRY_KINDS["line"]
        ]
        if not lines:
            layers = {features[a].layer for a in areas}
            lines = [
                f.id
                for f in features.values()
                if f.layer in layers and f.geometry.geom_type in GEOMETRY_KINDS["line"]
            ]
        if len(set(lines)) == 1 or (lines and index == number):
            return {"features": areas, "line": lines[0]}
    return None


def _composition(
    phrase: Phrase,
    unit: _Sentence,
    features: Mapping[str, Feature],
    tied: Mapping[int, tuple[Found, str]],
    text: str,
) -> dict[str, Any] | None:
    """The parts of "X consists of the 87-hectare A and the 300-hectare B" make the sum of their figures."""
    parts = _areas([m for m in unit.mentions if m.start >= phrase.start], features)
    figures = [
        (f, fid) for start, (f, fid) in tied.items() if unit.start <= start < unit.end and fid in parts
    ]
    if len(parts) < 2 or len({fid for _, fid in figures}) != len(parts):
        return None
    total = sum(f.hectares for f, _ in figures if f.hectares is not None)
    rounding = sum(min(float(f.step_ha or 0) / 2, float(f.hectares or 0) * 0.05) for f, _ in figures)
    tolerance = min(feature_tolerance(features[p]) for p in parts) + float(rounding) / float(total) * 100
    as_stated = " + ".join(text[f.start : f.end] for f, _ in figures)
    stated = {
        "as_stated": as_stated,
        "value": float(total),
        "unit": "ha",
        "hectares": float(total),
        "about": any(f.hedge == "about" for f, _ in figures),
        "tolerance_pct": round(tolerance, 2),
        "rationale": "the sum of the parts' figures in the article; tolerance as for each part, and rounding",
    }
    return {"features": parts, "stated": stated}


def _decided(
    test: str,
    params: dict[str, Any],
    unit: _Sentence,
    text: str,
    features: Mapping[str, Feature],
    meta: Mapping[str, Any],
) -> ClaimRow | None:
    """The claim as a ``claims.json`` entry, decided by :func:`geo.verify.verify_claims`."""
    sentence = text[unit.start : unit.end]
    source = _source(meta)
    if "stated" in params:
        params = {**params, "stated": {**params["stated"], "source": source}}
    ids = [v for k, v in params.items() if k in ("feature", "container", "to", "line")]
    ids += [i for k in ("features",) for i in params.get(k, [])]
    entry = {
        "id": f"article_{test}_{'_'.join(sorted(set(ids)))}"[:64].rstrip("_"),
        "claim": _claim_words(test, params, features),
        "sentence": " ".join(sentence.split()),
        "source": source,
        "test": test,
        **params,
    }
    try:
        (claim,) = parse_claims({"claims": [entry]}, file="<article>", feature_ids=features)
    except ClaimError:
        return None  # the phrase's places do not fit its test (a line as a container, one place twice)
    (result,) = verify_claims([claim], features)
    verdict = "holds" if result.ok else "fails"
    return ClaimRow(
        test, claim.feature_ids, sentence, unit.start, unit.end, verdict, f"{verdict}: {result.detail}", entry
    )


def _claim_words(test: str, params: Mapping[str, Any], features: Mapping[str, Feature]) -> str:
    def name(fid: str) -> str:
        return features[fid].short_name

    if test == "within":
        return f"{name(params['feature'])} lies in {name(params['container'])}"
    if test == "adjacent":
        return f"{name(params['feature'])} is adjacent to {name(params['to'])}"
    if test == "opposite_sides":
        first, second = params["features"]
        return f"{name(first)} and {name(second)} lie on opposite sides of {name(params['line'])}"
    return (
        f"{' and '.join(name(f) for f in params['features'])} together make {params['stated']['as_stated']}"
    )


_FRONT = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)


def _front_matter(text: str) -> dict[str, str]:
    """The article's front matter (title, source, url, date), or its first line as the title."""
    match = _FRONT.match(text)
    meta: dict[str, str] = {}
    if match:
        for line in match["body"].splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in ("title", "source", "url", "date") and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
    else:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        meta["title"] = first[:160]
    return meta


def _source(meta: Mapping[str, str]) -> dict[str, Any]:
    """A claim's source from the front matter: reviewable defaults where the article says nothing."""
    date = meta.get("date", "")
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", date):
        date = datetime.date.today().isoformat()
    url = meta.get("url")
    return {
        "title": " ".join(meta.get("title", "").split())[:160] or "the article",
        "issuer": meta.get("source") or "the article (check the issuer)",
        "date": date,
        "url": url if url and re.match(r"^https?://\S+$", url) else None,
    }
