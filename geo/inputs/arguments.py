"""The keyword arguments of the notebook API, checked: a TypeError naming the argument for a wrong type."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo.errors import ArgumentTypeError, ClaimError, Problem
from geo.inputs.json_values import as_json_values
from geo.model import Layer

#: How add_layer is named in messages about its arguments.
CALL = "Atlas.add_layer"


def wrong_type(argument: str, what: str, fix: str, *, call: str = CALL) -> ArgumentTypeError:
    """The error for an argument of the wrong type: ``Atlas.add_layer: argument <name>: <what>; fix: ...``.

    Parameters
    ----------
    argument : str
        The argument's name.
    what : str
        What is wrong with it.
    fix : str
        What to pass instead.
    call : str
        The method called, which the message names first.

    Returns
    -------
    ArgumentTypeError
        The error, to raise.
    """
    return ArgumentTypeError(Problem(call, f"argument {argument}", what, fix))


def output_path(path: Any, *, call: str) -> Path:
    """The ``path`` argument of a method that writes a file, as a Path; a TypeError naming it otherwise.

    Parameters
    ----------
    path : object
        The argument.
    call : str
        The method called, for the message.

    Returns
    -------
    Path
        The path.
    """
    if not isinstance(path, str | os.PathLike) or not isinstance(os.fspath(path), str):
        what = f"must be a file path (str or Path), not {type(path).__name__}"
        raise wrong_type("path", what, 'pass e.g. "output/map.html"', call=call)
    return Path(path)


def checked_arguments(
    *, name: Any, stated: Any, claims: Any, default_name: str
) -> tuple[str, dict[str, list[Any]] | None, list[Any] | None]:
    """``name=``, ``stated=`` and ``claims=`` checked, with the default name and as JSON values.

    Parameters
    ----------
    name : object
        The ``name=`` argument (None: ``default_name``).
    stated : object
        The ``stated=`` argument: a mapping of feature id to a list of stated figures, or None.
    claims : object
        The ``claims=`` argument: a list of claims, or None.
    default_name : str
        The layer's name when ``name`` is None.

    Returns
    -------
    name : str
        The layer's name.
    stated : dict of str to list, or None
        The stated figures, as JSON values.
    claims : list or None
        The claims, as JSON values.

    Raises
    ------
    ArgumentTypeError
        A ``TypeError`` whose message names the argument, what it is, and what to pass.
    """
    if name is not None and not isinstance(name, str):
        raise wrong_type(
            "name", f"must be text, not {type(name).__name__}", 'pass name="My layer", or leave it out'
        )
    if stated is not None:
        _check_stated(stated)
    if claims is not None and not _is_list(claims):
        fix = (
            "wrap the one claim in a list: claims=[claim]"
            if isinstance(claims, Mapping)
            else "pass claims=[{...}, ...]"
        )
        raise wrong_type("claims", f"must be a list of claim dicts, not {type(claims).__name__}", fix)
    stated = as_json_values(stated, label=CALL, path="stated")
    return name or default_name, stated, as_json_values(claims, label=CALL, path="claims", error=ClaimError)


def _check_stated(stated: Any) -> None:
    fix = 'pass stated={"feature_id": [{"as_stated": ..., "value": ..., ...}, ...]}'
    if not isinstance(stated, Mapping):
        raise wrong_type(
            "stated", f"must map feature ids to lists of stated figures, not {type(stated).__name__}", fix
        )
    for key, figures in stated.items():
        if not isinstance(key, str):
            raise wrong_type(
                "stated", f"its key {key!r} is a {type(key).__name__}, not a feature id (text)", fix
            )
        if not _is_list(figures):
            what = f"must be a list of stated figures, not {type(figures).__name__}"
            raise wrong_type(f"stated[{key!r}]", what, f"pass stated={{{key!r}: [figure, ...]}}")


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def unknown_stated(stated: Mapping[str, Any] | None, layer: Layer, *, label: str) -> list[Problem]:
    """A problem when ``stated=`` names features the new layer does not have (they would be lost).

    Parameters
    ----------
    stated : mapping or None
        The ``stated=`` argument, by feature id.
    layer : Layer
        The new layer.
    label : str
        How the message names the data.

    Returns
    -------
    list of Problem
        One problem, or none.
    """
    if not stated:
        return []
    unknown = sorted(set(stated) - {feature.id for feature in layer})
    if not unknown:
        return []
    ids = ", ".join(repr(feature.id) for feature in layer.features[:5])
    what = f"stated= names {', '.join(map(repr, unknown))}, which the layer has no feature for"
    return [
        Problem(
            label,
            "",
            what,
            f"use the ids of the layer's features ({ids}{', ...' if len(layer.features) > 5 else ''})",
        )
    ]
