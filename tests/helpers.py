"""Small builders shared by the tests: a valid feature, stated figure and layer to break."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.model import Layer

#: A 1 km-ish square near the Lok Ma Chau Loop, counter-clockwise.
SQUARE = [[114.06, 22.50], [114.07, 22.50], [114.07, 22.51], [114.06, 22.51], [114.06, 22.50]]

SOURCE = {
    "title": "A plan",
    "issuer": "A government",
    "date": "2023-08-29",
    "url": "https://example.org/plan",
}


def stated(**changes: Any) -> dict[str, Any]:
    figure = {
        "as_stated": "about 114 hectares",
        "value": 114,
        "unit": "ha",
        "hectares": 114,
        "about": True,
        "tolerance_pct": 2.0,
        "rationale": "A test figure.",
        "source": dict(SOURCE),
    }
    figure.update(changes)
    return figure


def feature(fid: str = "test_square", coords: Any = None, **props: Any) -> dict[str, Any]:
    properties = {"id": fid, "name": fid.replace("_", " ").title(), "stated": [stated()]}
    properties.update(props)
    geometry = {"type": "Polygon", "coordinates": [copy.deepcopy(coords or SQUARE)]}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features: dict[str, Any], **members: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features or [feature()]), **members}


def square_claim() -> dict[str, Any]:
    """A claim about the test square: its total area is the stated figure."""
    return {
        "id": "sq",
        "claim": "Square is big",
        "sentence": "s",
        "test": "total_area",
        "features": ["test_square"],
        "stated": stated(),
    }


def write(path: Path, data: Any) -> Path:
    """Write JSON (or, given str or bytes, the text or bytes as they are)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` in a subprocess, its output decoded as UTF-8."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], capture_output=True, text=True, env=env, check=False
    )


def read_layer(path: str | Path) -> Layer:
    """Read one layer file (GeoJSON or GeoParquet) as a layers folder's files are read.

    Parameters
    ----------
    path : str or Path
        A ``.geojson`` or ``.parquet`` layer file.

    Returns
    -------
    Layer
        The layer, named by the file's ``name`` member or its stem.

    Raises
    ------
    LayerError
        Listing every problem in the file, as :func:`geo.io.layer_file.load_layers` would.
    """
    from geo.errors import LayerError
    from geo.io.layer_file import _read, collector_paused
    from geo.validation.collection import duplicate_ids

    with collector_paused():
        layer, problems = _read(Path(path))
    if layer is None:
        raise LayerError(problems)
    problems = duplicate_ids([layer])
    if problems:
        raise LayerError(problems)
    return layer
