"""Checking a 50,000-character article (``gba-atlas claims extract``): target ≤ 1 s on this machine.

The articles are made of the test corpus's sentences (``tests/corpus/articles``) repeated to 50,000
characters, one per language (English, 繁體, 简体), so every rule — figures, traps, places, claim
phrases, verdicts — runs on each. The time is :func:`geo.article.extract.check_article` on the loaded
bundled atlas, best of several runs; the first (cold) run, and a plain regular-expression pass for digits
over the same text (a floor: no extraction can read the text faster), are printed beside it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles" / "sentences.json"

N_CHARS = 50_000
TARGET_S = 1.0
LANGS = ("en", "zh-Hant", "zh-Hans")
ROWS = {lang: f"check a {N_CHARS:,}-character article ({lang}), seconds" for lang in LANGS}
TARGETS = dict.fromkeys(ROWS.values(), TARGET_S)
REPEATS = 3


def article(lang: str, n_chars: int = N_CHARS) -> str:
    """The corpus's sentences in ``lang``, in paragraphs of five, repeated to ``n_chars`` characters."""
    sentences = [c["text"] for c in json.loads(CORPUS.read_text(encoding="utf-8")) if c["lang"] == lang]
    joiner = " " if lang == "en" else ""
    paragraphs = [joiner.join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    block = "\n\n".join(paragraphs) + "\n\n"
    return (block * (n_chars // len(block) + 1))[:n_chars]


def _best(fn: object, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times[0], min(times)


def bench_article() -> tuple[list[dict], list[str]]:
    """The time to check a 50,000-character article in each language, against the 1 s target."""
    from geo import Atlas
    from geo.article.extract import check_article

    atlas = Atlas.load()
    rows, lines = [], []
    for lang, name in ROWS.items():
        text = article(lang)
        cold, best = _best(lambda text=text: check_article(text, atlas.layers), REPEATS)
        _, floor = _best(lambda text=text: re.findall(r"\d+", text), REPEATS)
        found = check_article(text, atlas.layers)
        ok = best <= TARGET_S
        rows.append(
            {"name": name, "value": best, "target": TARGET_S, "ok": ok, "cold_s": cold, "regex_s": floor}
        )
        lines.append(
            f"article {lang:<8} {len(text):,} chars: {best:.2f} s (first run {cold:.2f} s; "
            f"a digits-only regex {floor * 1000:.1f} ms) for {len(found.figures):,} figures and "
            f"{len(found.claims):,} claims "
            f"(target <= {TARGET_S:g} s)  {'OK' if ok else 'NOT MET'}"
        )
    lines.append(_command_line(article("en")))
    return rows, lines


def _command_line(text: str) -> str:
    """The whole command once, in a fresh process: start-up, reading the layers, the check, the output."""
    with tempfile.TemporaryDirectory(prefix="gba-article-") as name:
        path = Path(name) / "article.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "geo", "claims", "extract", str(path), "--format", "json"],
            capture_output=True,
            cwd=ROOT,
            check=False,
        )
        took = time.perf_counter() - start
    return f"  gba-atlas claims extract on it, a fresh process: {took:.2f} s (exit {done.returncode})"


if __name__ == "__main__":
    for line in bench_article()[1]:
        print(line)
