"""The command line's ends: standard output and error, and the signals that stop it.

* Output is written in what the stream can encode (see :func:`geo.text_safety.for_stream`):
  ``LC_ALL=C`` or a latin-1 terminal gets ``ok``/``FAIL`` and ``+/-`` instead of a
  ``UnicodeEncodeError``.
* Standard output failing is a :class:`StdoutFailed`. The CLI treats a closed pipe
  (``gba-atlas layers | head -1``) as the end of the reader's interest: it stops
  quietly with status 141, the status a shell shows for a program that SIGPIPE
  ended, as ``cat`` and ``grep`` do (not 1, which means "a check fails"); stdout
  is pointed at ``/dev/null`` so that Python's last flush has nothing to complain
  about (the way the Python documentation recommends). Any other failure (a full
  disk, ``/dev/full``) is one line on standard error and status 2.
* :func:`signals_raise` turns SIGTERM (and SIGHUP) into :class:`Terminated`, an
  exception like ``KeyboardInterrupt`` for SIGINT, so that every ``finally`` runs and
  no temporary file is left; the CLI then prints one line and exits with 128 + the
  signal's number (130 for Ctrl-C, 143 for SIGTERM).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from geo.text_safety import can_encode_symbols, for_stream

#: Exit status after a closed pipe: 128 + SIGPIPE, what a shell shows for a program SIGPIPE ended.
EXIT_PIPE_CLOSED = 128 + 13
#: Exit status after Ctrl-C: 128 + SIGINT.
EXIT_INTERRUPTED = 128 + signal.SIGINT

#: The signals :func:`signals_raise` turns into :class:`Terminated`.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """A signal asked the process to stop (a ``BaseException``, like ``KeyboardInterrupt``).

    Parameters
    ----------
    signum : int
        The signal's number.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_status(self) -> int:
        """128 + the signal's number, as a shell reports a program the signal ended."""
        return 128 + self.signum


class StdoutFailed(Exception):
    """Writing to standard output failed; ``error`` is the ``OSError``.

    Parameters
    ----------
    error : OSError
        The error writing raised.
    """

    def __init__(self, error: OSError) -> None:
        self.error = error
        super().__init__(error.strerror or str(error))

    @property
    def pipe_closed(self) -> bool:
        """Whether the reader went away (``EPIPE``), rather than the output failing."""
        return isinstance(self.error, BrokenPipeError)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Terminated` (in the main thread only).

    The previous handlers are put back on leaving, so calling the CLI's ``main``
    from a program or a test changes nothing for good.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stdout_is_ascii_only() -> bool:
    """Whether standard output cannot show ✓ and ✗ (so reports use ``ok`` and ``FAIL``)."""
    return sys.stdout is not None and not can_encode_symbols(sys.stdout)


def write_out(text: str) -> None:
    """Write ``text`` to standard output in what it can encode; :class:`StdoutFailed` if it fails.

    Parameters
    ----------
    text : str
        The text, its line breaks included.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed: nowhere to write
        return
    try:
        stream.write(for_stream(text, stream))
    except OSError as error:
        raise StdoutFailed(error) from error


def flush_out() -> None:
    """Flush standard output; :class:`StdoutFailed` if it fails."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except OSError as error:
        raise StdoutFailed(error) from error


def write_err(line: str) -> None:
    """Write one line to standard error in what it can encode; a failure there is ignored.

    Parameters
    ----------
    line : str
        The line, without its line break.
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(for_stream(line + "\n", stream))
        stream.flush()
    except (OSError, ValueError):
        pass


def silence_stdout() -> None:
    """Point standard output's file descriptor at ``/dev/null``, so the last flush cannot fail."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)
