"""The page's own stylesheet and script (``static/``): its parts in order, minified, inlined in the header."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import rcssmin
import rjsmin
from branca.element import MacroElement
from jinja2 import Template

from geo.map.page_script import add_header_as_is
from geo.map.script_order import script_order

STATIC = files("geo.map") / "static"


def _inlinable(text: str, where: str) -> str:
    """``text``, refused if it holds what would break the page once inlined in its header."""
    # Inlined in a <script> or <style>, and compiled by branca as a Jinja template once more.
    if any(end in text.lower() for end in ("</script", "</style")) or any(
        mark in text for mark in ("{{", "{%", "{#")
    ):
        msg = f"{where} holds '</script', '</style' or a Jinja delimiter, which would break the page"
        raise ValueError(msg)
    return text


def script_parts() -> tuple[str, ...]:
    """The parts of the page script (``static/js/*.js``), in the order they are joined.

    Returns
    -------
    tuple of str
        File names, each after the files its ``@requires`` line names, ties by name
        (:func:`geo.map.script_order.script_order`): every build writes the same script.

    Raises
    ------
    ValueError
        If a part requires a file that does not exist, or the declarations form a cycle.
    """
    folder = STATIC / "js"
    texts = {
        part.name: part.read_text(encoding="utf-8") for part in folder.iterdir() if part.name.endswith(".js")
    }
    return script_order(texts, folder="static/js/")


def atlas_script() -> str:
    """The page script: the parts of :func:`script_parts` joined in their order, each headed by its name."""
    parts = []
    for name in script_parts():
        text = _inlinable((STATIC / "js" / name).read_text(encoding="utf-8"), f"static/js/{name}")
        parts.append(f"/* static/js/{name} */\n{text.rstrip()}\n")
    return "".join(parts)


def minified_script() -> str:
    """The page script as the page carries it: :func:`atlas_script` minified (rjsmin).

    Comments and the whitespace JavaScript does not need are dropped (about 40 % of the
    bytes); names and statements stay as written, and the same script gives the same bytes.
    """
    return _inlinable(rjsmin.jsmin(atlas_script()), "the minified page script")


def minified_css() -> str:
    """The page's stylesheet (``static/atlas.css``) as the page carries it, minified (rcssmin)."""
    css = _inlinable((STATIC / "atlas.css").read_text(encoding="utf-8"), "static/atlas.css")
    return _inlinable(rcssmin.cssmin(css), "the minified static/atlas.css")


class AtlasScript(MacroElement):
    """The page's own stylesheet and script (``static/``), minified and inlined in the header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasScript"
        self.css = minified_css()
        self.js = minified_script()

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The stylesheet and script in the header as they are (branca would compile them as a template).

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.
        """
        if not add_header_as_is(self, kwargs):
            super().render(**kwargs)
