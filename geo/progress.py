"""Progress bars on standard error for work that takes more than a couple of seconds.

Reading, validating, measuring, verifying and drawing large layers report their
progress through this module. A bar (tqdm's) appears on standard error only when

* standard error is a terminal (a pipe, a file, pytest's capture or a notebook
  gets nothing, so standard output and logs stay clean), and
* ``GBA_ATLAS_PROGRESS`` is not ``0`` (nor ``off``, ``no``, ``false``), and
* the work is still going after :data:`DEFAULT_DELAY_S` seconds
  (``GBA_ATLAS_PROGRESS_DELAY`` sets another delay; ``0`` shows bars at once).

Bars vanish when their work is done (``leave=False``). Callers advance a bar in
batches (see :func:`tracked`'s ``every``), never by a call per feature, and when
bars are off the functions hand back the iterable itself, so the hot paths pay
nothing.

>>> list(tracked([1, 2, 3], desc="counting", total=3))  # not a terminal here: no bar
[1, 2, 3]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from geo.text_safety import terminal_text

#: The environment variable that turns bars off (``0``, ``off``, ``no``, ``false``).
SWITCH_ENV = "GBA_ATLAS_PROGRESS"
#: The environment variable giving the seconds before a bar shows.
DELAY_ENV = "GBA_ATLAS_PROGRESS_DELAY"
#: Seconds of work before a bar shows: shorter runs show nothing.
DEFAULT_DELAY_S = 2.0
#: Seconds between two redraws of a bar.
MIN_INTERVAL_S = 0.2
#: The size assumed of a terminal that does not say (without it tqdm would draw nothing there).
FALLBACK_SIZE = os.terminal_size((80, 24))
#: Items between two updates of a bar, unless a caller says otherwise.
DEFAULT_EVERY = 1000

_OFF = frozenset({"0", "off", "no", "false"})

T = TypeVar("T")


class Bar(Protocol):
    """What a caller does with a bar: advance it and close it."""

    def update(self, n: int = 1) -> Any:
        """Count ``n`` more items done.

        Parameters
        ----------
        n : int
            The number of items done since the last update.
        """

    def close(self) -> None:
        """Take the bar off the terminal."""


class _NoBar:
    """A bar that shows nothing (bars are off)."""

    def update(self, n: int = 1) -> None:
        """Do nothing."""

    def close(self) -> None:
        """Do nothing."""


def enabled() -> bool:
    """Whether bars show: standard error is a terminal and ``GBA_ATLAS_PROGRESS`` does not say no."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in _OFF:
        return False
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def note(text: str) -> None:
    """Say on standard error, as one line, what slow one-off work is under way; only where bars show.

    Parameters
    ----------
    text : str
        What is under way, one line.
    """
    if enabled():
        sys.stderr.write(f"gba-atlas: {terminal_text(text)}\n")
        sys.stderr.flush()


def delay_s() -> float:
    """The seconds before a bar shows: ``GBA_ATLAS_PROGRESS_DELAY``, or :data:`DEFAULT_DELAY_S`."""
    try:
        value = float(os.environ.get(DELAY_ENV, DEFAULT_DELAY_S))
    except ValueError:
        return DEFAULT_DELAY_S
    return value if value >= 0 else DEFAULT_DELAY_S


def _width() -> dict[str, Any]:
    """Follow the terminal's size; a fixed :data:`FALLBACK_SIZE` when it reports none (a bare pty)."""
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 0
    if columns > 0:
        return {"dynamic_ncols": True}
    return {"ncols": FALLBACK_SIZE.columns, "nrows": FALLBACK_SIZE.lines}


@contextmanager
def progress(desc: str, *, total: int | None = None, unit: str = "feature") -> Iterator[Bar]:
    """A bar counting ``total`` items of some work, as a context manager; a silent one when bars are off.

    Parameters
    ----------
    desc : str
        What is being done ("reading layers"); escaped for the terminal.
    total : int, optional
        How many items there are, when known.
    unit : str
        What an item is ("feature", "file").

    Yields
    ------
    Bar
        Call its ``update(n)`` after every batch of ``n`` items.
    """
    if total == 0 or not enabled():  # nothing to count, or nowhere to show it
        yield _NoBar()
        return
    from tqdm import tqdm

    bar = tqdm(
        desc=terminal_text(desc),
        total=total,
        unit=unit,
        file=sys.stderr,
        leave=False,
        delay=delay_s(),
        mininterval=MIN_INTERVAL_S,
        **_width(),
    )
    try:
        yield bar
    finally:
        bar.close()


def tracked(
    items: Iterable[T],
    *,
    desc: str,
    total: int | None = None,
    unit: str = "feature",
    every: int = DEFAULT_EVERY,
) -> Iterable[T]:
    """The items, counted on a bar every ``every`` items; the items themselves when bars are off.

    Parameters
    ----------
    items : iterable
        The work, one item at a time.
    desc, total, unit
        As for :func:`progress`; ``total`` defaults to ``len(items)`` where it has one.
    every : int
        Items between two updates of the bar (1 for few, slow items such as claims).

    Returns
    -------
    iterable
        The same items, in order.
    """
    if not enabled():
        return items
    if total is None and isinstance(items, Sized):
        total = len(items)
    return _counted(items, desc=desc, total=total, unit=unit, every=max(1, every))


def _counted(items: Iterable[T], *, desc: str, total: int | None, unit: str, every: int) -> Iterator[T]:
    with progress(desc, total=total, unit=unit) as shown:
        done = 0
        for done, item in enumerate(items, 1):
            yield item
            if done % every == 0:
                shown.update(every)
        shown.update(done % every)
