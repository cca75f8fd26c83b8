"""The self-contained page carries its large inline elements compressed (geo/map/offline/packing.py)."""

from __future__ import annotations

import base64
import json
import random
import re
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas
from geo.map.offline import inline_assets
from geo.map.offline.packing import MAX_PACKED, MIN_PACKED, pack_page, unpacked_page

UNPACK_JS = Path(__file__).parent.parent / "geo" / "map" / "static" / "js" / "loader" / "unpack.js"
CALL = re.compile(r"<script>gbaUnpack\((\d+)\)</script>")


BIG = "x" * 4 * MIN_PACKED
PAGE = (
    "<!DOCTYPE html><html><head>"
    f'<style data-asset="a@1/a.css">.a{{color:red}}/*{BIG}*/</style>'
    f'<script data-asset="a@1/a.js">window.order=["a"];/*{BIG}*/</script>'
    "<script>window.order.push('small');</script>"
    "</head><body><p class=a>text</p>"
    f'<script type="application/json" id="data">{{"v":"{BIG}","z":"中文"}}</script>'
    f"<script>window.order.push(JSON.parse(document.getElementById('data').textContent).z);/*{BIG}*/</script>"
    "</body></html>"
)


def test_the_packed_page_is_smaller_and_unpacks_to_the_same_elements_in_their_places() -> None:
    packed = pack_page(PAGE)
    assert len(packed) < len(PAGE) / 2
    assert packed == pack_page(PAGE)  # the same bytes every build
    assert CALL.findall(packed) == ["0", "1", "2", "3"]
    assert "<script>window.order.push('small');</script>" in packed  # too small to be worth it
    assert unpacked_page(packed) == PAGE
    assert pack_page("<p>nothing to pack</p>") == "<p>nothing to pack</p>"
    small = f"<script>/*{'x' * MIN_PACKED}*/</script>"
    assert pack_page(small) == small  # the inflater would outweigh what packing saves
    huge = f'<script type="application/json" id="bulk">"{"x" * (MAX_PACKED + 1)}"</script>'
    assert pack_page(PAGE + huge).endswith(huge)  # a bulk layer's data stays as it is


@pytest.mark.slow
def test_the_bundled_self_contained_map_is_packed_and_unpacks_to_the_inlined_page(atlas: Atlas) -> None:
    packed = atlas.to_html(self_contained=True)
    unpacked = inline_assets(atlas.to_html())
    assert len(packed) < 0.5 * len(unpacked)
    left = re.findall(r"<(script|style)\b[^>]*>(.*?)</\1>", packed, re.S)
    assert all(len(text) < MIN_PACKED for _, text in left[1:])  # but the payload
    assert 'type="application/json"' not in packed
    assert _same_elements(unpacked_page(packed), unpacked)


def _same_elements(one: str, other: str) -> bool:
    """Whether two pages have the same script and style texts in the same order."""
    body = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.S)
    return [m[2] for m in body.finditer(one)] == [m[2] for m in body.finditer(other)]


NODE_INFLATE = """
const fs = require("fs");
const parts = [];
global.window = {};
global.document = {
  createElement: (tag) => ({tag, attributes: {}, setAttribute(n, v) { this.attributes[n] = v; }}),
  currentScript: {before: (node) => parts.push(node)},
};
const source = fs.readFileSync(process.argv[2], "utf8");
const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = cases.map((pack) => {
  eval(source);  // each case with a fresh gbaUnpack
  window.gbaUnpack(pack);
  pack.parts.forEach((_, i) => window.gbaUnpack(i));
  return parts.splice(0).map((node) => node.textContent);
});
process.stdout.write(JSON.stringify(out));
"""


def _pack(texts: list[str], level: int) -> dict[str, Any]:
    raw = [text.encode("utf-8") for text in texts]
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    data = deflate.compress(b"".join(raw)) + deflate.flush()
    parts, start = [], 0
    for text in raw:
        parts.append(["script", [], start, start + len(text)])
        start += len(text)
    return {"data": base64.b64encode(data).decode(), "size": start, "parts": parts}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_inflater_reads_every_kind_of_deflate_block(tmp_path: Path) -> None:
    rng = random.Random(7)
    noise = "".join(chr(rng.randrange(32, 0x3000)) for _ in range(70_000))  # stored or dynamic blocks
    prose = " ".join(rng.choice(["river", "bank", "park", "深圳河", "港深"]) for _ in range(60_000))
    texts = [["a", "ab", "abcabcabcabc"], [noise, prose], [prose[:5000], "", noise[:3]], ["{}" * 40_000]]
    cases = [_pack(case, level) for case in texts for level in (0, 1, 9)]
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (tmp_path / "run.js").write_text(NODE_INFLATE, encoding="utf-8")
    done = subprocess.run(
        ["node", str(tmp_path / "run.js"), str(UNPACK_JS), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [case for case in texts for _ in (0, 1, 9)]


@pytest.mark.slow
@pytest.mark.browser
def test_in_a_browser_each_part_runs_in_its_place_before_the_load_event(
    offline_page: Any, tmp_path: Path
) -> None:
    path = tmp_path / "page.html"
    path.write_text(pack_page(PAGE), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri(), wait_until="domcontentloaded")
    assert page.evaluate("window.order") == ["a", "small", "中文"]
    assert page.evaluate("getComputedStyle(document.querySelector('.a')).color") == "rgb(255, 0, 0)"
    assert page.evaluate("document.querySelectorAll('script[data-asset]').length") == 1
    assert offline_page.errors == [] and offline_page.console_errors == []
