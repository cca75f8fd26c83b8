"""Exception classes of gba-atlas.

Every error that bad input can cause is an :class:`InputError` (a ``ValueError``),
so a caller can catch one class and print its message: each line of the message
names the file, the feature, what is wrong and how to fix it. An argument of the
wrong type in the notebook API is an :class:`ArgumentTypeError` (a ``TypeError``
naming the argument, in the same words); all of them are :class:`AtlasError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.text_safety import terminal_text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and how to fix it.

    Parameters
    ----------
    file : str
        The file (or other source, such as ``"<GeoDataFrame>"``) the problem is in.
    where : str
        The feature or claim: ``"feature 'qianhai'"``, ``"feature #3"``, or ``""``
        for the file as a whole.
    what : str
        What is wrong.
    fix : str
        How to fix it.

    Examples
    --------
    >>> print(Problem("layers/a.geojson", "feature #0", "ring 0 is not closed",
    ...               "repeat the first position at the end"))
    layers/a.geojson: feature #0: ring 0 is not closed; fix: repeat the first position at the end
    >>> print(Problem("layers/a.geojson", "", "not valid JSON", "check the file"))
    layers/a.geojson: not valid JSON; fix: check the file
    """

    file: str
    where: str
    what: str
    fix: str

    def __str__(self) -> str:
        """The problem on one line; control characters from the data shown escaped (``\\n``, ``\\x1b``)."""
        place = f"{self.file}: {self.where}: " if self.where else f"{self.file}: "
        return terminal_text(f"{place}{self.what}; fix: {self.fix}")


class AtlasError(Exception):
    """Base class of every error gba-atlas raises on purpose."""


class InputError(AtlasError, ValueError):
    """Bad input: the problems are listed together, one per line of the message.

    Parameters
    ----------
    problems : iterable of Problem
        Everything found wrong; at least one.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            msg = "an InputError needs at least one Problem"
            raise ValueError(msg)
        super().__init__("\n".join(str(p) for p in self.problems))


class LayerError(InputError):
    """A layer file, or data given as a layer, breaks the layer format."""


class ClaimError(InputError):
    """A claims file breaks the claim format, or names a feature that does not exist."""


class StoryError(InputError):
    """A layers folder's ``atlas.json`` (the map's title, description and article) breaks its format."""


class ArticleError(InputError):
    """An article cannot be read as text: binary, empty, too large, an encoding that cannot be decoded."""


class OutputExistsError(AtlasError, FileExistsError):
    """A file would be overwritten without ``overwrite=True``."""


class AtlasWarning(UserWarning):
    """Something was accepted but deserves a look (e.g. a GeoDataFrame without a CRS)."""


class AssetError(AtlasError, RuntimeError):
    """A web asset for the self-contained map could not be obtained."""


class OutputError(AtlasError, OSError):
    """An output could not be written: one line naming the path, the reason and a fix.

    Parameters
    ----------
    path : str or os.PathLike
        The file that could not be written (never a temporary file).
    reason : str
        Why, in words (e.g. the operating system's ``strerror``).
    fix : str
        What to do about it.
    errno : int, optional
        The operating system's error number, when an ``OSError`` was the cause.

    Examples
    --------
    >>> print(OutputError("out/map.html", "No space left on device", "free some space"))
    cannot write out/map.html: No space left on device; fix: free some space
    """

    def __init__(self, path: object, reason: str, fix: str, *, errno: int | None = None) -> None:
        self.path, self.reason, self.fix = str(path), reason, fix
        super().__init__(f"cannot write {self.path}: {reason}; fix: {fix}")
        self.errno = errno


class ArgumentError(AtlasError):
    """An argument of the notebook API refused; the message names the argument.

    Parameters
    ----------
    problem : Problem
        The call as the file, the argument as the place, what is wrong and the fix.
    """

    def __init__(self, problem: Problem) -> None:
        self.problems: tuple[Problem, ...] = (problem,)
        super().__init__(str(problem))


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument of the notebook API has the wrong type (a ``TypeError``)."""


class ArgumentValueError(ArgumentError, ValueError):
    """An argument of the notebook API has a value it cannot take (a ``ValueError``)."""


class ViewError(AtlasError, ValueError):
    """A view that names no feature, layer or ``gba``, or bounds that are not lon/lat degrees."""


class MissingDependencyError(AtlasError, ImportError):
    """An optional package a feature needs is not installed; the message names the ``pip install``."""


class EmptyAtlasError(AtlasError, ValueError):
    """The atlas has no features, so there is nothing to draw or export."""


class ExportFormatError(AtlasError, ValueError):
    """An export's file name ends in a format gba-atlas does not write (or GDAL here cannot)."""
