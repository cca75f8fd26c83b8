"""The notebook API's edge: an error of ours arrives with its one-line message, not our internals.

A :class:`~geo.errors.AtlasError` raised deep inside (reading, validating, drawing) already
says which input, what is wrong and how to fix it; the frames it passed through are noise to
the user of a notebook. :func:`api_boundary` raises it again from the public method, its
traceback cut there, and that method's own frame marked ``__tracebackhide__`` (which IPython
and pytest leave out). Other exceptions, our bugs, keep their whole traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from geo.errors import AtlasError

P = ParamSpec("P")
R = TypeVar("R")


def api_boundary(method: Callable[P, R]) -> Callable[P, R]:
    """Wrap a public method so that its :class:`~geo.errors.AtlasError` shows no internal frame.

    Parameters
    ----------
    method : callable
        A method of the notebook API.

    Returns
    -------
    callable
        The same method; an ``AtlasError`` it raises is raised again with its traceback starting
        at the caller, its ``__cause__`` kept.

    Examples
    --------
    >>> import traceback
    >>> from geo.errors import ViewError
    >>> def deep(): raise ViewError("view='x' names no layer or feature")
    >>> @api_boundary
    ... def public(): deep()
    >>> try:
    ...     public()
    ... except ViewError as error:
    ...     [frame.name for frame in traceback.extract_tb(error.__traceback__)]
    ['<module>', 'wrapper']
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        __tracebackhide__ = True
        try:
            return method(*args, **kwargs)
        except AtlasError as error:
            raise error.with_traceback(None) from error.__cause__

    return wrapper
