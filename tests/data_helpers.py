"""What the bundled layers hold, read from their files: tests derive counts and ids from here.

A test that needs "how many features" or "how many checks" reads it from the data instead of
writing today's number, so adding a feature or a claim to ``layers/`` touches the data only.
The files are read as JSON (not through :class:`geo.Atlas`), so a count is the data's, not the
code's under test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.atlas import BUNDLED_LAYERS

POLYGON_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class LayerFile:
    """One layer file: its collection's name and its features (as GeoJSON dicts)."""

    path: Path
    name: str
    features: list[dict[str, Any]]
    claims: list[dict[str, Any]]


@dataclass(frozen=True)
class BundledData:
    """The layers folder's features, stated figures and claims, as the files hold them."""

    layers: list[LayerFile]
    claims: list[dict[str, Any]]  # claims.json's, then each layer file's, in reading order

    @property
    def features(self) -> list[dict[str, Any]]:
        """Every feature of every layer file, in file order."""
        return [feature for layer in self.layers for feature in layer.features]

    @property
    def ids(self) -> list[str]:
        """The features' ids."""
        return [feature["properties"]["id"] for feature in self.features]

    @property
    def polygon_ids(self) -> list[str]:
        """The ids of the (multi)polygon features."""
        return [f["properties"]["id"] for f in self.features if f["geometry"]["type"] in POLYGON_TYPES]

    @property
    def stated_figures(self) -> int:
        """How many stated figures the features carry (one area check each)."""
        return sum(len(f["properties"].get("stated") or []) for f in self.features)

    @property
    def checks(self) -> int:
        """How many checks ``gba-atlas check`` reports: one per stated figure and per claim."""
        return self.stated_figures + len(self.claims)


def read_layers(folder: Path = BUNDLED_LAYERS) -> BundledData:
    """Read a layers folder's ``*.geojson`` files and ``claims.json`` as JSON."""
    layers = []
    for path in sorted(folder.glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = data.get("name") or path.stem
        layers.append(LayerFile(path, name, list(data["features"]), list(data.get("claims") or [])))
    claims_file = folder / "claims.json"
    claims = json.loads(claims_file.read_text(encoding="utf-8"))["claims"] if claims_file.is_file() else []
    return BundledData(layers, [*claims, *(c for layer in layers for c in layer.claims)])


#: The bundled layers, read once when a test module imports this.
BUNDLED = read_layers()
