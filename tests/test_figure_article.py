"""``gba-atlas figure --article``: the article's figures and verdicts in a table beneath the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.table import Table

from geo import Atlas
from geo.article.extract import check_article
from geo.article.table import article_table
from geo.cli import main
from geo.errors import ArticleError

pytestmark = pytest.mark.slow  # each draws a figure

ARTICLE = (
    "Hetao opens\n\nThe zone consists of the 87-hectare Hong Kong Park and the 300-hectare Shenzhen Park. "
    "The Shenzhen Bay headquarters base covers 117 hectares. "
    "Qianhai expanded from 14.92 to 120.56 square kilometres.\n"
)


def test_the_table_lists_each_figure_with_its_place_and_verdict_in_words() -> None:
    atlas = Atlas.load()
    header, rows = article_table(check_article(ARTICLE, atlas.layers), atlas.layers, lang="en")
    assert header == ["In the article", "Place", "Verdict"]
    assert rows == [
        ["87-hectare", "Hetao Hong Kong Park (Lok Ma Chau Loop)", "✓ holds"],
        ["300-hectare", "Hetao Shenzhen Park", "✓ holds"],
        ["117 hectares", "—", "? not a place of the atlas"],
        ["14.92", rows[3][1], "← an earlier extent"],
        ["120.56 square kilometres", rows[3][1], "✓ holds"],
    ]
    assert rows[3][1].startswith("Qianhai")
    _, zh_rows = article_table(check_article(ARTICLE, atlas.layers), atlas.layers, lang="zh-Hant")
    assert zh_rows[0][1] == "河套香港園區" and zh_rows[0][2].startswith("✓ ")


def test_figure_article_draws_the_table_beneath_the_map(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "figure.svg"
    assert main(["figure", "--article", str(article), "--out", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert 'id="area-table"' in svg
    for text in ("In the article", "87-hectare", "? not a place of the atlas", "← an earlier extent"):
        assert text in svg, text


def test_figure_article_refuses_a_missing_or_binary_article_in_one_line(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    for path in (tmp_path / "nowhere.txt", binary):
        out = tmp_path / "figure.svg"
        assert main(["figure", "--article", str(path), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("gba-atlas: error: ") and str(path) in err
        assert not out.exists()


def test_atlas_figure_takes_an_article_as_text() -> None:
    figure = Atlas.load().figure(article=ARTICLE, size="180x160mm")
    cells = {c.get_text().get_text() for t in figure.findobj(Table) for c in t.get_celld().values()}
    assert {"87-hectare", "✓ holds", "In the article"} <= cells
    with pytest.raises(ArticleError):
        Atlas.load().figure(article="\x1b[31mred\x1b[0m 87 hectares")
