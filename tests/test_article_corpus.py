"""The article corpus: sentences of our own in English, 繁體 and 简体, each with what must be found.

``tests/corpus/articles/sentences.json`` lists each sentence with its language, its figures
(as stated, the feature or null, the verdict) and its claims (test, features, verdict) — every unit,
hedge and numeral form, the numbers that are no land area, look-alike names, then-and-now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geo import Atlas
from geo.article.extract import check_article

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parent / "corpus" / "articles" / "sentences.json").read_text(encoding="utf-8")
)


def test_the_corpus_is_large_and_in_three_languages() -> None:
    langs = [case["lang"] for case in CASES]
    assert len(CASES) >= 60
    assert all(langs.count(lang) >= 15 for lang in ("en", "zh-Hant", "zh-Hans"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_each_sentence_gives_its_figures_and_claims(case: dict[str, Any], atlas: Atlas) -> None:
    check = check_article(case["text"], atlas.layers)
    figures = [[f.as_stated, f.feature, f.verdict] for f in check.figures]
    claims = [[c.test, list(c.features), c.verdict] for c in check.claims]
    assert figures == case["figures"]
    assert claims == case["claims"]
    assert check.lang == case["lang"]
    for figure in check.figures:  # offsets point at the figure in the text as given
        assert case["text"][figure.start : figure.end] == figure.as_stated
