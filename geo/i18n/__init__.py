"""The languages gba-atlas speaks: English, Traditional Chinese (Hong Kong) and Simplified Chinese.

The languages are data: one record each in ``geo/i18n/languages.json`` (see
:mod:`geo.i18n.languages`), and the code asks about a language rather than naming one
(:func:`uses_latin_labels`, :func:`fallbacks_of`). UI strings live in JSON message catalogues
kept by the project, one per language
(``geo/i18n/<lang>.json``): a flat object from key to text, where ``{name}`` is a
named placeholder filled by :func:`translate`. Every catalogue has every key, no
text is empty, and a key's placeholders are the same in every language;
:func:`check_catalogues` says what breaks that, and the catalogues are checked
when first loaded (a broken catalogue is an :class:`~geo.errors.AtlasError`). Each
catalogue also names every language in itself (``lang.<tag>``, from the records' labels).

A :class:`Message` is a key with its parameters, kept until the language is known
(a claim's verdict, say); a parameter that is itself a :class:`Message` (a word
such as "inside") is translated too. Place names and other texts from the data are
:class:`geo.i18n.scripts.Localized`: the data keeps one Chinese script, and OpenCC
derives the other when it is first asked for.

>>> translate("report.summary.all", "zh-Hant", held=3, total=3)
'3 項核對中 3 項成立。'
>>> str(Message("verdict.inside"))
'inside'
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from geo.errors import AtlasError
from geo.i18n.languages import Language, fallbacks, records

#: The languages, as BCP 47 tags: English, Traditional Chinese (Hong Kong usage), Simplified Chinese
#: (the records of ``languages.json``, in order, and any added through ``GBA_ATLAS_LANGUAGES``).
LANGUAGES = tuple(language.tag for language in records())

#: The language of the data's own texts and of messages about input errors: the first record's.
DEFAULT_LANGUAGE = LANGUAGES[0]

_RECORDS = {record.tag: record for record in records()}


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters, translated when the language is known.

    >>> Message("claim.adjacent", {"feature": "a", "distance": "12", "to": "b", "limit": "50"}).text("en")
    'a is 12 m from b (allowed 50 m)'
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in a language.

        Parameters
        ----------
        lang : str
            One of :data:`LANGUAGES`.

        Returns
        -------
        str
            The catalogue's text with the placeholders filled.
        """
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)


class Catalogue:
    """One language's messages: key to text with ``{name}`` placeholders.

    Parameters
    ----------
    lang : str
        The language, one of :data:`LANGUAGES`.
    messages : Mapping[str, str]
        The catalogue's texts by key.
    """

    def __init__(self, lang: str, messages: Mapping[str, str]) -> None:
        self.lang = lang
        self.messages = dict(messages)

    def __getitem__(self, key: str) -> str:
        return self.messages[key]

    def __contains__(self, key: object) -> bool:
        return key in self.messages

    def format(self, key: str, **params: Any) -> str:
        """The text of ``key`` with its placeholders filled; nested :class:`Message` params translated.

        Parameters
        ----------
        key : str
            A catalogue key, e.g. ``"report.areas"``.
        **params
            The placeholders' values; a :class:`Message` is translated into this language.

        Returns
        -------
        str
            The filled text.

        Raises
        ------
        KeyError
            For a key the catalogue does not have, or a placeholder not given.
        """
        values = {k: v.text(self.lang) if isinstance(v, Message) else v for k, v in params.items()}
        return self.messages[key].format_map(values)


def language(lang: str) -> Language:
    """The record of a language.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    Language
        Its tag, label, browser patterns, fallback and Chinese script.

    Raises
    ------
    ValueError
        Naming the languages there are.

    >>> language("zh-Hant").label
    '繁體中文'
    """
    check_language(lang)
    return _RECORDS[lang]


def check_language(lang: str) -> None:
    """Refuse a language that is not one of :data:`LANGUAGES`.

    Parameters
    ----------
    lang : str
        A language tag.

    Returns
    -------
    None
        When ``lang`` is one of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        Naming the languages there are.
    """
    if lang not in LANGUAGES:
        msg = f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}"
        raise ValueError(msg)


def uses_latin_labels(lang: str) -> bool:
    """Whether the map and figure label places in ``lang`` with the data's own (English) names.

    True for a language written in Latin letters (its record has no Chinese ``script``): it
    shows short names on the map and quotes the data's Chinese as stated; a Chinese language
    shows the names in its script.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    bool
        True when ``lang`` has no Chinese script.

    >>> uses_latin_labels("en"), uses_latin_labels("zh-Hans")
    (True, False)
    """
    return language(lang).script is None


def fallbacks_of(lang: str) -> tuple[str, ...]:
    """The languages whose texts are tried, in order, for a text in ``lang``: itself first, the default last.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    tuple of str
        ``lang``, its record's fallback and so on, ending with :data:`DEFAULT_LANGUAGE`.

    >>> fallbacks_of("zh-Hant")
    ('zh-Hant', 'en')
    """
    check_language(lang)
    order = fallbacks(lang, {tag: record.fallback for tag, record in _RECORDS.items()})
    return order if DEFAULT_LANGUAGE in order else (*order, DEFAULT_LANGUAGE)


def pick(texts: Mapping[str, str], lang: str) -> str:
    """The text for ``lang`` from texts by language: its own, else its fallback's, and so on.

    Parameters
    ----------
    texts : Mapping[str, str]
        Texts by language tag (a city's names, say).
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    str
        The first non-empty text along :func:`fallbacks_of`; empty when there is none.

    >>> pick({"en": "Macao", "zh-Hant": "澳門"}, "zh-Hans")
    'Macao'
    """
    return next((texts[tag] for tag in fallbacks_of(lang) if texts.get(tag)), "")


def read_catalogue(lang: str) -> dict[str, Any]:
    """The messages of ``lang``'s catalogue file, with every language's name (``lang.<tag>``) added.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    dict
        Key to text, as the file has them (a file that is not a JSON object counts as empty).

    Raises
    ------
    AtlasError
        When the file cannot be read or is not JSON, naming the file.
    """
    path = language(lang).catalogue_file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = (
            f"the catalogue of {lang} ({path}) cannot be read ({exc}); write it as a JSON object like en.json"
        )
        raise AtlasError(msg) from None
    names = {f"lang.{tag}": record.label for tag, record in _RECORDS.items()}
    return {**names, **data} if isinstance(data, dict) else names


def placeholders(text: str) -> frozenset[str]:
    """The named placeholders of a catalogue text.

    Parameters
    ----------
    text : str
        A catalogue text with ``{name}`` placeholders (``{{`` and ``}}`` are literal braces).

    Returns
    -------
    frozenset of str
        The placeholders' names.

    Raises
    ------
    ValueError
        For a text that is not a valid template (an unmatched brace).

    >>> sorted(placeholders("{share} of {feature}: {{literal}}"))
    ['feature', 'share']
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def check_catalogues(catalogues: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """What is wrong with the catalogues: one line per problem, none when they are complete.

    Every language must have every key of every other, each text a non-empty
    string, and a key's placeholders must be the same in every language.

    Parameters
    ----------
    catalogues : Mapping[str, Mapping[str, Any]], optional
        Language to catalogue; the package's own files when not given.

    Returns
    -------
    list of str
        The problems, key by key.
    """
    if catalogues is None:
        catalogues = {lang: read_catalogue(lang) for lang in LANGUAGES}
    keys = sorted({key for messages in catalogues.values() for key in messages})
    return [problem for key in keys for problem in _key_problems(key, catalogues)]


def _key_problems(key: str, catalogues: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What is wrong with one key across the catalogues: missing, empty, broken, differing placeholders."""
    problems: list[str] = []
    shapes: dict[frozenset[str], list[str]] = {}
    for lang, messages in catalogues.items():
        text = messages.get(key)
        if key not in messages:
            problems.append(f"{lang}: key {key!r} is missing")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{lang}: key {key!r} has an empty translation")
        else:
            try:
                shapes.setdefault(placeholders(text), []).append(lang)
            except ValueError as exc:
                problems.append(f"{lang}: key {key!r} is not a valid template ({exc})")
    if len(shapes) > 1:
        found = "; ".join(f"{', '.join(langs)}: {sorted(names)}" for names, langs in shapes.items())
        problems.append(f"key {key!r} has different placeholders across languages ({found})")
    return problems


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang``; all of them are checked the first time one is loaded.

    Parameters
    ----------
    lang : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    Catalogue
        Its messages.

    Raises
    ------
    AtlasError
        When the catalogues are broken, incomplete or inconsistent.
    """
    check_language(lang)
    problems = _checked()
    if problems:
        raise AtlasError("the message catalogues are broken: " + "; ".join(problems))
    return Catalogue(lang, read_catalogue(lang))


@cache
def _checked() -> tuple[str, ...]:
    return tuple(check_catalogues())


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The text of ``key`` in ``lang``, its ``{placeholders}`` filled from ``params``.

    Parameters
    ----------
    key : str
        A catalogue key.
    lang : str
        One of :data:`LANGUAGES`; :data:`DEFAULT_LANGUAGE` when not given.
    **params
        The placeholders' values.

    Returns
    -------
    str
        The filled text.

    >>> translate("report.col.deviation", "zh-Hans")
    '偏差'
    """
    return catalogue(lang).format(key, **params)


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Catalogue",
    "Language",
    "Message",
    "catalogue",
    "check_catalogues",
    "check_language",
    "fallbacks_of",
    "language",
    "pick",
    "placeholders",
    "translate",
    "uses_latin_labels",
]
