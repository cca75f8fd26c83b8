"""A fourth language added as data only: the README's recipe, tried with a pseudo-language.

``qaa`` (a tag ISO 639 reserves for local use) is English with every text marked ⟪…⟫: its
catalogue is made from ``en.json`` and its record says how a browser asks for it. They are
put in a folder named by ``GBA_ATLAS_LANGUAGES`` (the package is not edited), and the
command line, the figure, the map's page and a real browser then speak it. Also: the one
script detector, Python's, is the page's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from geo.i18n import LANGUAGES, read_catalogue, translate
from geo.i18n.detect import HAN_RUN, MARKERS, page_detector, script_hint
from geo.i18n.languages import LANGUAGES_ENV, load_languages
from geo.i18n.scripts import to_script
from geo.map.basemap import WORLD_ATLAS
from geo.map.offline import default_cache_dir
from tests.browser_helpers import offline_context, open_at

ROOT = Path(__file__).resolve().parent.parent
TAG = "qaa"
RECORD = {"tag": TAG, "label": "Qaa ⟪test⟫", "browser": ["^qaa\\b"], "fallback": "en", "script": None}


def mark(text: str) -> str:
    return f"⟪{text}⟫"


def write_language(folder: Path, record: dict[str, Any] = RECORD) -> Path:
    """The recipe: a record in languages.json and a catalogue with every key of en.json, translated."""
    folder.mkdir(parents=True, exist_ok=True)
    english = json.loads((ROOT / "geo" / "i18n" / "en.json").read_text(encoding="utf-8"))
    catalogue = {key: mark(text) for key, text in english.items()}
    (folder / f"{record['tag']}.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    (folder / "languages.json").write_text(json.dumps({"languages": [record]}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def language_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_language(tmp_path_factory.mktemp("languages"))


def atlas_cli(folder: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``gba-atlas ARGS`` in a fresh interpreter, with the languages of ``folder`` added."""
    env = {**os.environ, LANGUAGES_ENV: str(folder), "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def page_spec(html: str) -> dict[str, Any]:
    """The page's language configuration: the JSON handed to ``gbaAtlas.setLanguages``."""
    at = html.index("gbaAtlas.setLanguages(")
    start = html.index("{", at)
    spec, _ = json.JSONDecoder().raw_decode(html[start:])
    return spec  # type: ignore[no-any-return]


# --- the record and its problems ----------------------------------------------------------------------


def test_without_the_folder_the_package_speaks_its_own_languages():
    assert TAG not in LANGUAGES
    assert LANGUAGES[0] == "en" and set(LANGUAGES) >= {"zh-Hant", "zh-Hans"}


def test_a_folder_adds_its_languages_after_the_packages(language_folder):
    languages, problems = load_languages(str(language_folder))
    assert problems == ()
    assert [language.tag for language in languages] == [*LANGUAGES, TAG]
    added = languages[-1]
    assert (added.label, added.browser, added.fallback, added.script) == (
        "Qaa ⟪test⟫",
        ("^qaa\\b",),
        "en",
        None,
    )


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"tag": "q"}, "needs a BCP 47 tag"),
        ({"label": " "}, "needs a label"),
        ({"browser": ["^qaa("]}, "is not a regular expression"),
        ({"browser": "^qaa"}, "browser must be a list"),
        ({"script": "zh-Latn"}, "script 'zh-Latn' is not one of zh-Hant, zh-Hans"),
        ({"fallback": "fr"}, "falls back on 'fr', not a language"),
        ({"tag": "zh-Hant"}, "'zh-Hant' is defined twice"),
    ],
)
def test_a_broken_record_is_one_line_and_adds_nothing(tmp_path, change, says):
    folder = write_language(tmp_path / "languages", {**RECORD, **change})
    languages, problems = load_languages(str(folder))
    assert [language.tag for language in languages] == list(LANGUAGES)
    assert len(problems) == 1 and says in problems[0], problems


def test_a_catalogue_missing_a_key_or_not_there_is_named_and_adds_nothing(tmp_path):
    folder = write_language(tmp_path / "languages")
    path = folder / f"{TAG}.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    del catalogue["map.goto"]
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    languages, problems = load_languages(str(folder))
    assert [language.tag for language in languages] == list(LANGUAGES)
    assert problems == (f"{path} ({LANGUAGES_ENV}): {TAG}: key 'map.goto' is missing",)
    path.unlink()
    _, problems = load_languages(str(folder))
    assert len(problems) == 1 and f"the catalogue of {TAG} ({path}) cannot be read" in problems[0]


@pytest.mark.slow
def test_a_broken_folder_is_a_clear_error_of_the_command_line(tmp_path):
    folder = write_language(tmp_path / "languages", {**RECORD, "fallback": "qaa"})
    done = atlas_cli(folder, "check", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gba-atlas: error: ")
    assert "'qaa'" in lines[0] and "circle" in lines[0] and "Traceback" not in done.stderr


# --- the command line, the figure, the page -------------------------------------------------------------


@pytest.mark.slow
def test_check_speaks_the_new_language(language_folder, tmp_path):
    done = atlas_cli(language_folder, "check", "--lang", TAG, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for key in ("report.areas", "report.col.platform", "report.col.deviation"):
        assert mark(translate(key, "en")) in done.stdout, key
    assert "Hetao" in done.stdout  # the data's names, English being its fallback
    help_text = atlas_cli(language_folder, "figure", "--help", cwd=tmp_path).stdout
    assert TAG in help_text  # the command line's choices are the languages there are


@pytest.mark.slow
@pytest.mark.npm
def test_the_figure_draws_its_labels(language_folder, tmp_path):
    cached = Path(default_cache_dir(), WORLD_ATLAS.package, WORLD_ATLAS.path).is_file()
    if not cached and shutil.which("npm") is None:
        pytest.skip("world-atlas is not cached and npm is not on PATH")
    out = tmp_path / "figure.svg"
    done = atlas_cli(
        language_folder, "figure", "--lang", TAG, "--out", str(out), "--view", "gba", cwd=tmp_path
    )
    if done.returncode == 2 and "world-atlas" in done.stderr:
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, done.stderr
    texts = {
        "".join(node.itertext())
        for node in ET.fromstring(out.read_bytes()).iter("{http://www.w3.org/2000/svg}text")
    }
    assert mark(translate("map.legend", "en")) in texts
    assert mark(translate("figure.city", "en")) in texts
    assert "Hong Kong" in texts  # a city with no name in the new language: its fallback's


@pytest.fixture(scope="module")
def fake_map(language_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fake-map")
    out = folder / "map.html"
    done = atlas_cli(language_folder, "build", "--self-contained", "--out", str(out), cwd=folder)
    if done.returncode == 2 and "npm" in done.stderr:
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.slow
@pytest.mark.npm
def test_the_map_offers_it_and_carries_its_texts(fake_map):
    spec = page_spec(fake_map.read_text(encoding="utf-8"))
    assert spec["languages"] == [*LANGUAGES, TAG]
    english = read_catalogue("en")
    assert spec["messages"][TAG]["map.goto"] == mark(english["map.goto"])
    assert {spec["messages"][lang][f"lang.{TAG}"] for lang in spec["languages"]} == {RECORD["label"]}
    assert spec["browser"][TAG] == RECORD["browser"] and spec["fallbacks"][TAG] == [TAG, "en"]
    assert spec["scripts"] == page_detector()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.npm
def test_choosing_it_in_a_browser_switches_the_panel(browser, fake_map):
    context, errors = offline_context(browser, 1280, 720)
    try:
        page = open_at(context, errors, fake_map)
        assert page.locator(f".gba-lang[data-lang='{TAG}']").inner_text() == RECORD["label"]
        page.click(f".gba-lang[data-lang='{TAG}']")
        page.wait_for_function(f"document.documentElement.lang === '{TAG}'", timeout=5_000)
        panel = page.inner_text(".gba-side")
        english = read_catalogue("en")
        assert mark(english["map.goto"]) in panel
        assert english["map.goto"] not in panel.replace(mark(english["map.goto"]), "")
        assert "Hetao" in panel  # the data's names: English is the new language's fallback
        assert f"lang={TAG}" in page.url
        assert errors == []
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.npm
@pytest.mark.parametrize(
    ("tags", "lang"), [(["qaa-XX", "en"], TAG), (["fr", "qaa"], TAG), (["zh-HK", "qaa"], "zh-Hant")]
)
def test_a_browser_asking_for_it_opens_in_it(browser, fake_map, tags, lang):
    context, errors = offline_context(browser, 1280, 720)
    context.add_init_script(
        f"Object.defineProperty(Navigator.prototype, 'languages', {{get: () => {json.dumps(tags)}}});"
    )
    try:
        page = open_at(context, errors, fake_map)
        assert page.evaluate("navigator.languages") == tags
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.get_attribute(".gba-lang[aria-pressed='true']", "data-lang") == lang
        assert errors == []
    finally:
        context.close()


# --- one script detector ------------------------------------------------------------------------------


def test_each_marker_is_its_scripts_by_opencc():
    hant, hans = MARKERS["zh-Hant"], MARKERS["zh-Hans"]
    assert len(hant) == len(hans) and len(set(hant)) == len(hant) and not set(hant) & set(hans)
    wrong = [
        (t, s)
        for t, s in zip(hant, hans, strict=True)
        if (
            to_script(t, "zh-Hans"),
            to_script(s, "zh-Hant"),
            to_script(t, "zh-Hant"),
            to_script(s, "zh-Hans"),
        )
        != (s, t, t, s)
    ]
    assert wrong == []


def test_the_catalogues_never_mark_the_other_script():
    for lang in ("zh-Hant", "zh-Hans"):
        for key, text in read_catalogue(lang).items():
            if not key.startswith("lang."):
                assert script_hint(text) in (lang, None), (lang, key, text)


#: Texts with runs of Chinese (full-width punctuation and a supplementary-plane ideograph among them).
RUNS = ["河套深圳园区", "香港園區", "南沙", "園 and 园", "前海深港現代服務業合作區\uff08前海\uff09", "𠀋園"]


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_marks_runs_of_chinese_as_python_does(browser, bundled_map):
    context, errors = offline_context(browser, 1280, 720)
    try:
        page = open_at(context, errors, bundled_map)
        marked = page.evaluate(
            """(texts) => texts.map((text) => {
                 const node = document.createElement('p');
                 gbaAtlas.dom.appendText(node, 'x ' + text + ' y', 'fallback');
                 return Array.from(node.querySelectorAll('span'), (span) => [span.textContent, span.lang]);
               })""",
            RUNS,
        )
        expected = [
            [(run.group(), script_hint(run.group()) or "fallback") for run in page_detector_runs(text)]
            for text in RUNS
        ]
        assert [[tuple(pair) for pair in runs] for runs in marked] == expected
        assert errors == []
    finally:
        context.close()


def page_detector_runs(text: str) -> list[re.Match[str]]:
    return list(HAN_RUN.finditer(text))
