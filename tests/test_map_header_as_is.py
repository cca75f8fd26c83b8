"""A header added as it is renders the same bytes branca's compile-and-render gives."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.map.elements import AtlasScript
from geo.map.ids import stabilise_ids
from geo.map.page_script import add_header_as_is


class Header(MacroElement):
    _template = Template("{% macro header(this, kwargs) %}<script>{{ this.text }}</script>\n{% endmacro %}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Header"
        self.text = text


class HeaderAsIs(Header):
    def render(self, **kwargs):
        if not add_header_as_is(self, kwargs):
            super().render(**kwargs)


def page(element: MacroElement) -> str:
    m = folium.Map()
    element.add_to(m)
    stabilise_ids(m.get_root())  # the same names in both pages
    html: str = m.get_root().render()
    return html


def test_atlas_script_renders_as_branca_renders_it():
    ours, theirs = AtlasScript(), AtlasScript()
    theirs.render = lambda **kwargs: MacroElement.render(theirs, **kwargs)  # branca's way
    assert page(ours) == page(theirs)
    assert ours.js in page(ours)


def test_plain_text_is_added_as_it_is():
    text = "var a = {b: 1};\nif (a) { a.b = 2; }\n"
    assert page(HeaderAsIs(text)) == page(Header(text))
    m = folium.Map()
    element = HeaderAsIs(text).add_to(m)
    assert add_header_as_is(element, {}) is True


def test_text_jinja_would_read_is_left_to_branca():
    for text in ["{{ 1 + 1 }}", "{# a comment #}x", "a\r\nb", "{% if true %}y{% endif %}"]:
        m = folium.Map()
        element = HeaderAsIs(text).add_to(m)
        assert add_header_as_is(element, {}) is False, text
        assert page(HeaderAsIs(text)) == page(Header(text)), text
    assert "<script>2</script>" in page(HeaderAsIs("{{ 1 + 1 }}"))
