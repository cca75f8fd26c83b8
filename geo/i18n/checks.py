"""The catalogues' checks: every key in every language, none empty, the same placeholders everywhere."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

__all__ = ["key_problems", "placeholders"]


def placeholders(text: str) -> frozenset[str]:
    """The named placeholders of a catalogue text.

    Parameters
    ----------
    text : str
        A catalogue text with ``{name}`` placeholders (``{{`` and ``}}`` are literal braces).

    Returns
    -------
    frozenset of str
        The placeholders' names.

    Raises
    ------
    ValueError
        For a text that is not a valid template (an unmatched brace).

    >>> sorted(placeholders("{share} of {feature}: {{literal}}"))
    ['feature', 'share']
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def key_problems(key: str, catalogues: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What is wrong with one key across the catalogues: missing, empty, broken, differing placeholders.

    Parameters
    ----------
    key : str
        A catalogue key.
    catalogues : Mapping[str, Mapping[str, Any]]
        Language to catalogue.

    Returns
    -------
    list of str
        One line per problem, each naming the language and the key.

    >>> for line in key_problems("a", {"en": {"a": "{n} of {total}"}, "qaa": {"a": "{n}"}, "zh": {}}):
    ...     print(line)
    zh: key 'a' is missing
    key 'a' has different placeholders across languages (en: ['n', 'total']; qaa: ['n'])
    """
    problems: list[str] = []
    shapes: dict[frozenset[str], list[str]] = {}
    for lang, messages in catalogues.items():
        text = messages.get(key)
        if key not in messages:
            problems.append(f"{lang}: key {key!r} is missing")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{lang}: key {key!r} has an empty translation")
        else:
            try:
                shapes.setdefault(placeholders(text), []).append(lang)
            except ValueError as exc:
                problems.append(f"{lang}: key {key!r} is not a valid template ({exc})")
    if len(shapes) > 1:
        found = "; ".join(f"{', '.join(langs)}: {sorted(names)}" for names, langs in shapes.items())
        problems.append(f"key {key!r} has different placeholders across languages ({found})")
    return problems
