"""The map in English, 繁體中文 and 简体中文, in headless Chromium, offline.

For each language: switch to it and collect every visible text, title and accessible name of
the panel, the tools, a tooltip and a details view; none of our own words is left in another
language (proper names, stated figures and sources as stated aside), names are in the
language's script, ``lang`` attributes match, the URL keeps the language and reopening the
link restores it. The first language follows the browser's. Also axe in 繁體中文, and the
Chinese preview (``GBA_ATLAS_PREVIEW=1`` keeps it as ``output/preview-zh.png``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.errors import AssetError
from geo.i18n import LANGUAGES, read_catalogue
from geo.map.offline import fetch, resolve
from geo.map.offline.packing import unpacked_page
from tests.browser_helpers import offline_context, open_at, settle
from tests.test_map_a11y import AXE_URL, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTPUT = Path(__file__).resolve().parent.parent / "output"
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
#: Words of proper names and formats that stay as they are in every language.
KEPT = (
    "OpenStreetMap",
    "Esri World Imagery",
    "GeoJSON",
    "CSV",
    "WGS84",
    "Leaflet",
    "contributors",
    "MiniMap",
)

#: Every visible text node, title and aria-label of the panel, the tools, an open tooltip and
#: an open popup, each with the language of its element (its closest lang attribute).
COLLECT = """() => {
  const roots = document.querySelectorAll(
    '.gba-side, .leaflet-control-container, .leaflet-tooltip:not(.gba-label), .leaflet-popup');
  const out = [];
  const langOf = (node) => (node.closest('[lang]') || document.documentElement).lang;
  const visible = (node) =>
    node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
  roots.forEach((root) => {
    if (root.closest('.leaflet-control-attribution')) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if (node.closest('.leaflet-control-attribution')) continue;
        ['title', 'aria-label'].forEach((name) => {
          const value = node.getAttribute(name);
          if (value && value.trim()) out.push([value.trim(), langOf(node), name]);
        });
      } else if (node.textContent.trim() && node.parentElement && visible(node.parentElement)
                 && !node.parentElement.closest('.leaflet-control-attribution')) {
        out.push([node.textContent.trim(), langOf(node.parentElement), 'text']);
      }
    }
  });
  return out;
}"""


def as_stated(atlas: Atlas) -> list[str]:
    """Texts from the data that every language quotes as they are: names, stated figures, sources."""
    report = atlas.report()
    texts = [layer.name for layer in atlas.layers]
    texts += [f.name for layer in atlas.layers for f in layer]
    texts += [f.digitized_from for layer in atlas.layers for f in layer if f.digitized_from]
    texts += [a.stated for a in report.areas] + [a.source for a in report.areas]
    texts += [str(atlas.story.source)] if atlas.story and atlas.story.source else []
    texts += [c.stated.as_stated for c in atlas.claims if c.stated]
    texts += [f.id for layer in atlas.layers for f in layer]  # ids, which claims' details name
    texts += [a for layer in atlas.layers for f in layer for a in f.properties.get("aliases", [])]
    return sorted(texts, key=len, reverse=True)


def switch(page: Any, lang: str) -> None:
    page.click(f".gba-lang[data-lang='{lang}']")
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=5_000)
    settle(page)


def focus_feature(page: Any, name: str) -> None:
    """Focus the feature whose accessible name starts with ``name`` (its tooltip opens)."""
    found = page.evaluate(
        """(name) => {
          const node = Array.from(document.querySelectorAll('path[role=button]'))
            .find((n) => (n.getAttribute('aria-label') || '').startsWith(name));
          if (node) node.focus();
          return Boolean(node);
        }""",
        name,
    )
    assert found, f"no feature named {name!r}"
    page.wait_for_selector(".leaflet-tooltip.gba-tooltip, .leaflet-tooltip .gba-tooltip", timeout=5_000)


def texts_everywhere(page: Any, atlas: Atlas, lang: str) -> list[list[str]]:
    """The texts of the panel (checks unfolded) and tools, then with a tooltip, then with the details open."""
    page.evaluate("document.querySelector('.gba-panel').open = true")
    texts: list[list[str]] = page.evaluate(COLLECT)
    park = next(f for layer in atlas.layers for f in layer if f.id == "hetao_hk_park")
    focus_feature(page, park.names.get(lang))
    texts += page.evaluate(COLLECT)
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup .gba-popup", timeout=5_000)
    texts += page.evaluate(COLLECT)
    return texts


def strangers(texts: list[list[str]], lang: str, kept: list[str]) -> list[str]:
    """Texts in another language than ``lang`` (proper names and texts as stated taken out)."""
    out = []
    for text, node_lang, where in texts:
        if any(text in whole for whole in kept):
            continue
        rest = text
        for word in [*kept, *KEPT]:
            rest = rest.replace(word, " ")
        if lang == "en" and node_lang == "en" and HAN.search(rest):
            out.append(f"{where}: {text!r}")
        if lang != "en" and node_lang != "en" and LATIN_WORD.search(rest):
            out.append(f"{where}: {text!r}")
    return out


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en"])
def test_switching_changes_everything_the_map_says(
    desktop: tuple[Any, list[str]], atlas: Atlas, lang: str
) -> None:
    page, errors = desktop
    if lang == "en":
        switch(page, "zh-Hant")
    switch(page, lang)
    texts = texts_everywhere(page, atlas, lang)
    odd = strangers(texts, lang, as_stated(atlas))
    assert odd == [], "\n".join(odd)
    kept = as_stated(atlas)
    seen = {text for text, _, _ in texts if not any(text in whole for whole in kept)}
    # none of the other Chinese script's own words
    other = {"zh-Hant": "zh-Hans", "zh-Hans": "zh-Hant"}.get(lang)
    if other:
        ours, theirs = read_catalogue(lang), read_catalogue(other)
        differ = {
            theirs[k]
            for k in theirs
            if k.startswith("map.") and theirs[k] != ours[k] and "{" not in theirs[k]
        }
        assert seen & differ == set()
    # the feature names in the language's script, in the panel
    panel = page.inner_text(".gba-side")
    for layer in atlas.layers:
        assert layer.names.get(lang) in panel
        for feature in layer:
            assert feature.names.get(lang) in panel
    assert "河套" in panel if lang != "en" else "Hetao" in panel
    if lang == "zh-Hant":
        assert "香港園區" in panel and "香港园区" not in panel
    if lang == "zh-Hans":
        assert "香港园区" in panel and "香港園區" not in panel
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.get_attribute(".gba-lang[aria-pressed='true']", "data-lang") == lang
    assert errors == []


def test_the_url_keeps_the_language_and_the_link_restores_it(
    browser: Any, desktop: tuple[Any, list[str]], atlas: Atlas
) -> None:
    page, _ = desktop
    switch(page, "zh-Hans")
    url = page.url
    assert url.startswith("file:") and "lang=zh-Hans" in url
    context, errors = offline_context(browser, 1280, 720)
    try:
        again = context.new_page()
        again.goto(url, wait_until="load")
        again.wait_for_selector(".gba-side", timeout=10_000)
        assert again.evaluate("document.documentElement.lang") == "zh-Hans"
        title = atlas.story.title_in("zh-Hans") if atlas.story else ""
        assert again.inner_text(".gba-side-title") == title
        assert again.title() == title
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("zh-HK", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("fr-FR", "en"),
    ],
)
def test_the_first_language_is_the_browsers(browser: Any, bundled_map: Path, locale: str, lang: str) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, locale=locale, reduced_motion="reduce"
    )
    context.route(
        "**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_()
    )
    try:
        page = context.new_page()
        page.goto(bundled_map.as_uri(), wait_until="load")
        page.wait_for_selector(".gba-side", timeout=10_000)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.get_attribute(".gba-lang[aria-pressed='true']", "data-lang") == lang
    finally:
        context.close()


def test_every_language_is_in_the_page_once(bundled_map: Path) -> None:
    raw = bundled_map.read_text(encoding="utf-8")
    html = unpacked_page(raw)  # its scripts are carried compressed (geo/map/offline/packing.py)
    assert html.count("gbaAtlas.setLanguages(") == 1
    for lang in LANGUAGES:
        assert read_catalogue(lang)["map.goto"] in html
    assert len(raw.encode("utf-8")) < 1_000_000


@pytest.fixture(scope="module")
def in_traditional_chinese(browser: Any, bundled_map: Path) -> Iterator[tuple[Any, list[str]]]:
    """The map at 1280×720 opened in 繁體中文 (``#lang=zh-Hant``), and its page errors: the preview
    takes its first view, then the axe test checks it and opens a feature's details."""
    context, errors = offline_context(browser, 1280, 720)
    try:
        yield open_at(context, errors, bundled_map, lang="zh-Hant"), errors
    finally:
        context.close()


def test_preview_in_traditional_chinese(
    in_traditional_chinese: tuple[Any, list[str]], tmp_path: Path
) -> None:
    """The first view at 1280×720 in 繁體中文: kept as output/preview-zh.png when GBA_ATLAS_PREVIEW=1."""
    page, errors = in_traditional_chinese
    shot = tmp_path / "preview-zh.png"
    page.screenshot(path=str(shot))
    assert errors == []
    if os.environ.get("GBA_ATLAS_PREVIEW") == "1":
        OUTPUT.mkdir(exist_ok=True)
        shutil.copyfile(shot, OUTPUT / "preview-zh.png")


def test_axe_finds_nothing_in_traditional_chinese(
    in_traditional_chinese: tuple[Any, list[str]], atlas: Atlas
) -> None:
    try:
        axe_source = fetch(resolve(AXE_URL)).decode("utf-8")
    except AssetError as error:
        pytest.skip(f"axe-core could not be obtained through npm: {error}")
    page, errors = in_traditional_chinese
    assert violations(page, axe_source) == []
    park = next(f for layer in atlas.layers for f in layer if f.id == "hetao_hk_park")
    focus_feature(page, park.names.get("zh-Hant"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup .gba-popup", timeout=5_000)
    settle(page)  # the popup fades in: axe would measure half-faded text
    assert violations(page, axe_source) == [], "details open"
    assert errors == []


def test_measuring_speaks_the_language(desktop: tuple[Any, list[str]]) -> None:
    """leaflet-measure's results, while measuring and in its popup, with units, in 繁體中文."""
    page, errors = desktop
    switch(page, "zh-Hant")
    page.locator(".leaflet-control-measure").hover()
    page.locator(".leaflet-control-measure .js-start").click()
    for x, y in [(600, 300), (800, 300), (800, 500)]:
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
    page.mouse.move(700, 450)
    results = page.locator(".leaflet-control-measure .js-results").inner_text()
    assert "路徑距離" in results and "公里" in results and not LATIN_WORD.search(results)
    page.locator(".leaflet-control-measure .js-finish").click()
    popup = page.locator(".leaflet-popup").inner_text()
    assert "面積量度" in popup and "公頃" in popup and not LATIN_WORD.search(popup)
    assert errors == []


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_drawing_speaks_the_language(desktop: tuple[Any, list[str]], lang: str) -> None:
    """The draw toolbar while drawing: its actions, their titles and the hint at the pointer."""
    page, errors = desktop
    switch(page, lang)
    words = read_catalogue(lang)
    page.locator(".leaflet-draw-draw-polygon").click()
    page.mouse.move(700, 400)
    page.wait_for_timeout(150)
    assert page.locator(".leaflet-draw-tooltip").inner_text().strip() == words["map.draw.start"]
    page.mouse.click(700, 400)
    page.wait_for_timeout(150)
    page.mouse.move(760, 420)
    assert page.locator(".leaflet-draw-tooltip").inner_text().strip().startswith(words["map.draw.continue"])
    actions = page.locator(".leaflet-draw-actions:visible a")
    shown = {(a.get_attribute("title"), (a.text_content() or "").strip()) for a in actions.all()}
    assert (words["map.draw.cancel"], words["map.measure.cancel"]) in shown
    assert words["map.draw.undo"] in {title for title, _ in shown}
    odd = [text for pair in shown for text in pair if text and LATIN_WORD.search(text)]
    assert odd == []
    page.keyboard.press("Escape")
    assert errors == []


def test_a_query_chooses_the_language_too(browser: Any, bundled_map: Path) -> None:
    """``map.html?lang=zh-Hant`` opens in 繁體中文 whatever the browser's language."""
    context, errors = offline_context(browser, 1280, 720)
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(bundled_map.as_uri() + "?lang=zh-Hant", wait_until="load")
        page.wait_for_selector(".gba-side", timeout=10_000)
        assert page.evaluate("document.documentElement.lang") == "zh-Hant"
        assert page.get_attribute(".gba-lang[aria-pressed='true']", "data-lang") == "zh-Hant"
        assert "河套" in page.inner_text(".gba-side")
        assert errors == []
    finally:
        context.close()
