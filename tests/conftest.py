"""Shared pytest fixtures.

Browser fixtures: a headless Debian Chromium driven by Playwright's Python API,
and an ``offline_page`` whose context aborts every request that is not a
``file:`` or ``data:`` URL.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

    from geo.atlas import Atlas

# --------------------------------------------------------------------------- #
# Hypothesis
# --------------------------------------------------------------------------- #


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """No per-example deadline for Hypothesis, in every process that runs tests; Ctrl-C not ignored.

    Timings on a shared or busy machine are noisy, and a missed deadline fails the test. Each
    property test keeps its own max_examples (the costly one is marked slow); pytest's
    --hypothesis-profile=NAME still picks another profile (Hypothesis's plugin loads it after this).
    The pytest-xdist controller runs no test: it does not import Hypothesis (nor the atlas) at all.

    A run started as a background job (``make test &``) inherits Ctrl-C ignored, and so would
    every process the tests start; the signal tests send it as a terminal would, so the default
    is put back first (before the workers start: they and their children inherit it).
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if config.getoption("numprocesses", default=None) and not hasattr(config, "workerinput"):
        return
    from hypothesis import settings

    settings.register_profile("gba-atlas", deadline=None)
    settings.load_profile("gba-atlas")


# --------------------------------------------------------------------------- #
# Disk flushes
# --------------------------------------------------------------------------- #

#: GeoPackages (SQLite) written by the tests, and by the commands they start, skip SQLite's flushes.
os.environ.setdefault("OGR_SQLITE_SYNCHRONOUS", "OFF")


def _fsync_skipped(fd: int) -> None:
    """``os.fsync`` in the tests: checks the descriptor, as fsync does, but does not wait for the disk."""
    os.fstat(fd)


@pytest.fixture(scope="session", autouse=True)
def _no_disk_flushes() -> Iterator[None]:
    """The code under test calls ``os.fsync`` as it would, without waiting for the disk.

    A flush takes 10-20 ms on this project's CI disks and a run makes hundreds; no test can observe it
    (the tests that check atomic writes count fsync calls by wrapping ``os.fsync``, which still works).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", _fsync_skipped)
        yield


# --------------------------------------------------------------------------- #
# Markers
# --------------------------------------------------------------------------- #


#: Marks that make a test slow too (:func:`pytest_collection_modifyitems`).
SLOW_TOO = frozenset({"browser", "npm"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs a browser or npm is slow too, so no such test slips into ``make test-fast``.

    A test that takes the ``browser`` fixture is marked ``browser``, marked or not. Then the
    modules are put heaviest first (:func:`heaviest_modules_first`).
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if any(item.get_closest_marker(name) for name in SLOW_TOO):
            item.add_marker(pytest.mark.slow)
    heaviest_modules_first(items)


#: What a test weighs when modules are ordered: a browser test, another slow one, any other.
WEIGHTS = {"browser": 3.0, "slow": 1.0, "": 0.02}


def heaviest_modules_first(items: list[pytest.Item]) -> None:
    """Order the modules by the weight of their tests, heaviest first; within a module, as collected.

    ``--dist loadfile`` hands each worker the next module in this order when it is done with
    one: heaviest first, the last modules handed out are short and the two workers finish
    together, instead of one running a long browser module alone at the end.
    """
    weight: dict[str, float] = {}
    for item in items:
        kind = next((name for name in ("browser", "slow") if item.get_closest_marker(name)), "")
        module = item.nodeid.split("::")[0]
        weight[module] = weight.get(module, 0.0) + WEIGHTS[kind]
    items.sort(key=lambda item: -weight[item.nodeid.split("::")[0]])


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Skip importing a test module whose every test ``-m`` deselects (``make test-fast``: the slow ones).

    Importing the browser, notebook and wheel modules costs seconds of ``make test-fast`` for tests
    it then deselects; see :func:`tests.collection_helpers.deselects_module`.
    """
    if collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        from tests.collection_helpers import deselects_module

        if deselects_module(collection_path, config.option.markexpr, slow_too=SLOW_TOO):
            return True
    return None


# --------------------------------------------------------------------------- #
# Browser fixtures
# --------------------------------------------------------------------------- #

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_NOT_FOUND_MESSAGE = (
    "Chromium not found: install Debian's `chromium` package (apt-get install chromium)"
)
_LOCAL_SCHEMES = ("file:", "data:")


def find_chromium() -> str | None:
    """Return the path of a Chromium executable, or None when there is none."""
    candidates = [shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@dataclass
class BrowserPage:
    """A Playwright page plus what happened on it.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The page, in a context where only ``file:`` and ``data:`` URLs load.
    errors : list of str
        Uncaught page errors (exceptions thrown by the page's scripts).
    console_errors : list of str
        ``console.error`` messages, including the browser's own reports of
        blocked requests.
    dialogs : list of str
        Messages of alert/confirm/prompt dialogs (all dismissed).
    blocked : list of str
        URLs of aborted network requests.
    """

    page: Page
    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch headless Chromium once per session (skips when unavailable)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install playwright")
    executable = find_chromium()
    if executable is None:
        pytest.skip(CHROMIUM_NOT_FOUND_MESSAGE)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[BrowserPage]:
    """Give a fresh page that cannot reach the network, recording problems (its reader asked for
    reduced motion, as in :func:`tests.browser_helpers.offline_context`)."""
    from tests.browser_helpers import SETTLE_SCRIPT

    context = browser.new_context(reduced_motion="reduce")
    context.add_init_script(script=SETTLE_SCRIPT)
    page = context.new_page()
    result = BrowserPage(page=page)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(_LOCAL_SCHEMES):
            route.continue_()
        else:
            result.blocked.append(url)
            route.abort()

    def on_console(message: Any) -> None:
        if message.type == "error":
            result.console_errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        result.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    page.on("console", on_console)
    page.on("dialog", on_dialog)
    try:
        yield result
    finally:
        context.close()


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The bundled atlas, read once per test module."""
    from geo.atlas import BUNDLED_LAYERS, Atlas

    return Atlas.load(BUNDLED_LAYERS)


@pytest.fixture(scope="session")
def bundled_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The self-contained map of the bundled atlas, as a file for the browser tests: built once a run."""
    from geo.atlas import BUNDLED_LAYERS, Atlas

    path = tmp_path_factory.mktemp("map") / "map.html"
    path.write_text(Atlas.load(BUNDLED_LAYERS).to_html(self_contained=True), encoding="utf-8")
    return path


@pytest.fixture
def desktop(browser: Any, bundled_map: Path) -> Iterator[tuple[Any, list[str]]]:
    """The bundled map at 1280×720 with no network, and the page errors seen on it."""
    from tests.browser_helpers import offline_context, open_at

    context, errors = offline_context(browser, 1280, 720)
    try:
        yield open_at(context, errors, bundled_map), errors
    finally:
        context.close()


@pytest.fixture(scope="module")
def desktop_shared(browser: Any, bundled_map: Path) -> Iterator[tuple[Any, list[str]]]:
    """As ``desktop``, one page for a module's tests that only read the map as opened."""
    from tests.browser_helpers import offline_context, open_at

    context, errors = offline_context(browser, 1280, 720)
    try:
        yield open_at(context, errors, bundled_map), errors
    finally:
        context.close()


# ---------------------------------------------------------------- the real Natural Earth data


@pytest.fixture(scope="session")
def natural_earth() -> dict[str, Any]:
    """The real countries topology, from the asset cache or fetched with npm; skips when neither works."""
    from geo.errors import AssetError
    from geo.map.basemap import WORLD_ATLAS, load_countries
    from geo.map.offline import default_cache_dir

    cached = Path(default_cache_dir(), WORLD_ATLAS.package, WORLD_ATLAS.path).is_file()
    if not cached and shutil.which("npm") is None:
        pytest.skip("world-atlas is not cached and npm is not on PATH")
    try:
        return load_countries()
    except AssetError as exc:
        pytest.skip(f"world-atlas unavailable: {exc}")


@pytest.fixture(scope="session")
def real_payload(natural_earth: dict[str, Any]) -> dict[str, Any]:
    from geo.map.basemap import basemap_payload

    return basemap_payload(topology=natural_earth)


@pytest.fixture(scope="session")
def stand_in_basemap() -> dict[str, Any]:
    """A base map payload without Natural Earth: one block of land, no boundaries, the real cities."""
    from shapely.geometry import box, mapping

    from geo.map.basemap import load_cities

    return {
        "land": mapping(box(113.0, 22.4, 114.6, 23.5)),
        "borders": {"type": "FeatureCollection", "features": []},
        "cities": [city.to_json() for city in load_cities()],
    }
