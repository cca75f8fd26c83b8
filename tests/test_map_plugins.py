"""The page's controls are Leaflet plugins: each can be added to a map and taken off it again,
leaving no listener behind (on the map, the window, the document or a media query)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import MAP, offline_context, open_at

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Counts the listeners now on the map (Leaflet's events) and, through spies put on the page
#: before it loads, those added to and removed from the window, the document and media queries.
SPIES = """
(() => {
  const present = (window.__present = []);
  const capture = (options) => Boolean(typeof options === "object" ? options && options.capture : options);
  const find = (target, args) => present.findIndex(
    (p) => p[0] === target && p[1] === args[0] && p[2] === args[1] && p[3] === capture(args[2]));
  for (const proto of [Window.prototype, Document.prototype, MediaQueryList.prototype]) {
    const add = proto.addEventListener, remove = proto.removeEventListener;
    proto.addEventListener = function (...args) {
      if (find(this, args) < 0) present.push([this, args[0], args[1], capture(args[2])]);
      return add.apply(this, args);
    };
    proto.removeEventListener = function (...args) {
      const at = find(this, args);
      if (at >= 0) present.splice(at, 1);
      return remove.apply(this, args);
    };
  }
})();
"""
COUNT = f"""(() => {{
  const map = {MAP};
  const onMap = Object.values(map._events || {{}}).reduce((n, list) => n + list.length, 0);
  return {{ map: onMap, page: window.__present.length }};
}})()"""

#: Each of our plugins, made by its factory as the page makes it, added to the map and removed.
#: The page's own full-screen control goes first: leaflet.fullscreen 3.0.0's listeners on the
#: document are shared by every such control (Leaflet's DomEvent adds a handler once), so a
#: second control's removal would take the first one's.
SETUP = {"fullscreen": "map.fullscreenControl.remove();"}
PLUGINS = {
    "fullscreen": "L.control.atlasFullscreen({position: 'topright'})",
    "measure": "L.control.atlasMeasure({position: 'topright'})",
    "mouse position": "L.control.atlasMousePosition({position: 'bottomleft', prefix: 'lat/lon'})",
    "minimap": "L.control.atlasMiniMap({position: 'bottomright', toggleDisplay: true, width: 120,"
    " height: 120, tiles: [{name: 'a', url: 'https://tile.invalid/{z}/{x}/{y}.png', attribution: ''}]})",
    "export link": "L.control.atlasExport(L.featureGroup(), {position: 'topright'})",
    "drawing": "L.atlasDrawing({position: 'topright', draw: {circle: false}, post_to_parent: true})",
    "plain map's note": "L.control.atlasPlainNote()",
    "box": "L.control.atlasBox(() => document.createElement('div'))",
    "language switch": "L.control.atlasLanguageSwitch()",
    "copy link": "L.control.atlasCopyLink({into: document.body})",
    "close on Escape": "L.atlasCloseOnEscape()",
    "one tooltip": "L.atlasOneTooltip()",
}


@pytest.fixture(scope="module")
def page(browser: Any, bundled_map: Path) -> Any:
    context, errors = offline_context(browser, 1280, 720)
    context.add_init_script(SPIES)
    opened = open_at(context, errors, bundled_map)
    yield opened
    assert errors == []
    context.close()


def test_on_a_phone_the_drawing_tools_removed_leave_no_listener(browser: Any, bundled_map: Path) -> None:
    """On a phone the drawing tools move to the left corner and their buttons are named again
    (atlas.labelControls): named twice, a button gets no second listener that would stay."""
    context, errors = offline_context(browser, 390, 844, phone=True)
    context.add_init_script(SPIES)
    try:
        phone = open_at(context, errors, bundled_map)
        counts = phone.evaluate(f"""(() => {{
            const map = {MAP}, before = {COUNT};
            const drawing = {PLUGINS["drawing"]}.addTo(map);
            const added = {COUNT}, moved = drawing.getLayer() && gbaAtlas.dom.narrow();
            drawing.remove();
            return {{before, added, moved, after: {COUNT}}};
        }})()""")
        assert counts["moved"], "not laid out for a phone: the test would prove nothing"
        assert counts["added"] != counts["before"]
        assert counts["after"] == counts["before"]
        assert errors == []
    finally:
        context.close()


def test_the_page_made_its_controls_with_our_plugins(page: Any) -> None:
    made = page.evaluate(
        "['AtlasBox', 'AtlasCopyLink', 'AtlasExport', 'AtlasFullscreen', 'AtlasGoTo', 'AtlasLanguageSwitch',"
        " 'AtlasMeasure', 'AtlasMiniMap', 'AtlasMousePosition', 'AtlasPlainNote']"
        ".filter((name) => typeof L.Control[name] === 'function')"
    )
    assert made == ["AtlasBox", "AtlasCopyLink", "AtlasExport", "AtlasFullscreen", "AtlasGoTo",
                    "AtlasLanguageSwitch", "AtlasMeasure", "AtlasMiniMap", "AtlasMousePosition",
                    "AtlasPlainNote"]  # fmt: skip
    assert page.evaluate(f"gbaAtlas.stateOf({MAP}).panel instanceof L.Control.AtlasPanel")
    assert page.evaluate("typeof L.AtlasDrawing") == "function"
    assert page.evaluate(f"gbaAtlas.stateOf({MAP}).permalink instanceof L.AtlasPermalink")
    assert page.evaluate("document.querySelectorAll('.gba-export, .leaflet-control-minimap').length") == 2


@pytest.mark.parametrize("name", list(PLUGINS))
def test_a_control_added_and_removed_leaves_no_listener(page: Any, name: str) -> None:
    before = page.evaluate(f"(() => {{ const map = {MAP}; {SETUP.get(name, '')} return {COUNT}; }})()")
    added = page.evaluate(f"""(() => {{
        const map = {MAP};
        window.__plugin = {PLUGINS[name]}.addTo(map);
        map.fire("gbalanguage", {{lang: "en"}});
        return {COUNT};
    }})()""")
    assert added != before, "the plugin listens to nothing: the test would prove nothing"
    after = page.evaluate("(() => { window.__plugin.remove(); return " + COUNT + "; })()")
    assert after == before


def test_the_panel_parts_go_where_they_are_put_and_come_out_again(page: Any) -> None:
    """The panel's parts sit in the panel, not in a corner of the map; removed, they leave it."""
    inside = page.evaluate(
        "['.gba-langs', '.gba-link', '.gba-goto-box']"
        ".map((part) => document.querySelector('.gba-side ' + part)"
        " !== null && document.querySelector('.leaflet-control-container ' + part) === null)"
    )
    assert inside == [True, True, True]
    put = page.evaluate(f"""(() => {{
        const map = {MAP}, box = document.body.appendChild(document.createElement('div'));
        const part = L.control.atlasCopyLink({{into: box}}).addTo(map);
        const there = box.firstChild === part.getContainer()
            && !box.firstChild.classList.contains('leaflet-control');
        part.remove();
        return [there, box.childNodes.length];
    }})()""")
    assert put == [True, 0]


def test_go_to_removed_answers_no_more(page: Any) -> None:
    """Go to listens to its list only: once removed, choosing a place no longer moves the map."""
    fits = page.evaluate(f"""(() => {{
        const map = {MAP}, box = document.body.appendChild(document.createElement('div'));
        const fitFree = gbaAtlas.fitFree, fitted = [];
        gbaAtlas.fitFree = (on, bounds) => fitted.push(bounds[0][0]);
        const choose = (part) => {{
            const select = part.getContainer().querySelector('select');
            select.value = '0';
            select.dispatchEvent(new Event('change'));
        }};
        try {{
            const far = {{name: 'far', bounds: [[-40, -60], [-39, -59]]}};
            const part = L.control.atlasGoTo([far], {{into: box}});
            part.addTo(map);
            choose(part);
            const node = part.getContainer();
            part.remove();
            node.querySelector('select').dispatchEvent(new Event('change'));
            return [fitted, box.childNodes.length];
        }} finally {{
            gbaAtlas.fitFree = fitFree;
            box.remove();
        }}
    }})()""")
    assert fits == [[-40], 0]


def test_the_panel_removed_and_added_again_leaves_no_listener(page: Any) -> None:
    """The story panel with its parts comes off the map with every listener it added, and back."""
    counts = page.evaluate(f"""(() => {{
        const map = {MAP}, panel = gbaAtlas.stateOf(map).panel;
        const count = () => {COUNT};
        const parts = '.gba-side, .gba-langs, .gba-link, .gba-goto-box';
        const shown = () => document.querySelectorAll(parts).length;
        const withPanel = [count(), shown()];
        panel.remove();
        const without = [count(), shown(), gbaAtlas.stateOf(map).panel];
        panel.addTo(map);
        map.fire("gbalanguage", {{lang: "en"}});
        const again = [count(), shown(), gbaAtlas.stateOf(map).panel === panel];
        return {{withPanel, without, again}};
    }})()""")
    on_map, page_listeners = counts["withPanel"][0]["map"], counts["withPanel"][0]["page"]
    assert counts["withPanel"][1] == 4
    assert counts["without"][0]["map"] < on_map and counts["without"][0]["page"] < page_listeners
    assert counts["without"][1:] == [0, None]
    assert counts["again"] == [{"map": on_map, "page": page_listeners}, 4, True]


def test_the_names_watcher_removed_leaves_no_listener(page: Any) -> None:
    """L.atlasLabels added keeps the names placed; removed, none of its listeners stays on the map.

    Counted by the watcher's own listeners: taking the names off also unbinds the features'
    tooltips, which changes the map's total.
    """
    seen = page.evaluate(f"""(() => {{
        const map = {MAP}, state = gbaAtlas.stateOf(map);
        const names = () => document.querySelectorAll('.gba-label:not(.gba-label-hidden)').length;
        const its = (watcher) => Object.values(map._events).flat().filter((l) => l.ctx === watcher).length;
        const before = names();
        const watcher = L.atlasLabels().addTo(map);
        const added = its(watcher);
        watcher.remove();
        const after = [its(watcher), state.labels];
        state.labels = true;  // the page's own watcher is still on the map: its names back
        map.fire('zoomend');
        return {{before, added, after, restored: names()}};
    }})()""")
    assert seen["added"] == 7
    assert seen["after"] == [0, False]
    assert seen["restored"] == seen["before"]


#: Adds a permalink of its own to the map (the page's taken off first: a page has one fragment),
#: moves the map, and takes it off again before it writes; then shows that a permalink left on
#: the map writes. Counts listeners and calls of history.replaceState at each step.
PERMALINK = f"""(async () => {{
  const map = {MAP}, state = gbaAtlas.stateOf(map), own = state.permalink;
  const tick = (ms) => new Promise((done) => setTimeout(done, ms));
  const replace = history.replaceState, hash = location.hash;
  let writes = 0;
  history.replaceState = function (...args) {{ writes += 1; return replace.apply(this, args); }};
  const count = () => Object.assign({COUNT}, {{ writes, moved: location.hash !== hash }});
  const seen = {{}};
  try {{
    own.remove();
    seen.before = count();
    const soon = L.atlasPermalink({{ rows: [] }}, [], {{ wait: 50 }}).addTo(map);
    soon.remove();  // before it starts to follow the map: it never does
    await tick(150);
    seen.removedAtOnce = count();
    const permalink = L.atlasPermalink({{ rows: [] }}, [], {{ wait: 50 }}).addTo(map);
    await tick(0);
    seen.added = [count(), state.permalink === permalink];
    map.panBy([40, 0], {{ animate: false }});
    permalink.remove();  // its write pending
    await tick(150);
    seen.removed = [count(), state.permalink];
    const kept = L.atlasPermalink({{ rows: [] }}, [], {{ wait: 50 }}).addTo(map);
    await tick(0);
    map.panBy([-40, 0], {{ animate: false }});
    await tick(150);
    seen.kept = count();
    kept.remove();
  }} finally {{
    history.replaceState = replace;
    replace.call(history, history.state, "", hash);
    own.addTo(map);
  }}
  seen.restored = state.permalink === own;
  return seen;
}})()"""


def test_the_permalink_removed_leaves_no_listener_and_writes_no_more(page: Any) -> None:
    """The URL keeper follows the map and the fragment once added; removed, with a write pending
    or before it started, nothing of it stays: no listener, no timer that writes the URL."""
    seen = page.evaluate(PERMALINK)
    before = seen["before"]
    assert before["writes"] == 0
    assert seen["removedAtOnce"] == before, "the permalink's first timer ran after its removal"
    added, owns = seen["added"]
    assert owns
    assert added["map"] > before["map"] and added["page"] == before["page"] + 1  # the window's hashchange
    assert seen["removed"] == [before, None], "a listener stayed, or the pending write ran"
    assert seen["kept"]["writes"] == 1 and seen["kept"]["moved"], "the test would prove nothing"
    assert seen["restored"]


#: The sheet's gestures on a head of our own, its listeners counted there; a fake panel records
#: what the gestures ask of it.
SHEET = """(() => {
  const head = document.createElement('div'), asked = [];
  let listening = 0;
  const add = head.addEventListener, remove = head.removeEventListener;
  head.addEventListener = function (...args) { listening += 1; return add.apply(this, args); };
  head.removeEventListener = function (...args) { listening -= 1; return remove.apply(this, args); };
  const panel = { isOpen: () => false, setOpen: (open) => asked.push(open) };
  const touch = (type, y) => {
    const event = new Event(type);
    event.touches = event.changedTouches = [{ clientY: y }];
    head.dispatchEvent(event);
  };
  const swipe = (from, to) => { touch('touchstart', from); touch('touchend', to); };
  const gestures = L.atlasSheetGestures(panel, head, { swipe: 30 });
  const seen = { before: listening };
  gestures.enable();
  seen.enabled = [listening, gestures.enabled()];
  swipe(300, 200);  // up: open
  swipe(200, 290);  // down: fold
  swipe(200, 190);  // too short: nothing
  seen.asked = asked.slice();
  gestures.disable();
  swipe(300, 200);
  seen.disabled = [listening, gestures.enabled(), asked.length];
  return seen;
})()"""


def test_the_sheets_gestures_disabled_leave_no_listener(page: Any) -> None:
    """A swipe up opens the sheet and a swipe down folds it; disabled, the head hears nothing."""
    seen = page.evaluate(SHEET)
    assert seen["before"] == 0
    assert seen["enabled"] == [3, True]  # touchstart, touchend, click
    assert seen["asked"] == [True, False]
    assert seen["disabled"] == [0, False, 2]
