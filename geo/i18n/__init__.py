"""The languages gba-atlas speaks: English, Traditional Chinese (Hong Kong) and Simplified Chinese.

UI strings live in JSON message catalogues kept by the project, one per language
(``geo/i18n/<lang>.json``): a flat object from key to text, where ``{name}`` is a
named placeholder filled by :func:`translate`. Every catalogue has every key, no
text is empty, and a key's placeholders are the same in every language;
:func:`check_catalogues` says what breaks that, and the catalogues are checked
when first loaded (a broken catalogue is an :class:`~geo.errors.AtlasError`).

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
from importlib import resources
from typing import Any

from geo.errors import AtlasError

#: The languages, as BCP 47 tags: English, Traditional Chinese (Hong Kong usage), Simplified Chinese.
LANGUAGES = ("en", "zh-Hant", "zh-Hans")

#: The language of the data's own texts and of messages about input errors.
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters, translated when the language is known.

    >>> Message("claim.adjacent", {"feature": "a", "distance": "12", "to": "b", "limit": "50"}).text("en")
    'a is 12 m from b (allowed 50 m)'
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in ``lang`` (one of :data:`LANGUAGES`)."""
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

        Raises
        ------
        KeyError
            For a key the catalogue does not have, or a placeholder not given.
        """
        values = {k: v.text(self.lang) if isinstance(v, Message) else v for k, v in params.items()}
        return self.messages[key].format_map(values)


def check_language(lang: str) -> None:
    """Refuse a language that is not one of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        Naming the languages there are.
    """
    if lang not in LANGUAGES:
        msg = f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}"
        raise ValueError(msg)


def read_catalogue(lang: str) -> dict[str, Any]:
    """The raw JSON object of ``lang``'s catalogue file, as stored in the package."""
    check_language(lang)
    text = resources.files(__package__).joinpath(f"{lang}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def placeholders(text: str) -> frozenset[str]:
    """The named placeholders of a catalogue text.

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
    """
    if catalogues is None:
        catalogues = {lang: read_catalogue(lang) for lang in LANGUAGES}
    problems: list[str] = []
    keys = sorted({key for messages in catalogues.values() for key in messages})
    for key in keys:
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

    Raises
    ------
    AtlasError
        When the package's catalogues are incomplete or inconsistent.
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

    >>> translate("report.col.deviation", "zh-Hans")
    '偏差'
    """
    return catalogue(lang).format(key, **params)


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Catalogue",
    "Message",
    "catalogue",
    "check_catalogues",
    "check_language",
    "placeholders",
    "translate",
]
