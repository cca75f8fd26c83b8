"""A map build imports only what it needs (issue 24: ``make map`` against ``import geopandas, folium``)."""

import subprocess
import sys

import pytest

#: Run in a fresh process: build the bundled map, then list which heavy modules were loaded.
_BUILD_THEN_LIST = """
import runpy, sys
wanted, sys.argv = sys.argv[2:], ["geo", "build", "--self-contained", "--out", sys.argv[1]]
try:
    runpy.run_module("geo", run_name="__main__")
except SystemExit as done:
    assert not done.code, done.code
print(" ".join(m for m in wanted if m in sys.modules))
"""

#: Loaded by `import geopandas, folium`, not needed by a build.
NOT_NEEDED = ["pandas", "pyarrow", "geopandas", "pyogrio", "matplotlib", "opencc", "geo.article.extract"]


@pytest.mark.slow
def test_a_map_build_loads_no_pandas_and_no_article_reading(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_THEN_LIST, str(tmp_path / "map.html"), *NOT_NEEDED, "folium"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1].split() == ["folium"]
    assert (tmp_path / "map.html").stat().st_size > 100_000


@pytest.mark.slow
def test_folium_still_reads_a_dataframe_loaded_after_the_map():
    script = (
        "import sys, geo.map, folium.utilities as u\n"
        "assert 'pandas' not in sys.modules and u.if_pandas_df_convert_to_numpy([[1, 2]]) == [[1, 2]]\n"
        "import pandas as pd\n"
        "print(type(u.if_pandas_df_convert_to_numpy(pd.DataFrame({'a': [1.0]}))).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["ndarray"]
