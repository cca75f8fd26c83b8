"""Validating Chinese texts: a feature's name in its script, overrides of the derived script, claim_zh.

The data keeps one authoritative Chinese name per feature (``name_zh``) and says
which script it is in (``name_zh_script``: ``zh-Hant`` or ``zh-Hans``; judged from
its characters when absent). The other script is derived with OpenCC
(:mod:`geo.i18n.scripts`); ``name_zh_hant`` / ``name_zh_hans`` override the derived
text where the converter gets it wrong (their rules: :mod:`geo.validation.property_rules`).
Each validator calls ``report(what, fix)`` once per problem and never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.i18n.scripts import HAN
from geo.validation.geometry import ProblemSink

#: The override of each script's derived name.
OVERRIDES = {"zh-Hant": "name_zh_hant", "zh-Hans": "name_zh_hans"}


def validate_chinese(props: Mapping[str, Any], key: str, report: ProblemSink) -> None:
    """Check an optional Chinese text: when given (not null), a string with Chinese characters.

    Parameters
    ----------
    props : mapping
        The properties (or claim) holding the text.
    key : str
        The member to check, e.g. ``"name_zh"`` or ``"claim_zh"``.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    value = props.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        report(f"{key} must be a string, not {type(value).__name__}", f"write {key} as Chinese text")
    elif not HAN.search(value):
        report(f"{key} {value!r} holds no Chinese character", f"write {key} in Chinese, or remove it")
