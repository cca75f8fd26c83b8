"""Map builds keep OpenCC's conversions in the asset cache (:mod:`geo.i18n.kept`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from geo.i18n.kept import kept_conversions

P = ParamSpec("P")
R = TypeVar("R")


def keeping_conversions(build: Callable[P, R]) -> Callable[P, R]:
    """``build``, run with the Chinese conversions it makes kept in the asset cache.

    The cache is :func:`~geo.map.offline.default_cache_dir`, as for the map's scripts: a
    build whose texts were all converted before does not load OpenCC.

    Parameters
    ----------
    build : callable
        A function building a map.

    Returns
    -------
    callable
        ``build`` wrapped: the same arguments and result.
    """

    @functools.wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from geo.map.offline.npm_cache import default_cache_dir

        with kept_conversions(default_cache_dir()):
            return build(*args, **kwargs)

    return run
