"""The eleven cities of the Greater Bay Area as labelled points, named in every language of the atlas.

The points are ours: each city's government seat or centre, its coordinates read
from the published source named beside it in ``cities.json`` and typed in by this
project (see "Data and licence" in the README). Each city's ``names`` give a name by
language tag; a language without one (a language added later, say) takes its fallback's
(:func:`geo.i18n.pick`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, pick

__all__ = ["LANGUAGES", "City", "load_cities"]

_DATA = "cities.json"


@dataclass(frozen=True)
class City:
    """One city of the Greater Bay Area as a labelled point.

    Attributes
    ----------
    id : str
        A stable key, e.g. ``"hong_kong"``.
    names : dict
        The name by language tag, one for each of :data:`geo.i18n.LANGUAGES`.
    lon, lat : float
        WGS84 degrees of :attr:`point`.
    point : str
        What the point is (a government seat, a city centre).
    source_title, source_url : str
        Where the coordinates were read.
    """

    id: str
    names: dict[str, str]
    lon: float
    lat: float
    point: str
    source_title: str
    source_url: str

    def to_json(self) -> dict[str, Any]:
        """Return the city as the JSON object the page reads.

        Returns
        -------
        dict
            ``id``, ``names``, ``lon``, ``lat``, ``point`` and ``source`` (``title``, ``url``).
        """
        source = {"title": self.source_title, "url": self.source_url}
        names = {tag: self.names[tag] for tag in LANGUAGES}
        return {
            "id": self.id,
            "names": names,
            "lon": self.lon,
            "lat": self.lat,
            "point": self.point,
            "source": source,
        }


def load_cities() -> list[City]:
    """Read the cities shipped with the package, checking each entry.

    Returns
    -------
    list of City
        In file order (Hong Kong and Macao first, then the nine Guangdong cities).

    Raises
    ------
    ValueError
        If an entry lacks a name in the default language, a source, or has
        coordinates outside -180..180 / -90..90 (a broken package file).
    """
    text = resources.files(__package__).joinpath(_DATA).read_text(encoding="utf-8")
    return [_city(entry) for entry in json.loads(text)["cities"]]


def _city(entry: dict[str, Any]) -> City:
    """Build and check one city from its JSON entry."""
    given = {str(tag): str(name).strip() for tag, name in entry["names"].items()}
    names = {tag: pick(given, tag) for tag in LANGUAGES}
    lon, lat = float(entry["lon"]), float(entry["lat"])
    city = City(
        id=str(entry["id"]),
        names=names,
        lon=lon,
        lat=lat,
        point=str(entry["point"]),
        source_title=str(entry["source"]["title"]),
        source_url=str(entry["source"]["url"]),
    )
    if not given.get(DEFAULT_LANGUAGE) or not city.source_url.startswith("https://"):
        raise ValueError(f"{_DATA}: city {city.id!r} needs a name in {DEFAULT_LANGUAGE} and a source URL")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"{_DATA}: city {city.id!r} has coordinates out of range: {lon}, {lat}")
    return city
