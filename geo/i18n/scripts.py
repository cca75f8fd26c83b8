"""Chinese in both scripts: the data keeps one, OpenCC derives the other; and the one script detector.

A feature's ``name_zh`` (and a claim's ``claim_zh``, the story's ``title_zh``) is
written in one script; the other is derived here with OpenCC: Simplified to
Traditional in Hong Kong usage (``s2hk``), Traditional (Hong Kong) to Simplified
(``hk2s``). An explicit text for a script, where the data gives one, wins over the
converter. A :class:`Localized` text derives the other script only when first asked
for it: Simplified to Traditional loads OpenCC's phrase dictionary (about 1 MB, a
tenth of a second or more), which an English report never needs. Within
:func:`geo.i18n.kept.kept_conversions` (a map build), a conversion made before is read
from a file instead, and OpenCC is not loaded at all when every one was.

Which script a text is in: by the markers of :mod:`geo.i18n.detect` (the page's too),
where the text has one script's and not the other's, else by OpenCC (:func:`script_of`).

>>> to_script("香港园区", "zh-Hant"), to_script("香港園區", "zh-Hans")
('香港園區', '香港园区')
>>> script_of("河套香港園區"), script_of("河套深圳园区"), script_of("河套")
('zh-Hant', 'zh-Hans', None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, fallbacks_of, language
from geo.i18n.detect import HAN, script_hint
from geo.i18n.kept import active
from geo.i18n.languages import CHINESE_SCRIPTS

#: The Chinese scripts, as BCP 47 tags.
SCRIPTS = CHINESE_SCRIPTS

#: The OpenCC configuration converting into each script.
_CONVERSIONS = {"zh-Hant": "s2hk", "zh-Hans": "hk2s"}

__all__ = ["HAN", "SCRIPTS", "Localized", "both_scripts", "script_of", "to_script"]


@cache
def _converter(config: str) -> Any:
    import opencc  # a C++ extension: loaded the first time Chinese is converted

    return opencc.OpenCC(config)


def to_script(text: str, script: str) -> str:
    """``text`` written in ``script`` (``zh-Hant``, Hong Kong usage, or ``zh-Hans``).

    Parameters
    ----------
    text : str
        Chinese text in either script (other characters are kept as they are).
    script : str
        One of :data:`SCRIPTS`.

    Returns
    -------
    str
        The text as OpenCC converts it (``s2hk`` or ``hk2s``), or as kept from an earlier conversion.

    Raises
    ------
    ValueError
        For a script not in :data:`SCRIPTS`.
    """
    if script not in SCRIPTS:
        msg = f"unknown Chinese script {script!r}; use one of {', '.join(SCRIPTS)}"
        raise ValueError(msg)
    kept = active()
    if kept is None:
        return _convert(_CONVERSIONS[script], text)
    return kept.convert(_CONVERSIONS[script], text, _convert)


def _convert(config: str, text: str) -> str:
    return str(_converter(config).convert(text))


def script_of(text: str) -> str | None:
    """The script ``text`` is written in: by its markers where they tell, else judged by OpenCC.

    OpenCC is asked only for a text with Chinese in it that :func:`script_hint` cannot place.
    Text that converts both ways (mixed scripts) counts as Traditional when converting it to
    Simplified changes more characters.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str or None
        ``zh-Hant`` or ``zh-Hans``; None when the text reads the same in both.
    """
    hint = script_hint(text)
    if hint is not None or not HAN.search(text):
        return hint
    changed = {s: _changes(text, to_script(text, s)) for s in SCRIPTS}
    if not any(changed.values()):
        return None
    # to_script(..., "zh-Hans") changes Traditional characters: then the text is Traditional.
    return "zh-Hant" if changed["zh-Hans"] >= changed["zh-Hant"] else "zh-Hans"


def _changes(before: str, after: str) -> int:
    if len(before) != len(after):
        return max(len(before), len(after))
    return sum(a != b for a, b in zip(before, after, strict=True))


def both_scripts(
    text: str | None, *, script: str | None = None, hant: str | None = None, hans: str | None = None
) -> tuple[str | None, str | None]:
    """A Chinese text in Traditional and in Simplified: ``(hant, hans)``.

    Parameters
    ----------
    text : str, optional
        The authoritative Chinese text; None when there is none.
    script : str, optional
        The script ``text`` is in; judged from the text (:func:`script_of`) when not given.
    hant, hans : str, optional
        Explicit texts for a script, for the cases the converter gets wrong: they win.

    Returns
    -------
    tuple
        ``(hant, hans)``: each None only when there is no text at all.
    """
    if not text:
        return hant, hans
    script = script or script_of(text) or "zh-Hant"
    derived_hant = text if script == "zh-Hant" else to_script(text, "zh-Hant")
    derived_hans = text if script == "zh-Hans" else to_script(text, "zh-Hans")
    return hant or derived_hant, hans or derived_hans


@dataclass(frozen=True, init=False)
class Localized:
    """A text from the data by language: the texts it gives, and its Chinese in both scripts.

    Parameters
    ----------
    texts : str or Mapping[str, str or None]
        The texts by language tag (empty ones left out); a str is the text in
        :data:`geo.i18n.DEFAULT_LANGUAGE` (the data's English).
    chinese : str, optional
        The authoritative Chinese text, from which a language written in a Chinese script
        (its record's ``script``) gets its text when ``texts`` has none for it.
    script : str, optional
        The script ``chinese`` is written in (``zh-Hant`` or ``zh-Hans``); judged from its
        characters when not given (:func:`script_of`).

    Examples
    --------
    >>> park = Localized("Hetao Shenzhen Park", "河套深圳园区", script="zh-Hans")
    >>> park.get("zh-Hant"), park.get("zh-Hans"), park.get("en")
    ('河套深圳園區', '河套深圳园区', 'Hetao Shenzhen Park')
    >>> Localized("Nansha").get("zh-Hant")
    'Nansha'
    >>> Localized({"en": "Queen's Pier", "zh-Hant": "皇后碼頭"}, "皇后码头").get("zh-Hant")
    '皇后碼頭'
    """

    texts: Mapping[str, str]
    chinese: str | None
    script: str | None

    def __init__(
        self, texts: str | Mapping[str, str | None], chinese: str | None = None, *, script: str | None = None
    ) -> None:
        given = {DEFAULT_LANGUAGE: texts} if isinstance(texts, str) else texts
        object.__setattr__(self, "texts", {lang: text for lang, text in given.items() if text})
        object.__setattr__(self, "chinese", chinese or None)
        object.__setattr__(self, "script", script)

    def __hash__(self) -> int:  # the texts are a dict: hashed as their items
        return hash((tuple(sorted(self.texts.items())), self.chinese, self.script))

    @cached_property
    def _source_script(self) -> str:
        return self.script or (script_of(self.chinese) if self.chinese else None) or "zh-Hant"

    def in_script(self, script: str) -> str | None:
        """The Chinese text in ``script``: as the data gives it for that script, else derived with OpenCC.

        Parameters
        ----------
        script : str
            ``zh-Hant`` (Hong Kong usage) or ``zh-Hans``.

        Returns
        -------
        str or None
            The text; None when the data has no Chinese.
        """
        if script in self.texts:
            return self.texts[script]
        if not self.chinese:
            return None
        return self.chinese if script == self._source_script else self._derived(script)

    def _derived(self, script: str) -> str:
        cached: dict[str, str] = self.__dict__.setdefault("_conversions", {})
        if script not in cached:
            cached[script] = to_script(self.chinese or "", script)
        return cached[script]

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in its fallback, and so on: the default language's text at last.

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The text; for a language in a Chinese script, the data's Chinese in that script.

        Raises
        ------
        ValueError
            For a language not in :data:`geo.i18n.LANGUAGES`.
        """
        for tag in fallbacks_of(lang):
            text = self._own(tag)
            if text:
                return text
        return ""

    def _own(self, tag: str) -> str | None:
        """The text in ``tag`` itself, without falling back."""
        script = language(tag).script
        if tag in self.texts or script is None:
            return self.texts.get(tag)
        return self.in_script(script)
