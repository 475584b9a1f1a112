"""Markdown typed or pasted into a Word, OpenDocument, PDF or web document, read as markdown.

Plans are drafted in markdown and pasted into Word, or exported by tools that leave the syntax in
the text: a paragraph "## 一、完善制度" is a heading, and paragraphs "| 指标 | 2025年 |" one under
another are a table, whatever program wrote the file. The plain-text reader already reads both;
this pass gives the other readers' line blocks the same reading. Emphasis (``**``) is dropped
later, for every format, by ``cleaning.clean_inline``.
"""

from __future__ import annotations

import re

from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.readers.text import add_table_row

_ATX_HEADING = re.compile(r"^(#{1,6})[ \t\u00a0]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_PIPE_ROW = re.compile(r"^\|.*\|$")


def mend_markdown(document: ReadDocument) -> ReadDocument:
    """The document with markdown headings and pipe tables in its line blocks made real ones."""
    blocks = document.blocks
    if not any(b.kind == "line" and b.text.lstrip()[:1] in ("#", "|") for b in blocks):
        return document
    out: list[Block] = []
    table: list[tuple[str, ...]] = []
    table_line = 0
    pending_blanks: list[Block] = []  # blanks between two rows belong to no paragraph
    for block in blocks:
        stripped = block.text.strip() if block.kind == "line" else ""
        if stripped and _PIPE_ROW.match(stripped) and stripped.count("|") >= 3:
            if not table:
                table_line = block.lineno
            add_table_row(table, stripped)
            pending_blanks = []
            continue
        if table and block.kind == "blank":
            pending_blanks.append(block)
            continue
        if table:
            out.append(Block("table", rows=tuple(table), lineno=table_line))
            out.extend(pending_blanks)
            table, pending_blanks = [], []
        heading = _ATX_HEADING.match(stripped) if stripped.startswith("#") else None
        if heading:
            out.append(Block("heading", heading.group(2).strip(), level=len(heading.group(1)), lineno=block.lineno))
        else:
            out.append(block)
    if table:
        out.append(Block("table", rows=tuple(table), lineno=table_line))
        out.extend(pending_blanks)
    return ReadDocument(document.path, tuple(out), document.encoding)
