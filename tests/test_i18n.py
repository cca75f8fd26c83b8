"""English, 繁體中文, 简体中文: the message catalogues, Chinese in both scripts, and the report in each."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import shapely

from geo import Atlas
from geo.cli import main
from geo.errors import InputError
from geo.i18n import LANGUAGES, Message, check_catalogues, placeholders, read_catalogue, translate
from geo.i18n.scripts import both_scripts, script_of, to_script
from geo.model import Feature
from geo.report import AREA_HEADER, CLAIM_HEADER, CSV_FIELDS, render
from tests.data_helpers import BUNDLED
from tests.helpers import collection, feature, write

NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")

# --- the catalogues -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """A terminal wide enough that no row of a report wraps (tests/test_cli_width.py wraps them)."""
    monkeypatch.setenv("COLUMNS", "1000")


def test_the_package_catalogues_are_complete_and_consistent():
    assert check_catalogues() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_in_every_language_with_a_text_and_the_same_placeholders(lang):
    english = read_catalogue("en")
    messages = read_catalogue(lang)
    assert messages.keys() == english.keys()
    for key, text in messages.items():
        assert isinstance(text, str) and text.strip(), (lang, key)
        assert placeholders(text) == placeholders(english[key]), (lang, key)


def test_chinese_catalogues_are_in_their_own_script():
    """No Simplified character in the Traditional catalogue, none the other way (OpenCC as the judge)."""
    for lang, other in (("zh-Hant", "zh-Hans"), ("zh-Hans", "zh-Hant")):
        for key, text in read_catalogue(lang).items():
            if key.startswith("lang."):  # each language is named in its own script
                continue
            assert script_of(text) in (lang, None), (lang, key, text, to_script(text, other))


def test_the_catalogues_hold_what_the_report_and_the_map_need():
    english = read_catalogue("en")
    assert AREA_HEADER == ["platform", "stated", "stated ha", "computed ha", "deviation", "tolerance", "ok"]
    assert CLAIM_HEADER == ["claim", "ok", "detail"]
    assert [english[f"csv.{field}"] for field in CSV_FIELDS] == list(CSV_FIELDS)
    for text in (
        "Area checks",
        "Go to",
        "Stated figures",
        "Computed (geodesic, WGS84)",
        "Digitized from",
        "Street map (OpenStreetMap)",
        "Satellite (Esri World Imagery)",
        "Plain",
        "Export drawing",
    ):
        assert text in english.values(), text
    assert read_catalogue("zh-Hant")["map.base.plain"] == "簡圖"
    assert len(english) >= 100


def test_check_catalogues_names_a_missing_key_an_empty_text_and_differing_placeholders():
    problems = check_catalogues(
        {
            "en": {"a": "{n} of {total}", "b": "B", "c": "C"},
            "zh-Hant": {"a": "{total} 中 {n}", "b": " "},
            "zh-Hans": {"a": "{total} 中", "b": "乙", "c": "丙"},
        }
    )
    assert "zh-Hant: key 'b' has an empty translation" in problems
    assert "zh-Hant: key 'c' is missing" in problems
    assert any("key 'a' has different placeholders" in p and "zh-Hans: ['total']" in p for p in problems)
    assert len(problems) == 3


def test_translate_fills_placeholders_and_translates_nested_messages():
    verdict = Message("verdict.inside")
    params = {"share": "98.7%", "feature": "a", "container": "b", "needed": "99%", "verdict": verdict}
    message = Message("claim.within", params)
    assert str(message) == "98.7% of a lies in b (needs 99%): inside"
    assert message.text("zh-Hant") == "a 有 98.7% 位於 b 內（須達 99%）：在範圍內"
    assert message.text("zh-Hans") == "a 有 98.7% 位于 b 内（须达 99%）：在范围内"
    assert (
        translate("report.summary.some", "en", held=15, total=16, failed=1) == "15 of 16 checks hold; 1 fail."
    )
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        translate("report.areas", "fr")


# --- Chinese in both scripts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("香港園區", "香港园区"),
        ("河套", "河套"),
        ("前海", "前海"),
        ("北部都會區", "北部都会区"),
        ("前海深港現代服務業合作區", "前海深港现代服务业合作区"),
        ("橫琴粵澳深度合作區", "横琴粤澳深度合作区"),
        ("一河兩岸", "一河两岸"),
    ],
)
def test_opencc_derives_either_script_from_the_other(hant, hans):
    assert to_script(hans, "zh-Hant") == hant
    assert to_script(hant, "zh-Hans") == hans
    assert both_scripts(hant, script="zh-Hant") == (hant, hans)
    assert both_scripts(hans, script="zh-Hans") == (hant, hans)


def test_the_script_is_judged_from_the_text_when_not_given():
    assert script_of("河套香港園區") == "zh-Hant"
    assert script_of("河套深圳园区") == "zh-Hans"
    assert script_of("河套") is None  # the same in both: either will do
    assert both_scripts("河套") == ("河套", "河套")


def _feature(**props):
    return Feature("park", "A park", shapely.box(114.0, 22.4, 114.01, 22.41), "test", props)


def test_feature_names_in_each_language():
    names = _feature(name_zh="河套深圳园区", name_zh_script="zh-Hans").names
    assert (names.get("en"), names.get("zh-Hant"), names.get("zh-Hans")) == (
        "A park",
        "河套深圳園區",
        "河套深圳园区",
    )
    assert [names.get(lang) for lang in LANGUAGES] == ["A park", "河套深圳園區", "河套深圳园区"]
    assert _feature().names.get("zh-Hans") == "A park"  # no Chinese name: the English one


def test_an_override_wins_over_the_converter():
    names = _feature(name_zh="皇后像廣場", name_zh_script="zh-Hant", name_zh_hans="皇后像广场（覆盖）").names
    assert names.get("zh-Hans") == "皇后像广场（覆盖）"
    assert names.get("zh-Hant") == "皇后像廣場"
    names = _feature(name_zh="前海", name_zh_script="zh-Hans", name_zh_hant="前海（香港寫法）").names
    assert (names.get("zh-Hant"), names.get("zh-Hans")) == ("前海（香港寫法）", "前海")


def test_the_bundled_data_has_both_scripts_of_every_name_claim_and_story():
    atlas = Atlas.load()
    for place in atlas.features.values():
        script = place.properties["name_zh_script"]
        assert script in ("zh-Hant", "zh-Hans")
        assert place.names.in_script(script) == place.name_zh
    assert atlas.features["hetao_hk_park"].names.get("zh-Hans") == "河套香港园区"
    assert atlas.features["hetao_sz_park"].names.get("zh-Hant") == "河套深圳園區"
    for claim in atlas.claims:
        assert claim.claim_zh and script_of(claim.claim_zh) == "zh-Hant", claim.id
        assert script_of(claim.texts.get("zh-Hans")) == "zh-Hans", claim.id
    assert atlas.story.title_in("zh-Hans") == "一河两岸：河套合作区香港园区开园"
    assert atlas.story.description_in("zh-Hans").startswith("据新华社报道")


@pytest.mark.parametrize(
    ("props", "fragment"),
    [
        (
            {"name_zh": "南沙", "name_zh_script": "Hans"},
            "name_zh_script 'Hans' is not one of zh-Hant, zh-Hans",
        ),
        ({"name_zh_script": "zh-Hans"}, "name_zh_script is given but name_zh is not"),
        ({"name_zh": "南沙", "name_zh_hans": "Nansha"}, "name_zh_hans 'Nansha' holds no Chinese character"),
        ({"name_zh": "南沙", "name_zh_hant": 7}, "name_zh_hant must be a string, not int"),
        (
            {"name_zh_hant": "南沙"},
            "name_zh_hant overrides a name derived from name_zh, but there is no name_zh",
        ),
        (
            {"name_zh": "南沙", "name_zh_script": "zh-Hans", "name_zh_hans": "南沙区"},
            "name_zh_hans overrides the script name_zh is written in (zh-Hans)",
        ),
    ],
)
def test_chinese_name_properties_are_validated(tmp_path, props, fragment):
    write(tmp_path / "a.geojson", collection(feature(**props)))
    with pytest.raises(InputError, match=re.escape(fragment)):
        Atlas.load(tmp_path)


def test_claim_zh_is_validated(tmp_path):
    write(tmp_path / "a.geojson", collection(feature("park_a"), feature("park_b", name_zh="公園")))
    claim = {
        "id": "c",
        "claim": "A in B",
        "claim_zh": "no Chinese",
        "sentence": "A.",
        "test": "within",
        "feature": "park_a",
        "container": "park_b",
    }
    (tmp_path / "claims.json").write_text(json.dumps({"claims": [claim]}), encoding="utf-8")
    with pytest.raises(InputError, match="claim_zh 'no Chinese' holds no Chinese character"):
        Atlas.load(tmp_path)


# --- the command line -----------------------------------------------------------------------------------


def _check(capsys, *args: str) -> tuple[int, str]:
    status = main(["check", *args])
    return status, capsys.readouterr().out


def _numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def test_check_in_simplified_chinese_prints_the_same_numbers(capsys):
    status_en, english = _check(capsys)
    status_zh, chinese = _check(capsys, "--lang", "zh-Hans")
    assert status_en == status_zh == 0
    lines = chinese.splitlines()
    assert lines[0] == "面积"
    assert lines[1].split() == [
        "平台",
        "公布数字",
        "公布（公顷）",
        "计算（公顷）",
        "偏差",
        "容许偏差",
        "结果",
    ]
    assert "说法" in lines and lines[-1] == f"{BUNDLED.checks} 项核查中 {BUNDLED.checks} 项成立。"
    assert lines[2].startswith("河套香港园区 ")  # the name in Simplified, derived from 河套香港園區
    assert any(line.startswith("一河两岸：") for line in lines)  # a claim, derived from its claim_zh
    assert "公顷" in chinese and "位于" in chinese
    # the numbers of every area row and the claims' measurements are the same as in English
    area_rows = slice(2, 2 + len(Atlas.load().report().areas))
    for en_line, zh_line in zip(english.splitlines()[area_rows], lines[area_rows], strict=True):
        assert _numbers(en_line)[-5:] == _numbers(zh_line)[-5:], zh_line
    en_claims = english.split("\nCLAIMS\n")[1].splitlines()[1:-2]
    zh_claims = chinese.split("\n说法\n")[1].splitlines()[1:-2]
    assert len(en_claims) == len(zh_claims) == len(BUNDLED.claims)
    for en_line, zh_line in zip(en_claims, zh_claims, strict=True):
        en_detail, zh_detail = en_line.rsplit("  ", 1)[-1], zh_line.rsplit("  ", 1)[-1]
        assert sorted(_numbers(en_detail)) == sorted(_numbers(zh_detail)), (en_detail, zh_detail)


def test_check_in_traditional_chinese(capsys):
    status, text = _check(capsys, "--lang", "zh-Hant")
    assert status == 0
    assert text.startswith("面積\n平台")
    assert "河套香港園區" in text and "河套深圳園區" in text and "北部都會區" in text
    assert "面积0.87平方公里" in text  # a figure is quoted as stated, never converted
    assert text.endswith(f"{BUNDLED.checks} 項核對中 {BUNDLED.checks} 項成立。\n")


def test_markdown_and_csv_speak_the_language(capsys):
    _, markdown = _check(capsys, "--format", "markdown", "--lang", "zh-Hant")
    assert markdown.startswith("# 面積及說法核對報告\n\n所有核對均成立。\n\n## 面積\n")
    _, text = _check(capsys, "--format", "csv", "--lang", "zh-Hans")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["核查类别", "编号", "名称"]
    assert rows[1][:3] == ["面积", "hetao_hk_park", "河套香港园区"]
    _, english = _check(capsys, "--format", "csv")
    en_rows = list(csv.reader(io.StringIO(english)))
    assert [r[4:8] for r in rows][1:] == [r[4:8] for r in en_rows][1:]  # the numbers


def test_json_keeps_its_keys_and_numbers_and_gives_texts_in_the_language(capsys):
    _, english = _check(capsys, "--format", "json")
    _, chinese = _check(capsys, "--format", "json", "--lang", "zh-Hans")
    en, zh = json.loads(english), json.loads(chinese)
    for en_area, zh_area in zip(en["areas"], zh["areas"], strict=True):
        assert en_area.keys() == zh_area.keys()
        assert {k: v for k, v in en_area.items() if k != "name"} == {
            k: v for k, v in zh_area.items() if k != "name"
        }
    assert zh["areas"][0]["name"] == "河套香港园区"
    assert zh["claims"][0]["claim"] == "河套香港园区位于北部都会区内"
    assert zh["claims"][0]["sentence"] == en["claims"][0]["sentence"]  # quoted as stated


def test_english_is_the_default_and_unchanged(capsys):
    _, default = _check(capsys)
    _, english = _check(capsys, "--lang", "en")
    assert default == english
    assert default.startswith("AREAS\nplatform")
    assert "100.0% of hetao_hk_park lies in northern_metropolis (needs 99%): inside" in default


def test_an_unknown_language_is_a_usage_error(capsys):
    assert main(["check", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'fr'" in err and "zh-Hant" in err


def test_render_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        render(Atlas.load().report(), "table", lang="de")


@pytest.mark.slow
def test_an_english_report_never_loads_the_converter():
    from geo.i18n import scripts

    scripts._converter.cache_clear()
    report = Atlas.load().report()
    render(report, "table")
    render(report, "json")
    assert scripts._converter.cache_info().currsize == 0
    render(report, "table", lang="zh-Hans")  # Traditional names to Simplified: only hk2s
    assert scripts._converter.cache_info().currsize >= 1
