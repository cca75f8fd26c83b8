"""The bad-input corpus (tests/corpus): every case gets its expected outcome through the CLI and the API.

``cases*.json`` (one file per kind of input: ``cases.json``, ``cases-reading.json``, ...) maps each
case — a file ``<case>.geojson`` or a folder ``<case>/`` — to its expected outcome (``error``,
``warning`` or ``ok``) and a fragment of the message.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from geo import Atlas, InputError
from geo.cli import main
from geo.errors import AtlasWarning

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = {
    case: expected
    for path in sorted(CORPUS.glob("cases*.json"))
    for case, expected in json.loads(path.read_text(encoding="utf-8")).items()
}


def layers_folder(case: str, tmp_path: Path) -> Path:
    """A folder holding just the case's file(s)."""
    folder = tmp_path / "layers"
    source = CORPUS / case
    if source.is_dir():
        shutil.copytree(source, folder)
    else:
        folder.mkdir()
        shutil.copy(CORPUS / f"{case}.geojson", folder / f"{case}.geojson")
    return folder


def test_every_case_has_its_files():
    for case in CASES:
        assert (CORPUS / case).is_dir() or (CORPUS / f"{case}.geojson").is_file(), case


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli(case, tmp_path, capsys):
    expected = CASES[case]
    folder = layers_folder(case, tmp_path)
    status = main(["check", "--layers", str(folder)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if expected["outcome"] == "error":
        assert status == 2 and out == ""
        lines = err.strip().splitlines()
        assert all(line.startswith(f"gba-atlas: error: {folder}") and "; fix: " in line for line in lines), (
            err
        )
        assert any(expected["message"] in line for line in lines), err
    else:
        assert status in (0, 1), err
        assert ("gba-atlas: warning:" in err) == (expected["outcome"] == "warning"), err
        assert expected["message"] in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_api(case, tmp_path):
    expected = CASES[case]
    folder = layers_folder(case, tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if expected["outcome"] == "error":
            with pytest.raises(InputError) as raised:
                Atlas.load(folder)
            assert expected["message"] in str(raised.value)
            assert all("; fix: " in str(p) for p in raised.value.problems)
        else:
            atlas = Atlas.load(folder)
            assert atlas.features
    ours = [w for w in caught if issubclass(w.category, AtlasWarning)]
    assert bool(ours) == (expected["outcome"] == "warning")


@pytest.mark.parametrize("case", sorted(c for c in CASES if (CORPUS / f"{c}.geojson").is_file()))
def test_add_layer_treats_the_file_the_same(case):
    expected = CASES[case]
    path = CORPUS / f"{case}.geojson"
    atlas = Atlas(layers=[], claims=[])
    if expected["outcome"] == "error":
        with pytest.raises(InputError, match=None) as raised:
            atlas.add_layer(path, name="Case")
        assert expected["message"] in str(raised.value)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AtlasWarning)
            assert atlas.add_layer(path, name="Case").features
