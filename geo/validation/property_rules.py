"""The property rules of the layer format: each a mask over a column of properties and a message template.

The rows the column screen (:func:`geo.validation.property_screen.cleared_properties`)
cannot clear are judged here, every rule over all of them at once
(:func:`property_words`), each mask a numpy operation over a member's column
(:class:`geo.validation.property_columns.Columns`: types, blank texts, lengths, Chinese
characters by :data:`geo.i18n.scripts.HAN`); a row's messages follow the order of
:data:`RULES`, and a rule that finds several things in a row (each bad alias, each
unwritable member, each refused stated figure) says each. Stated figures are a table of
their own (:mod:`geo.validation.stated_rules`, shared with the claims).

Per value: an id's snake_case (a regular expression), and the JSON-safe rule, which
looks into every member at any depth for NaN, Infinity and lone surrogates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from geo.i18n.scripts import SCRIPTS
from geo.validation.chinese import OVERRIDES, chinese_rules
from geo.validation.properties import ID_MAX_LENGTH, OPTIONAL_TEXTS, SNAKE_FIX, snake_case_ids, unwritable
from geo.validation.property_columns import Columns
from geo.validation.rule import TableRule, Values, rule_words

ProblemSink = Callable[[str, str], None]
PropertyRule = TableRule[Columns]


def property_words(rows: list[dict[str, Any]]) -> list[list[tuple[str, str]]]:
    """Each row's property problems in words: every rule's mask over all rows, words for the refused.

    Parameters
    ----------
    rows : list of dict
        Each row's properties.

    Returns
    -------
    list of list of (what, fix)
        One list a row, in the order of :data:`RULES`; empty when no rule refuses the row.
    """
    return rule_words(RULES, Columns(rows), len(rows), gate=False)


def validate_properties(props: dict[str, Any], report: ProblemSink) -> None:
    """Check one feature's properties: a one-row :func:`property_words`.

    Parameters
    ----------
    props : dict
        The feature's properties, as decoded.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    for what, fix in property_words([props])[0]:
        report(what, fix)


def _with(**fields: Callable[[dict[str, Any]], Any]) -> Callable[[Columns, int], list[Values]]:
    """Details of one message, each field computed from the row's properties."""
    return lambda columns, row: [{name: get(columns.rows[row]) for name, get in fields.items()}]


def _no_values(columns: Columns, row: int) -> list[Values]:
    return [{}]


def _given_not_text(key: str) -> Callable[[Columns], np.ndarray]:
    """Where ``key`` is given (not null) but is no text."""
    return lambda c: ~c[key].missing & ~c[key].texts


def _text_rules(key: str) -> PropertyRule:
    return PropertyRule(
        key,
        _given_not_text(key),
        "{key} must be a string, not {type}",
        "write {key} as text",
        _with(key=lambda p: key, type=lambda p: type(p[key]).__name__),
    )


def _override_rules(script: str, key: str) -> Iterable[PropertyRule]:
    """An override of the derived script: Chinese text, with a name_zh, of the other script."""
    yield from chinese_rules(key)
    yield PropertyRule(
        f"{key}_name",
        lambda c: ~c[key].missing & ~c.has_name,
        "{key} overrides a name derived from name_zh, but there is no name_zh",
        "add name_zh",
        _with(key=lambda p: key),
    )
    yield PropertyRule(
        f"{key}_script",
        lambda c: ~c[key].missing & c.has_name & c["name_zh_script"].texts_in([script]),
        "{key} overrides the script name_zh is written in ({script})",
        "correct name_zh itself, or remove {key}",
        _with(key=lambda p: key, script=lambda p: script),
    )


def _bad_aliases(columns: Columns, row: int) -> list[Values]:
    aliases = columns.rows[row]["aliases"]
    return [{"i": i, "alias": a} for i, a in enumerate(aliases) if not isinstance(a, str) or not a.strip()]


def _unwritable_members(props: dict[str, Any]) -> list[Values]:
    found = ((key, unwritable(value, numbers=key != "stated")) for key, value in props.items())
    return [{"key": key, "what": words[0], "fix": words[1]} for key, words in found if words is not None]


def _stated_figures(columns: Columns, row: int) -> list[Values]:
    return [{"place": place, "what": what, "fix": fix} for place, what, fix in columns.stated.row_words(row)]


#: The rules, in the order a row's messages are given.
RULES: tuple[PropertyRule, ...] = (
    PropertyRule(
        "id_text",
        _given_not_text("id"),
        "id must be text, not {type} ({value})",
        f'write it as text, e.g. "id": "parcel_7" ({SNAKE_FIX})',
        _with(type=lambda p: type(p["id"]).__name__, value=lambda p: repr(p["id"])[:40]),
    ),
    PropertyRule(
        "id",
        lambda c: c["id"].missing | (c["id"].lengths() == 0),
        "has no id",
        f'add "id": a unique name ({SNAKE_FIX})',
        _no_values,
    ),
    PropertyRule(
        "id_snake_case",
        lambda c: (c["id"].lengths() > 0) & ~snake_case_ids(c["id"]),
        "id {value!r} is not lowercase snake_case of at most {most} characters",
        SNAKE_FIX,
        _with(value=lambda p: p["id"], most=lambda p: ID_MAX_LENGTH),
    ),
    PropertyRule(
        "name",
        lambda c: c["name"].no_text(),
        "has no name",
        'add "name": a non-empty string',
        _no_values,
    ),
    *map(_text_rules, OPTIONAL_TEXTS),
    PropertyRule(
        "name_zh_script",
        lambda c: ~c["name_zh_script"].missing & ~c["name_zh_script"].texts_in(SCRIPTS),
        f"name_zh_script {{script!r}} is not one of {', '.join(SCRIPTS)}",
        'write "zh-Hant" for a Traditional name (Hong Kong), "zh-Hans" for a Simplified one',
        _with(script=lambda p: p["name_zh_script"]),
    ),
    PropertyRule(
        "name_zh_script_name",
        lambda c: c["name_zh_script"].texts_in(SCRIPTS) & ~c.has_name,
        "name_zh_script is given but name_zh is not",
        "add name_zh, or remove name_zh_script",
        _no_values,
    ),
    *(rule for script, key in OVERRIDES.items() for rule in _override_rules(script, key)),
    PropertyRule(
        "aliases_list",
        lambda c: ~c["aliases"].missing & ~c["aliases"].instances(list),
        "aliases must be a list of strings, not {type}",
        'write "aliases": ["Lok Ma Chau Loop", "落馬洲河套"]',
        _with(type=lambda p: type(p["aliases"]).__name__),
    ),
    PropertyRule(
        "aliases",
        Columns.bad_aliases,
        "aliases[{i}] must be a non-empty string, not {alias!r}",
        "write each alias as text",
        _bad_aliases,
    ),
    PropertyRule(
        "json",
        Columns.unwritable,
        "property {key!r} holds {what}",
        "{fix}",
        lambda columns, row: _unwritable_members(columns.rows[row]),
    ),
    PropertyRule(
        "stated",
        lambda c: ~c["stated"].missing & ~c["stated"].instances(list),
        "stated must be a list of stated figures",
        'write "stated": [{{...}}, ...]',
        _no_values,
    ),
    PropertyRule(
        "stated_figures",
        lambda c: c.stated.refused(),
        "stated[{place}]: {what}",
        "{fix}",
        _stated_figures,
    ),
)
