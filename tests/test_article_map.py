"""The annotated article beside the map: ``build --article`` and ``Atlas.to_map(article=...)``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo import Atlas
from geo.article.extract import check_article
from geo.atlas import BUNDLED_LAYERS
from geo.cli import main
from geo.errors import ArgumentTypeError, ArticleError
from geo.map.article import SIGNS, article_html, article_spec
from tests.browser_helpers import layout_problems, offline_context, settle
from tests.test_map_a11y import axe_source, violations  # noqa: F401  (axe_source is a fixture)

PARAPHRASE = Path(__file__).resolve().parent / "corpus" / "articles" / "hetao-paraphrase.txt"
SIZES = [("desktop", 1440, 900, False), ("phone", 390, 844, True)]
LANGS = ("en", "zh-Hant", "zh-Hans")
IN_THE_ARTICLE = {"en": "In the article", "zh-Hant": "報道中的相關句子", "zh-Hans": "报道中的相关句子"}


def test_the_spec_keeps_the_text_and_marks_every_figure_and_claim(atlas: Atlas) -> None:
    text = PARAPHRASE.read_text(encoding="utf-8")
    check = check_article(text, atlas.layers)
    spec = article_spec(check, text)
    runs = [run for paragraph in spec["paragraphs"] for run in paragraph]
    assert "".join(run["text"] for run in runs) == "".join(text.split("\n\n")).replace("\n", "")
    marked = [run for run in runs if "verdict" in run]
    assert [r["text"] for r in marked if r["text"]] == [f.as_stated for f in check.figures]
    assert len([r for r in marked if not r["text"]]) == len(check.claims)  # a sign after each claim
    assert all(r["sign"] == SIGNS[r["verdict"]] and r["why"] for r in marked)
    assert spec["about"]["hetao_hk_park"][0]["text"].startswith("The zone follows the idea")
    assert set(spec["words"]) == set(LANGS)


def test_article_text_never_becomes_markup(atlas: Atlas) -> None:
    text = 'Nansha covers 803 km². </script><script>alert("x")</script><img src=x onerror=alert(1)>'
    html = article_html(atlas.layers, atlas.report(), text=text, story=atlas.story, claims=atlas.claims)
    assert "alert(" in html and "<img src=x" not in html and '<script>alert("x")' not in html
    assert "gbaAtlas.addArticle(" in html


def test_build_article_writes_the_map_and_refuses_a_bad_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.html"
    assert (
        main(["build", "--layers", str(BUNDLED_LAYERS), "--article", str(PARAPHRASE), "--out", str(out)]) == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "gbaAtlas.addArticle(" in html and "<title>The Hetao zone&#39;s Hong Kong side opens" in html
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    other = tmp_path / "other.html"
    capsys.readouterr()
    assert main(["build", "--layers", str(BUNDLED_LAYERS), "--article", str(bad), "--out", str(other)]) == 2
    assert "binary file" in capsys.readouterr().err and not other.exists()


def test_to_map_takes_text_or_a_path(atlas: Atlas) -> None:
    for article in (PARAPHRASE.read_text(encoding="utf-8"), PARAPHRASE):
        html = atlas.to_map(article=article).get_root().render()
        assert "gbaAtlas.addArticle(" in html
    assert "gbaAtlas.addArticle(" not in atlas.to_map().get_root().render()
    with pytest.raises(ArgumentTypeError, match="article: must be the article's text or a path, not int"):
        atlas.to_map(article=7)  # type: ignore[arg-type]
    with pytest.raises(ArticleError, match="control character"):
        atlas.to_map(article="Nansha \x1b[2J covers 803 km²")


def test_front_matter_gives_the_title_and_source(tmp_path: Path, atlas: Atlas) -> None:
    text = "---\ntitle: Qianhai grows\nsource: A Daily\nurl: https://example.org/q\ndate: 2025-01-02\n---\n"
    text += "Qianhai covers 120.56 km²."
    html = atlas.to_map(article=text).get_root().render()
    assert "<title>Qianhai grows</title>" in html
    panel = json.loads(re.search(r"gbaAtlas\.addPanel\([^,]+, (\{.*?\}), \[", html, re.DOTALL)[1])  # type: ignore[index]
    assert panel["en"]["story"]["url"] == "https://example.org/q"
    assert panel["en"]["story"]["source"].startswith("A Daily, Qianhai grows")


@pytest.fixture(scope="module")
def article_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("article-map")
    shutil.copy(PARAPHRASE, folder / "story.txt")
    out = folder / "map.html"
    assert main(["build", "--layers", str(BUNDLED_LAYERS), "--article", str(folder / "story.txt"),
                 "--self-contained", "--out", str(out)]) == 0  # fmt: skip
    return out


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("name", "width", "height", "phone"), SIZES, ids=[s[0] for s in SIZES])
def test_the_annotated_map_in_the_browser(
    browser: Any,
    article_map: Path,
    axe_source: str,  # noqa: F811 (the fixture imported above)
    name: str,
    width: int,
    height: int,
    phone: bool,
    lang: str,
) -> None:
    context, errors = offline_context(browser, width, height, phone=phone)
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(article_map.as_uri() + "#lang=" + lang, wait_until="load")
        page.wait_for_selector(".gba-side", timeout=10_000)
        settle(page)
        if phone:
            page.click(".gba-side-toggle")
        section = page.locator(".gba-article")
        assert section.get_attribute("open") is not None
        assert page.locator(".gba-article-text").get_attribute("lang") == "en"
        marks = page.locator("button.gba-mark")
        assert marks.count() == 6  # two figures and four claims tied to places
        first = marks.filter(has_text="87-hectare").first
        assert (first.text_content() or "").startswith("✓87-hectare")  # a sign, never colour alone
        assert layout_problems(page) == [], f"{name} {lang}"
        assert violations(page, axe_source) == [], f"{name} {lang}, the article"
        first.focus()
        page.keyboard.press("Enter")  # a button: frames the place and opens its details
        details = page.locator(".gba-popup").first
        details.wait_for(state="visible", timeout=5_000)
        settle(page)
        assert details.locator(".gba-heading").first.text_content() == IN_THE_ARTICLE[lang]
        assert "87-hectare Hong Kong Park" in (details.text_content() or "")
        assert violations(page, axe_source) == [], f"{name} {lang}, details open"
        page.screenshot(path=str(article_map.parent / f"{name}-{lang}.png"))
        assert errors == []
    finally:
        context.close()
