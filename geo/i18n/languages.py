"""The languages as data: ``languages.json`` beside the catalogues, and more in a folder of one's own.

Each language is a record (see ``languages.json``): its BCP 47 ``tag`` (also the name of
its catalogue, ``<tag>.json``), its ``label`` (the language named in itself), the
``browser`` patterns the page matches a browser's language tags against, the
``fallback`` whose texts stand in for what the data does not have in it, and the Chinese
``script`` it is written in (None for a language in Latin letters). The package's
languages come first, in file order; the first is the default. A folder named by the
environment variable ``GBA_ATLAS_LANGUAGES`` adds its own ``languages.json`` and
catalogues, read once, when :mod:`geo.i18n` is first imported (a translation tried out
without editing the installed package). A folder whose records or catalogues are wrong (a
key of ``en.json`` missing, say) is left out,
its problems kept (:func:`language_problems`): the command line says them, one line each,
and exits with status 2.

>>> [language.tag for language in read_records(resources.files("geo.i18n"), "geo/i18n")]
['en', 'zh-Hant', 'zh-Hans']
>>> fallbacks("zh-Hant", {"en": None, "zh-Hant": "en"})
('zh-Hant', 'en')
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from geo.i18n.checks import key_problems

__all__ = [
    "CHINESE_SCRIPTS",
    "LANGUAGES_ENV",
    "Language",
    "fallbacks",
    "language_problems",
    "load_languages",
    "read_records",
    "records",
]

#: The environment variable naming a folder of more languages (its ``languages.json`` and catalogues).
LANGUAGES_ENV = "GBA_ATLAS_LANGUAGES"
#: The Chinese scripts a language may be written in, as BCP 47 tags.
CHINESE_SCRIPTS = ("zh-Hant", "zh-Hans")
RECORDS_FILE = "languages.json"
_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_FIX = "see geo/i18n/languages.json for the fields"


@dataclass(frozen=True)
class Language:
    """One language the atlas speaks, as its record says.

    Attributes
    ----------
    tag : str
        The BCP 47 tag, e.g. ``"zh-Hant"``; its catalogue is ``<tag>.json`` in :attr:`folder`.
    label : str
        The language named in itself, e.g. ``"繁體中文"``.
    browser : tuple of str
        Regular expressions (in the syntax Python and JavaScript share) a browser's language
        tag is matched against, case-insensitively, to open the page in this language.
    fallback : str or None
        The language whose text stands in where the data has none in this one.
    script : str or None
        The Chinese script (one of :data:`CHINESE_SCRIPTS`) whose texts OpenCC derives from the
        data's Chinese; None for a language written in Latin letters.
    folder : importlib.resources.abc.Traversable
        Where the catalogue is.
    """

    tag: str
    label: str
    browser: tuple[str, ...]
    fallback: str | None
    script: str | None
    folder: Traversable

    @property
    def catalogue_file(self) -> Traversable:
        """The catalogue's file, ``<tag>.json`` in :attr:`folder`."""
        return self.folder.joinpath(f"{self.tag}.json")


def read_records(folder: Traversable, where: str) -> list[Language]:
    """The language records of ``folder``'s ``languages.json``.

    Parameters
    ----------
    folder : importlib.resources.abc.Traversable
        The folder holding ``languages.json`` and the catalogues.
    where : str
        How to name the folder in a message.

    Returns
    -------
    list of Language
        In file order.

    Raises
    ------
    ValueError
        One line naming the file, the record and what is wrong with it.
    """
    try:
        data = json.loads(folder.joinpath(RECORDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{where}/{RECORDS_FILE} cannot be read ({exc}); {_FIX}"
        raise ValueError(msg) from None
    records = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(records, list):
        msg = f'{where}/{RECORDS_FILE} needs a "languages" list of records; {_FIX}'
        raise ValueError(msg)
    return [
        _record(entry, folder, f"{where}/{RECORDS_FILE}: language {n}") for n, entry in enumerate(records, 1)
    ]


def _record(entry: Any, folder: Traversable, where: str) -> Language:
    """One record, checked: a tag, a label, browser patterns that compile, a known Chinese script."""
    if not isinstance(entry, dict):
        msg = f"{where} is not an object; {_FIX}"
        raise ValueError(msg)
    tag, label, script = entry.get("tag"), entry.get("label"), entry.get("script")
    if not isinstance(tag, str) or not _TAG.match(tag):
        msg = f"{where} needs a BCP 47 tag such as 'fr' or 'pt-BR', not {tag!r}"
        raise ValueError(msg)
    if not isinstance(label, str) or not label.strip():
        msg = f"{where} ({tag}) needs a label: the language named in itself"
        raise ValueError(msg)
    if script is not None and script not in CHINESE_SCRIPTS:
        msg = f"{where} ({tag}): script {script!r} is not one of {', '.join(CHINESE_SCRIPTS)} or null"
        raise ValueError(msg)
    fallback = entry.get("fallback")
    if fallback is not None and not isinstance(fallback, str):
        msg = f"{where} ({tag}): fallback must be a language tag or null, not {fallback!r}"
        raise ValueError(msg)
    return Language(
        tag, label.strip(), _patterns(entry.get("browser"), f"{where} ({tag})"), fallback, script, folder
    )


def _patterns(patterns: Any, where: str) -> tuple[str, ...]:
    """The browser patterns of a record, each compiled once to prove it is a regular expression."""
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        msg = f'{where}: browser must be a list of regular expressions, e.g. ["^fr\\\\b"]'
        raise ValueError(msg)
    for pattern in patterns:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            msg = f"{where}: browser pattern {pattern!r} is not a regular expression ({exc})"
            raise ValueError(msg) from None
    return tuple(patterns)


def load_languages(extra: str | None = None) -> tuple[tuple[Language, ...], tuple[str, ...]]:
    """The package's languages, then those of the folder ``extra`` names, and what is wrong.

    Parameters
    ----------
    extra : str, optional
        A folder with more languages (its ``languages.json`` and catalogues); the value of
        :data:`LANGUAGES_ENV` when not given, none when that is unset or empty.

    Returns
    -------
    tuple
        ``(languages, problems)``: the languages in order (the package's first), and one line per
        problem (a folder's records are all left out when one of them is wrong).
    """
    extra = os.environ.get(LANGUAGES_ENV, "") if extra is None else extra
    languages = read_records(resources.files(__package__), "geo/i18n")
    if not extra.strip():
        return tuple(languages), ()
    try:
        added = read_records(Path(extra), extra)
    except ValueError as exc:
        return tuple(languages), (f"{exc} ({LANGUAGES_ENV})",)
    where = f"{extra}/{RECORDS_FILE} ({LANGUAGES_ENV})"
    problems = [f"{where}: {problem}" for problem in _order_problems([*languages, *added])]
    problems = problems or _catalogue_problems(added, languages[0])
    return (tuple(languages), tuple(problems)) if problems else ((*languages, *added), ())


def _order_problems(languages: list[Language]) -> list[str]:
    """Tags said twice and fallbacks that are not languages (or lead in a circle)."""
    problems: list[str] = []
    tags = [language.tag for language in languages]
    for tag in sorted({tag for tag in tags if tags.count(tag) > 1}):
        problems.append(f"language {tag!r} is defined twice; give each language one record")
    chain = {language.tag: language.fallback for language in languages}
    for language in languages:
        if language.fallback is not None and language.fallback not in chain:
            problems.append(f"language {language.tag!r} falls back on {language.fallback!r}, not a language")
        elif chain.get(fallbacks(language.tag, chain)[-1]) is not None:
            problems.append(
                f"language {language.tag!r}: its fallbacks lead in a circle; end the chain at null"
            )
    return problems


def _catalogue_problems(added: list[Language], default: Language) -> list[str]:
    """What is wrong with added languages' catalogues, against the default language's (said before use)."""
    reference = _messages(default)
    problems: list[str] = []
    for language in added:
        try:
            messages = _messages(language)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        pair = {default.tag: reference, language.tag: messages}
        keys = sorted({*reference, *messages})
        where = f"{language.catalogue_file} ({LANGUAGES_ENV})"
        problems += [f"{where}: {problem}" for key in keys for problem in key_problems(key, pair)]
    return problems


def _messages(language: Language) -> dict[str, Any]:
    """A catalogue file's messages, but the languages' names (``lang.<tag>``, from the records)."""
    path = language.catalogue_file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = (
            f"the catalogue of {language.tag} ({path}) cannot be read ({exc}); copy en.json and translate it"
        )
        raise ValueError(msg) from None
    if not isinstance(data, dict):
        msg = f"the catalogue of {language.tag} ({path}) is not a JSON object from key to text, as en.json is"
        raise ValueError(msg)
    return {key: text for key, text in data.items() if not key.startswith("lang.")}


def fallbacks(tag: str, chain: Mapping[str, str | None]) -> tuple[str, ...]:
    """``tag``, then the language it falls back on, and so on, each once.

    Parameters
    ----------
    tag : str
        A language tag.
    chain : Mapping[str, str or None]
        Each language's fallback.

    Returns
    -------
    tuple of str
        The tags in the order their texts are tried; the walk stops before a language seen
        already (a chain in a circle).

    >>> fallbacks("x", {"x": "y", "y": "x"})
    ('x', 'y')
    """
    order = [tag]
    step = chain.get(tag)
    while step is not None and step not in order:
        order.append(step)
        step = chain.get(step)
    return tuple(order)


def language_problems() -> tuple[str, ...]:
    """What is wrong with the languages' records as read at import (see :func:`load_languages`).

    Returns
    -------
    tuple of str
        One line per problem; empty when the records are sound.
    """
    return _LOADED[1]


def records() -> tuple[Language, ...]:
    """The languages as read at import, the package's first (see :func:`load_languages`).

    Returns
    -------
    tuple of Language
        In order; the first is the default language.
    """
    return _LOADED[0]


_LOADED = load_languages()
