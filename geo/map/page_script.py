"""Putting our script into the page as it is: data as JSON script elements, and calls that use it.

branca compiles what a MacroElement renders as a new Jinja template; what goes through here never
does, so data can neither be evaluated as a template nor cost a compile of megabytes of coordinates.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure


class RawScript(Element):
    """Script text added to the page as it is.

    branca compiles what a MacroElement renders as a new Jinja template; data never
    goes through that, so it can neither be evaluated as a template nor cost a
    compile of megabytes of coordinates.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The script text, as it is."""
        return self.text


def page_of(element: Element) -> Figure:
    """The page (branca's Figure) an element renders into."""
    root = element.get_root()
    if not isinstance(root, Figure):
        msg = f"{type(element).__name__} renders only on a map that is on a page"
        raise TypeError(msg)
    return root


def add_data_and_call(element: Element, data_json: str, call: str) -> None:
    """Put ``data_json`` in the page as a JSON script element, and ``call`` in the page's script.

    ``call`` is a template: ``{name}`` is the element's name, ``{parent}`` its parent's, and
    ``{data}`` the data, parsed by ``JSON.parse`` (far faster than a JavaScript literal of megabytes).
    """
    figure, name = page_of(element), element.get_name()
    data = f'<script type="application/json" id="{name}">{data_json}</script>\n'
    figure.html.add_child(RawScript(data), name=f"{name}_data")
    parsed = f"JSON.parse(document.getElementById({name!r}).textContent)"
    text = call.format(name=name, parent=parent_name(element), data=parsed)
    figure.script.add_child(RawScript(text), name=name)


def parent_name(element: Element) -> str:
    """The JavaScript name of the element's parent (the map or layer it is added to)."""
    if element._parent is None:
        msg = f"{type(element).__name__} renders only once added to a map or layer"
        raise TypeError(msg)
    name: str = element._parent.get_name()
    return name
