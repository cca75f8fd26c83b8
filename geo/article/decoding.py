"""An article's bytes to text: its encoding found, binary refused, HTML reduced to its words.

UTF-8 (with or without a byte-order mark) and UTF-16/32 with a byte-order mark are read as they
say; other bytes are tried as GB18030 and Big5, and kept only when exactly one reading looks like
Chinese (most of its characters common ones). Anything else is refused with one line naming the
encoding problem. HTML loses its scripts, styles and tags: what is left is the text a reader sees.

>>> decode_article("約87公頃".encode("big5"), file="a.txt")
'約87公頃'
>>> html_text("<p>87 ha<script>alert(1)</script></p><style>p{}</style>")
'87 ha'
"""

from __future__ import annotations

import codecs
import itertools
import re
from html.parser import HTMLParser

from geo.errors import ArticleError, Problem
from geo.i18n.scripts import HAN

#: The largest article read, in bytes (about 700,000 Chinese or 2 million English characters).
MAX_ARTICLE_BYTES = 2 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: File signatures of formats that are not text, to say what a refused file looks like.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/ODF document)"),
)
_SIGNATURES += ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"))

#: Common characters of Chinese prose in both scripts: a correct decoding is mostly these.
_COMMON = set(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動"
    "同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着等部度家力里裡如水化高自二理起小"
    "物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事"
    "平形相全表间間样樣与與关關各重新线線内內数數正心反明看原又利比或但质質气氣第向道此变變条條只没沒结結解问問"
    "意建月公无無系军軍很情者最立代想已通并並提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長"
    "求头頭基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別她手角期根论論运運农農指几幾九区區强強放决決"
    "西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口东東导導器压壓志世金增争"
    "爭济濟阶階油思术術极極交受联聯什认認六共权權收证證改清己美再采转轉更单單风風切打白教速花带帶安场場身车車例"
    "真务務具万萬每目至达達走积積示议議声聲报報斗完类類八离離华華名确確才科张張信马馬节節话話米整空元况況今集温"
    "溫传傳土许許步群广廣石记記需段研界拉林律叫且究观觀越织織装裝影算低持音众眾书書布复復容儿兒须須际際商非验驗"
    "连連断斷深难難近千周委素技备備半办辦青省列习習响響约約支般史感劳勞便团團往历歷市克何除消构構府称稱太准精值"
    "号號率族维維划劃选選标標写寫存候毛亲親快效斯院查江型眼王按格养養易置派层層片始却卻专專状狀育厂廠京识識适適"
    "属屬圆圓包火住调調满滿县縣局照参參红紅细細引听聽该該铁鐵价價严嚴港澳园園区區深圳河套沙琴横橫湾灣粤粵"
)

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}
_HIDDEN = {"script", "style", "noscript", "template", "head"}


def decode_article(raw: bytes, *, file: str) -> str:
    """The text of an article's bytes.

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        How messages name the file (``<stdin>`` for standard input).

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    ArticleError
        For binary data, an encoding that cannot be decoded reliably, or an empty text.
    """
    if len(raw) > MAX_ARTICLE_BYTES:
        what = f"is more than the {MAX_ARTICLE_BYTES // 1024 // 1024} MiB an article may be"
        _refuse(file, what, "check it is the article you meant; split a longer text into parts")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _not_empty(raw.decode(encoding), file)
            except UnicodeDecodeError as exc:
                name = encoding.upper()
                what = (
                    f"starts with a {name} byte-order mark but is not {name} ({exc.reason}, byte {exc.start})"
                )
                _refuse(file, what, "save it again as UTF-8")
    _refuse_binary(raw, file)
    try:
        return _not_empty(raw.decode("utf-8"), file)
    except UnicodeDecodeError as exc:
        return _not_empty(_chinese_legacy(raw, file, exc), file)


def _refuse(file: str, what: str, fix: str) -> None:
    raise ArticleError([Problem(file, "", what, fix)])


def _refuse_binary(raw: bytes, file: str) -> None:
    """Refuse a file that is not text: a known signature, or NUL bytes."""
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            _refuse(file, f"is {kind}, not text", "save the article as plain text (.txt), Markdown or HTML")
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        what = f"is a binary file, not text (a NUL byte at byte {at}; UTF-16 needs a byte-order mark)"
        _refuse(file, what, "save the article as plain text in UTF-8")


def _chinese_legacy(raw: bytes, file: str, utf8_error: UnicodeDecodeError) -> str:
    """Bytes that are not UTF-8, read as GB18030 or Big5 when exactly one reading looks like Chinese."""
    readings = {}
    for encoding in ("gb18030", "big5"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_chinese(text):
            readings[encoding] = text
    if len(readings) == 1:
        return next(iter(readings.values()))
    where = f"byte {utf8_error.start}"
    if readings:
        what = f"is not UTF-8 ({where}) and reads as Chinese in both GB18030 and Big5"
    else:
        what = f"is not UTF-8 ({where}), nor Chinese text in GB18030 or Big5"
    _refuse(file, what, "save the article as UTF-8 (any editor's 'Save as' offers it)")
    raise AssertionError  # unreachable: _refuse raises


def _looks_chinese(text: str) -> bool:
    """Whether a decoding reads as Chinese prose: at least half of its Han characters common ones."""
    han = HAN.findall(text)
    if not han:
        return False
    return sum(c in _COMMON for c in han) >= len(han) / 2


def _not_empty(text: str, file: str) -> str:
    if not text.strip():
        _refuse(file, "is empty: there is no text to read", "give the file of the article's text")
    return text


#: Characters an article may not hold: C0 controls but tab, newline, form feed and CR; DEL; C1.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

#: At most this many control characters are listed, one line each.
MAX_LISTED = 5


def refuse_controls(text: str, *, file: str) -> None:
    """Refuse a text holding control characters (terminal escapes): one line per character, ≤ 5 lines.

    Parameters
    ----------
    text : str
        The article's text.
    file : str
        How messages name the file.

    Raises
    ------
    ArticleError
        Naming the line, the column and the character (escaped).
    """
    found = list(itertools.islice(CONTROL.finditer(text), MAX_LISTED + 1))
    if not found:
        return
    problems = []
    for match in found[:MAX_LISTED]:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group()
        what = f"line {line}, column {column}: holds the control character {char!r} (a terminal escape?)"
        problems.append(Problem(file, "", what, "remove it; an article is plain text"))
    if len(found) > MAX_LISTED:
        problems.append(Problem(file, "", "holds more control characters", "remove them all"))
    raise ArticleError(problems)


class _TextParser(HTMLParser):
    """The visible text of an HTML document: no script, style, head; blocks on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _HIDDEN:
            self._hidden += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def html_text(document: str) -> str:
    """The words of an HTML document a reader sees, paragraphs on their own lines (title first).

    Parameters
    ----------
    document : str
        An HTML document.

    Returns
    -------
    str
        Its visible words: paragraphs separated by blank lines, the title first.

    Examples
    --------
    >>> html_text("<html><head><title>T</title></head><body><p>A</p><p>B &amp; C</p></body></html>")
    'T\\n\\nA\\n\\nB & C'
    """
    parser = _TextParser()
    parser.feed(document)
    parser.close()
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    body = re.sub(r" ?\n[ \n]*", "\n\n", body).strip()
    title = " ".join("".join(parser.title).split())
    return f"{title}\n\n{body}" if title else body


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document (for standard input, which has no file name).

    Parameters
    ----------
    text : str
        The text read.

    Returns
    -------
    bool
        True when it begins as an HTML document does.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><p>x"), looks_like_html("87 ha <b>")
    (True, False)
    """
    return bool(re.match(r"\s*(?:<!doctype html|<html[\s>])", text[:1024], re.IGNORECASE))
