"""Printed lines of a PDF page, from the fragments its content stream shows.

Fragments whose vertical extents (descent to ascent) overlap by half the smaller one form a
line, left to right. A space goes between two fragments where a space was shown, or where the
gap is wider than a sixth of the font size (next to Chinese, wider than 0.6 of a character;
between two Chinese characters, wider than a character). A run of digits (or ``*``, ``†``,
``[1]``) in a smaller font on a raised baseline, after a word, is a footnote mark and is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ipstrategy.core.parsing.readers.markers import is_footnote_marker
from ipstrategy.core.parsing.readers.pdf_content import Fragment

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
OPENING = "([{（【〔《〈「『“‘"  # brackets and quotes that open a unit
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉…—·,.;:?!)%％")  # kinsoku: never first on a line


@dataclass
class Line:
    """One printed line: its fragments (footnote marks dropped) and what the rules need of them."""

    frags: list[Fragment]
    page: int
    page_width: float = 0.0
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0
    size: float = 0.0
    bold: bool = False
    lineno: int = 0
    heading: int = 0  # heading style rank, 0 for text
    tabular: bool = False  # cells apart by a column gap: a table row printed without rules

    def lead(self, cjk: bool) -> float:
        """The width the line's first unbreakable unit needs: the run up to the first space, or in
        Chinese text up to and including the first Chinese character, with the brackets before it
        and the punctuation after it that may not open a line."""
        width, prev, ideograph = 0.0, None, False
        for frag in self.frags:
            if prev is not None and frag.x0 - prev.x1 > 0.16 * frag.size:
                return width
            width += frag.x0 - prev.x1 if prev is not None else 0.0
            for char, advance in zip(frag.text, frag.widths or [0.0] * len(frag.text), strict=False):
                if char.isspace() or (ideograph and char not in NO_LINE_START):
                    return width
                width += advance
                ideograph = ideograph or bool(cjk and IDEOGRAPH.match(char))
            prev = frag
        return width

    def finish(self) -> Line:
        self.frags.sort(key=lambda f: f.x0)
        self.text = join_fragments(self.frags)
        self.x0, self.x1 = self.frags[0].x0, max(f.x1 for f in self.frags)
        weights: Counter[float] = Counter()
        for frag in self.frags:
            weights[round(frag.size * 2) / 2] += len(frag.text)
        self.size = weights.most_common(1)[0][0]
        main = max(self.frags, key=lambda f: (round(f.size * 2) / 2 == self.size, len(f.text)))
        self.y = main.y - main.rise
        bold = sum(len(f.text) for f in self.frags if f.bold)
        self.bold = bold >= 0.9 * sum(len(f.text) for f in self.frags)
        self.tabular = any(b.x0 - a.x1 > 2 * self.size for a, b in pairwise(self.frags))
        return self


def join_fragments(frags: Iterable[Fragment]) -> str:
    """The fragments of one line (sorted by x) as text, with spaces where the gaps are word gaps."""
    out: list[str] = []
    prev: Fragment | None = None
    for frag in frags:
        if prev is not None:
            gap = frag.x0 - prev.x1
            size = max(min(prev.size, frag.size), 1.0)
            cjk = bool(CJK.match(prev.text[-1])) + bool(CJK.match(frag.text[0]))
            threshold = 0.05 if prev.spaced or frag.spaced else (0.16, 0.6, 1.0)[cjk]
            if gap > threshold * size:
                out.append(" ")
        out.append(frag.text)
        prev = frag
    return "".join(out)


def group_lines(frags: list[Fragment], page: int, width: float = 0.0) -> list[Line]:
    """Fragments into lines, top to bottom; raised footnote marks dropped."""
    lines: list[Line] = []
    for frag in sorted(frags, key=lambda f: (-f.y, f.x0)):
        best, best_overlap = None, 0.5
        for line in lines[-4:]:
            overlap = _overlap(frag, line)
            if overlap >= best_overlap:
                best, best_overlap = line, overlap
        if best is None:
            lines.append(Line([frag], page, width, y=frag.y, size=frag.size))
        else:
            best.frags.append(frag)
            if frag.size > best.size:
                best.size, best.y = frag.size, frag.y
    return [line.finish() for line in (_drop_marks(line) for line in lines) if line.frags]


def _overlap(frag: Fragment, line: Line) -> float:
    """How much of the smaller of the two vertical extents (descent to ascent) the other covers."""
    lo1, hi1 = frag.y - 0.2 * frag.size, frag.y + 0.8 * frag.size
    lo2, hi2 = line.y - 0.2 * line.size, line.y + 0.8 * line.size
    return max(0.0, min(hi1, hi2) - max(lo1, lo2)) / max(min(hi1 - lo1, hi2 - lo2), 1e-6)


def _drop_marks(line: Line) -> Line:
    """Without its footnote marks: small raised digits after a word ("software.2 Consolidate")."""
    frags = sorted(line.frags, key=lambda f: f.x0)
    size = max(f.size for f in frags)
    base = max((f for f in frags if f.size >= size - 0.25), key=lambda f: len(f.text)).y
    kept: list[Fragment] = []
    for frag in frags:
        raised = frag.y - base >= 0.15 * size or frag.rise > 0.1 * size
        after_word = bool(kept) and not kept[-1].text[-1].isdigit()
        if raised and frag.size <= 0.85 * size and after_word and is_footnote_marker(frag.text):
            continue
        kept.append(frag)
    line.frags = kept
    return line


def join_lines(lines: list[Line]) -> str:
    """The lines of one paragraph as one text: Chinese joined directly, other words with a space,
    and a word broken at its hyphen ("IP-" / "intensive") kept whole, hyphen and all (Word and
    WPS break lines at hyphens; they hyphenate words only when asked to)."""
    text = lines[0].text
    for line in lines[1:]:
        hyphen = text[-1] in "-‐–" and len(text) > 1 and text[-2].isalnum() and line.text[0].isalnum()
        joiner = "" if hyphen or CJK.match(text[-1]) or CJK.match(line.text[0]) else " "
        text += joiner + line.text
    return text
