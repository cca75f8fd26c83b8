"""Checking an article: the Xinhua story against the hand-written data, the command and the API."""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from geo import Atlas
from geo.article.extract import check_article
from geo.article.written import claim_entries
from geo.atlas import BUNDLED_LAYERS
from geo.cli import main
from geo.errors import ArgumentTypeError, ArticleError
from tests.data_helpers import BUNDLED

HERE = Path(__file__).resolve().parent
PARAPHRASE = HERE / "corpus" / "articles" / "hetao-paraphrase.txt"
XINHUA = HERE.parent.parent / "shared" / "reference" / "source-article.txt"

#: The hand-written claim no rule derives: the article says the Northern Metropolis is on the border.
NOT_IN_THE_WORDS = {"hk_park_on_the_border"}


def same_as_hand_written(text: str, atlas: Atlas) -> None:
    """The article's figures and claims have the verdicts of the hand-written ones from its sentences."""
    check = check_article(text, atlas.layers)
    figures = {(f.feature, f.as_stated): f.verdict for f in check.figures if f.feature}
    report = atlas.report()
    for area in report.areas:
        if area.figure.source.issuer.startswith("Xinhua") and area.stated in text:
            assert figures[(area.id, area.stated)] == ("holds" if area.ok else "fails")
    found = {(c.test, frozenset(c.features)): c.verdict for c in check.claims}
    matched = 0
    for claim, result in zip(atlas.claims, report.claims, strict=True):
        if claim.sentence not in " ".join(text.split()) or claim.id in NOT_IN_THE_WORDS:
            continue
        assert found[(claim.test, frozenset(claim.feature_ids))] == ("holds" if result.ok else "fails")
        matched += 1
    assert matched == 4
    assert {f.verdict for f in check.figures if f.kind != "area"} == {"skipped"}


@pytest.mark.skipif(not XINHUA.exists(), reason="the shared reference article is not here")
def test_the_xinhua_article_gives_the_hand_written_verdicts(atlas: Atlas) -> None:
    same_as_hand_written(XINHUA.read_text(encoding="utf-8"), atlas)


def test_a_paraphrase_of_it_gives_the_same(atlas: Atlas) -> None:
    text = PARAPHRASE.read_text(encoding="utf-8")
    for sentence in {c.sentence for c in atlas.claims}:  # the paraphrase keeps the claims' sentences
        if "87-hectare" in sentence:
            assert sentence in text
    check = check_article(text, atlas.layers)
    assert [(f.as_stated, f.feature, f.verdict) for f in check.figures] == [
        ("Dec. 22", None, "skipped"),
        ("87-hectare", "hetao_hk_park", "holds"),
        ("300-hectare", "hetao_sz_park", "holds"),
        ("15th Five-Year Plan", None, "skipped"),
        ("in 2024", None, "skipped"),
    ]
    assert [(c.test, c.features, c.verdict) for c in check.claims] == [
        ("opposite_sides", ("hetao_hk_park", "hetao_sz_park", "shenzhen_river"), "holds"),
        ("total_area", ("hetao_hk_park", "hetao_sz_park"), "holds"),
        ("within", ("hetao_hk_park", "northern_metropolis"), "holds"),
        ("adjacent", ("northern_metropolis", "shenzhen_river"), "holds"),
    ]
    assert check.ok


def extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["claims", "extract", *args, "--layers", str(BUNDLED_LAYERS)])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_has_exactly_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = extract(capsys, str(PARAPHRASE), "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["ok"] is True and data["lang"] == "en"
    figure_keys = ["feature", "hectares", "as_stated", "quote", "start", "end", "kind", "verdict"]
    figure_keys += ["computed_ha", "deviation_pct", "tolerance_pct", "why"]
    assert all(list(f) == figure_keys for f in data["figures"])
    assert all(
        list(c) == ["test", "features", "quote", "start", "end", "verdict", "why"] for c in data["claims"]
    )
    text = PARAPHRASE.read_text(encoding="utf-8")
    for figure in data["figures"]:
        assert text[figure["start"] : figure["end"]] == figure["as_stated"]
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["quote"]


def test_a_failing_figure_exits_1_and_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Qianhai covers 150 square kilometres. Nansha covers about 803 km².", encoding="utf-8")
    status, out, err = extract(capsys, str(path))
    assert status == 1 and err == ""
    assert "✗ fails" in out and "qianhai measures 12,038.0 ha, -19.75 %" in out and "✓ holds" in out


def test_no_figures_exits_0_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Nothing\n\nThe ceremony was held on Monday.\n", encoding="utf-8")
    status, out, _ = extract(capsys, str(path))
    assert status == 0 and "no area figures found" in out


def test_standard_input_is_read(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("橫琴約106平方公里。".encode("big5")))
    monkeypatch.setattr("sys.stdin", stdin)
    status, out, _ = extract(capsys, "-", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and [(r["feature"], r["verdict"]) for r in rows] == [("hengqin", "holds")]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"%PDF-1.4", "is a PDF"),
        (b"Qianhai \x1b[2J covers 87 ha", "control character '\\x1b'"),
        (bytes(range(0x80, 0x100)) * 8, "not UTF-8"),
        (b"<html><script>alert(1)</script><style>p{}</style></html>", "holds no text outside its tags"),
    ],
    ids=["empty", "binary", "pdf", "escape", "undecodable", "only-script"],
)
def test_bad_input_is_one_line_and_exit_2(
    content: bytes, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ("a.html" if b"<html" in content else "a.txt")
    path.write_bytes(content)
    out_file = tmp_path / "out.json"
    status, out, err = extract(
        capsys, str(path), "--out", str(out_file), "--write-claims", str(tmp_path / "c.json")
    )
    assert status == 2 and out == ""
    assert err.startswith("gba-atlas: error: ") and words in err and err.count("\n") == 1
    assert "\x1b" not in err and "Traceback" not in err
    assert not out_file.exists() and not (tmp_path / "c.json").exists()


@pytest.mark.slow
def test_a_10_mb_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Nansha covers 803 km2. " * (10 * 1024 * 1024 // 23))
    status, _, err = extract(capsys, str(path))
    assert status == 2 and "big.txt: is 10.0 MiB, more than the 2 MiB" in err and err.count("\n") == 1


def test_a_folder_is_not_an_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = extract(capsys, str(tmp_path))
    assert (
        status == 2
        and err
        == f"gba-atlas: error: {tmp_path}: is a folder, not an article; fix: give the article's file\n"
    )


def test_encodings_through_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "河套深圳园区面积3.02平方公里。"
    for name, raw in [
        ("utf16.txt", text.encode("utf-16")),
        ("bom.txt", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("gb.txt", text.encode("gb18030")),
    ]:
        (tmp_path / name).write_bytes(raw)
        status, out, _ = extract(capsys, str(tmp_path / name), "--format", "json")
        (figure,) = json.loads(out)["figures"]
        assert status == 0 and figure["feature"] == "hetao_sz_park" and figure["as_stated"] == "3.02平方公里"


def test_html_scripts_never_reach_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Nansha</title><script>document.write('Hengqin covers 5 ha')</script></head>"
        "<body><p>Nansha covers about 803 km&sup2;.</p><style>.x{}</style></body></html>",
        encoding="utf-8",
    )
    status, out, _ = extract(capsys, str(page), "--format", "markdown")
    assert status == 0 and "803 km²" in out and "Hengqin" not in out and "<script" not in out


def test_quotes_are_escaped_for_spreadsheets_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("=HYPERLINK(1) | Nansha covers 803 km².", encoding="utf-8")
    _, out, _ = extract(capsys, str(path), "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["quote"].startswith("'=HYPERLINK")
    piped = tmp_path / "a|b.txt"
    shutil.copy(path, piped)
    _, out, _ = extract(capsys, str(piped), "--format", "markdown")
    assert "a\\|b.txt" in out


def test_write_claims_round_trips_through_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layers = tmp_path / "layers"
    shutil.copytree(BUNDLED_LAYERS, layers)
    article = tmp_path / "a.txt"
    article.write_text(
        "---\ntitle: Qianhai grows\nsource: A newspaper\ndate: 2025-01-02\n---\n"
        "Qianhai was expanded from 14.92 to 120.56 square kilometres. Hengqin is next to the Shenzhen River. "
        "The Hong Kong Park is located in the Northern Metropolis.",
        encoding="utf-8",
    )
    status, _, err = extract(capsys, str(article), "--write-claims", str(layers / "claims.json"))
    assert status == 1 and "wrote 3 claims" in err
    written = json.loads((layers / "claims.json").read_text(encoding="utf-8"))["claims"]
    kept = len(BUNDLED.claims)  # claims.json's own claims, then the three new ones
    assert len(written) == kept + 3
    new = {c["id"]: c for c in written[kept:]}
    area = new["article_area_qianhai_120_56_square_kilometres"]
    assert area["stated"]["hectares"] == 12056 and area["source"]["issuer"] == "A newspaper"
    assert main(["check", "--layers", str(layers), "--format", "json"]) == 1  # Hengqin is not on the river
    report = json.loads(capsys.readouterr().out)
    verdicts = {c["id"]: c["ok"] for c in report["claims"]}
    assert verdicts["article_area_qianhai_120_56_square_kilometres"] is True
    assert verdicts["article_adjacent_hengqin_shenzhen_river"] is False
    assert verdicts["article_within_hetao_hk_park_northern_metropolis"] is True
    extract(capsys, str(article), "--write-claims", str(layers / "claims.json"))  # again: ids get numbers
    again = json.loads((layers / "claims.json").read_text(encoding="utf-8"))["claims"]
    assert len({c["id"] for c in again}) == len(again) == kept + 3 + 3


def test_write_claims_refuses_a_file_that_is_not_a_claims_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "c.json"
    target.write_text("[1, 2]", encoding="utf-8")
    status, _, err = extract(capsys, str(PARAPHRASE), "--write-claims", str(target))
    assert status == 2 and "is not a claims file" in err
    assert target.read_text(encoding="utf-8") == "[1, 2]"


def test_check_text_returns_one_row_per_figure_and_claim(atlas: Atlas) -> None:
    table = atlas.check_text(PARAPHRASE.read_text(encoding="utf-8"))
    assert list(table.row) == ["figure"] * 5 + ["claim"] * 4
    assert table.query("row == 'figure' and verdict == 'holds'").feature.tolist() == [
        "hetao_hk_park",
        "hetao_sz_park",
    ]
    assert len(claim_entries(check_article(PARAPHRASE.read_text(encoding="utf-8"), atlas.layers))) == 6


@pytest.mark.parametrize(
    ("text", "lang", "error", "words"),
    [
        (b"87 ha", "auto", ArgumentTypeError, "text: must be a string, not bytes"),
        ("87 ha", "fr", ArgumentTypeError, "'fr' is not one of auto, en, zh-Hant, zh-Hans"),
        ("  ", "auto", ArticleError, "is empty"),
        ("a\x07b", "auto", ArticleError, "control character"),
    ],
)
def test_check_text_refuses_bad_arguments(
    text: object, lang: str, error: type, words: str, atlas: Atlas
) -> None:
    with pytest.raises(error, match=None) as caught:
        atlas.check_text(text, lang=lang)  # type: ignore[arg-type]
    assert words in str(caught.value)


def test_the_benchmark_article_is_50000_characters_of_the_corpus() -> None:
    from benchmarks.article import TARGETS, article

    for lang, marker in (("en", "hectare"), ("zh-Hant", "公頃"), ("zh-Hans", "公顷")):
        text = article(lang)
        assert len(text) == 50_000 and marker in text
    assert set(TARGETS.values()) == {1.0} and len(TARGETS) == 3


def test_a_total_said_twice_is_one_claim(atlas: Atlas) -> None:
    sentence = "Nansha, Qianhai and Hengqin together cover about 1,000 square kilometres. "
    check = check_article(sentence * 2 + "Nansha and Hengqin together cover 900 km².", atlas.layers)
    assert [f.verdict for f in check.figures] == ["holds", "holds", "holds"]
    assert [(c.features, c.verdict) for c in check.claims] == [
        (("nansha", "qianhai", "hengqin"), "holds"),
        (("nansha", "hengqin"), "holds"),
    ]
