"""Chinese in both scripts: the data keeps one, OpenCC derives the other.

A feature's ``name_zh`` (and a claim's ``claim_zh``, the story's ``title_zh``) is
written in one script; the other is derived here with OpenCC: Simplified to
Traditional in Hong Kong usage (``s2hk``), Traditional (Hong Kong) to Simplified
(``hk2s``). An explicit text for a script, where the data gives one, wins over the
converter. A :class:`Localized` text derives the other script only when first asked
for it: Simplified to Traditional loads OpenCC's phrase dictionary (about 1 MB, a
tenth of a second or more), which an English report never needs. Within
:func:`geo.i18n.kept.kept_conversions` (a map build), a conversion made before is read
from a file instead, and OpenCC is not loaded at all when every one was.

>>> to_script("香港园区", "zh-Hant"), to_script("香港園區", "zh-Hans")
('香港園區', '香港园区')
>>> script_of("河套香港園區"), script_of("河套深圳园区"), script_of("河套")
('zh-Hant', 'zh-Hans', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from geo.i18n import check_language
from geo.i18n.kept import active

#: The Chinese scripts, as BCP 47 tags.
SCRIPTS = ("zh-Hant", "zh-Hans")

#: The OpenCC configuration converting into each script.
_CONVERSIONS = {"zh-Hant": "s2hk", "zh-Hans": "hk2s"}

#: A CJK ideograph: the unified blocks, the compatibility block and the supplementary planes.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def _converter(config: str) -> Any:
    import opencc  # a C++ extension: loaded the first time Chinese is converted

    return opencc.OpenCC(config)


def to_script(text: str, script: str) -> str:
    """``text`` written in ``script`` (``zh-Hant``, Hong Kong usage, or ``zh-Hans``).

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
    """The script ``text`` is written in, judged by OpenCC; None when it reads the same in both.

    Text that converts both ways (mixed scripts) counts as Traditional when
    converting it to Simplified changes more characters.
    """
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
    """
    if not text:
        return hant, hans
    script = script or script_of(text) or "zh-Hant"
    derived_hant = text if script == "zh-Hant" else to_script(text, "zh-Hant")
    derived_hans = text if script == "zh-Hans" else to_script(text, "zh-Hans")
    return hant or derived_hant, hans or derived_hans


@dataclass(frozen=True)
class Localized:
    """A text from the data in each language: English, and Chinese in both scripts when it has Chinese.

    Parameters
    ----------
    en : str
        The English text.
    zh : str, optional
        The authoritative Chinese text.
    script : str, optional
        The script ``zh`` is written in (``zh-Hant`` or ``zh-Hans``); judged from its
        characters when not given (:func:`script_of`).
    hant, hans : str, optional
        Explicit texts for a script, winning over the converter.

    Examples
    --------
    >>> park = Localized("Hetao Shenzhen Park", "河套深圳园区", script="zh-Hans")
    >>> park.get("zh-Hant"), park.get("zh-Hans"), park.get("en")
    ('河套深圳園區', '河套深圳园区', 'Hetao Shenzhen Park')
    >>> Localized("Nansha").get("zh-Hant")
    'Nansha'
    """

    en: str
    zh: str | None = None
    script: str | None = None
    hant: str | None = None
    hans: str | None = None

    @cached_property
    def _scripts(self) -> tuple[str | None, str | None]:
        return both_scripts(self.zh, script=self.script, hant=self.hant, hans=self.hans)

    @property
    def zh_hant(self) -> str | None:
        """The Traditional Chinese text (Hong Kong usage), or None."""
        return self._scripts[0]

    @property
    def zh_hans(self) -> str | None:
        """The Simplified Chinese text, or None."""
        return self._scripts[1]

    def get(self, lang: str) -> str:
        """The text in ``lang``; the English text when there is none in that language.

        Raises
        ------
        ValueError
            For a language not in :data:`geo.i18n.LANGUAGES`.
        """
        check_language(lang)
        if lang == "en" or not (self.zh or self.hant or self.hans):
            return self.en
        return (self.zh_hant if lang == "zh-Hant" else self.zh_hans) or self.en
