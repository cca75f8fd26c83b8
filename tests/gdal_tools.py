"""Debian's GDAL command-line tools on an export: ``ogrinfo`` and GDAL's ``validate_gpkg.py``.

CI installs them (``gdal-bin``, ``python3-gdal``: .ci/run). Where they are missing the checks are
skipped, saying which package to install.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

#: The system Python that has Debian's GDAL bindings (python3-gdal), which ship validate_gpkg.py.
SYSTEM_PYTHON = "/usr/bin/python3"
VALIDATE_GPKG = "osgeo_utils.samples.validate_gpkg"


def has_validate_gpkg() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = [
        SYSTEM_PYTHON,
        "-c",
        f"import importlib.util; exit(not importlib.util.find_spec('{VALIDATE_GPKG}'))",
    ]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def ogrinfo_clean(path: Path) -> str:
    """``ogrinfo -al -so`` on ``path``: assert it opens with nothing on standard error; return its report."""
    if shutil.which("ogrinfo") is None:
        pytest.skip("ogrinfo is missing: apt-get install gdal-bin")
    done = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"ogrinfo warns about {path.name}: {done.stderr}"
    return done.stdout


def validate_gpkg(path: Path) -> None:
    """GDAL's validate_gpkg.py on ``path``: assert it passes every requirement, silently."""
    if not has_validate_gpkg():
        pytest.skip("GDAL's validate_gpkg.py is missing: apt-get install python3-gdal")
    done = subprocess.run(
        [SYSTEM_PYTHON, "-m", VALIDATE_GPKG, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), (
        done.stdout + done.stderr
    )


def gdal_clean(path: Path) -> str:
    """The checks that apply to ``path``: ogrinfo, and validate_gpkg.py for a GeoPackage.

    GeoParquet is not given to ogrinfo: Debian's GDAL (3.6) has no Parquet driver (the tests read it
    with pyarrow and geopandas instead).
    """
    if path.suffix == ".parquet":
        return ""
    report = ogrinfo_clean(path)
    if path.suffix == ".gpkg":
        validate_gpkg(path)
    return report
