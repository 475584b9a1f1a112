"""Printed PDF pages to blocks: lines by position, paragraphs, headings, tables; furniture dropped.

The rules read a page as a person does, and hold for plans exported from Word or WPS (single
column, page numbers in the footer, ragged or justified, English or Chinese):

- **Lines** (``pdf_lines``): fragments by position, footnote marks dropped.
- **Paragraphs.** The body font size, left and right margins and line pitch are learnt from the
  document. A paragraph ends where the vertical gap to the next line exceeds 1.3 line pitches, where
  a line stops short of the right margin by more than the next line's first word would have
  needed (so it would have fitted), before a line indented like the document's paragraph starts
  (first-line indents, as in Chinese plans), before a centred line, and before a numbered item
  when the line above closed a sentence. A line whose parts stand apart by a column gap (over two
  characters) is a table row: a paragraph of its own. A page break ends a paragraph only by the
  same rules: a page whose last line reaches the margin runs on.
- **Headings.** A line in a larger font than the body, or in bold when the body is not, is a
  heading; consecutive heading lines of one style at line spacing are one heading (a title over
  three lines is one). A bold line that runs on into the paragraph below (a bold lead-in) is text.
  Levels follow the styles, largest first.
- **Page furniture.** A running header or footer (the same text, numbers aside, at the same
  height at the top or foot of at least three pages and half of them) is dropped. A page number
  alone on the first or last line of a page is dropped when it is decorated ("- 3 -", "第3页",
  "Page 3 of 9"), or, when bare, follows the page sequence or lies above or below the band the
  text takes on every page, in the page's top or bottom eighth (a table cell "65" opening a page
  stays). Footnotes are dropped: the lines under a short separator rule when all of them are in
  a smaller font, or small lines at the page foot that open with a raised note mark. Rotated text
  (watermarks, stamps in the margin) is not read.
- **Tables** (``pdf_tables``): ruled grids become table blocks; rows printed without rules stay
  lines ("Name 4 6 14"), with the wrapped lines of their first cell, for the indicator reader.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ipstrategy.core.parsing.blocks import Block
from ipstrategy.core.parsing.numbering import LOWER_STYLES, match_bullet, match_marker
from ipstrategy.core.parsing.readers.markers import DECORATED_PAGE_NUMBER, SENTENCE_END
from ipstrategy.core.parsing.readers.pdf_content import PageContent
from ipstrategy.core.parsing.readers.pdf_lines import CJK, IDEOGRAPH, OPENING, Line, group_lines, join_lines
from ipstrategy.core.parsing.readers.pdf_tables import Table, attach_cell_lines, find_tables, merge_tables

BARE_PAGE_NUMBER = re.compile(r"\s*(\d{1,4})\s*")
_NOTE_MARK = re.compile(r"^\s*(?:\d{1,3}|\[\d{1,3}\]|[*†‡①-⑳])")
GAP_FACTOR = 1.3  # a vertical gap of more than this many line pitches ends a paragraph


@dataclass
class _Page:
    content: PageContent
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Metrics:
    """What the document's body text looks like."""

    size: float  # body font size
    pitch: float  # baseline distance between two lines of a body paragraph
    left: float
    right: float
    bold_body: bool
    cjk: bool  # the body is Chinese text, which may break between any two characters
    indent: float = 0.0  # first-line indent of paragraphs, 0 when the document uses none


def layout_blocks(contents: list[PageContent]) -> list[Block]:
    """Blocks for a whole document read with positions (see the module docstring)."""
    pages = []
    lineno = 0
    for number, content in enumerate(contents):
        tables, rest = find_tables(content, number)
        page = _Page(content, attach_cell_lines(group_lines(rest, number, content.width)), tables)
        items: list[Line | Table] = sorted([*page.lines, *page.tables], key=lambda i: -_top(i))
        for item in items:
            lineno += 1
            item.lineno = lineno
        pages.append(page)
    metrics = measure([line for page in pages for line in page.lines])
    if metrics is None:
        return _blocks([item for page in pages for item in _flow(page)], None)
    _drop_page_numbers(pages, metrics)
    _drop_running_lines(pages)
    for page in pages:
        _drop_footnotes(page, metrics)
    flow = [item for page in pages for item in _flow(page)]
    _mark_headings(flow, metrics)
    metrics = replace(metrics, indent=_first_line_indent(flow, metrics))
    return _blocks(merge_tables(flow), metrics)


def _top(item: Line | Table) -> float:
    return item.top if isinstance(item, Table) else item.y + item.size * 0.8


def _flow(page: _Page) -> list[Line | Table]:
    return sorted([*page.lines, *page.tables], key=lambda i: -_top(i))


def measure(lines: list[Line]) -> Metrics | None:
    """Body font size, line pitch and margins, from the lines of the whole document."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += 0 if line.tabular else len(line.text)
    if not weights:
        return None
    size = weights.most_common(1)[0][0]
    body = [line for line in lines if abs(line.size - size) <= 0.5]
    deltas = sorted(a.y - b.y for a, b in pairwise(body) if a.page == b.page and 0.8 * size < a.y - b.y < 3 * size)
    pitch = deltas[len(deltas) // 4] if deltas else 1.2 * size
    lefts = Counter(round(line.x0) for line in body)
    left = min(x for x, n in lefts.items() if n >= 0.5 * lefts.most_common(1)[0][1])
    width = Counter(round(line.page_width) for line in body).most_common(1)[0][0]
    right = _right_margin([line.x1 for line in body], size, left, width - left)
    bold = sum(len(line.text) for line in body if line.bold) > 0.5 * sum(len(line.text) for line in body)
    chars = "".join(line.text for line in body)
    cjk = len(CJK.findall(chars)) > 0.3 * len(chars)
    return Metrics(size, pitch, left, right, bold, cjk)


def _right_margin(ends: list[float], size: float, left: float, mirror: float) -> float:
    """The rightmost line end that a tenth of the lines (at least three) reach within one em: where
    full lines end, whether justified or ragged, and not a line or two that overflow. Without that
    many lines, or when they would make the text narrower than 60% of the page's (a short document
    of short lines), the mirror of the left margin."""
    ends = sorted(ends, reverse=True)
    need = max(3, len(ends) // 10)
    low = 0
    for high, end in enumerate(ends):
        while low < len(ends) and ends[low] >= end - size:
            low += 1
        if low - high >= need:
            return end if end - left >= 0.6 * (mirror - left) else max(mirror, ends[0])
    return max(mirror, ends[0])


def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop running headers and footers: a line among the first or last two of a page that comes
    back, at the same height and with the same text (numbers aside), on at least three pages and
    half of them."""

    def key(line: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text), round(line.y / 3)

    edges = [{id(line): line for line in page.lines[:2] + page.lines[-2:]} for page in pages]
    counts = Counter(key(line) for lines in edges for line in lines.values())
    running = {k for k, n in counts.items() if n >= max(3, len(pages) / 2)}
    for page, lines in zip(pages, edges, strict=True):
        drop = {i for i, line in lines.items() if key(line) in running}
        page.lines = [line for line in page.lines if id(line) not in drop]


def _drop_page_numbers(pages: list[_Page], metrics: Metrics) -> None:
    """Drop a page number standing alone as the first or last line of a page.

    A decorated one always goes. A bare number goes when it follows the page sequence (its value
    minus the page's index is the same on at least two pages) or when it lies outside the band the
    text occupies on every page (above the highest or below the lowest of all other lines) and in
    the top or bottom eighth of the page: a table cell "65" opening a page stays.
    """
    candidates: list[tuple[int, Line, int | None]] = []
    for index, page in enumerate(pages):
        for line in {id(line): line for line in page.lines[:1] + page.lines[-1:]}.values():
            if DECORATED_PAGE_NUMBER.fullmatch(line.text):
                candidates.append((index, line, None))
            elif m := BARE_PAGE_NUMBER.fullmatch(line.text):
                candidates.append((index, line, int(m.group(1))))
    if not candidates:
        return
    offsets = Counter(value - index for index, _, value in candidates if value is not None)
    offset, count = offsets.most_common(1)[0] if offsets else (0, 0)
    taken = {id(line) for _, line, _ in candidates}
    others = [line.y for page in pages for line in page.lines if id(line) not in taken]
    others += [y for page in pages for t in page.tables for y in (t.top, t.bottom)]
    top, bottom = (max(others), min(others)) if others else (float("inf"), float("-inf"))
    margin = 0.8 * metrics.pitch
    for index, line, value in candidates:
        in_sequence = value is not None and count >= 2 and value - index == offset
        height = pages[index].content.height
        outside = line.y > max(top + margin, 0.88 * height) or line.y < min(bottom - margin, 0.12 * height)
        if value is None or in_sequence or outside:
            pages[index].lines.remove(line)


def _drop_footnotes(page: _Page, metrics: Metrics) -> None:
    """Drop the page-foot footnotes: small lines under a separator rule, or opening with a note mark."""
    small = 0.92 * metrics.size
    in_tables = [(t.bottom - 2, t.top + 2) for t in page.tables]
    rules = sorted(
        (s for s in page.content.segments if s.horizontal and not any(lo <= s.y0 <= hi for lo, hi in in_tables)),
        key=lambda s: -s.y0,
    )
    for rule in rules:
        below = [line for line in page.lines if line.y < rule.y0]
        if below and all(line.size <= small for line in below) and not any(t.top < rule.y0 for t in page.tables):
            page.lines = [line for line in page.lines if line.y >= rule.y0]
            return
    foot: list[Line] = []
    for line in reversed(page.lines):
        if line.size > 0.85 * metrics.size:
            break
        foot.insert(0, line)
    if foot and len(foot) < len(page.lines) and _opens_with_note_mark(foot[0]):
        page.lines = page.lines[: len(page.lines) - len(foot)]


def _opens_with_note_mark(line: Line) -> bool:
    first = line.frags[0]
    raised = len(line.frags) > 1 and first.y - line.y >= 0.15 * line.size and first.size < line.size
    return raised and bool(_NOTE_MARK.match(first.text))


def _mark_headings(flow: list[Line | Table], metrics: Metrics) -> None:
    """Give heading lines their style rank; a bold line running on into a paragraph stays text."""
    styles: dict[tuple[float, bool], int] = {}
    for item in flow:
        if isinstance(item, Line) and (style := _heading_style(item, metrics)):
            styles[style] = 0
    ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
    for rank, style in enumerate(ranked, 1):
        styles[style] = min(rank, 6)
    for index, item in enumerate(flow):
        if not isinstance(item, Line) or not (style := _heading_style(item, metrics)):
            continue
        large = style[0] >= metrics.size + max(0.5, 0.08 * metrics.size)
        nxt = flow[index + 1] if index + 1 < len(flow) else None
        if large or not isinstance(nxt, Line) or _heading_style(nxt, metrics) == style or _breaks(item, nxt, metrics):
            item.heading = styles[style]
    # a bold group whose last line runs on is text through and through
    for index in range(len(flow) - 2, -1, -1):
        item, nxt = flow[index], flow[index + 1]
        if not (isinstance(item, Line) and isinstance(nxt, Line)) or not item.heading or nxt.heading:
            continue
        if _heading_style(nxt, metrics) is not None and _heading_style(item, metrics) == _heading_style(nxt, metrics):
            item.heading = 0


def _heading_style(line: Line, metrics: Metrics) -> tuple[float, bool] | None:
    if line.tabular or not re.search(r"\w", line.text):
        return None
    if line.size >= metrics.size + max(0.5, 0.08 * metrics.size):
        return (line.size, line.bold)
    if line.bold and not metrics.bold_body and line.size >= metrics.size - 0.5:
        return (line.size, True)
    return None


def _first_line_indent(flow: list[Line | Table], metrics: Metrics) -> float:
    """The indent of paragraph first lines, when most paragraphs (found by the other rules) have one."""
    starts = []
    for prev, line in pairwise(flow):
        if not (isinstance(prev, Line) and isinstance(line, Line)) or line.heading or prev.heading:
            continue
        if abs(line.size - metrics.size) <= 0.5 and _breaks(prev, line, metrics):
            starts.append(line.x0 - metrics.left)
    if len(starts) < 3:
        return 0.0
    indented = sorted(s for s in starts if metrics.size * 0.8 <= s <= metrics.size * 4.5)
    return indented[len(indented) // 2] if len(indented) >= 0.6 * len(starts) else 0.0


def _breaks(prev: Line, line: Line, metrics: Metrics) -> bool:
    """True when ``line`` starts a new paragraph after ``prev`` (see the module docstring)."""
    size = max(prev.size, line.size)
    if prev.tabular or line.tabular or abs(prev.size - line.size) > 0.5:
        return True
    if prev.page == line.page and prev.y - line.y > GAP_FACTOR * metrics.pitch * size / metrics.size:
        return True
    # Chinese characters are one em wide, measured exactly: the next one fits if there is room
    # for it; a word after a space needs the space too, and some slack for its measure
    chinese = metrics.cjk and bool(IDEOGRAPH.match(line.text.lstrip(OPENING)[:1]))
    space = 0.0 if chinese or CJK.match(line.text[0]) or CJK.match(prev.text[-1]) else 0.3 * line.size
    if metrics.right - prev.x1 > line.lead(metrics.cjk) + space + (-0.05 if chinese else 0.15) * size:
        return True  # the next line's first word would have fitted: the paragraph ended here
    if metrics.indent and abs(line.x0 - metrics.left - metrics.indent) <= 0.5 * size < line.x0 - prev.x0:
        return True
    centre = (metrics.left + metrics.right) / 2
    if line.x0 > metrics.left + 2 * size and abs((line.x0 + line.x1) / 2 - centre) < size:
        return True
    return prev.text.endswith(SENTENCE_END) and bool(match_marker(line.text) or match_bullet(line.text))


def _blocks(flow: list[Line | Table], metrics: Metrics | None) -> list[Block]:
    """Paragraphs as one line block each, followed by a blank; headings and tables as they are."""
    blocks: list[Block] = []
    para: list[Line] = []

    def close() -> None:
        if para:
            blocks.append(Block("line", join_lines(para), lineno=para[0].lineno))
            blocks.append(Block("blank", lineno=para[-1].lineno))
            para.clear()

    index = 0
    while index < len(flow):
        item = flow[index]
        index += 1
        if isinstance(item, Table):
            close()
            blocks.append(Block("table", rows=tuple(tuple(r) for r in item.rows), lineno=item.lineno))
            continue
        if item.heading:
            close()
            group = [item]
            while index < len(flow) and _same_heading(group, flow[index], metrics):
                group.append(flow[index])  # type: ignore[arg-type]
                index += 1
            blocks.append(Block("heading", join_lines(group), level=item.heading, lineno=item.lineno))
            continue
        if para and (metrics is None or _breaks(para[-1], item, metrics)):
            close()
        para.append(item)
    close()
    return blocks


def _same_heading(group: list[Line], item: Line | Table, metrics: Metrics | None) -> bool:
    """True when ``item`` continues the heading whose lines are ``group`` (a title wrapped over lines);
    a line that opens a new marker ("II.", "(ii)", "ii." under a numbered heading) is the next heading."""
    prev = group[-1]
    if not isinstance(item, Line) or item.heading != prev.heading or item.page != prev.page:
        return False
    marker = match_marker(item.text)
    if marker and (marker.style not in LOWER_STYLES or match_marker(group[0].text)):
        return False
    spacing = 1.15 * metrics.pitch if metrics else 0.0
    return prev.y - item.y <= max(1.75 * prev.size, spacing)
