"""What the map page is told about the languages: how to match a browser's, what to fall back on, scripts.

The page's script (``static/js/i18n.js``, ``static/js/dom.js``) decides nothing about a
language by itself: the build hands it the records of :mod:`geo.i18n.languages` and the
script detector of :mod:`geo.i18n.detect`, so that a language added as data is on the
page too.
"""

from __future__ import annotations

from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, fallbacks_of, language
from geo.i18n.detect import page_detector

__all__ = ["page_languages"]


def page_languages() -> dict[str, Any]:
    """The languages' part of the page's configuration, besides their tags and texts.

    Returns
    -------
    dict
        ``default`` (the default language's tag), ``browser`` (each language's patterns for a
        browser's language tags, in the order they are tried), ``fallbacks`` (each language's
        :func:`~geo.i18n.fallbacks_of`), ``written_in`` (the Chinese script of each language written
        in one) and ``scripts`` (:func:`~geo.i18n.detect.page_detector`).

    >>> spec = page_languages()
    >>> spec["default"], spec["browser"]["zh-Hans"], spec["fallbacks"]["zh-Hant"]
    ('en', ['^zh\\\\b'], ['zh-Hant', 'en'])
    """
    return {
        "default": DEFAULT_LANGUAGE,
        "browser": {lang: list(language(lang).browser) for lang in LANGUAGES},
        "fallbacks": {lang: list(fallbacks_of(lang)) for lang in LANGUAGES},
        "written_in": {lang: language(lang).script for lang in LANGUAGES if language(lang).script},
        "scripts": page_detector(),
    }
