"""Putting our script into the page as it is: data as JSON script elements, and calls that use it.

branca compiles what a MacroElement renders as a new Jinja template; what goes through here never
does, so data can neither be evaluated as a template nor cost a compile of megabytes of coordinates.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement


class RawScript(Element):
    """Script text added to the page as it is.

    branca compiles what a MacroElement renders as a new Jinja template; data never
    goes through that, so it can neither be evaluated as a template nor cost a
    compile of megabytes of coordinates.

    Parameters
    ----------
    text : str
        The script, added as it is (never compiled as a template).
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The script text, as it is.

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.

        Returns
        -------
        str
            The text.
        """
        return self.text


def page_of(element: Element) -> Figure:
    """The page (branca's Figure) an element renders into.

    Parameters
    ----------
    element : branca.element.Element
        An element on a page.

    Returns
    -------
    branca.element.Figure
        Its root.

    Raises
    ------
    TypeError
        If the element is not on a page.
    """
    root = element.get_root()
    if not isinstance(root, Figure):
        msg = f"{type(element).__name__} renders only on a map that is on a page"
        raise TypeError(msg)
    return root


def add_data_and_call(element: Element, data_json: str, call: str) -> None:
    """Put ``data_json`` in the page as a JSON script element, and ``call`` in the page's script.

    ``call`` is a template: ``{name}`` is the element's name, ``{parent}`` its parent's, and
    ``{data}`` the data, parsed by ``JSON.parse`` (far faster than a JavaScript literal of megabytes).

    Parameters
    ----------
    element : branca.element.Element
        The element, on a map on a page.
    data_json : str
        JSON made safe for ``<script>`` (:func:`geo.map.text.script_json`).
    call : str
        The call's template.
    """
    figure, name = page_of(element), element.get_name()
    data = f'<script type="application/json" id="{name}">{data_json}</script>\n'
    figure.html.add_child(RawScript(data), name=f"{name}_data")
    parsed = f"JSON.parse(document.getElementById({name!r}).textContent)"
    text = call.format(name=name, parent=parent_name(element), data=parsed)
    figure.script.add_child(RawScript(text), name=name)


def parent_name(element: Element) -> str:
    """The JavaScript name of the element's parent (the map or layer it is added to).

    Parameters
    ----------
    element : branca.element.Element
        An element added to a map or layer.

    Returns
    -------
    str
        The parent's name, e.g. ``map_00000005``.

    Raises
    ------
    TypeError
        If the element has no parent.
    """
    if element._parent is None:
        msg = f"{type(element).__name__} renders only once added to a map or layer"
        raise TypeError(msg)
    name: str = element._parent.get_name()
    return name


#: What Jinja would read as a template in a text (or rewrite: it turns ``\r\n`` into ``\n``).
_JINJA_MARKS = ("{{", "{%", "{#", "\r")


def add_header_as_is(element: MacroElement, kwargs: dict[str, Any]) -> bool:
    """Put the element's ``header`` macro into the page's header without compiling it again.

    branca adds what a macro renders as a new template, compiled and rendered once more: for
    text with nothing Jinja reads that renders the text itself, bar one final newline. Such
    text is added as it is (the same bytes, without a compile of the 100 KB of our script);
    other text is left to branca.

    Returns
    -------
    bool
        Whether the header was added; False when the element has to render as branca renders it.

    Parameters
    ----------
    element : branca.element.MacroElement
        An element with a ``header`` macro.
    kwargs : dict
        branca's render arguments.
    """
    header = element._template.module.__dict__.get("header")
    if header is None or element._children:
        return False
    text = str(header(element, kwargs))
    if any(mark in text for mark in _JINJA_MARKS):
        return False
    page_of(element).header.add_child(RawScript(text.removesuffix("\n")), name=element.get_name())
    return True
