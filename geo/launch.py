"""The ``gba-atlas`` command's entry point, light enough that a Ctrl-C while the rest loads is one line.

Loading the command line (numpy, shapely, pyproj, pandas, ...) takes a quarter of a second or
more. This module and the package's ``__init__`` load nothing heavy, so the console script
reaches :func:`console_main` at once, and a Ctrl-C while :mod:`geo.cli` is imported ends as
one ``gba-atlas: interrupted`` line and exit status 130, as it does later. (A module's own import
code may turn the ``KeyboardInterrupt`` into another error, as numpy's turns it into an
``ImportError``: any error after a Ctrl-C while loading is taken as the interruption it is.)
Python's own start-up, before this module runs, is out of its reach.
"""

from __future__ import annotations

import sys

__all__ = ["console_main"]

#: Exit status after Ctrl-C: 128 + SIGINT (:data:`geo.console.EXIT_INTERRUPTED`).
EXIT_INTERRUPTED = 130


def console_main() -> None:
    """Run ``gba-atlas``: :func:`geo.cli.main`, a Ctrl-C while it loads included; exit with its status."""
    interrupted: list[int] = []

    def note(signum: int, frame: object) -> None:
        interrupted.append(signum)
        raise KeyboardInterrupt

    try:
        import signal  # here, not above: the module imports enum, and every moment before `try` counts

        previous = signal.signal(signal.SIGINT, note)
        from geo.cli import main

        signal.signal(signal.SIGINT, previous)
        status = main()
    except KeyboardInterrupt:  # before main() could catch it: while the modules load
        status = _interrupted()
    except Exception:
        if not interrupted:
            raise
        status = _interrupted()
    raise SystemExit(status)


def _interrupted() -> int:
    """Say so in one line; the exit status."""
    try:
        sys.stderr.write("gba-atlas: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no stderr, or a closed one: the status says it
        pass
    return EXIT_INTERRUPTED
