"""Reading files: only regular ones, up to a size a user can raise, as strict JSON (depth, keys, Unicode).

Special files cannot be committed to the corpus, so they are made here, in tmp_path.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import Atlas, InputError
from geo.cli import main
from geo.io.json_file import DEFAULT_MAX_FILE_MB, MAX_FILE_MB_ENV, read_json
from geo.validation.json_text import _STRING, MAX_DEPTH, _depths, decode_json, too_deep
from tests.helpers import collection, write

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")


def run_cli_with_timeout(argv: list[str], seconds: float = 10) -> int:
    """Run the CLI in a daemon thread: a hang fails the test instead of blocking the suite."""
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(main(argv)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"gba-atlas {' '.join(argv)} still runs after {seconds} s"
    return result[0]


def layers_with(tmp_path: Path) -> Path:
    folder = tmp_path / "layers"
    write(folder / "a.geojson", collection())
    return folder


def only_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gba-atlas: error: ") and "; fix: " in lines[0], err
    return lines[0]


# --- special files -------------------------------------------------------------------------------


@needs_fifo
def test_a_fifo_named_like_a_layer_is_refused_without_hanging(tmp_path, capsys):
    folder = layers_with(tmp_path)
    os.mkfifo(folder / "x.geojson")
    assert run_cli_with_timeout(["check", "--layers", str(folder)]) == 2
    line = only_line(capsys.readouterr().err)
    assert f"{folder / 'x.geojson'}: is a named pipe (FIFO), not a regular file" in line
    assert "reads only regular files" in line


@needs_fifo
def test_a_fifo_named_claims_json_is_refused_without_hanging(tmp_path, capsys):
    folder = layers_with(tmp_path)
    os.mkfifo(folder / "claims.json")
    assert run_cli_with_timeout(["check", "--layers", str(folder)]) == 2
    assert "claims.json: is a named pipe (FIFO), not a regular file" in only_line(capsys.readouterr().err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_refused_as_a_character_device(tmp_path, capsys):
    folder = layers_with(tmp_path)
    (folder / "zero.geojson").symlink_to("/dev/zero")
    assert run_cli_with_timeout(["check", "--layers", str(folder)]) == 2
    line = only_line(capsys.readouterr().err)
    assert "zero.geojson: is a symbolic link to '/dev/zero', a character device, not a regular file" in line


def test_a_link_to_a_regular_file_is_read(tmp_path):
    folder = layers_with(tmp_path)
    (folder / "a.geojson").rename(tmp_path / "elsewhere.geojson")
    (folder / "a.geojson").symlink_to(tmp_path / "elsewhere.geojson")
    assert [layer.name for layer in Atlas.load(folder).layers] == ["a"]


def test_a_broken_link_is_named_as_such(tmp_path):
    folder = layers_with(tmp_path)
    (folder / "gone.geojson").symlink_to(tmp_path / "missing.geojson")
    (folder / "claims.json").symlink_to(tmp_path / "missing.json")
    with pytest.raises(InputError) as raised:
        Atlas.load(folder)
    assert "gone.geojson: is a broken symbolic link (to " in str(raised.value)


def test_a_broken_claims_link_is_not_taken_for_no_claims(tmp_path):
    folder = layers_with(tmp_path)
    (folder / "claims.json").symlink_to(tmp_path / "missing.json")
    with pytest.raises(InputError, match=r"claims\.json: is a broken symbolic link"):
        Atlas.load(folder)


def test_a_folder_named_claims_json_is_refused(tmp_path):
    folder = layers_with(tmp_path)
    (folder / "claims.json").mkdir()
    with pytest.raises(InputError, match=r"claims\.json: is a folder, not a regular file"):
        Atlas.load(folder)


@needs_fifo
def test_add_layer_refuses_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "x.geojson")
    with pytest.raises(InputError, match="is a named pipe"):
        Atlas().add_layer(tmp_path / "x.geojson")


# --- the size guard ------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_and_the_fix_says_how_to_raise_it(tmp_path, monkeypatch, capsys):
    folder = layers_with(tmp_path)
    size = (folder / "a.geojson").stat().st_size
    assert size > 256
    monkeypatch.setenv(MAX_FILE_MB_ENV, str(1 / 4096))  # 256 bytes
    assert main(["check", "--layers", str(folder)]) == 2
    line = only_line(capsys.readouterr().err)
    assert f"a.geojson: is {size} bytes, larger than the 256 bytes gba-atlas reads" in line
    assert f"raise the limit with the environment variable {MAX_FILE_MB_ENV}=" in line


def test_raising_the_limit_reads_the_file(tmp_path, monkeypatch):
    folder = layers_with(tmp_path)
    monkeypatch.setenv(MAX_FILE_MB_ENV, "1")
    assert Atlas.load(folder).features


def test_the_keyword_overrides_the_environment(tmp_path, monkeypatch):
    path = write(tmp_path / "a.geojson", collection())
    monkeypatch.setenv(MAX_FILE_MB_ENV, "1")
    data, problems = read_json(path, max_mb=0.0001)
    assert data is None and "larger than" in problems[0].what
    data, problems = read_json(path, max_mb=DEFAULT_MAX_FILE_MB)
    assert problems == [] and data["type"] == "FeatureCollection"


@pytest.mark.parametrize("setting", ["lots", "-5", "0", "inf", "nan"])
def test_a_bad_limit_setting_is_reported(tmp_path, monkeypatch, setting):
    path = write(tmp_path / "a.geojson", collection())
    monkeypatch.setenv(MAX_FILE_MB_ENV, setting)
    data, problems = read_json(path)
    assert data is None
    assert f"{MAX_FILE_MB_ENV}={setting!r} is not a positive number of MiB" in problems[0].what


# --- depth ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, depth):
    path = write(tmp_path / "deep.geojson", "[" * depth + "]" * depth)
    data, problems = read_json(path)
    assert data is None
    assert problems[0].what == (
        f"nests arrays and objects more than {MAX_DEPTH} levels deep (line 1, column {MAX_DEPTH + 1})"
    )


def test_nesting_up_to_the_limit_is_read():
    data, problems = decode_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, file="f")
    assert problems == [] and isinstance(data, list)


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"note": "[" * 500 + '\\"{' * 100, "more": ["]]]"]})
    assert too_deep(text.encode()) is None
    data, problems = decode_json(text.encode(), file="f")
    assert problems == [] and data["note"].startswith("[[[")


def test_the_depth_is_located_on_its_line(tmp_path):
    text = '{\n  "a": "[[[[",\n  "b": ' + "[" * 70 + "]" * 70 + "\n}\n"
    assert read_json(write(tmp_path / "x.json", text))[1][0].what.endswith("(line 3, column 71)")


# --- duplicate keys, surrogates, numbers --------------------------------------------------------


def test_duplicate_keys_are_reported_where_they_are():
    raw = b'{"features": [{"type": "Feature", "properties": {"id": "a", "id": "b"}, "type": "X"}]}'
    _, problems = decode_json(raw, file="f.geojson")
    assert [str(p) for p in problems] == [
        'f.geojson: duplicate key "type" in the object at features[0] (given 2 times: "Feature", "X"); '
        'JSON readers keep only one of them, so the file is ambiguous; fix: keep one "type" member in '
        "that object",
        'f.geojson: duplicate key "id" in the object at features[0].properties (given 2 times: "a", "b"); '
        'JSON readers keep only one of them, so the file is ambiguous; fix: keep one "id" member in '
        "that object",
    ]


def test_many_duplicate_keys_are_capped():
    raw = json.dumps([{"k": 1} for _ in range(30)]).replace('"k": 1', '"k": 1, "k": 2').encode()
    _, problems = decode_json(raw, file="f")
    assert len(problems) == 11 and problems[-1].what == "has 20 more duplicate keys"


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"name": "a\\ud800b"}', "the text at name"),
        (b'["ok", "\\udfff"]', "the text at [1]"),
        (b'{"\\ud800": 1}', 'the text at ["\\ud800"]'),
        (b'{"a b": ["\\ude00\\ud83d"]}', 'the text at ["a b"][0]'),
    ],
)
def test_lone_surrogates_are_refused_with_their_place(raw, where):
    data, problems = decode_json(raw, file="f")
    assert data is None
    assert problems[0].what.startswith(f"{where} holds a lone UTF-16 surrogate")


def test_surrogate_pairs_and_escaped_backslashes_are_fine():
    data, problems = decode_json(b'["\\ud83d\\ude00", "\\\\ud800"]', file="f")
    assert problems == [] and data == ["\U0001f600", "\\ud800"]


def test_a_lone_surrogate_in_a_name_ends_in_one_line_not_unicode_encode_error(tmp_path, capsys):
    text = json.dumps(collection()).replace('"Test Square"', '"Test \\ud800"')
    path = write(tmp_path / "layers" / "a.geojson", text)
    assert main(["check", "--layers", str(path.parent)]) == 2
    assert "holds a lone UTF-16 surrogate \\ud800" in only_line(capsys.readouterr().err)


def test_an_integer_too_long_for_python_is_refused():
    _, problems = decode_json(b"[" + b"7" * 5000 + b"]", file="f")
    assert problems[0].what.startswith("holds a number Python cannot read")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "{", "}", '"', "a", ",", "\n"]), max_size=200), st.integers(0, 6))
def test_the_depth_without_escapes_is_found_as_the_regex_finds_it(pieces, limit):
    raw = "".join(pieces).encode()
    assert too_deep(raw, limit) == _too_deep_by_regex(raw, limit)


def _too_deep_by_regex(raw: bytes, limit: int) -> int | None:
    """The regex road of too_deep, taken whatever the text holds."""
    blanked = _STRING.sub(lambda m: b'"' + b" " * (len(m[0]) - 2) + b'"', raw)
    depth, where = _depths(blanked)
    if not len(depth) or depth.max() <= limit:
        return None
    return int(where[np.argmax(depth > limit)])
