"""Fonts: a CJK font for Chinese text when the system has one, or a clear error instead of empty boxes."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from matplotlib import font_manager

from geo.errors import AtlasError

__all__ = [
    "CJK_FAMILIES",
    "LATIN_FAMILY",
    "TRUETYPE_CJK",
    "FontError",
    "find_cjk_font",
    "font_families",
    "needs_cjk",
]

#: The Latin font shipped with matplotlib (it has ✓, ✗, ±, ²), the fallback after a CJK font.
LATIN_FAMILY = "DejaVu Sans"
#: CJK families with TrueType outlines, looked for first: a PDF embeds them whole as Type 42 (the
#: CFF outlines of Noto Sans CJK or Source Han Sans cannot be, and poppler warns about the result).
TRUETYPE_CJK = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft JhengHei", "Microsoft YaHei")
#: CJK families looked for, best first (the first of these the system has is used).
CJK_FAMILIES = (
    *TRUETYPE_CJK,
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans TC",
    "Noto Sans SC",
    "Source Han Sans TC",
    "Source Han Sans SC",
    "Source Han Sans",
    "PingFang TC",
    "PingFang SC",
    "Noto Serif CJK TC",
    "Noto Serif CJK JP",
)
_CJK_FILE = re.compile(r"cjk|sourcehan|wqy|wenquanyi|jhenghei|msjh|yahei|msyh|pingfang", re.IGNORECASE)
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


class FontError(AtlasError):
    """Chinese text was asked for and the system has no font that can draw it."""


def needs_cjk(texts: Iterable[str]) -> bool:
    """Whether any of the texts holds Chinese (or other CJK) characters.

    Parameters
    ----------
    texts : iterable of str
        The texts of the figure.

    Returns
    -------
    bool
        True when one holds a CJK character.

    Examples
    --------
    >>> needs_cjk(["Hetao", "河套"]), needs_cjk(["Hetao"])
    (True, False)
    """
    return any(_CJK.search(text) for text in texts)


def find_cjk_font(lang: str = "zh-Hant", *, embeddable: bool = True) -> str | None:
    """The family name of the first of :data:`CJK_FAMILIES` the system has, or None.

    With ``embeddable`` (for a PDF, which embeds TrueType faces as Type 42) the TrueType faces
    (:data:`TRUETYPE_CJK`, which have both scripts, some in one weight only) come first; without it
    (a chart on a screen, in a notebook) the faces with a regular weight. Then, for ``zh-Hans``, the
    Simplified (``SC``) faces, else the Traditional ones.

    Parameters
    ----------
    lang : str
        ``zh-Hans`` prefers Simplified faces; any other, Traditional ones.
    embeddable : bool
        TrueType faces first (for a PDF).

    Returns
    -------
    str or None
        The family name; None when the system has none of them.
    """
    simplified = lang == "zh-Hans"
    ordered = sorted(
        CJK_FAMILIES,
        key=lambda family: (
            (family not in TRUETYPE_CJK) == embeddable,
            simplified and not family.endswith("SC"),
        ),
    )
    found = None
    for scan in (False, True):  # matplotlib's font cache, then the system's fonts (installed since)
        if scan:
            _add_system_cjk_fonts()
        available = {entry.name for entry in font_manager.fontManager.ttflist}
        found = next((family for family in ordered if family in available), None)
        if found and ((found in TRUETYPE_CJK) == embeddable or _SCANNED):  # else a better face may be new
            return found
    return found


#: Whether this process has added the system's CJK fonts to matplotlib's list already.
_SCANNED: list[bool] = []


def _add_system_cjk_fonts() -> None:
    """Add the system's CJK font files to matplotlib's font list (its cache may predate them), once."""
    if _SCANNED:
        return
    _SCANNED.append(True)
    for path in sorted(font_manager.findSystemFonts()):
        if _CJK_FILE.search(Path(path).name):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a file FreeType cannot read: not one to use
                continue


def font_families(texts: Iterable[str], *, lang: str = "zh-Hant") -> list[str]:
    """The font families to draw the texts with: a CJK font first when any text is Chinese.

    Parameters
    ----------
    texts : iterable of str
        The texts of the figure.
    lang : str
        The script preferred (see :func:`find_cjk_font`).

    Returns
    -------
    list of str
        Family names, for matplotlib's ``font.family``.

    Raises
    ------
    FontError
        When a text is Chinese and :func:`find_cjk_font` finds no font (one line with a fix).
    """
    if not needs_cjk(texts):
        return [LATIN_FAMILY]
    cjk = find_cjk_font(lang)
    if cjk is None:
        fix = (
            "install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk; or Source Han Sans, "
            "WenQuanYi Zen Hei) and clear matplotlib's font cache, or draw it with --lang en"
        )
        looked = ", ".join(CJK_FAMILIES[:6])
        msg = (
            f"no Chinese font found to draw the figure's Chinese text (looked for {looked}, ...); fix: {fix}"
        )
        raise FontError(msg)
    return [cjk, LATIN_FAMILY]


@contextmanager
def weights_unasked() -> Iterator[None]:
    """Matplotlib's "findfont: Failed to find font weight bold" notes silenced while drawing or saving.

    A face with one weight (WenQuanYi Zen Hei) is then drawn at that weight for bold text too, as
    intended; the note would only clutter the command's output.
    """
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
