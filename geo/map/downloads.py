"""The panel's "Data" downloads: the features in the layer format and the checks as CSV, as page data.

The page builds both files itself (``static/js/downloads.js``), from one JSON payload:

* ``geojson``: every feature of the map's layers as **one** layer in the layer format, made by
  the function that writes layer files (:func:`geo.io.layer_file.layer_collection`), with every
  claim in its ``claims`` member. Saved alone in a folder, ``Atlas.load`` reads it back with the
  same features, stated figures and report. Layers drawn in bulk (:func:`geo.map.bulk.is_bulk`)
  are left out, with the claims that name their features: the page holds them only as drawing
  data, and they would double its size; ``left_out`` names them.
* ``csv``: in each language, the header and the rows of ``gba-atlas check --format csv``
  (:func:`geo.report.csv_rows`). Text from the data stays a string, which the page escapes and
  neutralises as :func:`geo.text_safety.csv_cell` does; any other value travels as
  ``{"raw": text}``, written as Python's ``csv`` writes it (``87.0``, ``-0.0``, ``True``), so the
  page writes the same bytes as the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branca.element import MacroElement

from geo.i18n import LANGUAGES
from geo.io.claims_file import claim_data
from geo.io.layer_file import layer_collection
from geo.map.bulk import is_bulk
from geo.map.page_script import add_data_and_call
from geo.map.text import script_json
from geo.model import Claim, Layer, Report, Story
from geo.report import CSV_FIELDS, csv_header, csv_rows


def csv_value(value: Any) -> str | dict[str, str]:
    """A CSV cell for the page: text as it is (the page makes it safe), else what ``csv`` writes.

    Parameters
    ----------
    value : object
        A cell of the area report.

    Returns
    -------
    str or dict
        Text as it is, ``""`` for None, else ``{"raw": text}`` (a value the page writes unchanged).

    >>> csv_value("=1+2"), csv_value(87.0), csv_value(-0.0), csv_value(True), csv_value(None)
    ('=1+2', {'raw': '87.0'}, {'raw': '-0.0'}, {'raw': 'True'}, '')
    """
    if isinstance(value, str):
        return value
    return "" if value is None else {"raw": str(value)}


def csv_table(report: Report, lang: str) -> dict[str, Any]:
    """The header and the rows of the CSV report in ``lang``, each row's cells in :data:`CSV_FIELDS` order.

    Parameters
    ----------
    report : Report
        The area checks.
    lang : str
        The language tag.

    Returns
    -------
    dict
        ``header`` (the column names in ``lang``) and ``rows`` (lists of :func:`csv_value` cells).
    """
    rows = csv_rows(report, lang=lang)
    return {
        "header": csv_header(lang),
        "rows": [[csv_value(row.get(field)) for field in CSV_FIELDS] for row in rows],
    }


def features_layer(layers: Sequence[Layer], claims: Sequence[Claim], story: Story) -> Layer:
    """Every feature of the layers not drawn in bulk as one layer, carrying the claims about them.

    Parameters
    ----------
    layers : sequence of Layer
        The map's layers.
    claims : sequence of Claim
        The claims checked.
    story : Story
        The map's story (the layer's name).

    Returns
    -------
    Layer
        One layer of every feature drawn one by one (bulk layers left out).
    """
    kept = [layer for layer in layers if not is_bulk(layer)]
    features = tuple(f for layer in kept for f in layer)
    ids = {f.id for f in features}
    about = tuple(claim_data(c) for c in claims if set(c.feature_ids) <= ids)
    return Layer(story.title, features, description=story.description, claims_data=about)


def downloads_payload(
    layers: Sequence[Layer], claims: Sequence[Claim], report: Report, story: Story
) -> dict[str, Any]:
    """The data the page builds its downloads from: ``geojson``, ``csv`` by language, ``left_out``.

    Parameters
    ----------
    layers : sequence of Layer
        The map's layers.
    claims : sequence of Claim
        The claims checked.
    report : Report
        The area checks and claim verdicts.
    story : Story
        The map's story.

    Returns
    -------
    dict
        ``geojson`` (the features and claims), ``csv`` (:func:`csv_table` by language) and
        ``left_out`` (the names of the bulk layers the downloads leave out).
    """
    return {
        "geojson": layer_collection(features_layer(layers, claims, story)),
        "csv": {lang: csv_table(report, lang) for lang in LANGUAGES},
        "left_out": [layer.name for layer in layers if is_bulk(layer)],
    }


class Downloads(MacroElement):
    """The downloads' data in the page, handed to ``gbaAtlas.setDownloads(map, data)`` before the panel.

    Parameters
    ----------
    payload : dict
        ``geojson``, ``csv`` (each by language) and ``left_out``, from :func:`downloads_payload`.
    """

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Downloads"
        if {"geojson", "csv", "left_out"} - payload.keys():
            msg = f"Downloads needs geojson, csv and left_out, not {sorted(payload)}"
            raise ValueError(msg)
        self.data_json = script_json(payload)

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The data as a JSON script element, and the call that hands it to the page.

        Parameters
        ----------
        **kwargs
            branca's render arguments, passed on.
        """
        add_data_and_call(self, self.data_json, "gbaAtlas.setDownloads({parent}, {data});\n")
