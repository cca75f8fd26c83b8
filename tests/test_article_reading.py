"""Reading an article's parts: numerals, units, decoding, and the aliases feature property."""

from __future__ import annotations

import codecs
import re
from fractions import Fraction

import pytest

from geo import Atlas
from geo.article.decoding import decode_article, html_text, refuse_controls
from geo.article.numerals import parse_number
from geo.article.units import HECTARES_PER, UNIT_PATTERN, unit_of
from geo.errors import ArticleError, LayerError
from tests.helpers import collection, feature, write


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("30,000", 30000, 10000),
        ("30 000", 30000, 10000),
        ("3.89", Fraction("3.89"), Fraction("0.01")),
        ("120.56", Fraction("120.56"), Fraction("0.01")),
        ("三萬", 30000, 10000),
        ("八百零三", 803, 1),
        ("一百零六點四六", Fraction("106.46"), Fraction("0.01")),
        ("3万", 30000, 10000),
        ("15万", 150000, 10000),
        ("1.5亿", 150_000_000, 10_000_000),
        ("十二万五千", 125000, 1000),
        ("二〇二四", 2024, 1),
        ("十五", 15, 1),
    ],
)
def test_numbers_are_read_exactly_with_their_last_digit(text: str, value: object, step: object) -> None:
    assert parse_number(text) == (Fraction(value), Fraction(step))  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "万", "点五", "abc"])
def test_what_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("words", "unit"), [("sq km", "km²"), ("公頃", "ha"), ("acres", "acre")])
def test_a_units_words_give_its_canonical_unit(words: str, unit: str) -> None:
    match = re.fullmatch(UNIT_PATTERN, words, re.IGNORECASE)
    assert match is not None and unit_of(match) == unit


@pytest.mark.parametrize(
    ("words", "hectares"),
    [
        ("hectares", 1),
        ("ha", 1),
        ("公顷", 1),
        ("公頃", 1),
        ("square kilometres", 100),
        ("square kilometers", 100),
        ("sq km", 100),
        ("km²", 100),
        ("km2", 100),
        ("平方公里", 100),
        ("平方千米", 100),
        ("square metres", Fraction(1, 10000)),
        ("m²", Fraction(1, 10000)),
        ("平方米", Fraction(1, 10000)),
        ("acres", Fraction("0.40468564224")),
        ("亩", Fraction(1, 15)),
        ("畝", Fraction(1, 15)),
        ("万平方米", 1),
    ],
)
def test_each_unit_has_one_exact_factor(words: str, hectares: object) -> None:
    match = re.fullmatch(UNIT_PATTERN, words, re.IGNORECASE)
    assert match is not None, words
    assert HECTARES_PER[unit_of(match)] == Fraction(hectares)  # type: ignore[arg-type]


SAMPLE = "河套香港園區佔地約八十七公頃，與深圳園區隔深圳河相望。"


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # Python writes the byte-order mark
        SAMPLE.encode("big5"),
        "河套深圳园区占地约三百公顷，与香港园区隔深圳河相望。".encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "big5", "gb18030"],
)
def test_encodings_are_decoded(raw: bytes) -> None:
    text = decode_article(raw, file="a.txt")
    assert "深圳河相望" in text


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"%PDF-1.7 ...", "is a PDF, not text"),
        (b"\x89PNG\r\n\x1a\n....", "is a PNG image"),
        (b"abc\x00def", "binary file"),
        (b"   \n\t ", "is empty"),
        (b"\xff\xfe\x00", "byte-order mark"),
        (bytes(range(0x80, 0x100)) * 4, "not UTF-8"),
        (b"x" * (3 * 1024 * 1024), "more than the 2 MiB an article may be"),
    ],
    ids=["pdf", "png", "nul", "empty", "bad-utf16", "undecodable", "too-large"],
)
def test_what_cannot_be_read_is_one_line(raw: bytes, words: str) -> None:
    with pytest.raises(ArticleError) as caught:
        decode_article(raw, file="story.txt")
    (problem,) = caught.value.problems
    assert words in str(problem)
    assert str(problem).startswith("story.txt: ") and "fix: " in str(problem) and "\n" not in str(problem)


def test_control_characters_are_refused_with_where_they_are() -> None:
    with pytest.raises(ArticleError) as caught:
        refuse_controls("87 ha\nthe \x1b]0;pwned\x07 park", file="a.txt")
    lines = [str(p) for p in caught.value.problems]
    assert lines[0].startswith("a.txt: line 2, column 5: holds the control character '\\x1b'")
    assert all("\x1b" not in line and "\x07" not in line for line in lines)
    refuse_controls("tab\tand\r\nnewline\fform feed", file="ok.txt")  # ordinary whitespace passes


def test_html_keeps_words_and_drops_scripts_and_styles() -> None:
    page = (
        "<html><head><title>Qianhai grows</title><style>p{color:red}</style></head><body>"
        "<script>alert('87 ha')</script><p>Qianhai covers 120.56 km&sup2;.</p>"
        "<noscript>9 ha</noscript></body></html>"
    )
    assert html_text(page) == "Qianhai grows\n\nQianhai covers 120.56 km²."


def test_aliases_are_validated_like_other_texts(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    write(folder / "a.geojson", collection(feature(aliases=["the Square", 7, ""])))
    with pytest.raises(LayerError) as caught:
        Atlas.load(folder)
    text = str(caught.value)
    assert "aliases[1] must be a non-empty string, not 7" in text
    assert "aliases[2] must be a non-empty string" in text
    write(folder / "a.geojson", collection(feature(aliases="the Square")))
    with pytest.raises(LayerError, match="aliases must be a list of strings, not str"):
        Atlas.load(folder)


def test_bundled_features_carry_aliases(atlas: Atlas) -> None:
    aliases = {f.id: f.properties.get("aliases", []) for f in atlas.features.values()}
    assert "Lok Ma Chau Loop" in aliases["hetao_hk_park"] and "落馬洲河套" in aliases["hetao_hk_park"]
    assert "港深創新及科技園" in aliases["hetao_hk_park"]
    assert "南沙区" in aliases["nansha"]
    assert all(aliases.values())


def test_aliases_are_shown_in_the_details(atlas: Atlas) -> None:
    from geo.map.content import popup

    park = atlas.features["hetao_hk_park"]
    for lang, heading in (("en", "Also called"), ("zh-Hant", "又稱"), ("zh-Hans", "又称")):
        sections = {s["heading"]: s["items"] for s in popup(park, [], [], lang)["sections"]}
        assert [item["text"] for item in sections[heading]] == park.properties["aliases"]


def test_aliases_survive_a_geoparquet_round_trip(atlas: Atlas, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    atlas.save_layer("Hetao zone", folder / "hetao.parquet")
    again = Atlas.load(folder).features["hetao_hk_park"]
    assert again.properties["aliases"] == atlas.features["hetao_hk_park"].properties["aliases"]
