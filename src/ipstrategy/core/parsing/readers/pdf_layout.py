"""Printed PDF pages to blocks: lines by position, paragraphs, headings, tables; furniture dropped.

The rules read a page as a person does, and hold for plans exported from Word or WPS (single
column, page numbers in the footer, ragged or justified, English or Chinese):

- **Lines.** Fragments whose vertical extents overlap by half the smaller one form a line, left to
  right. A space goes between two fragments when the gap is wider than a sixth of the font size
  (between two Chinese characters only when it is wider than a character).
- **Footnote marks.** A run of digits (or ``*``, ``†``, ``[1]``) in a smaller font on a raised
  baseline, after a word, is a footnote mark and is dropped.
- **Paragraphs.** The body font size, left and right margins and line pitch are learnt from the
  document. A paragraph ends where the vertical gap to the next line exceeds 1.3 line pitches, where
  a line stops short of the right margin by more than the next line's first word would have
  needed (so it would have fitted), before a line indented like the document's paragraph starts
  (first-line indents, as in Chinese plans), before a centred line, and before a numbered item
  when the line above closed a sentence. A line whose parts stand apart by a column gap (over two
  characters) is a table row: a paragraph of its own. A page break ends a paragraph only by the same rules: a
  page whose last line reaches the margin runs on.
- **Headings.** A line in a larger font than the body, or in bold when the body is not, is a
  heading; consecutive heading lines of one style at line spacing are one heading (a title over
  three lines is one). A bold line that runs on into the paragraph below (a bold lead-in) is text.
  Levels follow the styles, largest first.
- **Page furniture.** A page number alone on the first or last line of a page is dropped when it
  is decorated ("- 3 -", "第3页", "Page 3 of 9"), or, when bare, stands apart from the text
  or follows the page sequence (so a table cell "65" at a page top stays). Footnotes are dropped:
  the lines under a short separator rule when all of them are in a smaller font, or small lines at
  the page foot that open with a raised note mark.
- **Tables.** Drawn grids (at least two rows and two columns of rules) become table blocks, each
  cell's text joined in reading order; a table cut by a page break is one table, its repeated
  header row dropped. Tables without rules stay lines ("Name 4 6 14"), for the indicator reader.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ipstrategy.core.parsing.blocks import Block
from ipstrategy.core.parsing.numbering import match_bullet, match_marker
from ipstrategy.core.parsing.readers.markers import is_footnote_marker
from ipstrategy.core.parsing.readers.pdf_content import Fragment, PageContent, Segment

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
DECORATED_PAGE_NUMBER = re.compile(
    r"\s*[-–—－·]\s*\d{1,4}\s*[-–—－·]\s*"  # - 3 -, — 3 —
    r"|\s*第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?\s*"  # 第3页, 第3页 共10页
    r"|\s*(?:page\s*)?\d{1,4}\s*(?:of|/|／)\s*\d{1,4}\s*"  # Page 3 of 10, 3 / 10
    r"|\s*page\s*\d{1,4}\s*",  # Page 3
    re.IGNORECASE,
)
BARE_PAGE_NUMBER = re.compile(r"\s*(\d{1,4})\s*")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLOSED = tuple('.。;；:：!！?？)）”"')
_NOTE_MARK = re.compile(r"^\s*(?:\d{1,3}|\[\d{1,3}\]|[*†‡①-⑳])")
GAP_FACTOR = 1.3  # a vertical gap of more than this many line pitches ends a paragraph


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
        Chinese text up to and including the first Chinese character (brackets before it stay)."""
        width, prev = 0.0, None
        for frag in self.frags:
            if prev is not None and frag.x0 - prev.x1 > 0.16 * frag.size:
                return width
            width += frag.x0 - prev.x1 if prev is not None else 0.0
            for char, advance in zip(frag.text, frag.widths or [0.0] * len(frag.text), strict=False):
                if char.isspace():
                    return width
                width += advance
                if cjk and IDEOGRAPH.match(char):
                    return width
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


@dataclass
class Table:
    rows: list[list[str]]
    page: int
    top: float
    bottom: float
    lineno: int = 0


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


# -- lines --------------------------------------------------------------------------------------------
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


# -- tables -------------------------------------------------------------------------------------------
def attach_cell_lines(lines: list[Line]) -> list[Line]:
    """Put the wrapped lines of a first-column cell of a table without rules into their row.

    A row printed without rules is one line with column gaps (or only its values, when its name
    cell is aligned to the middle and wraps); the other lines of a wrapped first cell stand above or
    below it, inside the first column. Each such line goes to the nearest row (the upper one on a
    tie, as cells align to the top by default); lines outside the first and last rows join only at
    half a line's distance (a caption or a note keeps its place).
    """
    rows = [index for index, line in enumerate(lines) if line.tabular]
    if not rows:
        return lines
    left = min(lines[r].x0 for r in rows)
    parts: dict[int, tuple[list[Line], list[Line]]] = {index: ([], []) for index in rows}
    attached: set[int] = set()
    for index, line in enumerate(lines):
        if line.tabular or abs(line.x0 - left) > line.size:
            continue
        above = max((r for r in rows if r < index and _contiguous(lines, r, index, rows)), default=None)
        below = min((r for r in rows if r > index and _contiguous(lines, index, r, rows)), default=None)
        choices = [r for r in (above, below) if r is not None and line.x1 <= _second_column(lines[r], left)]
        if not choices:
            continue
        row = min(choices, key=lambda r: (round(abs(lines[r].y - line.y) / (0.25 * line.size)), r > index))
        inside = above is not None and below is not None
        if abs(lines[row].y - line.y) <= (2.5 if inside or row < index else 0.75) * line.size:
            parts[row][0 if index < row else 1].append(line)
            attached.add(index)
    out = []
    for index, line in enumerate(lines):
        if index in attached:
            continue
        if index in parts and (parts[index][0] or parts[index][1]):
            line = _with_cell_lines(line, left, *parts[index])
        out.append(line)
    return out


def _contiguous(lines: list[Line], start: int, stop: int, rows: list[int]) -> bool:
    """No table row between two lines, and at most three lines."""
    return stop - start <= 4 and not any(i in rows for i in range(start + 1, stop))


def _first_cell(row: Line, left: float) -> int:
    """How many fragments the first cell of a table row holds (up to the first column gap)."""
    if row.x0 > left + row.size:
        return 0  # the row prints only its values
    for count, (a, b) in enumerate(pairwise(row.frags), 1):
        if b.x0 - a.x1 > 2 * row.size:
            return count
    return len(row.frags)


def _second_column(row: Line, left: float) -> float:
    count = _first_cell(row, left)
    return (row.frags[count].x0 if count < len(row.frags) else row.x1) - 0.5 * row.size


def _with_cell_lines(row: Line, left: float, above: list[Line], below: list[Line]) -> Line:
    count = _first_cell(row, left)
    cell = [Line(row.frags[:count], row.page, text=join_fragments(row.frags[:count]))] if count else []
    name = _join_lines([*above, *cell, *below])
    rest = join_fragments(row.frags[count:])
    return replace(row, text=f"{name} {rest}", lineno=min([row.lineno, *(x.lineno for x in above)]))


def find_tables(content: PageContent, page: int) -> tuple[list[Table], list[Fragment]]:
    """The page's ruled tables, and the fragments outside them."""
    tables: list[Table] = []
    rest = list(content.fragments)
    for grid in _grids(content.segments):
        xs, ys = grid
        left, right, bottom, top = xs[0], xs[-1], ys[-1], ys[0]
        inside = [f for f in rest if left - 1 <= (f.x0 + f.x1) / 2 <= right + 1 and bottom - 1 <= _mid(f) <= top + 1]
        if not inside:
            continue
        cells: dict[tuple[int, int], list[Fragment]] = {}
        for frag in inside:
            row = _band(-_mid(frag), [-y for y in ys])
            col = _band(frag.x0 + min(frag.size * 0.3, (frag.x1 - frag.x0) / 2), xs)
            cells.setdefault((row, col), []).append(frag)
        rows = []
        used_cols = sorted({c for _, c in cells})
        for r in sorted({r for r, _ in cells}):
            rows.append([_cell_text(cells.get((r, c), [])) for c in used_cols])
        tables.append(Table(rows, page, top, bottom))
        taken = set(map(id, inside))
        rest = [f for f in rest if id(f) not in taken]
    return tables, rest


def _mid(frag: Fragment) -> float:
    return frag.y - frag.rise + 0.3 * frag.size


def _band(value: float, edges: list[float]) -> int:
    """Index of the band between consecutive ascending edges that holds value."""
    for index in range(len(edges) - 1):
        if value <= edges[index + 1]:
            return index
    return len(edges) - 2


def _cell_text(frags: list[Fragment]) -> str:
    lines = group_lines(frags, 0)
    text = ""
    for line in lines:
        if text:
            text += "" if CJK.match(text[-1]) and CJK.match(line.text[0]) else " "
        text += line.text
    return text.strip()


def _grids(segments: list[Segment]) -> list[tuple[list[float], list[float]]]:
    """Groups of touching rules with at least 3 distinct rows of rules and 3 columns: (xs, ys desc)."""
    horizontal = [s for s in segments if s.horizontal]
    vertical = [s for s in segments if not s.horizontal]
    if len(horizontal) < 3 or len(vertical) < 3:
        return []
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(s): i for i, s in enumerate(segments)}
    for h in horizontal:
        for v in vertical:
            if h.x0 - 2 <= v.x0 <= h.x1 + 2 and v.y0 - 2 <= h.y0 <= v.y1 + 2:
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[Segment]] = {}
    for s in segments:
        groups.setdefault(find(index[id(s)]), []).append(s)
    grids = []
    for members in groups.values():
        xs = _distinct(s.x0 for s in members if not s.horizontal)
        ys = _distinct(s.y0 for s in members if s.horizontal)
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append((xs, sorted(ys, reverse=True)))
    return grids


def _distinct(values: Iterable[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


# -- the document -------------------------------------------------------------------------------------
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
    for page in pages:
        _drop_footnotes(page, metrics)
    flow = [item for page in pages for item in _flow(page)]
    _mark_headings(flow, metrics)
    metrics = replace(metrics, indent=_first_line_indent(flow, metrics))
    return _blocks(_merge_tables(flow), metrics)


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
    right = _right_margin([line.x1 for line in body], size, width - left)
    bold = sum(len(line.text) for line in body if line.bold) > 0.5 * sum(len(line.text) for line in body)
    chars = "".join(line.text for line in body)
    cjk = len(CJK.findall(chars)) > 0.3 * len(chars)
    return Metrics(size, pitch, left, right, bold, cjk)


def _right_margin(ends: list[float], size: float, mirror: float) -> float:
    """The rightmost line end that a tenth of the lines (at least three) reach within one em: where
    full lines end, whether justified or ragged, and not a line or two that overflow. Without that
    many lines, the mirror of the left margin (a short document of short lines)."""
    ends = sorted(ends, reverse=True)
    need = max(3, len(ends) // 10)
    low = 0
    for high, end in enumerate(ends):
        while low < len(ends) and ends[low] >= end - size:
            low += 1
        if low - high >= need:
            return end
    return max(mirror, ends[0])


def _drop_page_numbers(pages: list[_Page], metrics: Metrics) -> None:
    """Drop a page number standing alone as the first or last line of a page.

    A decorated one always goes. A bare number goes when it follows the page sequence (its value
    minus the page's index is the same on at least two pages) or when it lies outside the band the
    text occupies on every page (above the highest or below the lowest of all other lines): a
    table cell "65" opening a page stays.
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
        outside = line.y > top + margin or line.y < bottom - margin
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
        runs_on = isinstance(nxt, Line) and not nxt.heading and _heading_style(nxt, metrics) is not None
        if (
            isinstance(item, Line)
            and item.heading
            and runs_on
            and _heading_style(item, metrics) == _heading_style(nxt, metrics)
        ):  # type: ignore[arg-type]
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
        text = isinstance(prev, Line) and isinstance(line, Line) and not line.heading and not prev.heading
        if text and abs(line.size - metrics.size) <= 0.5 and _breaks(prev, line, metrics):  # type: ignore[arg-type]
            starts.append(line.x0 - metrics.left)  # type: ignore[union-attr]
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
    space = 0.0 if CJK.match(line.text[0]) or CJK.match(prev.text[-1]) else 0.3 * line.size
    if metrics.right - prev.x1 > line.lead(metrics.cjk) + space + 0.15 * size:
        return True  # the next line's first word would have fitted: the paragraph ended here
    if metrics.indent and abs(line.x0 - metrics.left - metrics.indent) <= 0.5 * size < line.x0 - prev.x0:
        return True
    centre = (metrics.left + metrics.right) / 2
    if line.x0 > metrics.left + 2 * size and abs((line.x0 + line.x1) / 2 - centre) < size:
        return True
    return prev.text.endswith(_CLOSED) and bool(match_marker(line.text) or match_bullet(line.text))


def _merge_tables(flow: list[Line | Table]) -> list[Line | Table]:
    """Join a table to its continuation on the next page, dropping the repeated header row."""
    out: list[Line | Table] = []
    for item in flow:
        prev = out[-1] if out else None
        if (
            isinstance(item, Table)
            and isinstance(prev, Table)
            and item.page == prev.page + 1
            and len(item.rows[0]) == len(prev.rows[0])
        ):
            rows = item.rows[1:] if item.rows[0] == prev.rows[0] else item.rows
            out[-1] = Table(prev.rows + rows, prev.page, prev.top, prev.bottom, prev.lineno)
            continue
        out.append(item)
    return out


def _blocks(flow: list[Line | Table], metrics: Metrics | None) -> list[Block]:
    """Paragraphs as one line block each, followed by a blank; headings and tables as they are."""
    blocks: list[Block] = []
    para: list[Line] = []

    def close() -> None:
        if para:
            blocks.append(Block("line", _join_lines(para), lineno=para[0].lineno))
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
            while index < len(flow) and _same_heading(group[-1], flow[index], metrics):
                group.append(flow[index])  # type: ignore[arg-type]
                index += 1
            blocks.append(Block("heading", _join_lines(group), level=item.heading, lineno=item.lineno))
            continue
        if para and (metrics is None or _breaks(para[-1], item, metrics)):
            close()
        para.append(item)
    close()
    return blocks


def _same_heading(prev: Line, item: Line | Table, metrics: Metrics | None) -> bool:
    if not isinstance(item, Line) or item.heading != prev.heading or item.page != prev.page:
        return False
    spacing = 1.15 * metrics.pitch if metrics else 0.0
    return prev.y - item.y <= max(1.75 * prev.size, spacing)


def _join_lines(lines: list[Line]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        joiner = "" if CJK.match(text[-1]) or CJK.match(line.text[0]) else " "
        text += joiner + line.text
    return text
