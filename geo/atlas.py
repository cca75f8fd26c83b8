"""The Atlas: layers, claims, their checks and the map, as one object for notebooks and the CLI.

>>> from geo import Atlas
>>> atlas = Atlas.load()
>>> [layer.name for layer in atlas.layers]
['Hetao zone', 'Greater Bay Area platforms']
>>> atlas.check().query("check == 'area'").ok.all()
np.True_
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.api_boundary import api_boundary
from geo.article.api import ArticleChecks
from geo.atlas_views import AtlasViews
from geo.errors import LayerError, OutputExistsError, Problem
from geo.i18n import check_language
from geo.inputs import checked_arguments, input_layer, output_path, unknown_stated
from geo.io.atomic import atomic_write_bytes, atomic_write_text
from geo.io.claims_file import folder_claims, layer_claims
from geo.io.export import export_atlas, export_driver, feature_table
from geo.io.layer_file import BUNDLED_LAYERS, default_layers_dir, layer_geojson, load_layers
from geo.io.metadata_file import STORY_FILE, read_story
from geo.model import Claim, Feature, Layer, Report, Story, features_by_id
from geo.report import CSV_FIELDS, csv_rows
from geo.validation import duplicate_ids
from geo.validation.values import unsavable
from geo.verify import verify

__all__ = ["BUNDLED_LAYERS", "Atlas", "default_layers_dir"]

if TYPE_CHECKING:
    import geopandas
    import pandas

    from geo.notebook.widget import AtlasWidget


@dataclass(repr=False)
class Atlas(AtlasViews, ArticleChecks):
    """Layers and the claims about them. Start with :meth:`load`.

    ``story`` is the map's title, description and article (a folder's ``atlas.json``);
    without one the map gets a neutral title built from the layers' names.
    """

    layers: list[Layer] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    story: Story | None = None
    _claim_files: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Where each claim id came from (claims.json, a layer), so a second use can say where the first is."""
    _added: str | None = field(default=None, init=False, compare=False)
    """The layer added last with :meth:`add_layer`: what the map and the figure open on by default."""
    _widgets: list[weakref.ref[AtlasWidget]] = field(default_factory=list, init=False, compare=False)
    """The open widgets of :meth:`explore`, redrawn when a layer is added."""

    @classmethod
    @api_boundary
    def load(cls, directory: str | Path | None = None) -> Atlas:
        """Read every layer of a folder, its ``claims.json``, the claims layers carry, and its ``atlas.json``.

        Parameters
        ----------
        directory : str or Path, optional
            The layers folder; by default :func:`default_layers_dir`.

        Returns
        -------
        Atlas
            The atlas, its story ``atlas.json``'s or one built from its layers' names.

        Raises
        ------
        LayerError, ClaimError, StoryError
            Listing every problem found, one per line.
        """
        directory = Path(directory) if directory is not None else default_layers_dir()
        layers = load_layers(directory)
        used: dict[str, str] = {}  # every claim id read so far, to its file: a later source cannot reuse one
        claims = folder_claims(directory, layers, used)
        story = read_story(directory / STORY_FILE, layers=layers)
        atlas = cls(layers=layers, claims=claims, story=story)
        atlas._claim_files.update(used)
        return atlas

    @property
    def features(self) -> Mapping[str, Feature]:
        """Every feature of every layer, by id."""
        return features_by_id(self.layers)

    def layer(self, name: str) -> Layer:
        """The layer called ``name``; a ``KeyError`` naming the layers there are otherwise.

        Parameters
        ----------
        name : str
            The layer's name.

        Returns
        -------
        Layer
            The layer.
        """
        for layer in self.layers:
            if layer.name == name:
                return layer
        msg = f"no layer named {name!r}; the layers are {[layer.name for layer in self.layers]}"
        raise KeyError(msg)

    @api_boundary
    def add_layer(
        self,
        data: Any,
        *,
        name: str | None = None,
        stated: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        claims: Sequence[Mapping[str, Any]] | None = None,
    ) -> Atlas:
        """Add a layer, validated exactly like a layer file.

        Parameters
        ----------
        data : GeoDataFrame, str, Path, dict or object with ``__geo_interface__``
            Features with ``id`` and ``name`` columns or properties (and optionally
            the other properties of the layer format): a GeoJSON file, a
            FeatureCollection or Feature dict (tuples as shapely's ``mapping()``
            gives them are fine), or a GeoDataFrame. A GeoDataFrame in another CRS
            is reprojected to WGS84; one without a CRS is accepted, with an
            :class:`~geo.errors.AtlasWarning`, only when its coordinates are
            plausible longitude/latitude.
        name : str, optional
            The layer's name; by default the file's ``name`` member, or "Added layer N".
        stated : mapping of feature id to list of stated figures, optional
            Stated figures to add to those the features carry.
        claims : list of claim dicts, optional
            Claims about the new features (and any other), in the claims format.

        Returns
        -------
        Atlas
            This atlas, so calls can be chained.

        Raises
        ------
        LayerError, ClaimError
            As for a layer file (an empty layer too); the atlas is unchanged.
        ArgumentTypeError
            A ``TypeError`` naming the argument, when one is of the wrong type.

        Examples
        --------
        >>> atlas = Atlas.load()
        >>> square = {"type": "Feature", "properties": {"id": "my_square", "name": "My square"},
        ...           "geometry": {"type": "Polygon", "coordinates": [[[114.0, 22.4], [114.01, 22.4],
        ...                        [114.01, 22.41], [114.0, 22.41], [114.0, 22.4]]]}}
        >>> atlas.add_layer(square, name="Mine").layer("Mine").features[0].id
        'my_square'
        >>> atlas.add_layer(square, name="Again")
        Traceback (most recent call last):
        ...
        geo.errors.LayerError: <Again>: feature 'my_square': id 'my_square' is already used in <Mine>; ...
        """
        name, stated, claims = checked_arguments(
            name=name, stated=stated, claims=claims, default_name=f"Added layer {len(self.layers) + 1}"
        )
        if any(layer.name == name for layer in self.layers):
            problem = Problem(f"<{name}>", "", f"a layer named {name!r} exists already", "pass another name=")
            raise LayerError([problem])
        layer = input_layer(data, name=name, stated=stated, claims=claims)
        problems = unknown_stated(stated, layer, label=f"<{name}>") + duplicate_ids([*self.layers, layer])
        if problems:
            raise LayerError(problems)
        used = self._claim_sources()
        everyone = features_by_id([*self.layers, layer]) if layer.claims_data else {}  # only claims need it
        new_claims = layer_claims(layer, everyone, used)
        self.layers.append(layer)
        self.claims.extend(new_claims)
        self._claim_files.update(used)
        self._added = layer.name
        self._refresh_widgets()
        return self

    def _claim_sources(self) -> dict[str, str]:
        """Every claim id of the atlas, to where it came from."""
        return {claim.id: self._claim_files.get(claim.id, "the atlas's claims") for claim in self.claims}

    @api_boundary
    def report(self) -> Report:
        """Check every stated figure and every claim."""
        return verify(self.layers, self.claims)

    @api_boundary
    def check(self) -> pandas.DataFrame:
        """The same rows as ``python -m geo check --format csv``: one per stated figure, then per claim.

        Columns: check ("area" or "claim"), id, name, stated, stated_ha, computed_ha,
        deviation_pct (positive when the polygon is larger), tolerance_pct, ok,
        source, source_url, sentence (a claim's, from the article), detail. In a notebook the
        table shows failing rows marked (colour and ✗), units in the headers and long text
        wrapped (:func:`geo.notebook.display.check_styler`); it is a DataFrame for everything else.
        """
        from geo.notebook.display import CheckTable

        return CheckTable(csv_rows(self.report()), columns=list(CSV_FIELDS))

    @api_boundary
    def save_layer(self, name: str, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write one layer in the layer format, so ``make map`` picks it up from ``layers/``.

        Claims added with the layer travel inside the file (its ``claims`` member).
        A name ending in ``.parquet`` writes GeoParquet instead (stated figures as
        JSON text, the layer's name, description and claims in the file's metadata).

        Parameters
        ----------
        name : str
            The layer's name.
        path : str or os.PathLike
            The file to write: a ``.geojson`` layer file, or ``.parquet``.
        overwrite : bool
            Write over an existing file.

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        OutputExistsError
            When ``path`` exists and ``overwrite`` is not set.
        LayerError
            When the layer holds a value strict JSON cannot hold (NaN, Infinity); nothing is written.
        """
        path = output_path(path, call="Atlas.save_layer")
        if path.exists() and not overwrite:
            msg = f"{path} exists already; pass overwrite=True to replace it"
            raise OutputExistsError(msg)
        layer = self.layer(name)
        problems = unsavable(layer)
        if problems:
            raise LayerError(problems)
        if path.suffix.lower() == ".parquet":
            from geo.io.parquet_write import layer_parquet  # pyarrow's writer, loaded only to write one

            return atomic_write_bytes(path, layer_parquet(layer))
        return atomic_write_text(path, layer_geojson(layer))

    @api_boundary
    def export(self, path: str | Path, *, overwrite: bool = True, lang: str = "en") -> Path:
        """Export every feature with its measures: ``.gpkg``, ``.geojson``, ``.parquet``, ``.csv``, ``.fgb``.

        One row per feature (id, name, name_zh, kind, layer, area_ha, perimeter_km, length_km,
        digitized_from, stated as JSON text, WGS84 geometry with counter-clockwise exteriors); a
        GeoPackage (1.2) has one layer per layer and geometry type and the tables stated_figures,
        area_checks and claims, texts in ``lang`` (:mod:`geo.io.export`). As ``gba-atlas export``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write; its ending chooses the format.
        overwrite : bool
            Write over an existing file (the default).
        lang : str
            The language of the texts of a GeoPackage's tables.

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        EmptyAtlasError, ExportFormatError
            No feature to export; a name whose ending is none of those (a ``ValueError``).
        """
        self._require_features("export", "export")
        path = output_path(path, call="Atlas.export")
        export_driver(path)
        check_language(lang)
        if path.exists() and not overwrite:
            msg = f"{path} exists already; pass overwrite=True to replace it"
            raise OutputExistsError(msg)
        return export_atlas(path, self.layers, self.claims, self.report(), story=self.story, lang=lang)

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """Every feature as a row with its geodesic measures (area_ha, perimeter_km or length_km)."""
        return feature_table(self.layers)
