"""The story a map tells: its title, description and article (a layers folder's ``atlas.json``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from geo.i18n.scripts import Localized
from geo.model.figures import Source
from geo.model.layer import Layer


@dataclass(frozen=True)
class Story:
    """What the map says about itself: a layers folder's ``atlas.json`` (see the README).

    ``title_zh`` and ``description_zh`` hold Traditional Chinese (:attr:`zh_lang`);
    ``opens_on`` names the feature id or layer name the map opens on.

    >>> Story("Hetao", "Two parks", source=Source("Park launched", "Xinhua", "2025-12-22", "http://x.cn")).url
    'http://x.cn'
    """

    zh_lang: ClassVar[str] = "zh-Hant"
    """The script of the Chinese fields, as a BCP 47 tag for the page's ``lang`` attribute."""

    title: str
    description: str = ""
    title_zh: str | None = None
    description_zh: str | None = None
    source: Source | None = None
    opens_on: str | None = None

    def title_in(self, lang: str) -> str:
        """The title in ``lang``: the Simplified text derived from ``title_zh``; English without one.

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The title.
        """
        return Localized(self.title, self.title_zh, script=self.zh_lang).get(lang)

    def description_in(self, lang: str) -> str:
        """The description in ``lang``, as :meth:`title_in` gives the title.

        Parameters
        ----------
        lang : str
            One of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The description.
        """
        return Localized(self.description, self.description_zh, script=self.zh_lang).get(lang)

    @property
    def url(self) -> str | None:
        """The source article's URL, if there is one."""
        return self.source.url if self.source else None

    @classmethod
    def neutral(cls, layers: Sequence[Layer]) -> Story:
        """The story of a folder without ``atlas.json``: a title built from its layers' names.

        Parameters
        ----------
        layers : sequence of Layer
            The folder's layers.

        Returns
        -------
        Story
            The story, opening on every feature.

        Examples
        --------
        >>> Story.neutral([Layer("Hetao zone", ()), Layer("Greater Bay Area platforms", ())]).title
        'Layers: Hetao zone, Greater Bay Area platforms'
        """
        names = [layer.name for layer in layers]
        if len(names) > NEUTRAL_TITLE_LAYERS:
            shown = NEUTRAL_TITLE_LAYERS - 1
            names = [*names[:shown], f"and {len(names) - shown} more"]
        title = f"Layers: {', '.join(names)}" if names else "An empty atlas"
        features = _plural(sum(len(layer.features) for layer in layers), "feature")
        layer_count = _plural(len(layers), "layer")
        return cls(title, f"{features} in {layer_count}, checked against their stated figures")

    @classmethod
    def added(cls, layer: Layer, base: Story | None) -> Story:
        """The story of an atlas after ``add_layer``: the layer added, and what it was added to.

        Parameters
        ----------
        layer : Layer
            The layer added.
        base : Story or None
            The atlas's story before; None for none.

        Returns
        -------
        Story
            The story, opening on the layer added.

        Examples
        --------
        >>> hetao = Story("Hetao", "Two parks", opens_on="Hetao zone")
        >>> story = Story.added(Layer("My sites", ()), hetao)
        >>> story.title, story.description, story.opens_on
        ('My sites', '0 features added to “Hetao”', 'My sites')
        """
        features = _plural(len(layer.features), "feature")
        description = f"{features} added to “{base.title}”" if base else f"{features} added"
        return cls(layer.name, description, opens_on=layer.name)


#: How many layer names a neutral title lists before "and N more".
NEUTRAL_TITLE_LAYERS = 4


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
