"""An article from a file or standard input: read whole (within limits), decoded, checked for controls."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from geo.article.decoding import (
    MAX_ARTICLE_BYTES,
    decode_article,
    html_text,
    looks_like_html,
    refuse_controls,
)
from geo.errors import ArgumentTypeError, ArticleError, Problem
from geo.io.json_file import _check_file, _read_bytes

#: The suffixes read as HTML.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def read_article(path: str) -> tuple[str, str]:
    """The text of an article file (``-`` for standard input) and how messages name it.

    HTML loses its scripts, styles and tags (:func:`~geo.article.decoding.html_text`).

    Parameters
    ----------
    path : str
        The file's path, or ``-`` for standard input.

    Returns
    -------
    text : str
        The article's text.
    source : str
        How messages name it (the path, or ``<stdin>``).

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
        raw = _file_bytes(Path(path))
        is_html = Path(path).suffix.lower() in HTML_SUFFIXES
    return article_text(raw, file=file, html=is_html), file


def _file_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most one more than an article may have (the check reads the limit)."""
    file = str(path)
    if path.is_dir():
        raise ArticleError([Problem(file, "", "is a folder, not an article", "give the article's file")])
    with contextlib.suppress(OSError):
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            size = path.stat().st_size / 1024 / 1024
            what = (
                f"is {size:,.1f} MiB, more than the {MAX_ARTICLE_BYTES // 1024 // 1024} MiB an article may be"
            )
            raise ArticleError(
                [Problem(file, "", what, "check it is the article you meant; split a longer text")]
            )
    problem = _check_file(path, MAX_ARTICLE_BYTES + 1)
    raw, problem = (None, problem) if problem else _read_bytes(path, MAX_ARTICLE_BYTES + 1)
    if raw is None:
        raise ArticleError([problem or Problem(file, "", "cannot be read", "check the path")])
    return raw


def article_text(raw: bytes, *, file: str, html: bool = False) -> str:
    """Bytes to the article's text: decoded, HTML made text (also when it looks like it), controls refused.

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        How messages name the file.
    html : bool
        Read the bytes as HTML (a file named ``.html``, ``.htm`` or ``.xhtml``).

    Returns
    -------
    str
        The article's text.
    """
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


def given_article(article: object, *, call: str) -> tuple[str, str]:
    """An article handed to the notebook API, as its text and how messages name it.

    Parameters
    ----------
    article : str or os.PathLike
        The article's text, or the path of its file (read as :func:`read_article` reads it).
    call : str
        The method it was given to, named in messages (``"Atlas.to_map"``).

    Returns
    -------
    text : str
    source : str

    Raises
    ------
    ArticleError
        For a file that cannot be read as text, or a text with control characters.
    ArgumentTypeError
        For an ``article`` that is neither text nor a path.
    """
    if isinstance(article, os.PathLike):
        return read_article(os.fspath(article))
    if isinstance(article, str):
        return article_text(article.encode("utf-8", "surrogatepass"), file="<article>"), "<article>"
    what = f"must be the article's text or a path, not {type(article).__name__}"
    raise ArgumentTypeError(Problem(call, "article", what, "pass a str or a pathlib.Path"))
