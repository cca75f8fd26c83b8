"""The map's view kept in the page's URL (``#c=…&z=…``): a link opens the map as it was left.

The page script (``static/js/permalink.js``) reads and writes the fragment; this element
hands it the ids of the panel's layer rows and their overlays, so that a link can say which
rows are switched off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branca.element import MacroElement

from geo.map.elements import AtlasCall
from geo.map.page_script import RawScript, page_of, parent_name


class Permalink(AtlasCall):
    """Keeps the view in the URL's fragment and restores it on opening (after the first view).

    Parameters
    ----------
    rows : sequence of str
        The id of each layer row of the panel, in the order of the rows.
    overlays : sequence of MacroElement
        The overlay of each row, in the same order.
    """

    function = "keepInUrl"

    def __init__(self, rows: Sequence[str], overlays: Sequence[MacroElement]) -> None:
        if len(rows) != len(overlays):
            msg = f"Permalink has {len(rows)} row ids but {len(overlays)} overlays"
            raise ValueError(msg)
        super().__init__({"rows": list(rows)})
        self.overlays = list(overlays)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """Add ``gbaAtlas.keepInUrl(map, {rows}, [overlays])`` to the page's script.

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.
        """
        names = ", ".join(overlay.get_name() for overlay in self.overlays)
        call = f"gbaAtlas.{self.function}({parent_name(self)}, {self.data_json}, [{names}]);\n"
        page_of(self).script.add_child(RawScript(call), name=self.get_name())
