"""One measurement in a fresh process: the script it runs, and the line it reports back.

The script times ``body`` (after ``setup``) and prints ``RESULT <seconds> <peak bytes>`` on
standard error. The peak is the process image's own (``VmHWM``): ``ru_maxrss`` would carry
the launching process's peak across ``exec``, and ``make bench`` is large by then.
"""

from __future__ import annotations

_HEAD = """import resource, sys, time
def peak_rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
"""

_TAIL = """
elapsed = time.perf_counter() - started
print("RESULT", elapsed, peak_rss(), file=sys.stderr)
"""


def child_script(body: str, *, setup: str = "") -> str:
    """The script for ``python -c``: ``setup`` untimed, then ``body`` timed."""
    return f"{_HEAD}{setup}\nstarted = time.perf_counter()\n{body}{_TAIL}"


def child_result(stderr: str) -> tuple[float, int] | None:
    """The (seconds, peak bytes) a child script reported, or None when it reported nothing."""
    lines = [line for line in stderr.splitlines() if line.startswith("RESULT")]
    if not lines:
        return None
    _, seconds, peak = lines[-1].split()
    return float(seconds), int(float(peak))
