"""Chinese in both scripts: the data keeps one, OpenCC derives the other.

A feature's ``name_zh`` (and a claim's ``claim_zh``, the story's ``title_zh``) is
written in one script; the other is derived here with OpenCC: Simplified to
Traditional in Hong Kong usage (``s2hk``), Traditional (Hong Kong) to Simplified
(``hk2s``). An explicit text for a script, where the data gives one, wins over the
converter.

>>> to_script("香港园区", "zh-Hant"), to_script("香港園區", "zh-Hans")
('香港園區', '香港园区')
>>> script_of("河套香港園區"), script_of("河套深圳园区"), script_of("河套")
('zh-Hant', 'zh-Hans', None)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from geo.i18n import Localized

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
    return str(_converter(_CONVERSIONS[script]).convert(text))


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


def localized(
    en: str, zh: str | None, *, script: str | None = None, hant: str | None = None, hans: str | None = None
) -> Localized:
    """An English text and its Chinese in both scripts (see :func:`both_scripts`).

    >>> localized("Hetao Shenzhen Park", "河套深圳园区", script="zh-Hans")
    Localized(en='Hetao Shenzhen Park', zh_hant='河套深圳園區', zh_hans='河套深圳园区')
    """
    zh_hant, zh_hans = both_scripts(zh, script=script, hant=hant, hans=hans)
    return Localized(en, zh_hant, zh_hans)
