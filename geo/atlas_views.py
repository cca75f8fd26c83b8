"""What an Atlas shows: the map, the live widget, the figure, and how it displays in a notebook.

The methods of :class:`~geo.atlas.Atlas` that draw it, kept apart from those that read, check and
save it (:mod:`geo.atlas`). They import the map, the figure and the widget only when called.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from geo.api_boundary import api_boundary
from geo.errors import ArgumentValueError, EmptyAtlasError, MissingDependencyError, Problem
from geo.inputs import output_path
from geo.inputs.views import checked_view
from geo.io.atomic import atomic_write_text
from geo.model import Claim, Layer, Report, Story

if TYPE_CHECKING:
    import folium
    import matplotlib.figure

    from geo.notebook.widget import AtlasWidget

#: A view as the notebook API takes it: a layer's name, a feature's id, or (west, south, east, north).
View = str | tuple[float, float, float, float]


class AtlasViews:
    """The drawing half of :class:`~geo.atlas.Atlas` (a mixin: the atlas holds the data)."""

    layers: list[Layer]
    claims: list[Claim]
    story: Story | None
    _added: str | None
    _widgets: list[weakref.ref[AtlasWidget]]

    def report(self) -> Report:
        """Check every stated figure and every claim (:meth:`geo.atlas.Atlas.report`)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        """One line: the layers, features and claims, and the story's title."""
        from geo.notebook.display import summary_line

        return summary_line(self.layers, len(self.claims), self._shown_story())

    def _repr_html_(self) -> str:
        """A short card in a notebook: layers with feature counts, the checks holding and failing."""
        from geo.notebook.display import card_html

        return card_html(self.layers, self.report(), self._shown_story())

    def _refresh_widgets(self) -> None:
        """Redraw every open widget of :meth:`explore` (those no longer referenced are dropped)."""
        alive = [(ref, widget) for ref in self._widgets if (widget := ref()) is not None]
        self._widgets[:] = [ref for ref, _ in alive]
        for _, widget in alive:
            widget.refresh()

    @api_boundary
    def to_map(
        self, *, view: View | None = None, embed: str = "full", article: str | Path | None = None
    ) -> folium.Map:
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
        article : str or Path, optional
            An article (its text, or a file's path) shown beside the map, each area figure and
            claim marked by its verdict (README, "Checking an article").

        Returns
        -------
        folium.Map
            The map.

        Raises
        ------
        ViewError
            When ``view`` names no layer or feature, or its bounds are not lon/lat degrees.
        """
        from geo.map.article import atlas_map
        from geo.map.atlas_map import EMBEDS

        self._require_features("to_map", "draw")
        if embed not in EMBEDS:
            what = f"must be one of {', '.join(map(repr, EMBEDS))}, not {embed!r}"
            raise ArgumentValueError(Problem("Atlas.to_map", "argument embed", what, 'pass embed="light"'))
        view = self._checked_view(view)
        story = self._shown_story()
        m = atlas_map(self.layers, self.report(), story=story, claims=self.claims, article=article, view=view)
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
        """The story the map and figure tell: after :meth:`add_layer`, the layer added last.

        An atlas without a story keeps its neutral title, which names every layer.
        """
        if self._added is None or self.story is None:
            return self.story
        added = next(layer for layer in self.layers if layer.name == self._added)
        return Story.added(added, self.story)

    def _checked_view(self, view: View | None) -> View | None:
        """``view`` as the map takes it, or :class:`ViewError` in the notebook API's words."""
        return checked_view(view, self.layers) if view is not None else self._added

    @api_boundary
    def figure(
        self,
        *,
        view: View | None = None,
        lang: str = "en",
        size: str | None = None,
        dpi: int | None = None,
        table: bool = False,
        article: str | Path | None = None,
    ) -> matplotlib.figure.Figure:
        """The static, print-ready map of ``gba-atlas figure``: a matplotlib ``Figure`` (inline in Jupyter).

        The options are the command's (README, "Publishing a figure"; ``size=None``: 180x120mm); saved
        by :func:`geo.figure.figure_bytes`, the same bytes every time. The base map: the asset cache (npm).

        Parameters
        ----------
        view : str or (west, south, east, north), optional
            A layer's name, a feature's id, ``gba``, or bounds in degrees; by default as for :meth:`to_map`.
        lang : str
            ``en``, ``zh-Hant`` or ``zh-Hans``.
        size : str, optional
            ``WIDTHxHEIGHT`` in ``mm``, ``cm``, ``in`` or ``px``, or a preset name.
        dpi : int, optional
            The PNG's dots per inch; by default that of the size.
        table : bool
            Add the area checks beneath the map.
        article : str or os.PathLike, optional
            An article (its text, or a file's path) whose figures make the table.

        Returns
        -------
        matplotlib.figure.Figure
            The figure.

        Raises
        ------
        ViewError, FigureSizeError, FontError, AssetError, EmptyAtlasError
            One line each (see :func:`geo.figure.make_figure`); a ``size`` not text: ArgumentTypeError.
        ArticleError
            For an ``article`` (its text, or a file's path: its figures and verdicts are the table
            beneath the map, in place of the area checks) that cannot be read.
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
            table=self._article_grid(article, lang=lang) if article is not None else table,
        )

    def _article_grid(self, article: str | Path, *, lang: str) -> tuple[list[str], list[list[str]]]:
        """The table of an article's figures and verdicts, for the figure (``figure --article``)."""
        from geo.article.extract import check_article
        from geo.article.reading import given_article
        from geo.article.table import article_table

        text, source = given_article(article, call="Atlas.figure")
        return article_table(check_article(text, self.layers, source=source), self.layers, lang=lang)

    @api_boundary
    def to_html(self, *, self_contained: bool = False) -> str:
        """The map as one HTML document; with ``self_contained``, every script and stylesheet inlined.

        An atlas without features has no map: :class:`~geo.errors.EmptyAtlasError`.

        Parameters
        ----------
        self_contained : bool
            Inline every script and stylesheet (fetched once with npm); else link them.

        Returns
        -------
        str
            The HTML document.
        """
        from geo.map import render_html

        self._require_features("to_html", "draw")
        layers, report, story = self.layers, self.report(), self._shown_story()
        return render_html(layers, report, story=story, self_contained=self_contained, claims=self.claims)

    @api_boundary
    def save_map(self, path: str | Path, *, self_contained: bool = True) -> Path:
        """Write the map as one HTML file (written whole or not at all).

        With ``self_contained`` (the default) every script and stylesheet is
        inlined, so the file works offline; they are fetched once with npm. An
        atlas without features has no map: :class:`~geo.errors.EmptyAtlasError`.

        Parameters
        ----------
        path : str or os.PathLike
            The HTML file to write.
        self_contained : bool
            Inline every script and stylesheet, so that the file works offline.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        path = output_path(path, call="Atlas.save_map")
        self._require_features("save_map", "draw")
        return atomic_write_text(path, self.to_html(self_contained=self_contained))

    def _require_features(self, method: str, doing: str) -> None:
        """Raise :class:`EmptyAtlasError` when there is no feature to draw or export."""
        if not any(layer.features for layer in self.layers):
            what = f"the atlas has no features, so there is nothing to {doing}"
            fix = "add a layer first: atlas.add_layer(gdf_or_geojson, name=...), or start from Atlas.load()"
            raise EmptyAtlasError(str(Problem(f"Atlas.{method}", "", what, fix)))
