"""Numbering markers of the genre: ``I.`` ``(i)`` ``1.`` ``(1)`` ``一、`` ``（一）`` ``第一章`` and bullets.

A marker has a *style* (which family of numbering it belongs to) and a *label* (the number as
printed, without brackets or dots). Levels are not fixed per style: plans nest the styles in
different orders, so ``structure`` learns the nesting from the order they appear in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ipstrategy.core.parsing.numerals import zh_number

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_ZH_DIGITS = "一二三四五六七八九十百零〇两"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh_chapter", re.compile(rf"^第([{_ZH_DIGITS}]+|\d+)([章部篇节])[\s\u3000、.．:：]*")),
    ("chapter", re.compile(r"^(?:Chapter|Part)\s+([IVX]+|\d+)\b[.:]?\s*", re.I)),
    ("zh_num", re.compile(rf"^([{_ZH_DIGITS}]+)[、.．]\s*")),
    ("zh_paren", re.compile(rf"^[(（]\s*([{_ZH_DIGITS}]+)\s*[)）]\s*")),
    ("roman", re.compile(rf"^({_ROMAN})[.．、]\s+")),
    ("paren_roman", re.compile(r"^[(（]\s*([ivx]{1,5})\s*[)）]\s*")),
    ("paren_arabic", re.compile(r"^[(（]\s*(\d{1,3})\s*[)）]\s*")),
    ("arabic", re.compile(r"^(\d{1,3})[.．](?!\d)\s*")),
    ("arabic_zh", re.compile(r"^(\d{1,3})[、]\s*")),
)
_BULLET = re.compile(r"^(?:——|—|–|-(?=\s)|•|·|▪|●|■|◆)\s*")
PAREN_STYLES = frozenset({"zh_paren", "paren_roman", "paren_arabic"})


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a paragraph."""

    style: str
    label: str
    length: int  # characters of the marker, including following spaces


@lru_cache(maxsize=4096)
def match_marker(text: str) -> Marker | None:
    """The numbering marker that opens ``text``, if any (bullets are not markers)."""
    if not text:
        return None
    first = text[0]
    if not (first.isdigit() or first in "(（第CcPpIVX" or first in _ZH_DIGITS):
        return None
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m and m.group(1) and m.end() < len(text):
            return Marker(style, m.group(1), m.end())
    return None


def match_bullet(text: str) -> int:
    """Length of a bullet ("——", "—", "- ", "•") opening ``text``; 0 when there is none."""
    m = _BULLET.match(text)
    return m.end() if m and m.end() < len(text) else 0


def section_key(parent_key: str | None, marker: Marker) -> str:
    """The printed numbering path of a section, e.g. ``II.(iii)`` or ``3.(4)``."""
    own = f"({marker.label})" if marker.style in PAREN_STYLES else marker.label
    return f"{parent_key}.{own}" if parent_key else own


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def label_value(marker: Marker) -> int | None:
    """The number a label stands for ("14", "xiv", "十四" -> 14), to see where numbering runs on."""
    label = marker.label
    if label.isdigit():
        return int(label)
    if marker.style in ("roman", "paren_roman", "chapter") and set(label.lower()) <= set(_ROMAN_VALUES):
        values = [_ROMAN_VALUES[ch] for ch in label.lower()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return zh_number(label)
