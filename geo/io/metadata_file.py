"""A layers folder's story, ``atlas.json``: the map's title, description, source article and opening view."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.errors import StoryError
from geo.io.json_file import read_json
from geo.model import Layer, Story
from geo.validation.metadata import parse_story

#: The file, inside a layers folder, that holds its story.
STORY_FILE = "atlas.json"


def read_story(path: str | Path, *, layers: Sequence[Layer] | None = None) -> Story | None:
    """Read a story file; a missing file means no story (the map then makes a neutral one).

    Parameters
    ----------
    path : str or Path
        The story file, usually ``<layers folder>/atlas.json``.
    layers : sequence of Layer, optional
        The layers of the folder: ``opens_on`` must name one of them or one of their features.

    Returns
    -------
    Story or None
        None when the file does not exist.

    Raises
    ------
    StoryError
        Listing every problem in the file.
    """
    path = Path(path)
    if not path.exists():
        return None
    data, problems = read_json(path)
    if problems:
        raise StoryError(problems)
    return parse_story(data, file=str(path), layers=layers)
