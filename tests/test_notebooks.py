"""The notebooks run top to bottom, in a temporary copy, and are stored without outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_atlas_at_a_glance.ipynb", "02_add_a_layer.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))  # not nbformat: its import takes seconds
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cleared = cell["outputs"] == [] and cell["execution_count"] is None
            assert cleared, f"clear the outputs of {path.name}"


#: Appended to a notebook's copy: the names on its charts must not overlap.
CHART_CHECK = """
import matplotlib.pyplot as plt
from matplotlib.text import Annotation
for number in plt.get_fignums():
    figure = plt.figure(number)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for axes in figure.axes:
        boxes = [a.get_window_extent(renderer) for a in axes.texts if isinstance(a, Annotation)]
        overlaps = [(i, j) for i in range(len(boxes)) for j in range(i) if boxes[i].overlaps(boxes[j])]
        assert not overlaps, [axes.texts[i].get_text() for pair in overlaps for i in pair]
print("charts checked:", len(plt.get_fignums()))
"""


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path, tmp_path, monkeypatch):
    """Clean: no error, no warning printed (a missing CJK glyph, say), chart labels apart, and
    nothing left beside the notebook (scratch files go to a temporary folder)."""
    import nbformat
    from nbclient import NotebookClient

    copy = shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(copy, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(CHART_CHECK))
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert any("text/html" in o.get("data", {}) for o in outputs)  # the map and tables rendered
    assert "charts checked:" in outputs[-1].text
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
