"""Tables on a PDF page: ruled grids read cell by cell, and rows printed without rules.

- **Ruled tables.** Touching horizontal and vertical rules with at least three distinct positions
  each (two rows, two columns) form a grid; every fragment inside goes to the cell holding it, and
  a cell's lines are joined in reading order. A table cut by a page break is one table, the
  continuation's repeat of the header row dropped (``merge_tables``).
- **Tables without rules** stay lines, one per row ("Name 4 6 14": cells apart by column gaps);
  the other lines of a wrapped first cell are put into their row (``attach_cell_lines``), for the
  indicator reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from ipstrategy.core.parsing.readers.pdf_content import Fragment, PageContent, Segment
from ipstrategy.core.parsing.readers.pdf_lines import CJK, Line, group_lines, join_fragments, join_lines


@dataclass
class Table:
    rows: list[list[str]]
    page: int
    top: float
    bottom: float
    lineno: int = 0


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
    name = join_lines([*above, *cell, *below])
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


def merge_tables(flow: list[Line | Table]) -> list[Line | Table]:
    """Join a table to its continuation on the next page: the repeated header row is dropped, and
    a row split by the page break (its first part has text where the continuation's first row is
    empty) is made whole again."""
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
            head = prev.rows
            if rows and len(head) > 1 and any(not new and old for old, new in zip(head[-1], rows[0], strict=True)):
                split = [" ".join(t for t in (old, new) if t) for old, new in zip(head[-1], rows[0], strict=True)]
                head, rows = [*head[:-1], split], rows[1:]
            out[-1] = Table(head + rows, item.page, prev.top, prev.bottom, prev.lineno)
            continue
        out.append(item)
    return out
