"""Places in a text: the atlas's features by their names, and names of places the atlas does not hold.

A feature is known by its name (and the parts of a name with a parenthesis: "Hetao Hong Kong Park
(Lok Ma Chau Loop)"), its short name, its Chinese name in both scripts, and its ``aliases``. A
longer name the atlas does not hold ("Hong Kong Science Park", "Shenzhen Bay", 深圳湾总部基地) is
an *unknown* mention: it is never read as a known place that shares a word with it.

>>> from shapely import box
>>> from geo.model import Feature
>>> park = Feature("hk_park", "Hong Kong Park", box(0, 0, 1, 1), "L", {"aliases": ["the Loop"]})
>>> names = Gazetteer([park])
>>> [(m.feature, m.text) for m in names.mentions("The Hong Kong Science Park is not the Loop.")]
[(None, 'Hong Kong Science Park'), ('hk_park', 'the Loop')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.article.text import matching_text
from geo.i18n.scripts import HAN, SCRIPTS, to_script
from geo.model import Feature

#: Nouns that end the name of a place (English), for names the atlas does not hold.
PLACE_NOUNS = (
    "Park|Parks|Zone|Area|District|Base|Bay|Island|Port|Centre|Center|City|Town|Hub|Corridor|Campus|Estate"
    "|Valley|Region|Garden|Airport|Village|Loop|Metropolis|Square|Station|Cluster|River|Harbour|Harbor"
)
_UNKNOWN_EN = re.compile(
    rf"\b[A-Z][\w'-]*(?:\s+(?:(?:and|of|for|the|&)\s+)?[A-Z][\w'-]*)*\s+(?:{PLACE_NOUNS})\b(?![-'])"
)
#: Endings of Chinese place names, and the words a name does not start with.
_SUFFIXES = (
    "科学园|科學園|园区|園區|基地|新区|新區|新城|合作区|合作區|示范区|示範區|开发区|開發區|大湾区|大灣區"
    "|区|區|湾|灣|岛|島|港|公园|公園|机场|機場|口岸"
)
_UNKNOWN_ZH = re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{_SUFFIXES})")
_NOT_NAME = re.compile(
    "^.*(?:的|在|位于|位於|是|和|与|與|及|占地|佔地|面积|面積|其中|为|為|将|將|约|約|达|達|逾|近|至|由|从|從"
    "|毗邻|毗鄰|紧邻|緊鄰|隔|相望|其|属于|屬於|地处|地處|包括|以及|连接|連接|和|或|有|了|于|於|成|建|向|对|對)"
)
_QUANTIFIER = re.compile("^[两兩一二三四五六七八九十个個该該此本这這各每多][个個座片]?")
#: English words after a known name that make it a longer one ("Nansha" of "Nansha Port").
_AFTER_KNOWN = re.compile(rf"\s+(?:[A-Z][\w'-]*\s+)*(?:{PLACE_NOUNS})\b")


@dataclass(frozen=True)
class Mention:
    """A place named in a text: ``feature`` is its id, or None for a place the atlas does not hold."""

    start: int
    end: int
    feature: str | None
    text: str


def feature_terms(feature: Feature) -> list[str]:
    """Every name a feature is known by: name, its parts, short name, Chinese names, aliases.

    Parameters
    ----------
    feature : Feature
        A feature of the atlas.

    Returns
    -------
    list of str
        Its names, each once, the English name first.

    Examples
    --------
    >>> from shapely import box
    >>> feature_terms(Feature("p", "Hetao Park (the Loop)", box(0, 0, 1, 1), "L", {"name_zh": "河套"}))
    ['Hetao Park (the Loop)', 'Hetao Park', 'the Loop', '河套']
    """
    terms = [*_latin_terms(feature), *_chinese_terms(feature)]
    return list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))


def _latin_terms(feature: Feature) -> list[str]:
    """The name, the parts of "Name (other name)", the short name, and the aliases without Han characters."""
    terms = [feature.name]
    inner = re.fullmatch(r"(.+?)\s*\((.+)\)", feature.name)
    if inner:
        terms += [inner[1], inner[2]]
    terms.append(feature.short_name)
    aliases = feature.properties.get("aliases") or []
    return terms + [t for t in aliases if isinstance(t, str) and not HAN.search(t)]


def _chinese_terms(feature: Feature) -> list[str]:
    """The Chinese name and aliases, each also in every script, then the names given per script."""
    props = feature.properties
    aliases = props.get("aliases") or []
    chinese = [t for t in [feature.name_zh, *aliases] if isinstance(t, str) and HAN.search(t)]
    terms = [variant for text in chinese for variant in (text, *(to_script(text, s) for s in SCRIPTS))]
    return terms + [props[key] for key in ("name_zh_hant", "name_zh_hans") if props.get(key)]


class Gazetteer:
    """The places of some features, found in texts by :meth:`mentions`.

    Parameters
    ----------
    features : iterable of Feature
        The features; where two share a name, the first keeps it.
    """

    def __init__(self, features: Iterable[Feature]) -> None:
        self.ids: dict[str, str] = {}
        for feature in features:
            for term in feature_terms(feature):
                key = _key(term)
                self.ids.setdefault(key, feature.id)
                if key.startswith("the "):
                    self.ids.setdefault(key[4:], feature.id)
        alternatives = [_pattern(t) for t in sorted(self.ids, key=len, reverse=True)]
        self._known = re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The places named in ``text[start:end]``, known and unknown, in order (offsets into ``text``).

        Parameters
        ----------
        text : str
            The text searched.
        start, end : int, optional
            The span searched (character offsets; ``end`` None for the end of the text).

        Returns
        -------
        list of Mention
            Known places carry their feature id, unknown ones None.
        """
        end = len(text) if end is None else end
        normalized = matching_text(text[start:end])
        found = [m for m in self._known_in(normalized) if m is not None]
        found += _unknown_in(normalized, [(m.start, m.end) for m in found])
        return sorted((Mention(m.start + start, m.end + start, m.feature, m.text) for m in found), key=_at)

    def _known_in(self, normalized: str) -> list[Mention | None]:
        out: list[Mention | None] = []
        for match in self._known.finditer(normalized):
            longer = _AFTER_KNOWN.match(normalized, match.end())
            if longer and not HAN.search(match.group()):  # "Nansha Port", "Hong Kong Park Avenue"
                out.append(
                    Mention(match.start(), longer.end(), None, normalized[match.start() : longer.end()])
                )
                continue
            out.append(Mention(match.start(), match.end(), self.ids[_key(match.group())], match.group()))
        return out


def _unknown_in(normalized: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places the atlas does not hold, named in ``normalized``, outside the ``taken`` spans of known ones."""
    masked = list(normalized)
    for s, e in taken:  # a known name never ends an unknown one
        masked[s:e] = "|" * (e - s)
    rest = "".join(masked)
    taken = list(taken)
    found: list[Mention] = []
    for s, e in [m.span() for m in _UNKNOWN_EN.finditer(rest)] + _unknown_chinese(rest):
        if normalized.startswith("The ", s):
            s += 4
        if not any(a < e and s < b for a, b in taken):
            found.append(Mention(s, e, None, normalized[s:e]))
            taken.append((s, e))
    return found


def _at(mention: Mention) -> int:
    return mention.start


def _key(term: str) -> str:
    return " ".join(matching_text(term).lower().split())


def _pattern(term: str) -> str:
    """A term as a regular expression: any whitespace between words; whole words for Latin letters."""
    body = r"\s+".join(re.escape(word) for word in term.split(" "))
    if re.match(r"[a-z0-9]", term):
        body = rf"(?<![\w-]){body}"
    if re.search(r"[a-z0-9]$", term):
        body = rf"{body}(?![\w-])"
    return body


def _unknown_chinese(normalized: str) -> list[tuple[int, int]]:
    """The spans of Chinese place names: a run of Han characters ending in a place's suffix."""
    spans = []
    for match in _UNKNOWN_ZH.finditer(normalized):
        s, e = match.span()
        cut = _NOT_NAME.match(match.group())
        if cut:
            s += cut.end()
        name = normalized[s:e]
        if len(name) < 3 or _QUANTIFIER.match(name):
            continue
        spans.append((s, e))
    return spans


def governing(mentions: list[Mention], start: int, end: int, text: str) -> Mention | None:
    """The mention a figure at ``text[start:end]`` is about, among its sentence's mentions.

    A compound adjective ("the 87-hectare Hong Kong Park") or a Chinese 的-phrase (佔地87公頃的香港園區)
    governs the name it precedes; otherwise the nearest name before the figure does ("Nansha's
    803 km²"); with none before, the first after ("Covering 106 km², Hengqin ...").

    Parameters
    ----------
    mentions : list of Mention
        The places the figure's sentence names, in order.
    start, end : int
        The figure's offsets in ``text``.
    text : str
        The article's text.

    Returns
    -------
    Mention or None
        The place the figure is about; None when there is none.
    """
    after = [m for m in mentions if m.start >= end]
    before = [m for m in mentions if m.end <= start]
    if re.search(r"[A-Za-z]-[A-Za-z]|\d-[a-z]", text[start:end]):  # "87-hectare": the noun after it
        return _described(after, end, text)
    if after and re.fullmatch(r"\s*(?:左右)?的\s*", text[end : after[0].start]):
        return after[0]
    if before:
        return _outside_asides(before, start, text)
    return after[0] if after else None


def _described(after: list[Mention], end: int, text: str) -> Mention | None:
    """The place a compound adjective ending at ``end`` describes: the next, with only adjectives between."""
    return after[0] if after and _ADJECTIVES.fullmatch(text[end : after[0].start]) else None


#: What may stand between a compound adjective and the place it describes ("the 87-hectare new ...").
_ADJECTIVES = re.compile(r"\s*(?:(?:new|planned|proposed|existing|former|whole|entire|so-called)\s+)?")


def _outside_asides(before: list[Mention], start: int, text: str) -> Mention:
    """The nearest mention before ``start`` not inside an aside closed before it ("(…)", ", which …,")."""
    for mention in reversed(before):
        between = text[mention.end : start]
        closed = re.search(r"^[^(]*\)|^[^,，]*[,，]", between)
        window = text[max(0, mention.start - 200) : mention.start]
        opened = re.search(r"(?:\(|,\s*(?:which|that|where|next to|near)\b)[^,()]*$", window)
        if closed and opened and (")" in between or "," in between or "，" in between):
            continue
        return mention
    return before[-1]
