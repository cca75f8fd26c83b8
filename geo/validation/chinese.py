"""Validating Chinese texts: a feature's name in its script, overrides of the derived script, claim_zh.

The data keeps one authoritative Chinese name per feature (``name_zh``) and says
which script it is in (``name_zh_script``: ``zh-Hant`` or ``zh-Hans``; judged from
its characters when absent). The other script is derived with OpenCC
(:mod:`geo.i18n.scripts`); ``name_zh_hant`` / ``name_zh_hans`` override the derived
text where the converter gets it wrong (their rules: :mod:`geo.validation.property_rules`; the rules
of a Chinese text, :func:`chinese_rules`, are shared with a claim's ``claim_zh``).
Each validator calls ``report(what, fix)`` once per problem and never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.i18n.scripts import HAN
from geo.validation.geometry import ProblemSink
from geo.validation.property_columns import Columns
from geo.validation.rule import TableRule, rule_words

#: The override of each script's derived name.
OVERRIDES = {"zh-Hant": "name_zh_hant", "zh-Hans": "name_zh_hans"}


def chinese_rules(key: str) -> tuple[TableRule[Columns], TableRule[Columns]]:
    """The rules of an optional Chinese text ``key``: when given (not null), a string with Chinese characters.

    Shared by the overrides of a feature's properties and a claim's ``claim_zh``.

    Parameters
    ----------
    key : str
        The member, e.g. ``"name_zh_hant"`` or ``"claim_zh"``.

    Returns
    -------
    tuple of TableRule
        The rule of its type, then the rule of its characters (:data:`geo.i18n.scripts.HAN`).
    """
    return (
        TableRule(
            f"{key}_text",
            lambda c: ~c[key].missing & ~c[key].texts,
            "{key} must be a string, not {type}",
            "write {key} as Chinese text",
            lambda c, row: [{"key": key, "type": type(c[key].values[row]).__name__}],
        ),
        TableRule(
            f"{key}_han",
            lambda c: c[key].texts & ~c[key].texts_matching(HAN),
            "{key} {value!r} holds no Chinese character",
            "write {key} in Chinese, or remove it",
            lambda c, row: [{"key": key, "value": c[key].values[row]}],
        ),
    )


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
    for what, fix in rule_words(chinese_rules(key), Columns([dict(props)]), 1, gate=False)[0]:
        report(what, fix)
