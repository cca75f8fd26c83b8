"""The atlas as a GeoPackage that QGIS opens cleanly: one spatial layer per layer and geometry type.

Tables written (all linked by feature id):

- ``<layer>_polygons``, ``<layer>_lines``, ``<layer>_points``: one spatial layer per
  atlas layer and kind of geometry (single and multi-part together, promoted to
  multi-part when they mix), WGS84: id, name, name_zh, kind, layer, the geodesic
  measures (area_ha and perimeter_km, or length_km), digitized_from.
- ``stated_figures``: one row per stated figure (``feature_id``, the figure, its source).
- ``area_checks``: one row per stated figure held against the computed area.
- ``claims``: one row per claim with its verdict; ``features`` lists the feature ids, comma-separated.

The file is written whole to a temporary file beside the target (``.<stem>.<hex>.gpkg``), then renamed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo.errors import OutputError
from geo.io.export import ccw, measures
from geo.io.output_errors import output_error
from geo.model import AreaCheck, Claim, Feature, Layer, Report

#: The GeoPackage version written: what GDAL 3.6 (Debian 12, QGIS 3.22) opens without a warning and
#: GDAL's validate_gpkg.py passes (a 1.4 file lacks the rtree triggers its Req 75 asks for).
GPKG_VERSION = "1.2"

#: Geometry kinds: the suffix of the spatial layer, for each geometry type.
KINDS = {
    "Polygon": "polygons",
    "MultiPolygon": "polygons",
    "LineString": "lines",
    "MultiLineString": "lines",
    "Point": "points",
    "MultiPoint": "points",
}

STATED_COLUMNS = (
    "feature_id", "as_stated", "value", "unit", "hectares", "about", "tolerance_pct", "rationale",
    "source_title", "source_issuer", "source_date", "source_url",
)  # fmt: skip
AREA_CHECK_COLUMNS = (
    "feature_id", "stated", "stated_ha", "computed_ha", "deviation_pct", "tolerance_pct", "ok",
)  # fmt: skip
CLAIM_COLUMNS = ("id", "claim", "sentence", "test", "ok", "detail", "features")

#: The non-spatial tables: name, title (the GeoPackage identifier) and description.
TABLES = {
    "stated_figures": ("Stated figures", "Officially stated areas of the features, with their sources"),
    "area_checks": ("Area checks", "Each stated figure against the feature's geodesic area"),
    "claims": ("Claims", "Spatial claims about the features and whether they hold"),
}


def write_geopackage(
    path: str | Path, layers: Sequence[Layer], claims: Sequence[Claim], report: Report, *, lang: str = "en"
) -> Path:
    """Write the layers, their stated figures, area checks and claims to a GeoPackage at ``path``.

    The file is GeoPackage 1.2 (:data:`GPKG_VERSION`); the claims' texts are in ``lang``.

    Parameters
    ----------
    path : str or Path
        The file to write.
    layers : sequence of Layer
        The layers, one table per layer and geometry kind.
    claims : sequence of Claim
        The claims, as a table.
    report : Report
        The checks' results, as tables.
    lang : str
        The language of the claims' texts (``"en"``, ``"zh-Hant"``, ``"zh-Hans"``).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        When the file cannot be written; ``path`` is then as it was.
    """
    import pyogrio

    path = Path(path)
    temp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.gpkg")  # GDAL wants the .gpkg ending
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for name, frame, options in geopackage_tables(layers, claims, report, lang=lang):
            multi = frame.geom_type.str.startswith("Multi").any() if "geometry" in frame else False
            pyogrio.write_dataframe(
                frame,
                temp,
                layer=name,
                driver="GPKG",
                promote_to_multi=bool(multi),
                layer_options=options,
                dataset_options={"VERSION": GPKG_VERSION},
            )
        os.replace(temp, path)
    except OSError as error:
        raise output_error(path, error) from error
    except Exception as error:  # GDAL's own errors (pyogrio.errors.*), not OSErrors
        raise OutputError(path, str(error), "check the path, or write somewhere else") from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return path


def geopackage_tables(
    layers: Sequence[Layer], claims: Sequence[Claim], report: Report, *, lang: str = "en"
) -> Iterator[tuple[str, Any, dict[str, str]]]:
    """Every table of the GeoPackage: its name, its (Geo)DataFrame and its GDAL layer options.

    Parameters
    ----------
    layers : sequence of Layer
        The layers.
    claims : sequence of Claim
        The claims.
    report : Report
        The checks' results.
    lang : str
        The language of the claims' texts.

    Yields
    ------
    (name, frame, options)
        Each table's name, its (Geo)DataFrame and its GDAL layer creation options.
    """
    import geopandas as gpd
    import pandas as pd

    used: set[str] = set(TABLES)
    for layer in layers:
        base = _unique(table_name(layer.name), used)
        for kind, features in _by_kind(layer).items():
            name = _unique(f"{base}_{kind}", used)
            records = [_feature_row(feature, kind) for feature in features]
            frame = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
            title = f"{layer.name} ({kind})"
            yield name, frame, {"IDENTIFIER": title, "DESCRIPTION": layer.description or title}
    tables = {
        "stated_figures": (STATED_COLUMNS, list(_stated_rows(layers))),
        "area_checks": (AREA_CHECK_COLUMNS, [_area_row(a) for a in report.areas]),
        "claims": (CLAIM_COLUMNS, _claim_rows(claims, report, lang=lang)),
    }
    for name, (columns, rows) in tables.items():
        title, description = TABLES[name]
        options = {"IDENTIFIER": title, "DESCRIPTION": description}
        yield name, pd.DataFrame(rows, columns=list(columns)), options


def table_name(layer_name: str) -> str:
    """A layer's name as a GeoPackage table name: lowercase ASCII words joined by ``_``.

    Parameters
    ----------
    layer_name : str
        The layer's name, in any script.

    Returns
    -------
    str
        The table name (``layer`` when nothing ASCII is left).

    Examples
    --------
    >>> table_name("Greater Bay Area platforms")
    'greater_bay_area_platforms'
    >>> table_name("河套")
    'layer'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", layer_name.lower()).strip("_")
    return slug if slug and not slug[0].isdigit() else f"layer_{slug}".rstrip("_")


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}_{number}", number + 1
    used.add(candidate)
    return candidate


def _by_kind(layer: Layer) -> dict[str, list[Feature]]:
    kinds: dict[str, list[Feature]] = {}
    for feature in layer:
        kinds.setdefault(KINDS.get(feature.geometry.geom_type, "geometries"), []).append(feature)
    return kinds


def _feature_row(feature: Feature, kind: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": feature.id,
        "name": feature.name,
        "name_zh": feature.name_zh,
        "kind": feature.kind,
        "layer": feature.layer,
    }
    kept = {"polygons": ("area_ha", "perimeter_km"), "lines": ("length_km",)}.get(kind, ())
    row |= {name: value for name, value in measures(feature).items() if name in kept}
    return row | {"digitized_from": feature.digitized_from, "geometry": ccw(feature.geometry)}


def _stated_rows(layers: Sequence[Layer]) -> Iterator[tuple[Any, ...]]:
    for layer in layers:
        for feature in layer:
            for s in feature.stated:
                source = s.source
                yield (
                    feature.id, s.as_stated, s.value, s.unit, s.hectares, s.about, s.tolerance_pct,
                    s.rationale, source.title, source.issuer, source.date, source.url,
                )  # fmt: skip


def _area_row(check: AreaCheck) -> tuple[Any, ...]:
    return (
        check.id, check.stated, check.stated_ha, check.computed_ha, check.deviation_pct,
        check.tolerance_pct, check.ok,
    )  # fmt: skip


def _claim_rows(claims: Sequence[Claim], report: Report, *, lang: str) -> list[tuple[Any, ...]]:
    tests = {claim.id: claim.test for claim in claims}
    return [
        (c.id, c.claim_in(lang), c.sentence, tests.get(c.id), c.ok, c.detail_in(lang), ",".join(c.features))
        for c in report.claims
    ]
