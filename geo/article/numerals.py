"""Numbers as articles write them: grouped digits, decimals, full-width digits, Chinese numerals.

:func:`parse_number` gives the value (exact, a :class:`~fractions.Fraction`) and the size of its last
stated digit (its rounding): "30,000" is 30000 stated to the thousand, "3.89" to the hundredth.

>>> parse_number("30,000")
(Fraction(30000, 1), Fraction(10000, 1))
>>> parse_number("八百零三")
(Fraction(803, 1), Fraction(1, 1))
>>> parse_number("3万")
(Fraction(30000, 1), Fraction(10000, 1))
"""

from __future__ import annotations

import re
from fractions import Fraction

#: Full-width digits and point, to ASCII, one character for one (offsets into the text stay right).
FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = {"万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8}

#: A Chinese numeral's characters (digits, tens to thousands, myriads, the decimal point).
CHINESE_NUMERAL = "零〇一二两兩三四五六七八九十百千万萬亿億点點"

#: A number in Arabic digits: grouped by commas, spaces or thin spaces, or plain; a decimal part.
ARABIC = r"(?<![\d.])\d{1,3}(?:(?:,|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?"

#: A number: Arabic digits with an optional myriad (3万, 1.5亿), or Chinese numerals (三萬, 八百零三).
NUMBER = rf"(?:{ARABIC})(?:[万萬亿億](?!平方米))?|[{CHINESE_NUMERAL}]+"


def parse_number(text: str) -> tuple[Fraction, Fraction]:
    """A number's value and the size of its last stated digit, both exact.

    Parameters
    ----------
    text : str
        A match of :data:`NUMBER` (full-width digits already made ASCII).

    Returns
    -------
    tuple of Fraction
        The value, and its rounding unit (1 for "87", 1/100 for "3.89", 1000 for "30,000").

    Raises
    ------
    ValueError
        When the text is not a number.
    """
    text = text.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    myriad = Fraction(1)
    if text and text[-1] in _MYRIAD and text[:-1] and text[:-1][-1].isdigit():
        myriad, text = Fraction(_MYRIAD[text[-1]]), text[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value, step = Fraction(text), _last_digit(text)
        return value * myriad, step * myriad
    return _chinese(text)


def _last_digit(digits: str) -> Fraction:
    """The size of the last stated digit: a decimal's last place, an integer's last non-zero digit."""
    whole, _, decimals = digits.partition(".")
    if decimals:
        return Fraction(1, 10 ** len(decimals))
    stripped = whole.rstrip("0")
    return Fraction(10 ** (len(whole) - len(stripped))) if stripped else Fraction(1)


def _chinese(text: str) -> tuple[Fraction, Fraction]:
    """A Chinese numeral: 八百零三, 三萬, 十五, 一點五 (also read digit by digit: 三八九)."""
    whole, point, decimals = text.replace("點", "点").partition("点")
    if not whole or any(c not in _DIGITS and c not in _SMALL and c not in _MYRIAD for c in whole):
        raise ValueError(text)
    value, step = _chinese_whole(whole)
    if point:
        return value + _chinese_decimals(decimals, text), Fraction(1, 10 ** len(decimals))
    return value, step


def _chinese_decimals(decimals: str, text: str) -> Fraction:
    """The value of the digits after a Chinese decimal point (五 in 一點五: 1/2); ``text`` names errors."""
    if not decimals or any(c not in _DIGITS for c in decimals):
        raise ValueError(text)
    return Fraction(int("".join(str(_DIGITS[c]) for c in decimals)), 10 ** len(decimals))


def _chinese_whole(text: str) -> tuple[Fraction, Fraction]:
    """The whole part of a Chinese numeral and the size of its last stated digit."""
    if all(c in _DIGITS for c in text):  # digit by digit: 二〇二四
        return Fraction(int("".join(str(_DIGITS[c]) for c in text))), Fraction(1)
    total, section, digit, step = 0, 0, None, 1
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            step = 1
        elif char in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[char]
            step, digit = _SMALL[char], None
        else:  # a myriad closes the section
            total, step = _myriad(total, section + (digit or 0), digit, step, _MYRIAD[char], text)
            section, digit = 0, None
    return _nonzero(total + section + (digit or 0), text), Fraction(step)


def _nonzero(total: int, text: str) -> Fraction:
    """The value of a Chinese numeral; a ValueError for a zero written other than 零 or 〇."""
    if total == 0 and text not in ("零", "〇"):
        raise ValueError(text)
    return Fraction(total)


def _myriad(total: int, section: int, digit: int | None, step: int, unit: int, text: str) -> tuple[int, int]:
    """The total and last digit's size after a myriad (万, 亿) closes a ``section`` of a Chinese numeral."""
    if section == 0:
        raise ValueError(text)
    total = (total + section) * unit if total and unit > 10_000 else total + section * unit
    return total, step * unit if digit is None else unit
