"""Ships the repository's ``layers/`` folder, the one copy of the bundled atlas, inside the package.

Everything else is in ``pyproject.toml``. A wheel gets the layer files as
``geo/data/layers/``; an editable install (``pip install -e .``) reads ``layers/`` in place
(:data:`geo.io.layer_file.BUNDLED_LAYERS`), so the repository keeps a single copy.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: The files of ``layers/`` that are the bundled atlas.
LAYER_FILES = ("*.geojson", "*.json", "*.parquet")


class BuildWithLayers(build_py):  # type: ignore[misc]
    """``build_py`` that also copies ``layers/`` into ``geo/data/layers`` of the build."""

    def run(self) -> None:
        """Build the package as usual, then copy the layer files (not for an editable install)."""
        super().run()
        if self.editable_mode:
            return
        source = Path(__file__).resolve().parent / "layers"
        target = Path(self.build_lib, "geo", "data", "layers")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for pattern in LAYER_FILES:
            for path in sorted(source.glob(pattern)):
                shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": BuildWithLayers})
