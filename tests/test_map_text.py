"""What a reader reads on the map, offline, at desktop and phone sizes, in the three languages.

The checks tables fit the panel (no sideways scroll, no cell running over); the panel, every
tooltip and every feature's details name features by their names — no feature id — and no
deviation reads "-0.00"; the digitizing notes, quoted in English, are marked so, under a heading
in the reader's language; the plain base map's city names are in the reader's language after
the fall back from the tiles.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.i18n import LANGUAGES, translate
from tests.browser_helpers import MAP, SCREENS, offline_context, offline_map, open_at, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READ = [s for s in SCREENS if s[0] in ("desktop", "laptop", "phone")]

#: How the checks tables sit in the panel: sideways scroll, tables and cells running over.
TABLE_FIT = """() => {
  const body = document.querySelector('.gba-side-body'), edge = body.getBoundingClientRect().right;
  const out = [];
  if (body.scrollWidth > body.clientWidth) out.push('panel scrolls sideways: ' + body.scrollWidth);
  document.querySelectorAll('.gba-side .gba-table').forEach((table) => {
    const r = table.getBoundingClientRect();
    if (r.right > edge + 0.5) out.push('table to ' + r.right + ' past ' + edge);
    table.querySelectorAll('th, td').forEach((cell) => {
      if (cell.scrollWidth > cell.clientWidth + 1) out.push('runs over: ' + cell.textContent.slice(0, 30));
    });
  });
  return out;
}"""

#: Every tooltip's text, then every feature's details as shown (a popup, or the sheet on a phone).
FEATURE_TEXTS = f"""() => {{
  const map = {MAP}, state = gbaAtlas.stateOf(map), out = [];
  state.features.forEach((feature) => {{
    feature.eachLayer((path) => {{
      const tip = path.getTooltip();
      if (tip) out.push(tip.getContent().textContent);
    }});
    feature.openDetails(feature.labelPoint());
    out.push([...document.querySelectorAll('.gba-popup')].map((n) => n.innerText).join('\\n'));
    map.closePopup();
    if (state.panel.detailsOpen()) state.panel.closeDetails();
  }});
  return out;
}}"""

#: The digitizing notes in the details: (heading, the note's lang) per feature that has them.
DIGITIZED = f"""(heading) => {{
  const map = {MAP}, state = gbaAtlas.stateOf(map), out = [];
  state.features.forEach((feature) => {{
    feature.openDetails(feature.labelPoint());
    const card = document.querySelector('.gba-popup');
    const head = [...card.querySelectorAll('.gba-heading')].find((h) => h.textContent === heading);
    out.push(head ? head.nextElementSibling.querySelector('li').lang : 'no heading');
    map.closePopup();
    if (state.panel.detailsOpen()) state.panel.closeDetails();
  }});
  return out;
}}"""


def ids_in(text: str, ids: list[str]) -> list[str]:
    """The feature ids written in the text as words of their own."""
    return [i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", text)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("screen", READ, ids=[s[0] for s in READ])
def test_the_reader_reads_names_and_numbers_in_their_language(
    browser: Any, bundled_map: Path, atlas: Atlas, screen: tuple[str, int, int, bool], lang: str
) -> None:
    name, _, _, phone = screen
    with offline_map(browser, bundled_map, screen, lang) as page:
        if phone:
            page.locator(".gba-side-toggle").click()
        page.evaluate("document.querySelector('.gba-panel').open = true")
        settle(page)
        assert page.evaluate(TABLE_FIT) == [], name
        texts = [page.inner_text(".gba-side"), *page.evaluate(FEATURE_TEXTS)]
        ids = [f.id for f in atlas.features.values()]
        for text in texts:
            assert ids_in(text, ids) == [], text
            assert "-0.00" not in text and "+0.00" not in text, text
        heading = translate("map.popup.digitized_from", lang)
        notes = page.evaluate(DIGITIZED, heading)
        assert notes and set(notes) == {"en"}, notes
        cities = page.eval_on_selector_all(
            ".gba-plain-city-name", "nodes => nodes.map((n) => [n.textContent, n.lang])"
        )
        hong_kong = {"en": "Hong Kong", "zh-Hant": "香港", "zh-Hans": "香港"}[lang]
        guangzhou = {"en": "Guangzhou", "zh-Hant": "廣州", "zh-Hans": "广州"}[lang]
        assert [hong_kong, lang] in cities and [guangzhou, lang] in cities, cities


def test_city_names_follow_a_language_chosen_after_the_fall_back(browser: Any, bundled_map: Path) -> None:
    context, errors = offline_context(browser, 1280, 720)
    try:
        page = open_at(context, errors, bundled_map, lang="en")
        page.wait_for_selector(".gba-plain-note", timeout=10_000)
        page.locator(".gba-lang", has_text="繁體中文").click()
        names = page.eval_on_selector_all(".gba-plain-city-name", "nodes => nodes.map((n) => n.textContent)")
        assert "廣州" in names and "Guangzhou" not in names
        assert errors == []
    finally:
        context.close()
