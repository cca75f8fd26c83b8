"""The plain base map on the map: a base layer ("Plain") drawn from the Natural Earth payload.

The payload (:func:`geo.map.basemap.basemap_payload`, about 32 KB) travels in the page
as a ``<script type="application/json">``; ``static/js/plain-basemap.js`` draws it (water
as the map's background, land, the SAR boundaries, the cities) and switches the map to it
when the tiles cannot load.

Which builds carry it:

- the self-contained build always does: the Natural Earth file is fetched into the asset
  cache like the map's scripts, and a build that cannot have it fails (:class:`AssetError`);
- every other build (the CDN-linked map, a notebook's ``to_map()``) carries it when the file
  is already in the asset cache, and leaves it out otherwise: it never runs ``npm`` for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import folium

from geo.io.atomic import atomic_write_text
from geo.map.page_script import add_data_and_call
from geo.map.text import script_json

__all__ = ["PLAIN_NAME", "PlainBaseMap", "plain_payload"]

#: The plain base map's name in the base-map control.
PLAIN_NAME = "Plain"
_KEYS = ("land", "borders", "cities", "attribution")


def plain_payload(*, fetch: bool, cache_dir: Path | None = None) -> dict[str, Any] | None:
    """The plain base map's data, or None when it cannot be had without fetching.

    Parameters
    ----------
    fetch : bool
        Fetch Natural Earth (``npm pack`` of ``world-atlas``) into the cache if it is not there.
    cache_dir : pathlib.Path, optional
        The asset cache; by default :func:`~geo.map.offline.default_cache_dir`.

    Returns
    -------
    dict or None
        :func:`~geo.map.basemap.basemap_payload`; None when ``fetch`` is false and the cache
        lacks ``world-atlas`` (or holds a file that is not the countries).

    Raises
    ------
    AssetError
        With ``fetch``, one line when ``world-atlas`` cannot be fetched or read.
    """
    from geo.errors import AssetError
    from geo.map.offline import default_cache_dir
    from geo.map.offline.cached import is_cached
    from geo.map.offline.npm_cache import cache_error, cache_problem

    cache = default_cache_dir() if cache_dir is None else cache_dir
    problem = cache_problem(cache)
    if problem:  # a file or a link loop where the cache should be
        if fetch:
            raise cache_error(cache, problem)
        return None
    if fetch:
        return _payload(cache, _build_payload)
    from geo.map.basemap import WORLD_ATLAS

    if not is_cached(WORLD_ATLAS, cache):
        return None
    try:
        return _payload(cache, _build_payload)
    except AssetError:  # a cached package without the file: as if it were not there
        return None


def _build_payload(*, cache_dir: Path) -> dict[str, Any]:
    """:func:`~geo.map.basemap.basemap_payload`, imported only when the kept payload will not do."""
    from geo.map.basemap import basemap_payload

    return basemap_payload(cache_dir=cache_dir)


#: Payloads built in this process, by asset cache: decoding Natural Earth takes a second or two.
_BUILT: dict[Path, dict[str, Any]] = {}


def _payload(cache: Path, build: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The payload of ``cache``: built once, kept in the cache beside the data it comes from.

    The kept file is named after a digest of the code and city list that make it, so a change to
    either builds it anew; it is written whole or not at all.
    """
    key = cache.resolve()
    if key not in _BUILT:
        kept = cache / f".gba-atlas-plain-{_recipe_digest()}.json"
        try:
            payload = json.loads(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            payload = None
        if is_payload(payload):
            _BUILT[key] = payload
        else:  # none kept, or one of another shape (damaged, or written by hand): built again
            _BUILT[key] = build(cache_dir=cache)
            with contextlib.suppress(OSError):  # a read-only cache still builds the map
                atomic_write_text(kept, json.dumps(_BUILT[key], ensure_ascii=False, sort_keys=True))
    return _BUILT[key]


def is_payload(data: Any) -> bool:
    """Whether decoded JSON has the plain base map's shape (what :class:`PlainBaseMap` draws).

    >>> is_payload({"land": {}, "borders": {"features": []}, "cities": [], "attribution": "NE"})
    True
    >>> is_payload([1, 2]), is_payload({"land": [], "borders": {}, "cities": [], "attribution": ""})
    (False, False)
    """
    if not isinstance(data, dict) or any(key not in data for key in _KEYS):
        return False
    kinds = {"land": dict, "borders": dict, "cities": list, "attribution": str}
    if not all(isinstance(data[key], kind) for key, kind in kinds.items()):
        return False
    return isinstance(data["borders"].get("features", []), list) and all(
        isinstance(c, dict) for c in data["cities"]
    )


def _recipe_digest() -> str:
    """A short digest of what makes the payload: the base-map package's modules, data and river line."""
    from geo.map.basemap.finer import river_file

    folder = Path(__file__).resolve().parent / "basemap"
    digest = hashlib.sha256()
    parts = [folder / "cities.json", folder / "finer.geojson", river_file()]
    for part in [*sorted(folder.glob("*.py")), *parts]:
        digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


class PlainBaseMap(folium.map.Layer):
    """The plain base map, a base layer of the map's layer control (hidden at first).

    Parameters
    ----------
    payload : Mapping
        From :func:`plain_payload`: ``land``, ``borders``, ``cities`` and ``attribution`` at least.
    name : str
        Its name in the layer control.
    """

    def __init__(self, payload: Mapping[str, Any], *, name: str = PLAIN_NAME) -> None:
        missing = [key for key in _KEYS if key not in payload]
        if missing:
            msg = f"PlainBaseMap payload lacks {missing}"
            raise ValueError(msg)
        super().__init__(name=name, overlay=False, control=True, show=False)
        self._name = "PlainBaseMap"
        self.data_json = script_json(dict(payload))

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # adds to the page instead
        """The data as a JSON script element, and ``var NAME = gbaAtlas.addPlain(map, data)``.

        The variable is the base layer the layer control lists (rendered after this element).
        """
        add_data_and_call(self, self.data_json, "var {name} = gbaAtlas.addPlain({parent}, {data});\n")
