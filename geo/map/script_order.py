"""The order of the page script's parts, from what each part declares it needs.

Each file of ``static/js/`` may open with one line naming the files it needs loaded before it::

    /* @requires dom.js i18n.js */

:func:`script_order` sorts the files so that each comes after those it requires (a topological
sort), taking among the files that are free to come next the first by name, so every build joins
them in the same order. A cycle, or a file that requires one that does not exist, is refused.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping

#: The declaration, on a part's first line.
REQUIRES = re.compile(r"\A/\*\s*@requires\b(?P<names>[^*]*)\*/")
_NAME = re.compile(r"^[\w.-]+\.js$")


def requirements(text: str, *, where: str = "a script part") -> tuple[str, ...]:
    """The files a part's first line says it requires, in the order written.

    Parameters
    ----------
    text : str
        The part's source.
    where : str, optional
        How error messages name the part, e.g. ``"static/js/goto.js"``.

    Returns
    -------
    tuple of str
        File names (``"dom.js"``); empty when the part declares nothing.

    Raises
    ------
    ValueError
        If the declaration names something that is not a ``.js`` file name.

    Examples
    --------
    >>> requirements("/* @requires dom.js i18n.js */\\n(function () {})();")
    ('dom.js', 'i18n.js')
    >>> requirements("/* a comment */")
    ()
    """
    match = REQUIRES.match(text)
    if match is None:
        return ()
    names = tuple(match["names"].split())
    for name in names:
        if not _NAME.match(name):
            msg = f"{where}: @requires names {name!r}, which is not a .js file name; e.g. @requires dom.js"
            raise ValueError(msg)
    return names


def _check_known(needs: Mapping[str, tuple[str, ...]], folder: str) -> None:
    """Raise ValueError when a part requires a file that is not among the parts."""
    for name, required in sorted(needs.items()):
        unknown = [other for other in required if other not in needs]
        if unknown:
            msg = (
                f"{folder}{name}: @requires {', '.join(unknown)}, which is not in {folder or 'the parts'}; "
                "fix the name or remove it from the @requires line"
            )
            raise ValueError(msg)


def _cycle(needs: Mapping[str, tuple[str, ...]], left: set[str]) -> list[str]:
    """One cycle among the parts ``left`` (each of which requires another of them), as a path."""
    start = min(left)
    path, seen = [start], {start}
    while True:
        following = min(other for other in needs[path[-1]] if other in left)
        if following in seen:
            return [*path[path.index(following) :], following]
        path.append(following)
        seen.add(following)


def script_order(texts: Mapping[str, str], *, folder: str = "") -> tuple[str, ...]:
    """The parts' names, each after the parts it requires; ties in order of name.

    Parameters
    ----------
    texts : mapping of str to str
        Each part's file name and source.
    folder : str, optional
        Put before the names in error messages, e.g. ``"static/js/"``.

    Returns
    -------
    tuple of str
        Every name of ``texts`` once, in an order that depends only on the declarations.

    Raises
    ------
    ValueError
        If a part requires one that is not in ``texts``, or the declarations form a cycle.

    Examples
    --------
    >>> script_order({"b.js": "/* @requires a.js */", "a.js": "", "c.js": ""})
    ('a.js', 'b.js', 'c.js')
    """
    needs = {name: requirements(text, where=f"{folder}{name}") for name, text in texts.items()}
    _check_known(needs, folder)
    order = _sorted(needs)
    if len(order) < len(texts):
        cycle = " -> ".join(_cycle(needs, set(texts) - set(order)))
        msg = f"the @requires lines of {folder or 'the parts'} form a cycle ({cycle}); remove one of them"
        raise ValueError(msg)
    return tuple(order)


def _sorted(needs: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Kahn's topological sort, the free part first by name; the parts in a cycle are left out."""
    waiting = {name: set(required) for name, required in needs.items()}
    ready = [name for name, required in waiting.items() if not required]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for other, required in waiting.items():
            if name in required:
                required.discard(name)
                if not required:
                    heapq.heappush(ready, other)
    return order
