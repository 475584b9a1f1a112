"""Plain text and markdown to blocks: one pass, one block per printed line, tables grouped.

Real plan .txt files carry markdown (``## II. ...`` headings, ``---`` rules, pipe tables), so .txt
and .md share this reader. Lines keep their exact text; trimming and emphasis are for the
structure stage. Decisions that could have gone the other way:

- ``---``, ``***``, ``___`` are always rules, never setext level-2 underlines: plain-text plans use
  dashes as separators (e.g. around translators' footnotes), even right under a line of text.
- ``===`` right under a line of text makes that line a level-1 heading (setext); anywhere else it
  is a rule. ``=`` rows are never a markdown thematic break, so this cannot misread markdown.
- A heading with no text (``#`` alone) is a blank, and ``#tag`` without a space is a line, as in
  CommonMark.
- Pipe-table rows are kept as printed, so they may be ragged; the alignment row is dropped.
- Rows without outer pipes are a table too when two or more consecutive lines hold the same number
  of `` | `` separators (one or more) or of tabs (two or more: a single tab follows a list number):
  "指标 | 2025年 | 2030年".
"""

from __future__ import annotations

import re

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.readers.decode import decode_bytes
from ipstrategy.core.parsing.readers.markers import DECORATED_PAGE_NUMBER, SENTENCE_END

_ATX_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_H1 = re.compile(r"={3,}[ \t]*$")
_ALIGNMENT_CELL = re.compile(r":?-+:?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def read_text(data: bytes, path: str) -> ReadDocument:
    """Read a .txt or .md file's bytes into a ReadDocument."""
    text, encoding = decode_bytes(data, path)
    if not text.strip():
        raise DocumentError(path, "empty file (only whitespace)")
    return ReadDocument(path, tuple(text_to_blocks(text)), encoding)


def text_to_blocks(text: str) -> list[Block]:
    """Split decoded text into line, heading, blank, rule and table blocks, in one linear pass."""
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the newline ending the last line does not start another line
    blocks: list[Block] = []
    table: list[tuple[str, ...]] = []
    table_start = 0
    loose = _loose_rows(lines) if ("|" in text or "\t" in text) else set()
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("|") or lineno in loose:
            if not table:
                table_start = lineno
            if stripped.startswith("|"):
                add_table_row(table, stripped)
            else:
                table.append(tuple(cell.strip() for cell in _LOOSE_SEPARATOR.split(stripped)))
            continue
        if table:
            blocks.append(Block("table", rows=tuple(table), lineno=table_start))
            table = []
        blocks.append(_line_block(line, stripped, lineno, blocks))
    if table:
        blocks.append(Block("table", rows=tuple(table), lineno=table_start))
    return _mend_page_breaks(blocks)


def _mend_page_breaks(blocks: list[Block]) -> list[Block]:
    """Drop the page numbers a PDF's text export leaves between its pages.

    A page number on a line of its own ("— 3 —", "第3页", "Page 3 of 10"), with the blank lines
    around it, is a page break: the paragraph it cut goes on across it unless the line before it
    closed a sentence, as a reader of the printed page sees it.
    """
    out: list[Block] = []
    continuing = False
    for block in blocks:
        page_foot = block.kind == "line" and DECORATED_PAGE_NUMBER.fullmatch(block.text.strip("\f")) is not None
        if page_foot:
            while out and out[-1].kind == "blank":
                out.pop()
            last = out[-1] if out else None
            continuing = last is not None and last.kind == "line" and not last.text.rstrip().endswith(SENTENCE_END)
            if not continuing:
                out.append(Block("blank", lineno=block.lineno))
            continue
        if continuing and block.kind == "blank":
            continue
        continuing = False
        out.append(block)
    return out


_LOOSE_SEPARATOR = re.compile(r"\s+\|\s+|\t+")


def _separators(stripped: str) -> int:
    """How many cell separators a line without outer pipes holds (0: not a table row)."""
    if " | " in stripped:
        return stripped.count(" | ")
    tabs = len([t for t in stripped.split("\t") if t.strip()]) - 1
    return tabs if tabs >= 2 else 0


def _loose_rows(lines: list[str]) -> set[int]:
    """Line numbers of runs of two or more lines with the same count of separators."""
    rows: set[int] = set()
    run: list[int] = []
    count = 0
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        n = _separators(stripped) if stripped and not stripped.startswith("|") else 0
        if n and n == count:
            run.append(lineno)
            continue
        if len(run) >= 2:
            rows.update(run)
        run, count = ([lineno], n) if n else ([], 0)
    if len(run) >= 2:
        rows.update(run)
    return rows


def _line_block(line: str, stripped: str, lineno: int, previous: list[Block]) -> Block:
    """Classify one non-table line; only a setext underline looks at (and rewrites) the previous block."""
    if not stripped:
        return Block("blank", lineno=lineno)
    first = stripped[0]
    if first == "#":
        match = _ATX_HEADING.match(stripped)
        if match:
            title = (match.group(2) or "").strip()
            if not title:
                return Block("blank", lineno=lineno)
            return Block("heading", title, level=len(match.group(1)), lineno=lineno)
    elif first in "-*_" and _RULE.match(stripped):
        return Block("rule", lineno=lineno)
    elif first == "=" and _SETEXT_H1.match(stripped):
        if previous and previous[-1].kind == "line":
            above = previous.pop()
            return Block("heading", above.text.strip(), level=1, lineno=above.lineno)
        return Block("rule", lineno=lineno)
    return Block("line", line, lineno=lineno)


def add_table_row(table: list[tuple[str, ...]], stripped: str) -> None:
    """Append one pipe-table row, unless it is the |---|:--:| alignment row under the first one."""
    if "\\|" in stripped:
        cells = [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(stripped)]
    else:
        cells = stripped.split("|")
    cells = cells[1:]  # the text before the leading pipe
    if len(cells) > 1 and not cells[-1].strip():
        cells.pop()  # the closing pipe
    row = tuple(cell.strip() for cell in cells)
    if len(table) == 1 and all(_ALIGNMENT_CELL.match(cell) for cell in row):
        return
    table.append(row)
