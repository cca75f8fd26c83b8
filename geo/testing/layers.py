"""``assert_layers_valid``: a layers folder passes validation; every problem listed as the CLI does."""

from __future__ import annotations

import os
from pathlib import Path

from geo.atlas import Atlas
from geo.errors import AtlasError, InputError
from geo.testing.messages import format_input_error

__all__ = ["assert_layers_valid"]


def assert_layers_valid(directory: str | Path) -> Atlas:
    """Assert that every layer of a folder, and its claims, pass validation; return the atlas.

    Parameters
    ----------
    directory : str or Path
        The layers folder (``*.geojson`` layers and an optional ``claims.json``).

    Returns
    -------
    Atlas
        The folder's atlas, ready for :meth:`~geo.Atlas.report` or further assertions.

    Raises
    ------
    AssertionError
        Listing every problem, one ``gba-atlas: error:`` line each, as the command line does.

    Examples
    --------
    >>> assert_layers_valid("no/such/folder")
    Traceback (most recent call last):
    ...
    AssertionError: no/such/folder: the layers are not valid (1 problem)
    gba-atlas: error: no/such/folder: does not exist; fix: pass the folder that holds your .geojson layers
    """
    if not isinstance(directory, str | os.PathLike) or not str(directory).strip():
        what = (
            repr(directory) if directory is None or isinstance(directory, str) else type(directory).__name__
        )
        msg = (
            f"assert_layers_valid: directory must be the path of a layers folder (str or Path), not {what}; "
            'pass it, e.g. assert_layers_valid("layers")'
        )
        raise TypeError(msg)
    try:
        return Atlas.load(directory)
    except AtlasError as error:
        count = len(error.problems) if isinstance(error, InputError) else 1
        heading = f"{directory}: the layers are not valid ({count} problem{'s' if count != 1 else ''})"
        raise AssertionError(f"{heading}\n{format_input_error(error)}") from None
