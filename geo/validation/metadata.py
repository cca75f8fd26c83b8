"""Validating a layers folder's story, ``atlas.json``: the map's title, description and source article.

The format is described in the README ("The story: atlas.json"): an object with
a ``title`` and a ``description`` (required), their Traditional Chinese
``title_zh`` and ``description_zh``, the ``source`` article, and ``opens_on``, the
feature id or layer name the map opens on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from geo.errors import Problem, StoryError
from geo.model import Layer, Source, Story
from geo.validation.geometry import ProblemSink
from geo.validation.sources import validate_source

#: The keys of ``atlas.json``, and whether each is required.
STORY_KEYS = {
    "title": True,
    "description": True,
    "title_zh": False,
    "description_zh": False,
    "source": False,
    "opens_on": False,
}
TEXT_KEYS = ("title", "description", "title_zh", "description_zh")
SOURCE_KEYS = ("title", "issuer", "date", "url")

#: Longest title: it is the page's ``<title>`` and the map's heading.
TITLE_MAX_LENGTH = 120

#: What each text is, for the fixes.
TEXT_MEANING = {
    "title": "the map's title, one line",
    "description": "one paragraph on what the map shows",
    "title_zh": "the title in Traditional Chinese",
    "description_zh": "the description in Traditional Chinese",
}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def parse_story(data: Any, *, file: str, layers: Sequence[Layer] | None = None) -> Story:
    """Validate a decoded ``atlas.json`` and build its :class:`~geo.model.Story`.

    Parameters
    ----------
    data : object
        The decoded document.
    file : str
        Where it came from, for the messages.
    layers : sequence of Layer, optional
        The layers read beside it: ``opens_on`` must name one of them or one of
        their features' ids. Not checked when None.

    Returns
    -------
    Story
        The story, when nothing is wrong.

    Raises
    ------
    StoryError
        Listing every problem, one per line.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        fix = 'write one object: {"title": ..., "description": ...}'
        raise StoryError([Problem(file, "", f"is {_kind(data)}, not a JSON object", fix)])
    for key in data:
        if key not in STORY_KEYS:
            problems.append(
                Problem(file, f"key {key!r}", "is not a key of atlas.json", _key_fix(key, list(STORY_KEYS)))
            )
    for key in TEXT_KEYS:
        if STORY_KEYS[key] or data.get(key) is not None:
            _validate_text(key, data.get(key), _sink(problems, file, key))
    if data.get("source") is not None:
        validate_story_source(data["source"], _sink(problems, file, "source"))
    if data.get("opens_on") is not None:
        validate_opens_on(data["opens_on"], layers, _sink(problems, file, "opens_on"))
    if problems:
        raise StoryError(problems)
    return _story(data)


def _sink(problems: list[Problem], file: str, key: str) -> ProblemSink:
    def report(what: str, fix: str) -> None:
        problems.append(Problem(file, key, what, fix))

    return report


def _key_fix(key: str, valid: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    keys = ", ".join(valid)
    return f"did you mean {close[0]!r}? The keys are {keys}" if close else f"use only {keys}"


def _validate_text(key: str, value: Any, report: ProblemSink) -> None:
    if value is None:
        report("is missing", f'add "{key}": "..." ({TEXT_MEANING[key]})')
        return
    if not isinstance(value, str) or not value.strip():
        report(f"is {_kind(value)}, not text", f'write "{key}": "..." ({TEXT_MEANING[key]})')
        return
    if key.startswith("title") and "\n" in value:
        report("runs over several lines; a title is one line", "move the rest to the description")
    elif key.startswith("title") and len(value) > TITLE_MAX_LENGTH:
        report(
            f"is {len(value)} characters long; a title is at most {TITLE_MAX_LENGTH}",
            "shorten it, and move the rest to the description",
        )
    if key.endswith("_zh") and not _HAN.search(value):
        report("holds no Chinese characters", f"write {key} in Traditional Chinese, or leave it out")


def validate_story_source(source: Any, report: ProblemSink) -> None:
    """Check the source article: the fields of any source, and no other keys.

    Parameters
    ----------
    source : object
        The decoded ``source`` member of ``atlas.json``.
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    if not isinstance(source, dict):
        fix = 'write "source": {"title": ..., "issuer": ..., "date": "YYYY-MM-DD", "url": ...}'
        report(f"is {_kind(source)}, not an object", fix)
        return
    validate_source(source, lambda what, fix: report(what.removeprefix("source "), fix))
    for key in source:
        if key not in SOURCE_KEYS:
            report(f"key {key!r} is not a key of a source", _key_fix(key, SOURCE_KEYS))


def validate_opens_on(value: Any, layers: Sequence[Layer] | None, report: ProblemSink) -> None:
    """Check ``opens_on``: a string naming a layer, or a feature id, of the layers read beside it.

    Parameters
    ----------
    value : object
        The decoded ``opens_on`` member.
    layers : sequence of Layer or None
        The layers read beside it; None when they are not known (then only the type is checked).
    report : callable
        Called as ``report(what, fix)`` once for every problem found.

    Returns
    -------
    None
        Problems go to ``report``.
    """
    if not isinstance(value, str) or not value.strip():
        report(
            f"is {value!r}, not a feature id or layer name", 'write "opens_on": "<feature id or layer name>"'
        )
        return
    if layers is None:
        return
    names = [layer.name for layer in layers] + [feature.id for layer in layers for feature in layer]
    if value not in names:
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        layer_names = ", ".join(repr(layer.name) for layer in layers)
        hint = (
            f"did you mean {close[0]!r}? Or" if close else f"name a feature id or a layer ({layer_names}), or"
        )
        report(f"names {value!r}, which is no feature id or layer name here", f"{hint} leave opens_on out")


def _kind(value: Any) -> str:
    """How a message names a JSON value of the wrong kind: ``a list``, ``the number 3``, ..."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" if value.strip() else "an empty string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else "not text"


def _story(data: dict[str, Any]) -> Story:
    source = data.get("source")
    return Story(
        title=data["title"].strip(),
        description=data["description"].strip(),
        title_zh=data.get("title_zh"),
        description_zh=data.get("description_zh"),
        source=Source(source["title"], source["issuer"], source["date"], source.get("url"))
        if source
        else None,
        opens_on=data.get("opens_on"),
    )
