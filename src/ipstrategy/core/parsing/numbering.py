"""Numbering markers of the genre: ``I.`` ``(i)`` ``ii.`` ``a)`` ``1.`` ``(1)`` ``一、`` ``（一）`` ``第一章`` and bullets.

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
_LOWER_ROMAN = r"(?:x{0,3})(?:ix|iv|v?i{0,3})"
_ZH_DIGITS = "一二三四五六七八九十百零〇两"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh_chapter", re.compile(rf"^第([{_ZH_DIGITS}]+|\d+)([章部篇节])[\s\u3000、.．:：]*")),
    ("chapter", re.compile(r"^(?:Chapter|Part)\s+([IVX]+|\d+)\b[.:]?\s*", re.I)),
    ("zh_num", re.compile(rf"^([{_ZH_DIGITS}]+)[、.．]\s*")),
    ("zh_paren", re.compile(rf"^[(（]\s*([{_ZH_DIGITS}]+)\s*[)）]\s*")),
    # "II.Apply": a list label printed close against its text (LibreOffice PDF) still opens a heading
    ("roman", re.compile(rf"^({_ROMAN})[.．、](?:\s+|(?=[A-Z][a-z]))")),
    ("paren_roman", re.compile(r"^[(（]\s*([ivx]{1,5})\s*[)）]\s*")),
    # "(I)", "(II)": how translators often render （一）, as its own level under "I."
    ("paren_upper_roman", re.compile(rf"^[(（]\s*({_ROMAN})\s*[)）]\s*")),
    # The labels LibreOffice and Word print for lowerRoman and lowerLetter lists ("ii.", "a)"): markers
    # only where they form a series (``series_markers``), never a sentence's first word.
    ("lower_roman", re.compile(rf"^({_LOWER_ROMAN})[.)]\s+")),
    ("letter", re.compile(r"^([a-z])[.)]\s+")),
    ("paren_arabic", re.compile(r"^[(（]\s*(\d{1,3})\s*[)）]\s*")),
    ("arabic", re.compile(r"^(\d{1,3})[.．](?!\d)\s*")),
    ("arabic_zh", re.compile(r"^(\d{1,3})[、]\s*")),
)
#: 第一篇 > 第一章 > 第一节: each unit is a level of its own (a five-year plan's 章 holds its 节).
_ZH_UNIT_STYLES = {"篇": "zh_part", "部": "zh_part", "章": "zh_chapter", "节": "zh_section"}
_BULLET = re.compile(r"^(?:——|—|–|-(?=\s)|•|·|▪|●|■|◆)\s*")
PAREN_STYLES = frozenset({"zh_paren", "paren_roman", "paren_upper_roman", "paren_arabic"})
#: Styles whose labels are lower-case words of one or a few letters: markers only within a series.
LOWER_STYLES = frozenset({"lower_roman", "letter"})


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
    if not (first.isdigit() or first in "(（第CcPpIVX" or first in _ZH_DIGITS or ("a" <= first <= "z")):
        return None
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m and m.group(1) and m.end() < len(text):
            if style == "zh_chapter":
                style = _ZH_UNIT_STYLES[m.group(2)]
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
    if marker.style == "letter":
        return ord(label) - ord("a") + 1
    if marker.style in ("roman", "paren_roman", "paren_upper_roman", "lower_roman", "chapter") and set(
        label.lower()
    ) <= set(_ROMAN_VALUES):
        values = [_ROMAN_VALUES[ch] for ch in label.lower()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return zh_number(label)


def is_lower_marker(text: str) -> bool:
    """True when ``text`` opens with a lower-case list label ("ii.", "a)"), which a wrapped line does not."""
    marker = match_marker(text)
    return marker is not None and marker.style in LOWER_STYLES


def decimal_levels(numbers: list[int]) -> list[int]:
    """The level (0 for ``1.``, 1 for ``(1)``) of each item of a run of decimal numbers printed alike.

    A stack of open series, outer first, each holding the last number shown: a number continuing
    the inner series stays in it, one continuing only the outer series closes the inner one, and a
    1 under an open outer item opens the inner series. When a number continues both ("(3)" then
    "4."), the next item decides: a restart at 1 means this one was the outer series' next item.
    """
    stack: list[int] = []
    levels: list[int] = []
    for position, number in enumerate(numbers):
        following = numbers[position + 1] if position + 1 < len(numbers) else None
        inner_next = len(stack) == 2 and number == stack[1] + 1
        outer_next = bool(stack) and number == stack[0] + 1
        if inner_next and outer_next:
            inner_next = following != 1
        if inner_next:
            stack[1] = number
        elif outer_next:
            stack[:] = [number]
        elif number == 1 and len(stack) == 1:
            stack.append(1)
        elif stack:
            stack[-1] = number  # a gap: the series shown goes on from the number it shows
        else:
            stack.append(number)
        levels.append(len(stack) - 1)
    return levels


def _inner_decimals(markers: list[Marker | None]) -> list[Marker | None]:
    """Two levels of ``1.`` told apart by their numbers, where a writer printed both alike.

    LibreOffice prints "1. Overall Requirements" and "(1) Guideline" that it read from two sibling
    HTML lists as "1." and "1.". Where a "1." item directly follows another "1."-style item (a
    restart with nothing between, which one series never does) the run of "1."-style markers it
    belongs to is decoded by ``decimal_levels`` and its inner items become "(1)"-style. Runs end at
    a marker of another style (the "1." under each "（一）" starts afresh), and a document that
    prints "(1)" itself is left alone (its "1." may be a third level).
    """
    if any(m is not None and m.style == "paren_arabic" for m in markers):
        return markers
    out = list(markers)
    runs: list[list[tuple[int, Marker]]] = [[]]
    for idx, marker in enumerate(markers):
        if marker is None:
            continue
        if marker.style != "arabic":
            runs.append([])
        else:
            runs[-1].append((idx, marker))
    for run in runs:
        positions = {idx for idx, _ in run}
        if not any(marker.label == "1" and idx - 1 in positions for idx, marker in run):
            continue
        for (idx, marker), level in zip(run, decimal_levels([int(m.label) for _, m in run]), strict=True):
            if level:
                out[idx] = Marker("paren_arabic", marker.label, marker.length)
    return out


def series_markers(markers: list[Marker | None]) -> list[Marker | None]:
    """The markers of a document's paragraphs, with the lower-case labels read as series.

    A lower-case roman label continuing a "(i)" series ("(i)", "ii.", "iii.": LibreOffice drops the
    brackets of all but the first) joins that series; "i." after "h." is a letter; a lower-case
    label with no neighbour in its series (no label one before or after it) is no marker at all.
    """
    out: list[Marker | None] = []
    last_paren_roman = last_letter = 0
    last_lower = ""
    for marker in markers:
        if marker is not None and marker.style == "lower_roman":
            value = label_value(marker) or 0
            if len(marker.label) == 1 and last_lower == "letter" and ord(marker.label) - ord("a") == last_letter:
                marker = Marker("letter", marker.label, marker.length)
            elif last_paren_roman and value == last_paren_roman + 1:
                marker = Marker("paren_roman", marker.label, marker.length)
        if marker is not None and marker.style in ("paren_roman", "lower_roman", "letter"):
            value = label_value(marker) or 0
            if marker.style == "paren_roman":
                last_paren_roman = value
            else:
                last_lower = marker.style
                if marker.style == "letter":
                    last_letter = value
        out.append(marker)
    out = _inner_decimals(out)
    values: dict[str, set[int]] = {}
    for marker in out:
        if marker is not None and marker.style in LOWER_STYLES:
            values.setdefault(marker.style, set()).add(label_value(marker) or 0)
    return [
        None
        if marker is not None
        and marker.style in LOWER_STYLES
        and not {(label_value(marker) or 0) - 1, (label_value(marker) or 0) + 1} & values[marker.style]
        else marker
        for marker in out
    ]
