"""The one script detector: which Chinese script a text is in, by characters each script writes its own way.

:data:`MARKERS` are the source: Python decides with them (:func:`script_hint`, and
:func:`geo.i18n.scripts.script_of` before it asks OpenCC), and the map's page receives the
same patterns (:func:`page_detector`, in its configuration) to mark each run of Chinese
(:data:`HAN_RUN`) with its ``lang`` (``static/js/dom.js``).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["HAN", "HAN_RUN", "MARKERS", "js_pattern", "page_detector", "script_hint"]

_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: A CJK ideograph: the unified blocks, the compatibility block and the supplementary planes.
HAN = re.compile(f"[{_IDEOGRAPHS}]")
#: A run of Chinese text: ideographs, CJK punctuation and full-width forms (the pattern, in the
#: syntax of Python and of JavaScript with the ``u`` flag, holds the characters themselves).
HAN_RUN = re.compile(f"[\u3000-\u303f{_IDEOGRAPHS}\uff00-\uffef]+")

#: Characters each script writes its own way, common in place names and in the atlas's own
#: texts, paired by position (OpenCC converts each into the other). Left out: Simplified
#: characters that are also Traditional ones (里 as in 公里, 后, 于, 复, 并, 占, 划, 范).
MARKERS = {
    "zh-Hant": (
        "來個側儲內兩別刪創動務匯區單國圍園圖報塊將對導層屬島嶺廣徑慶擇擊據數會東條業構標橢橫檔欄沒測"
        "濱灣為無現環產畫發碼稱積簡粵約結經網緊線編緯縮總繪繼續與華蘭處號螢衞規觸計記許該詳語説請讀貼"
        "貿資較載輕輯輸這連達選邊鄰鏈鐵長門閉開關陳隱離頃項須類顯馬鳥鷹點龍"
    ),
    "zh-Hans": (
        "来个侧储内两别删创动务汇区单国围园图报块将对导层属岛岭广径庆择击据数会东条业构标椭横档栏没测"
        "滨湾为无现环产画发码称积简粤约结经网紧线编纬缩总绘继续与华兰处号萤卫规触计记许该详语说请读贴"
        "贸资较载轻辑输这连达选边邻链铁长门闭开关陈隐离顷项须类显马鸟鹰点龙"
    ),
}
_MARKED = {script: re.compile(f"[{chars}]") for script, chars in MARKERS.items()}


def script_hint(text: str) -> str | None:
    """The script ``text`` is in by its :data:`MARKERS`: None unless it has one script's and not the other's.

    The page decides the same way (:func:`page_detector`).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str or None
        ``zh-Hant``, ``zh-Hans``, or None when no marker or both scripts' markers are in it.

    >>> script_hint("前海深港现代服务业合作区"), script_hint("南沙"), script_hint("園 and 园")
    ('zh-Hans', None, None)
    """
    found = [script for script, marked in _MARKED.items() if marked.search(text)]
    return found[0] if len(found) == 1 else None


def page_detector() -> dict[str, Any]:
    r"""The script detector as the page receives it: the run of Chinese and each script's markers.

    Returns
    -------
    dict
        ``{"run": pattern, "scripts": {script: pattern}}``: :data:`HAN_RUN` and :data:`MARKERS`'
        patterns in JavaScript's spelling, ASCII only (``\uXXXX``, ``\u{XXXXX}``: read right
        whatever the page's encoding is taken to be), to compile with the ``u`` flag; a run is
        marked with the one script whose pattern matches in it.
    """
    scripts = {script: js_pattern(marked.pattern) for script, marked in _MARKED.items()}
    return {"run": js_pattern(HAN_RUN.pattern), "scripts": scripts}


def js_pattern(pattern: str) -> str:
    r"""A regular expression in JavaScript's spelling (``u`` flag), every non-ASCII character escaped.

    Parameters
    ----------
    pattern : str
        A pattern whose non-ASCII characters stand for themselves (as in a character class).

    Returns
    -------
    str
        The same pattern in ASCII.

    >>> print(js_pattern("[\u3000-\u303f\U00020000-\U0003134f]+"))
    [\u3000-\u303f\u{20000}-\u{3134f}]+
    """
    return "".join(_js_char(c) for c in pattern)


def _js_char(c: str) -> str:
    if c.isascii():
        return c
    return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\u{{{ord(c):x}}}"
