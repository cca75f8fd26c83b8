"""The story comes from the data: a layers folder's ``atlas.json`` gives the map its title and article.

The bad ``atlas.json`` files of ``tests/corpus/cases-metadata.json`` run through the CLI and the API
in ``test_corpus.py``; here: the bundled story, the neutral title of a folder without one, the page's
``<title>`` and ``lang``, and the errors through the CLI.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import BUNDLED_LAYERS, Atlas
from geo.cli import main
from geo.errors import StoryError
from geo.io.metadata_file import read_story
from geo.map.build import story_data
from geo.model import Layer, Source, Story
from geo.validation.metadata import parse_story
from tests.helpers import collection, feature, write

ARTICLE_URL = "http://en.people.cn/n3/2025/1223/c90000-20405526.html"
HAN = re.compile(r"[\u4e00-\u9fff]")
STORY = {
    "title": "A test map",
    "description": "One square, to test the story file.",
    "source": {"title": "A plan", "issuer": "A government", "date": "2023-08-29", "url": None},
}


def page_title(html: str) -> str:
    """The text of the page's ``<title>``, unescaped (and checking there is exactly one)."""
    titles = re.findall(r"<title>(.*?)</title>", html, flags=re.DOTALL)
    assert len(titles) == 1, titles
    return unescape(titles[0])


def title_spec(html: str) -> dict[str, Any]:
    """The story the page hands to ``gbaAtlas.addPanel``: title, description, source, URL, Chinese."""
    match = re.search(r"gbaAtlas\.addPanel\(\w+, (\{.*\}), \[[\w, ]*\]\);\n", html)
    assert match, "addPanel is not called"
    data: dict[str, Any] = json.loads(match.group(1))["en"]["story"]
    return data


def folder(tmp_path: Path, story: Any = None, *names: str) -> Path:
    """A layers folder with one small layer per name (default: one) and, if given, an atlas.json."""
    layers = tmp_path / "layers"
    for number, name in enumerate(names or ("Test layer",)):
        write(layers / f"{number}.geojson", collection(feature(f"square_{number}"), name=name))
    if story is not None:
        write(layers / "atlas.json", story)
    return layers


# --- the bundled story -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Atlas:
    return Atlas.load(BUNDLED_LAYERS)


@pytest.fixture(scope="module")
def bundled_html(bundled: Atlas) -> str:
    return bundled.to_html()


def test_the_bundled_folder_tells_the_xinhua_story(bundled: Atlas) -> None:
    story = bundled.story
    assert story is not None
    assert story.source == Source(
        "Park for innovation cooperation zone launched in Hong Kong", "Xinhua", "2025-12-22", ARTICLE_URL
    )
    for figure in ("87-hectare Hong Kong Park", "300-hectare Shenzhen Park", "Northern Metropolis"):
        assert figure in story.description
    assert "87公頃" in story.description_zh and "300公頃" in story.description_zh
    assert "河套深港科技創新合作區" in story.description_zh  # Traditional, the script the field holds
    assert HAN.search(story.title_zh or "")
    assert story.opens_on == "Hetao zone" and story.opens_on in [layer.name for layer in bundled.layers]


def test_the_bundled_story_cites_the_article_the_claims_quote(bundled: Atlas) -> None:
    claims = json.loads((BUNDLED_LAYERS / "claims.json").read_text(encoding="utf-8"))["claims"]
    urls = {claim["source"]["url"] for claim in claims if claim.get("source")}
    assert bundled.story is not None and bundled.story.url in urls


def test_the_page_title_and_heading_are_the_story_title(bundled: Atlas, bundled_html: str) -> None:
    assert bundled.story is not None
    assert page_title(bundled_html) == bundled.story.title
    spec = title_spec(bundled_html)
    assert spec["title"] == bundled.story.title
    assert spec["description"] == bundled.story.description
    assert spec["url"] == ARTICLE_URL


def test_the_page_declares_its_language(bundled_html: str) -> None:
    assert bundled_html.startswith('<!DOCTYPE html>\n<html lang="en">\n')


def test_the_chinese_travels_with_its_lang_tag(bundled: Atlas, bundled_html: str) -> None:
    assert bundled.story is not None
    chinese = title_spec(bundled_html)["chinese"]
    assert chinese == {
        "lang": "zh-Hant",
        "title": bundled.story.title_zh,
        "description": bundled.story.description_zh,
    }


# --- a folder without atlas.json -------------------------------------------------------------------


def test_a_folder_without_a_story_gets_a_neutral_title_from_its_layers(tmp_path: Path) -> None:
    layers = folder(tmp_path, None, "Hetao zone", "Greater Bay Area platforms")
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert page_title(html) == "Layers: Hetao zone, Greater Bay Area platforms"
    assert title_spec(html)["description"] == "2 features in 2 layers, checked against their stated figures"
    assert "Xinhua" not in html and ARTICLE_URL not in html
    assert "chinese" not in title_spec(html) and title_spec(html)["url"] is None


def test_an_atlas_built_from_nothing_is_titled_by_the_layers_it_has_when_drawn(tmp_path: Path) -> None:
    atlas = Atlas()
    assert atlas.story is None
    atlas.add_layer(collection(feature("one")), name="First")
    atlas.add_layer(collection(feature("two")), name="Second")
    html = atlas.to_html()
    assert page_title(html) == "Layers: First, Second"
    assert '<html lang="en">' in html


def test_a_neutral_title_lists_at_most_four_layers() -> None:
    layers = [Layer(f"L{n}", ()) for n in range(6)]
    assert Story.neutral(layers).title == "Layers: L0, L1, L2, and 3 more"
    assert Story.neutral(layers[:4]).title == "Layers: L0, L1, L2, L3"
    assert Story.neutral([]).title == "An empty atlas"


# --- a user's own story ----------------------------------------------------------------------------


def test_a_users_story_titles_the_map(tmp_path: Path) -> None:
    atlas = Atlas.load(folder(tmp_path, {**STORY, "opens_on": "square_0"}))
    assert atlas.story == Story(
        "A test map",
        "One square, to test the story file.",
        source=Source("A plan", "A government", "2023-08-29"),
        opens_on="square_0",
    )
    html = atlas.to_html()
    assert page_title(html) == "A test map"
    assert title_spec(html)["url"] is None  # a source without a URL is not a link


def test_title_text_is_escaped_in_the_page_title_and_never_a_template(tmp_path: Path) -> None:
    hostile = "Map {{ 7*7 }} </title><script>window.__pwned=1</script>"
    html = Atlas.load(folder(tmp_path, {**STORY, "title": hostile})).to_html()
    assert page_title(html) == hostile
    assert "<script>window.__pwned" not in html and "Map 49" not in html


def test_opens_on_may_name_a_layer_and_is_checked_only_against_layers_given() -> None:
    layer = Layer("Test layer", ())
    story = parse_story({**STORY, "opens_on": "Test layer"}, file="atlas.json", layers=[layer])
    assert story.opens_on == "Test layer"
    unchecked = parse_story({**STORY, "opens_on": "elsewhere"}, file="atlas.json")
    assert unchecked.opens_on == "elsewhere"
    with pytest.raises(StoryError, match="names 'elsewhere', which is no feature id or layer name"):
        parse_story({**STORY, "opens_on": "elsewhere"}, file="atlas.json", layers=[layer])


def test_a_missing_story_file_is_no_story(tmp_path: Path) -> None:
    assert read_story(tmp_path / "atlas.json") is None


def test_title_keeps_its_data_without_chinese() -> None:
    assert "chinese" not in story_data(Story("T", "D"))
    assert story_data(Story("T", "D", title_zh="標題"))["chinese"]["lang"] == "zh-Hant"


# --- errors through the CLI ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("story", "line"),
    [
        (
            {**STORY, "titel": "A test map"},
            "key 'titel': is not a key of atlas.json; fix: did you mean 'title'? The keys are title, ",
        ),
        (
            {key: value for key, value in STORY.items() if key != "description"},
            'description: is missing; fix: add "description": "..." (one paragraph on what the map shows)',
        ),
        (
            {**STORY, "source": {**STORY["source"], "date": "22/12/2025"}},
            "source: date '22/12/2025' is not YYYY, YYYY-MM or YYYY-MM-DD; fix: write the date as 2023-08-29",
        ),
        (
            {**STORY, "source": {**STORY["source"], "isuer": "Xinhua"}},
            "source: key 'isuer' is not a key of a source; fix: did you mean 'issuer'?",
        ),
        (
            {**STORY, "opens_on": "Test"},
            "opens_on: names 'Test', which is no feature id or layer name here; fix: name a feature id or a "
            "layer ('Test layer'), or leave opens_on out",
        ),
        (
            {**STORY, "title": "A\nB"},
            "title: runs over several lines; a title is one line; fix: move the rest",
        ),
        ({**STORY, "description_zh": 3}, "description_zh: is the number 3, not text"),
        ({**STORY, "title": "x" * 121}, "title: is 121 characters long; a title is at most 120"),
        ("null", 'is null, not a JSON object; fix: write one object: {"title": ...'),
    ],
)
def test_a_bad_story_is_one_line_per_problem_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], story: Any, line: str
) -> None:
    layers = folder(tmp_path, story)
    out = tmp_path / "out" / "map.html"
    assert main(["build", "--layers", str(layers), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    expected = f"gba-atlas: error: {layers / 'atlas.json'}: {line}"
    assert any(got.startswith(expected) for got in lines), captured.err
    assert all(got.startswith("gba-atlas: error: ") and "; fix: " in got for got in lines), captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists()


def test_check_refuses_a_bad_story_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layers = folder(tmp_path, {**STORY, "source": "Xinhua"})
    assert main(["check", "--layers", str(layers)]) == 2
    assert capsys.readouterr().err == (
        f"gba-atlas: error: {layers / 'atlas.json'}: source: is the text 'Xinhua', not an object; fix: write "
        '"source": {"title": ..., "issuer": ..., "date": "YYYY-MM-DD", "url": ...}\n'
    )
