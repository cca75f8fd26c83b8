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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from geo.errors import AtlasError
from geo.i18n.checks import key_problems, placeholders
from geo.i18n.languages import Language
from geo.i18n.queries import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    check_language,
    fallbacks_of,
    language,
    pick,
    uses_latin_labels,
)


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
    names = {f"lang.{tag}": language(tag).label for tag in LANGUAGES}
    return {**names, **data} if isinstance(data, dict) else names


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
    return [problem for key in keys for problem in key_problems(key, catalogues)]


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
