"""One measurement in a fresh process: the script it runs, and the line it reports back.

The script times ``body`` (after ``setup``) and prints ``RESULT <seconds> <peak bytes> <cpu seconds>``
on standard error. The peak is the process image's own (``VmHWM``): ``ru_maxrss`` would carry
the launching process's peak across ``exec``, and ``make bench`` is large by then. The CPU time
(``time.process_time``: user and system, all threads) is steadier than the wall time on a busy
machine, and is printed beside it.
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
elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
print("RESULT", elapsed, peak_rss(), cpu, file=sys.stderr)
"""


def child_script(body: str, *, setup: str = "") -> str:
    """The script for ``python -c``: ``setup`` untimed, then ``body`` timed."""
    return f"{_HEAD}{setup}\nstarted, started_cpu = time.perf_counter(), time.process_time()\n{body}{_TAIL}"


def _result_fields(stderr: str) -> list[str] | None:
    lines = [line for line in stderr.splitlines() if line.startswith("RESULT")]
    return lines[-1].split()[1:] if lines else None


def child_result(stderr: str) -> tuple[float, int] | None:
    """The (seconds, peak bytes) a child script reported, or None when it reported nothing."""
    fields = _result_fields(stderr)
    if fields is None:
        return None
    return float(fields[0]), int(float(fields[1]))


def child_cpu(stderr: str) -> float | None:
    """The CPU seconds (user and system) of a child script's body, or None when it reported none."""
    fields = _result_fields(stderr)
    return float(fields[2]) if fields is not None and len(fields) > 2 else None
