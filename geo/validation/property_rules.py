"""The property rules of the layer format: each a mask over a column of properties and a message template.

The rows the column screen (:func:`geo.validation.property_screen.cleared_properties`)
cannot clear are judged here, every rule over all of them at once
(:func:`property_words`); a row's messages follow the order of :data:`RULES`, and a
rule that finds several things in a row (each bad alias, each unwritable member) says
each. Stated figures are objects of their own, judged figure by figure by
:func:`geo.validation.properties.validate_stated` (shared with the claims).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from geo.i18n.scripts import HAN, SCRIPTS
from geo.validation.chinese import OVERRIDES
from geo.validation.properties import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    OPTIONAL_TEXTS,
    SNAKE_FIX,
    stated_words,
    unwritable,
)
from geo.validation.rule import Columns, PropertyRule, Values

ProblemSink = Callable[[str, str], None]


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
    columns = Columns(rows)
    masks = np.array([rule.mask(columns) for rule in RULES], dtype=bool).reshape(len(RULES), len(rows))
    found: list[list[tuple[str, str]]] = [[] for _ in rows]
    for number, row in zip(*np.nonzero(masks), strict=True):  # rule by rule: each row's words in rule order
        found[row] += RULES[number].words(rows[row])
    return found


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


def _with(**fields: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], list[Values]]:
    """Details of one message, each field computed from the row."""
    return lambda props: [{name: get(props) for name, get in fields.items()}]


def _no_values(props: dict[str, Any]) -> list[Values]:
    return [{}]


def _has_name(props: dict[str, Any]) -> bool:
    name = props.get("name_zh")
    return isinstance(name, str) and bool(name.strip())


def _text_rules(key: str) -> PropertyRule:
    return PropertyRule(
        key,
        lambda c: c.test(key, lambda v: v is not None and not isinstance(v, str)),
        "{key} must be a string, not {type}",
        "write {key} as text",
        _with(key=lambda p: key, type=lambda p: type(p[key]).__name__),
    )


def _override_rules(script: str, key: str) -> Iterable[PropertyRule]:
    """An override of the derived script: Chinese text, with a name_zh, of the other script."""

    def given(props: dict[str, Any]) -> bool:
        return props.get(key) is not None

    yield PropertyRule(
        f"{key}_text",
        lambda c: c.test(key, lambda v: v is not None and not isinstance(v, str)),
        "{key} must be a string, not {type}",
        "write {key} as Chinese text",
        _with(key=lambda p: key, type=lambda p: type(p[key]).__name__),
    )
    yield PropertyRule(
        f"{key}_han",
        lambda c: c.test(key, lambda v: isinstance(v, str) and not HAN.search(v)),
        "{key} {value!r} holds no Chinese character",
        "write {key} in Chinese, or remove it",
        _with(key=lambda p: key, value=lambda p: p[key]),
    )
    yield PropertyRule(
        f"{key}_name",
        lambda c: c.each(lambda p: given(p) and not _has_name(p)),
        "{key} overrides a name derived from name_zh, but there is no name_zh",
        "add name_zh",
        _with(key=lambda p: key),
    )
    yield PropertyRule(
        f"{key}_script",
        lambda c: c.each(lambda p: given(p) and _has_name(p) and p.get("name_zh_script") == script),
        "{key} overrides the script name_zh is written in ({script})",
        "correct name_zh itself, or remove {key}",
        _with(key=lambda p: key, script=lambda p: script),
    )


def _bad_aliases(props: dict[str, Any]) -> list[Values]:
    aliases = props["aliases"]
    return [{"i": i, "alias": a} for i, a in enumerate(aliases) if not isinstance(a, str) or not a.strip()]


def _unwritable_members(props: dict[str, Any]) -> list[Values]:
    found = ((key, unwritable(value, numbers=key != "stated")) for key, value in props.items())
    return [{"key": key, "what": words[0], "fix": words[1]} for key, words in found if words is not None]


def _stated_figures(props: dict[str, Any]) -> list[Values]:
    return [{"what": what, "fix": fix} for what, fix in stated_words(props["stated"])]


#: The rules, in the order a row's messages are given.
RULES: tuple[PropertyRule, ...] = (
    PropertyRule(
        "id_text",
        lambda c: c.test("id", lambda v: v is not None and not isinstance(v, str)),
        "id must be text, not {type} ({value})",
        f'write it as text, e.g. "id": "parcel_7" ({SNAKE_FIX})',
        _with(type=lambda p: type(p["id"]).__name__, value=lambda p: repr(p["id"])[:40]),
    ),
    PropertyRule(
        "id",
        lambda c: c.test("id", lambda v: v is None or v == ""),
        "has no id",
        f'add "id": a unique name ({SNAKE_FIX})',
        _no_values,
    ),
    PropertyRule(
        "id_snake_case",
        lambda c: c.test("id", lambda v: isinstance(v, str) and v != "" and not _snake(v)),
        "id {value!r} is not lowercase snake_case of at most {most} characters",
        SNAKE_FIX,
        _with(value=lambda p: p["id"], most=lambda p: ID_MAX_LENGTH),
    ),
    PropertyRule(
        "name",
        lambda c: c.test("name", lambda v: not isinstance(v, str) or not v.strip()),
        "has no name",
        'add "name": a non-empty string',
        _no_values,
    ),
    *map(_text_rules, OPTIONAL_TEXTS),
    PropertyRule(
        "name_zh_script",
        lambda c: c.test("name_zh_script", lambda v: v is not None and v not in SCRIPTS),
        f"name_zh_script {{script!r}} is not one of {', '.join(SCRIPTS)}",
        'write "zh-Hant" for a Traditional name (Hong Kong), "zh-Hans" for a Simplified one',
        _with(script=lambda p: p["name_zh_script"]),
    ),
    PropertyRule(
        "name_zh_script_name",
        lambda c: c.each(lambda p: p.get("name_zh_script") in SCRIPTS and not _has_name(p)),
        "name_zh_script is given but name_zh is not",
        "add name_zh, or remove name_zh_script",
        _no_values,
    ),
    *(rule for script, key in OVERRIDES.items() for rule in _override_rules(script, key)),
    PropertyRule(
        "aliases_list",
        lambda c: c.test("aliases", lambda v: v is not None and not isinstance(v, list)),
        "aliases must be a list of strings, not {type}",
        'write "aliases": ["Lok Ma Chau Loop", "落馬洲河套"]',
        _with(type=lambda p: type(p["aliases"]).__name__),
    ),
    PropertyRule(
        "aliases",
        lambda c: c.test("aliases", lambda v: isinstance(v, list) and any(not _alias(a) for a in v)),
        "aliases[{i}] must be a non-empty string, not {alias!r}",
        "write each alias as text",
        _bad_aliases,
    ),
    PropertyRule(
        "json",
        lambda c: c.each(lambda p: bool(_unwritable_members(p))),
        "property {key!r} holds {what}",
        "{fix}",
        _unwritable_members,
    ),
    PropertyRule(
        "stated",
        lambda c: c.test("stated", lambda v: v is not None and not isinstance(v, list)),
        "stated must be a list of stated figures",
        'write "stated": [{{...}}, ...]',
        _no_values,
    ),
    PropertyRule(
        "stated_figures",
        lambda c: c.test("stated", lambda v: isinstance(v, list) and bool(stated_words(v))),
        "{what}",
        "{fix}",
        _stated_figures,
    ),
)


def _snake(value: str) -> bool:
    return len(value) <= ID_MAX_LENGTH and ID_PATTERN.match(value) is not None


def _alias(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
