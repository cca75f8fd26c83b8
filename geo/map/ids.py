"""Stable element ids, so two builds of the same layers give byte-identical HTML."""

from __future__ import annotations

from collections import OrderedDict
from itertools import count

from branca.element import Element


def stabilise_ids(root: Element) -> None:
    """Replace folium's random element ids by a counter, in tree order.

    Elements referred to by attributes rather than children (a MiniMap's tile
    layer, a control named by another element) are renumbered too.

    Parameters
    ----------
    root : branca.element.Element
        The page (or any element); its whole tree is renumbered in place.
    """
    counter = count()
    seen: set[int] = set()

    def visit(element: Element) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        element._id = f"{next(counter):08x}"
        for value in vars(element).values():
            if isinstance(value, Element) and value is not element._parent:
                visit(value)
        children = list(element._children.values())
        for child in children:
            visit(child)
        element._children = OrderedDict((child.get_name(), child) for child in children)

    visit(root)
