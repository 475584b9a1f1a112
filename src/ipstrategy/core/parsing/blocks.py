"""The reader-neutral form of a document: a flat sequence of blocks.

Every reader (txt, md, html, docx, pdf) turns its file into the same ``Block`` list, so the
structure stage never needs to know where a line came from. A block is one printed line (or a
heading, a horizontal rule, a blank line standing for a paragraph or page break, or a real table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["line", "heading", "blank", "rule", "table"]


@dataclass(frozen=True)
class Block:
    """One unit of a document as read: a line of text, a heading, a break, a rule or a table."""

    kind: BlockKind
    text: str = ""
    level: int = 0  # heading level 1-6 when the source marks one (markdown '#', <h2>, Word 'Heading 2')
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, row by row, for kind == "table"
    lineno: int = 0  # 1-based line (or paragraph) number in the source, for messages

    @staticmethod
    def line(text: str, lineno: int = 0) -> Block:
        return Block("blank", lineno=lineno) if not text.strip() else Block("line", text, lineno=lineno)


@dataclass(frozen=True)
class ReadDocument:
    """What a reader returns: the blocks, plus the path and the encoding it used (for messages)."""

    path: str
    blocks: tuple[Block, ...]
    encoding: str = "utf-8"
