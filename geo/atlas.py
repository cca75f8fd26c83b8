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
from geo.errors import (
    ArgumentValueError,
    EmptyAtlasError,
    LayerError,
    MissingDependencyError,
    OutputExistsError,
    Problem,
)
from geo.inputs import checked_arguments, input_layer, output_path, unknown_stated
from geo.inputs.views import checked_view
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
    import folium
    import geopandas
    import matplotlib.figure
    import pandas

    from geo.notebook.widget import AtlasWidget

#: A view as the notebook API takes it: a layer's name, a feature's id, or (west, south, east, north).
View = str | tuple[float, float, float, float]


@dataclass(repr=False)
class Atlas:
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

    def __repr__(self) -> str:
        """One line: the layers, features and claims, and the story's title."""
        from geo.notebook.display import summary_line

        return summary_line(self.layers, len(self.claims), self._shown_story())

    def _repr_html_(self) -> str:
        """A short card in a notebook: layers with feature counts, the checks holding and failing."""
        from geo.notebook.display import card_html

        return card_html(self.layers, self.report(), self._shown_story())

    @property
    def features(self) -> dict[str, Feature]:
        """Every feature of every layer, by id."""
        return features_by_id(self.layers)

    def layer(self, name: str) -> Layer:
        """The layer called ``name``; a ``KeyError`` naming the layers there are otherwise."""
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
        new_claims = layer_claims(layer, features_by_id([*self.layers, layer]), used)
        self.layers.append(layer)
        self.claims.extend(new_claims)
        self._claim_files.update(used)
        self._added = layer.name
        self._refresh_widgets()
        return self

    def _refresh_widgets(self) -> None:
        """Redraw every open widget of :meth:`explore` (those no longer referenced are dropped)."""
        alive = [(ref, widget) for ref in self._widgets if (widget := ref()) is not None]
        self._widgets[:] = [ref for ref, _ in alive]
        for _, widget in alive:
            widget.refresh()

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
        source, detail. In a notebook the table shows failing rows marked (colour and ✗),
        units in the headers and long text wrapped (:func:`geo.notebook.display.check_styler`);
        it is a DataFrame for everything else.
        """
        from geo.notebook.display import CheckTable

        return CheckTable(csv_rows(self.report()), columns=list(CSV_FIELDS))

    @api_boundary
    def to_map(self, *, view: View | None = None, embed: str = "full") -> folium.Map:
        """The interactive map, a ``folium.Map`` that shows inline in Jupyter (EmptyAtlasError when empty).

        Parameters
        ----------
        view : str or (west, south, east, north), optional
            Where the map opens: a layer's name, a feature's id, or bounds in degrees. By
            default the layer added last with :meth:`add_layer`, else the story's opening view.
        embed : {"full", "light"}
            How the notebook shows it: ``"full"`` inlines the scripts from the asset cache (about
            0.8 MB in the saved notebook; works offline), ``"light"`` links them (about 0.3 MB;
            needs the network to show).

        Raises
        ------
        ViewError
            When ``view`` names no layer or feature, or its bounds are not lon/lat degrees.
        """
        from geo.map import build_map
        from geo.map.atlas_map import EMBEDS

        self._require_features("to_map", "draw")
        if embed not in EMBEDS:
            what = f"must be one of {', '.join(map(repr, EMBEDS))}, not {embed!r}"
            raise ArgumentValueError(Problem("Atlas.to_map", "argument embed", what, 'pass embed="light"'))
        view = self._checked_view(view)
        story = self._shown_story()
        m = build_map(self.layers, self.report(), story=story, claims=self.claims, view=view)
        m.embed = embed
        return m

    @api_boundary
    def explore(self, *, view: View | None = None, height: int = 540) -> AtlasWidget:
        """The map as a live Jupyter widget: draw on it, and the shapes arrive in Python.

        ``widget.drawn`` is the drawn shapes' GeoJSON FeatureCollection, ``widget.drawn_gdf`` a
        GeoDataFrame of them with geodesic ``area_ha`` and ``perimeter_km``, and
        ``widget.on_draw(callback)`` calls back on every change. Adding a layer to the atlas
        redraws the widget. It needs ``anywidget`` (``pip install "gba-atlas[notebook]"``) and
        the map's scripts in the asset cache (else it says so above the map).

        Parameters
        ----------
        view : str or (west, south, east, north), optional
            Where the map opens, as for :meth:`to_map`.
        height : int
            The map's height in pixels, 200 to 2000.

        Returns
        -------
        AtlasWidget
        """
        self._require_features("explore", "draw")
        if isinstance(height, bool) or not isinstance(height, int) or not 200 <= height <= 2000:
            what = f"must be a whole number of pixels from 200 to 2000, not {height!r}"
            problem = Problem("Atlas.explore", "argument height", what, "pass e.g. height=540")
            raise ArgumentValueError(problem)
        view = self._checked_view(view)
        try:
            from geo.notebook.widget import AtlasWidget
        except ImportError as error:
            what = f"Atlas.explore needs anywidget, which is not installed ({error})"
            raise MissingDependencyError(f"{what}; fix: pip install 'gba-atlas[notebook]'") from None
        widget = AtlasWidget(self, view=view, height=height)
        self._widgets.append(weakref.ref(widget))
        return widget

    def _page_html(self, *, view: View | None, drawn_to_parent: bool) -> str:
        """The map page with its assets linked (the widget inlines them from the cache)."""
        from geo.map import build_map

        story = self._shown_story()
        m = build_map(
            self.layers, self.report(), story=story, claims=self.claims, view=view,
            drawn_to_parent=drawn_to_parent,
        )  # fmt: skip
        return str(m.get_root().render())

    def _shown_story(self) -> Story | None:
        """The story the map and figure tell: after :meth:`add_layer`, the layer added last."""
        if self._added is None:
            return self.story
        return Story.added(self.layer(self._added), self.story)

    def _checked_view(self, view: View | None) -> View | None:
        """``view`` as the map takes it, or :class:`ViewError` in the notebook API's words."""
        return checked_view(view, self.layers) if view is not None else self._added

    @api_boundary
    def figure(
        self,
        *,
        view: View | None = None,
        lang: str = "en",
        size: str = "180x120mm",
        dpi: int | None = None,
        table: bool = False,
    ) -> matplotlib.figure.Figure:
        """The static, print-ready map of ``gba-atlas figure``: a matplotlib ``Figure`` (inline in Jupyter).

        The options are the command's (README, "Publishing a figure"); :func:`geo.figure.figure_bytes`
        saves it with the same bytes every time. The base map comes from the asset cache (npm).

        Raises
        ------
        ViewError, FigureSizeError, FontError, AssetError, EmptyAtlasError
            One line each (see :func:`geo.figure.make_figure`).
        """
        from geo.figure import make_figure

        self._require_features("figure", "draw")
        view = self._checked_view(view)
        return make_figure(
            self.layers,
            self.report(),
            story=self._shown_story(),
            view=view,
            view_option="view",
            lang=lang,
            size=size,
            dpi=dpi,
            table=table,
        )

    @api_boundary
    def to_html(self, *, self_contained: bool = False) -> str:
        """The map as one HTML document; with ``self_contained``, every script and stylesheet inlined.

        An atlas without features has no map: :class:`~geo.errors.EmptyAtlasError`.
        """
        from geo.map import render_html

        self._require_features("to_html", "draw")
        layers, report, story = self.layers, self.report(), self.story
        return render_html(layers, report, story=story, self_contained=self_contained, claims=self.claims)

    @api_boundary
    def save_map(self, path: str | Path, *, self_contained: bool = True) -> Path:
        """Write the map as one HTML file (written whole or not at all).

        With ``self_contained`` (the default) every script and stylesheet is
        inlined, so the file works offline; they are fetched once with npm. An
        atlas without features has no map: :class:`~geo.errors.EmptyAtlasError`.
        """
        path = output_path(path, call="Atlas.save_map")
        self._require_features("save_map", "draw")
        return atomic_write_text(path, self.to_html(self_contained=self_contained))

    @api_boundary
    def save_layer(self, name: str, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write one layer in the layer format, so ``make map`` picks it up from ``layers/``.

        Claims added with the layer travel inside the file (its ``claims`` member).
        A name ending in ``.parquet`` writes GeoParquet instead (stated figures as
        JSON text, the layer's name, description and claims in the file's metadata).

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
            from geo.io.parquet import layer_parquet  # pyarrow's writer, loaded only to write one

            return atomic_write_bytes(path, layer_parquet(layer))
        return atomic_write_text(path, layer_geojson(layer))

    @api_boundary
    def export(self, path: str | Path, *, overwrite: bool = True) -> Path:
        """Export every feature with its measures: GeoPackage (``.gpkg``), GeoJSON or GeoParquet.

        GeoJSON and GeoParquet (``.parquet``) hold one row per feature: id, name,
        name_zh, kind, layer, area_ha, perimeter_km, digitized_from, stated (JSON
        text), geometry (WGS84). A GeoPackage holds one spatial layer per layer and
        geometry type, and the tables stated_figures, area_checks and claims
        (see :mod:`geo.io.geopackage`).

        Raises
        ------
        EmptyAtlasError
            When the atlas has no features: there is nothing to export.
        """
        self._require_features("export", "export")
        path = output_path(path, call="Atlas.export")
        export_driver(path)
        if path.exists() and not overwrite:
            msg = f"{path} exists already; pass overwrite=True to replace it"
            raise OutputExistsError(msg)
        return export_atlas(path, self.layers, self.claims, self.report())

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """Every feature as a row, with its geodesic area and perimeter."""
        return feature_table(self.layers)

    def _require_features(self, method: str, doing: str) -> None:
        """Raise :class:`EmptyAtlasError` when there is no feature to draw or export."""
        if not any(layer.features for layer in self.layers):
            what = f"the atlas has no features, so there is nothing to {doing}"
            fix = "add a layer first: atlas.add_layer(gdf_or_geojson, name=...), or start from Atlas.load()"
            raise EmptyAtlasError(str(Problem(f"Atlas.{method}", "", what, fix)))
