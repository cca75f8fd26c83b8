"""Helpers for the browser tests: open a map in a Playwright page and find things on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from geo.model import Feature

VIEWPORT = {"width": 1400, "height": 900}
#: The Leaflet map of a page, as a JavaScript expression.
MAP = "window[document.querySelector('.folium-map').id]"


#: Installed in every test page before its scripts run: counts the page's pending short timers
#: (under 1 s: Leaflet's 250 ms zoom end, the 200 ms removal of a faded name, the labels' 50 ms
#: throttle, the permalink's 0.3 s wait) and animation frames, so that a test can wait until the
#: page has settled instead of sleeping a fixed time. Long timers (the 4 s wait for a first tile,
#: a status line's 4 s) are not waited for.
SETTLE_SCRIPT = """(() => {
  const timers = new Set(), frames = new Set();
  const setT = window.setTimeout.bind(window), clearT = window.clearTimeout.bind(window);
  const raf = window.requestAnimationFrame.bind(window), caf = window.cancelAnimationFrame.bind(window);
  window.setTimeout = (fn, delay, ...args) => {
    const id = setT((...a) => {
      timers.delete(id);
      return typeof fn === 'function' ? fn.apply(window, a) : (0, eval)(fn);
    }, delay, ...args);
    if (!(delay >= 1000)) timers.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timers.delete(id); clearT(id); };
  window.requestAnimationFrame = (fn) => {
    const id = raf((t) => { frames.delete(id); fn.call(window, t); });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => { frames.delete(id); caf(id); };
  const running = () => document.getAnimations().filter((a) => a.playState === 'running'
    && a.effect && a.effect.getComputedTiming().endTime !== Infinity).length;
  /* Resolves once two frames in a row found no pending timer, frame or finite animation. */
  window.__gbaSettled = (limit) => new Promise((resolve, reject) => {
    let calm = 0;
    const give = setT(() => reject(new Error(`not settled after ${limit} ms: ${timers.size} timers, `
      + `${frames.size} frames, ${running()} animations`)), limit);
    const look = () => {
      calm = timers.size || frames.size || running() ? 0 : calm + 1;
      if (calm >= 2) { clearT(give); resolve(true); } else raf(look);
    };
    raf(look);
  });
})();"""


def settle(page: Any, *, limit: int = 10_000) -> None:
    """Wait until the page (or frame) has no short timer, animation frame or animation pending.

    Parameters
    ----------
    page : playwright.sync_api.Page or Frame
        A page of a context made by :func:`offline_context` (or given :data:`SETTLE_SCRIPT`).
    limit : int
        Milliseconds after which waiting fails, naming what is still pending.
    """
    page.evaluate(f"window.__gbaSettled({limit})")


def open_map(offline_page: Any, path: Path) -> Any:
    page = offline_page.page
    page.set_viewport_size(VIEWPORT)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".gba-panel", timeout=10_000)
    return page


def go_to(page: Any, place: str) -> None:
    """Choose a place in the "Go to…" list and wait until the map has moved there."""
    page.evaluate(f"window.__moved = false; {MAP}.once('moveend', () => {{ window.__moved = true; }}); 0")
    page.select_option(".gba-goto", label=place, timeout=5_000)
    page.wait_for_function("window.__moved === true", timeout=5_000)


def screen_point(page: Any, feature: Feature) -> tuple[float, float]:
    """Where in the page a point inside the feature is."""
    point = feature.geometry.representative_point()
    x, y = page.evaluate(
        f"""() => {{
            const map = {MAP};
            const p = map.latLngToContainerPoint([{point.y}, {point.x}]);
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }}"""
    )
    return x, y


# --------------------------------------------------------------------------- #
# Layout: what covers the map, and what a reader can reach
# --------------------------------------------------------------------------- #

#: Screen sizes the layout is tested at: (name, width, height, phone with touch).
SCREENS = [
    ("desktop", 1440, 900, False),
    ("laptop", 1280, 720, False),
    ("tablet", 768, 1024, True),
    ("phone", 390, 844, True),
]

#: The share of the viewport where the map itself is on top, on a grid of points 8 px apart.
UNCOVERED_SHARE = """() => {
  let free = 0, all = 0;
  for (let y = 2; y < innerHeight; y += 8) {
    for (let x = 2; x < innerWidth; x += 8) {
      all++;
      const top = document.elementFromPoint(x, y);
      if (top && top.closest('.leaflet-container') && !top.closest('.leaflet-control-container')) free++;
    }
  }
  return free / all;
}"""

#: Pairs of controls (and the panel) whose boxes overlap, by their classes.
OVERLAPPING_CONTROLS = """() => {
  const boxes = [...document.querySelectorAll('.leaflet-control, .gba-side')]
    .filter((n) => n.checkVisibility())
    .map((n) => [n.className.split(' ').slice(0, 2).join('.'), n.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.height > 0);
  const out = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) {
      out.push(a + ' / ' + b);
    }
  }));
  return out;
}"""

#: Visible interactive elements (not the map's shapes) that are off screen or under something else.
UNREACHABLE = """() => {
  const selector = 'a[href], button, input, select, summary, [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const node of document.querySelectorAll(selector)) {
    if (node.closest('svg') || node.classList.contains('leaflet-container')) continue;
    if (!node.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const scroller = node.closest('.gba-side-body, .leaflet-popup-content, .gba-bulk-list ul');
    if (scroller) {
      const s = scroller.getBoundingClientRect();
      if (r.bottom <= s.top || r.top >= s.bottom) continue;  // scrolled out of its box: not visible
      if (r.top < s.top || r.bottom > s.bottom) continue;  // half scrolled: reached by scrolling
    }
    const name = node.tagName + '.' + node.className + ' ' + (node.textContent || '').trim().slice(0, 30);
    if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) {
      out.push('off screen: ' + name);
      continue;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === node || node.contains(hit) || hit.contains(node))) {
      out.push('covered: ' + name + ' by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
    }
  }
  return out;
}"""


def offline_context(
    browser: Any, width: int, height: int, *, phone: bool = False, motion: bool = False
) -> tuple[Any, list[str]]:
    """A browser context of one screen size where only ``file:`` and ``data:`` URLs load.

    Its reader asked for reduced motion (``prefers-reduced-motion: reduce``: the map jumps where it
    would glide and fades nothing, and a headless Chromium renders no frames of animation in
    software), unless ``motion``: tests of the animated map keep it on.

    Returns
    -------
    context, errors
        The context (close it when done) and the list its pages' uncaught errors go to.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height},
        has_touch=phone,
        is_mobile=phone and width < 500,
        reduced_motion="no-preference" if motion else "reduce",
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    context.add_init_script(script=SETTLE_SCRIPT)
    return context, []


def open_at(context: Any, errors: list[str], path: Path, *, lang: str | None = None) -> Any:
    """Open a map page in the context (in ``lang``: the URL's ``#lang=``); wait until its panel is there."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri() + (f"#lang={lang}" if lang else ""), wait_until="load")
    page.wait_for_selector(".gba-side", timeout=10_000)
    settle(page)  # labels placed after the first layout
    return page


def layout_problems(page: Any) -> list[str]:
    """Controls overlapping each other or the panel, and interactive elements a reader cannot hit."""
    return [f"overlap: {pair}" for pair in page.evaluate(OVERLAPPING_CONTROLS)] + page.evaluate(UNREACHABLE)


def uncovered(page: Any, box: dict[str, float]) -> bool:
    """Whether the map itself is on top at the box's centre and at points near its corners.

    ``page`` is a page or a frame, and ``box`` in its viewport's coordinates.
    """
    x0, y0 = box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.1
    x1, y1 = box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.9
    points = [(x0, y0), (x1, y0), (x0, y1), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2)]
    return all(
        page.evaluate(
            f"""() => {{ const top = document.elementFromPoint({x}, {y});
                return Boolean(top && top.closest('.leaflet-container')
                    && !top.closest('.leaflet-control-container')); }}"""
        )
        for x, y in points
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class's parameter names
        """Log nothing: the tests' output stays readable."""


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve a folder over http on 127.0.0.1 (a free port) while in the block; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


#: Names on the map (features' and cities') that meet another, run off the map, lie under the
#: panel, a control or a note, or are drawn under a shape or a line: one line each.
LABEL_PROBLEMS = """() => {
  const container = document.querySelector('.folium-map'), map = container.getBoundingClientRect();
  const nodes = [...container.querySelectorAll('.leaflet-control'),
    ...document.querySelectorAll('.gba-side')];
  const covers = nodes
    .filter((n) => n.checkVisibility()).map((n) => [n.className.split(' ')[0], n.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.height > 0);
  const shown = [...container.querySelectorAll('.gba-label, .gba-plain-city')]
    .filter((n) => n.checkVisibility({ visibilityProperty: true }) && !n.closest('.leaflet-control'))
    .map((n) => [n.textContent, n.getBoundingClientRect(), n]);
  const shapes = +getComputedStyle(container.querySelector('.leaflet-overlay-pane')).zIndex;
  const meet = (r, s) => r.left < s.right - 0.5 && s.left < r.right - 0.5 && r.top < s.bottom - 0.5
    && s.top < r.bottom - 0.5;
  const out = [];
  shown.forEach(([a, r, node], i) => {
    if (r.left < map.left || r.top < map.top || r.right > map.right || r.bottom > map.bottom) {
      out.push('off the map: ' + a);
    }
    const z = +getComputedStyle(node.closest('.leaflet-pane')).zIndex;
    if (z <= shapes) out.push(a + ' drawn under the shapes');
    covers.forEach(([c, s]) => { if (meet(r, s)) out.push(a + ' under ' + c); });
    shown.slice(i + 1).forEach(([b, s]) => { if (meet(r, s)) out.push(a + ' / ' + b); });
  });
  return out;
}"""


def label_problems(page: Any) -> list[str]:
    """Names on the map that meet, run off the map, or lie under the panel or a control."""
    return list(page.evaluate(LABEL_PROBLEMS))


def open_offline(
    browser: Any, path: Path, screen: tuple[str, int, int, bool], lang: str, *, motion: bool = False
) -> tuple[Any, Any, list[str]]:
    """The map offline on a screen of ``SCREENS``, in a language, once the tiles' note shows.

    Returns
    -------
    context, page, errors
        The context (close it when done), the page, and the list its uncaught errors go to.
        ``motion``: as for :func:`offline_context`.
    """
    _, width, height, phone = screen
    context, errors = offline_context(browser, width, height, phone=phone, motion=motion)
    try:
        page = open_at(context, errors, path, lang=lang)
        page.wait_for_selector(".gba-plain-note", timeout=10_000)
        settle(page)  # the first view framed again clear of the note, the names placed again
    except BaseException:
        context.close()
        raise
    return context, page, errors


@contextmanager
def offline_map(
    browser: Any, path: Path, screen: tuple[str, int, int, bool], lang: str, *, motion: bool = False
) -> Iterator[Any]:
    """The map offline on a screen of ``SCREENS``, in a language, once the tiles' note shows; yields the page.

    Page errors fail the block's end. ``motion``: as for :func:`offline_context`.
    """
    context, page, errors = open_offline(browser, path, screen, lang, motion=motion)
    try:
        yield page
        assert errors == []
    finally:
        context.close()
