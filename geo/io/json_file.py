"""Reading a JSON file with messages a user can act on: unreadable, not UTF-8, empty, not JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.errors import Problem


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    """Read and decode a JSON file, reporting unreadable, non-UTF-8 and non-JSON files.

    A UTF-8 byte-order mark is accepted. NaN and Infinity, which Python's json
    module would accept, are reported: JSON has no such numbers.
    """
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(file, "", f"cannot be read ({exc.strerror})", "check the path and its permissions")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        what = f"is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x})"
        return None, [Problem(file, "", what, "save the file as UTF-8")]
    if not text.strip():
        return None, [
            Problem(file, "", "is empty", "write a GeoJSON FeatureCollection into it, or delete it")
        ]

    def reject_constant(name: str) -> None:
        raise ValueError(f"the non-finite number {name}, which JSON does not allow")

    try:
        return json.loads(text, parse_constant=reject_constant), []
    except json.JSONDecodeError as exc:
        what = f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        return None, [Problem(file, "", what, "fix the JSON syntax (a JSON linter shows where)")]
    except ValueError as exc:
        return None, [
            Problem(file, "", f"holds {exc}", "replace it with a real number or remove the feature")
        ]
