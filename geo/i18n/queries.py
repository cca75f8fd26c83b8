"""What the code asks about a language: is it one, its record, its fallbacks, does it label in Latin letters.

Re-exported by :mod:`geo.i18n`; the answers come from the records (:mod:`geo.i18n.languages`),
never from a language's tag written in the code.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo.i18n.languages import Language, fallbacks, records

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "check_language",
    "fallbacks_of",
    "language",
    "pick",
    "uses_latin_labels",
]

#: The languages, as BCP 47 tags: English, Traditional Chinese (Hong Kong usage), Simplified Chinese
#: (the records of ``languages.json``, in order, and any added through ``GBA_ATLAS_LANGUAGES``).
LANGUAGES = tuple(language.tag for language in records())

#: The language of the data's own texts and of messages about input errors: the first record's.
DEFAULT_LANGUAGE = LANGUAGES[0]

_RECORDS = {record.tag: record for record in records()}


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
