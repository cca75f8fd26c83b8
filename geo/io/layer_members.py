"""A layer's own members in the layer format: its names, and its description, outline and claims if any."""

from __future__ import annotations

from typing import Any

from geo.model import Layer


def layer_members(layer: Layer) -> dict[str, Any]:
    """The members a written layer carries beside its features (GeoJSON and GeoParquet alike).

    Parameters
    ----------
    layer : Layer
        The layer.

    Returns
    -------
    dict
        ``name``, and ``name_zh``, ``description``, ``outline``, ``claims`` where the layer has them.

    Examples
    --------
    >>> layer_members(Layer("Hetao zone", (), outline=True))
    {'name': 'Hetao zone', 'outline': True}
    >>> layer_members(Layer("Hetao zone", (), name_zh="河套合作區"))
    {'name': 'Hetao zone', 'name_zh': '河套合作區'}
    """
    members: dict[str, Any] = {"name": layer.name}
    if layer.name_zh:
        members["name_zh"] = layer.name_zh
    if layer.description:
        members["description"] = layer.description
    if layer.outline:
        members["outline"] = True
    if layer.claims_data:
        members["claims"] = list(layer.claims_data)
    return members
