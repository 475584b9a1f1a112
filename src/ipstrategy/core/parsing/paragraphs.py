"""From printed lines to logical paragraphs: re-join what page breaks, hyphenation, hard line
wraps and footnotes cut apart, and drop the footnotes.

The joins follow what a reader does: a line that opens in lower case continues the sentence
before it; a long line that stops without closing punctuation continues on the next line unless
that line starts a numbered item; a word hyphenated at a line end ("serv- / ice") is mended.
Documents whose lines are hard-wrapped at a fixed width (PDF text layers) are joined line by
line until a short line closes the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ipstrategy.core.parsing.blocks import Block
from ipstrategy.core.parsing.cleaning import FOOTNOTE_MARKER, clean_inline, is_footnote_start
from ipstrategy.core.parsing.numbering import is_lower_marker, match_bullet, match_marker

TERMINAL = frozenset(".。!?！？;；:：)）”\"’'」』》")
_NUMERIC = re.compile(r"^[\s≥≤<>~约]*[-+]?\d[\d,，.]*\s*[%％]?[\s①-⑳]*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CLOSING = frozenset("）)」』》”’，,。、；;：:！!？?")
LONG_LINE_EN = 200
LONG_LINE_ZH = 30


@dataclass(frozen=True)
class Para:
    """A logical paragraph (or heading, rule or table) of the document."""

    kind: str  # text | heading | rule | table
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    lineno: int = 0


def is_numeric_line(text: str) -> bool:
    """A line holding only a number (an indicator table cell printed on its own line)."""
    return bool(_NUMERIC.match(text))


def _starts_structure(text: str) -> bool:
    return bool(match_marker(text) or match_bullet(text) or is_numeric_line(text))


def _joiner(prev: str, cur: str) -> str | None:
    """How ``cur`` continues ``prev`` ('' or ' '), or None when it starts a new paragraph."""
    if prev[-1] == "-" and len(prev) > 1 and prev[-2].isalpha() and cur[0].islower():
        return ""
    if cur[0].islower() and cur[0].isascii():
        return None if is_lower_marker(cur) else " "
    if cur[0] in _CLOSING:
        return ""  # no line starts with closing punctuation: a wrap cut it off its sentence
    if prev[-1] in TERMINAL or _starts_structure(cur):
        return None
    if _CJK.match(prev[-1]) or prev[-1] in "，、":
        return "" if len(prev) >= LONG_LINE_ZH and _CJK.match(cur[0]) else None
    return " " if len(prev) >= LONG_LINE_EN else None


def _wrap_width(lines: Sequence[str]) -> int:
    """The fixed width a hard-wrapped text was cut at, or 0 when lines are whole paragraphs."""
    lengths = sorted(len(t) for t in lines if t)
    if len(lengths) < 12:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= width * 0.85)
    return width if width >= 20 and near >= len(lengths) * 0.45 and width <= 140 else 0


def _first_word(text: str) -> int:
    """Columns the first word of a line takes (a CJK character is a word of its own)."""
    if _CJK.match(text):
        return 1
    cut = text.find(" ")
    return cut if cut > 0 else len(text)


def _mend(prev: str, cur: str, joiner: str) -> str:
    if joiner == "" and prev.endswith("-"):
        return prev[:-1] + cur
    return prev + joiner + cur


def build_paragraphs(blocks: Iterable[Block]) -> list[Para]:
    """Clean every line, drop footnotes, and join the lines of one paragraph together."""
    blocks = list(blocks)
    lines = [b.text for b in blocks if b.kind == "line"]
    width = _wrap_width([t.strip() for t in lines])
    # markdown's two-space hard break means something only where few lines end in spaces
    hard_breaks = sum(1 for t in lines if t.endswith("  ")) * 2 < len(lines)
    paras: list[Para] = []
    after_rule = in_footnote = hard_break = False
    prev_len = 0
    headers = _table_headers(blocks)
    heading_styles = _heading_styles(lines, width)
    prev_heading = False
    for position, block in enumerate(blocks):
        if block.kind == "blank":
            in_footnote = hard_break = False
            prev_len = 0  # a break closes the paragraph: the next line does not continue a full one
            continue
        if block.kind in ("rule", "table"):
            paras.append(Para(block.kind, rows=block.rows, lineno=block.lineno))
            after_rule, in_footnote = block.kind == "rule", False
            continue
        raw = block.text
        if FOOTNOTE_MARKER.match(raw):
            in_footnote = True
            continue
        text = clean_inline(raw)
        if in_footnote and text and (block.kind == "heading" or match_marker(text)):
            in_footnote = False  # a footnote ends at a heading or a numbered line, as at a blank one
        if not text or in_footnote:
            continue
        if block.kind == "line" and (is_footnote_start(raw) or (after_rule and text[0].islower())):
            in_footnote, after_rule = True, False
            continue
        after_rule = False
        if block.kind == "heading":
            paras.append(Para("heading", text, block.level, lineno=block.lineno))
            continue
        # a line cut by a fixed-width wrap: long, and the next line's first word would not have fitted
        full_line = bool(width) and prev_len >= width * 0.8 and prev_len + 1 + _first_word(text) > width
        if position in headers:  # a table's header cell starts its own paragraph, however full the line above
            full_line = hard_break = False
        if prev_heading and not text[0].islower():  # a numbered heading that filled its line
            full_line = hard_break = False
        _append_line(paras, Para("text", text, lineno=block.lineno), full_line, hard_break)
        prev_len = len(text)
        prev_heading = _is_numbered_heading(text, heading_styles)
        hard_break = hard_breaks and raw.endswith("  ")  # a markdown hard line break: the paragraph goes on
    return paras


def _heading_styles(lines: Sequence[str], width: int) -> frozenset[str]:
    """Numbering styles whose items are mostly whole lines: a series of one-line headings.

    In hard-wrapped text a heading that happens to fill its line ("(6) Strengthen the administrative
    protection of intellectual property rights.") looks like the first line of a wrapped paragraph;
    its siblings say otherwise. The first line of a wrapped paragraph is cut mid-sentence, so a
    style counts as headings when most of its lines end as a sentence or heading does.
    """
    if not width:
        return frozenset()
    whole: dict[str, int] = {}
    cut: dict[str, int] = {}
    for raw in lines:
        text = raw.strip()
        marker = match_marker(text) if text else None
        if marker is None:
            continue
        tally = whole if text[-1] in TERMINAL else cut
        tally[marker.style] = tally.get(marker.style, 0) + 1
    return frozenset(style for style, n in whole.items() if n >= 3 and n > 2 * cut.get(style, 0))


def _is_numbered_heading(text: str, heading_styles: frozenset[str]) -> bool:
    """A whole line of a heading series (see ``_heading_styles``): the next line does not continue it."""
    if not heading_styles or text[-1] not in TERMINAL:
        return False
    marker = match_marker(text)
    return marker is not None and marker.style in heading_styles


_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d\d\s*年?\s*$")


def _table_headers(blocks: Sequence[Block]) -> set[int]:
    """Positions of lines that head a table printed one cell per line: the next two lines are years
    ("Indicators" / "2013" / "2015"). A wrapped caption above must not swallow them."""
    lines = [(i, b.text) for i, b in enumerate(blocks) if b.kind == "line"]
    return {
        lines[k][0]
        for k in range(len(lines) - 2)
        if not _YEAR_CELL.match(lines[k][1]) and _YEAR_CELL.match(lines[k + 1][1]) and _YEAR_CELL.match(lines[k + 2][1])
    }


def _append_line(paras: list[Para], para: Para, full_line: bool, hard_break: bool) -> None:
    """Append a line, or join it to the paragraph it continues."""
    prev = _last_text(paras)
    if prev is not None:
        idx, last = prev
        joiner = _joiner(last.text, para.text)
        wrapped = full_line or (hard_break and last.text[-1] not in TERMINAL)
        if joiner is None and wrapped and not _starts_structure(para.text) and not _closes_task(last.text):
            joiner = "" if _CJK.match(last.text[-1]) else " "
        if joiner is not None:
            paras[idx] = replace(last, text=_mend(last.text, para.text, joiner))
            del paras[idx + 1 :]
            return
    paras.append(para)


_ASSIGNING = re.compile(r"responsib|lead|负责|牵头|会同|[A-Z]{2,}|Ministry|Administration|Office|部|局|委", re.I)


def _closes_task(text: str) -> bool:
    """Does the paragraph end with a responsibility parenthesis? A task ends there, however full
    its last line is (the genre's paragraphs close with who is responsible)."""
    if text[-1] not in ")）":
        return False
    open_ = max(text.rfind("("), text.rfind("（"))
    return open_ >= 0 and bool(_ASSIGNING.search(text, open_))


def _last_text(paras: list[Para]) -> tuple[int, Para] | None:
    """The last text paragraph, reachable across rules only (a page break with a footnote)."""
    for idx in range(len(paras) - 1, -1, -1):
        if paras[idx].kind == "text":
            return idx, paras[idx]
        if paras[idx].kind != "rule":
            return None
    return None
