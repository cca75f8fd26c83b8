"""An article from a file or standard input: read whole (within limits), decoded, checked for controls."""

from __future__ import annotations

import sys
from pathlib import Path

from geo.article.decoding import (
    MAX_ARTICLE_BYTES,
    decode_article,
    html_text,
    looks_like_html,
    refuse_controls,
)
from geo.errors import ArticleError, Problem
from geo.io.json_file import _check_file, _read_bytes

#: The suffixes read as HTML.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def read_article(path: str) -> tuple[str, str]:
    """The text of an article file (``-`` for standard input) and how messages name it.

    HTML loses its scripts, styles and tags (:func:`~geo.article.decoding.html_text`).

    Raises
    ------
    ArticleError
        One line per problem: not a regular file, too large, binary, an encoding that cannot be
        decoded, empty, control characters.
    """
    if path == "-":
        file = "<stdin>"
        raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        is_html = False
    else:
        file = path
        problem = _check_file(Path(path), MAX_ARTICLE_BYTES + 1)
        read, problem = (None, problem) if problem else _read_bytes(Path(path), MAX_ARTICLE_BYTES + 1)
        if read is None:
            raise ArticleError([problem or Problem(file, "", "cannot be read", "check the path")])
        raw = read
        is_html = Path(path).suffix.lower() in HTML_SUFFIXES
    return article_text(raw, file=file, html=is_html), file


def article_text(raw: bytes, *, file: str, html: bool = False) -> str:
    """Bytes to the article's text: decoded, HTML made text (also when it looks like it), controls refused."""
    text = decode_article(raw, file=file)
    if html or looks_like_html(text):
        text = html_text(text)
        if not text.strip():
            raise ArticleError(
                [
                    Problem(
                        file,
                        "",
                        "holds no text outside its tags, scripts and styles",
                        "give the article's page",
                    )
                ]
            )
    refuse_controls(text, file=file)
    return text
