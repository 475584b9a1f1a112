"""HTML to blocks with the standard library's parser: plans saved from government web pages.

Block elements become lines (``<br>`` splits them: a line end read by the plain-text rules), each paragraph-like element is followed by one
blank, headings keep their level, tables keep their cells row by row (nested markup, and nested
tables, flattened into the cell's text), ``<hr>`` is a rule. Script, style and head are not text.
An ordered list's items carry the number they display (``<ol start type>``, ``<li value>``,
nested lists counted separately), as the Word reader does for numbering.xml: pandoc writes a
markdown plan's "4." and "(ii)" paragraphs as ``<ol start="4">`` and ``<ol start="2" type="i">``.
HTML keeps no delimiter, so each type is shown the genre's way: ``1.``, ``I.``, ``(i)``, ``(a)``, ``A.``.
Decimal numbering has two levels in the genre (``1.`` > ``(1)``) that HTML prints alike: a decimal
list nested in another is shown ``(1)``, and sibling decimal lists (pandoc writes "1. Overall
Requirements" and "(1) Guideline" as two ``<ol type="1">``) are told apart by their numbers, as a
reader does: a restart at 1 under an open item opens the inner series, a number that continues only
the outer series closes it, and a number that continues both is the outer one when the next
item restarts at 1 (``decimal_levels``).
A ``<sup>`` holding only a footnote mark is dropped so "protection<sup>1</sup>" reads
"protection" (note: an exponent such as "m<sup>2</sup>" is dropped too; plans rarely have one).
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.numbering import decimal_levels, match_marker
from ipstrategy.core.parsing.readers.decode import decode_bytes
from ipstrategy.core.parsing.readers.markers import is_footnote_marker

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_IGNORED = frozenset({"script", "style", "head", "title", "template", "noscript"})
# Elements after which a paragraph ends: a blank block follows them.
_PARAGRAPHS = frozenset({"p", "div", "li", "blockquote", "dt", "dd", "pre", "address", "figcaption"})
# Elements that only start or end a line.
_BLOCKS = _PARAGRAPHS | frozenset(
    {"html", "body", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol", "dl"}
    | {"figure", "center", "form", "fieldset", "details", "summary", "caption", "tr"}
)


def read_html(data: bytes, path: str) -> ReadDocument:
    """Read an .html file's bytes, honouring its <meta charset>, into a ReadDocument."""
    match = _META_CHARSET.search(data, 0, 4096)
    declared = match.group(1).decode("ascii", "replace") if match else None
    text, encoding = decode_bytes(data, path, declared)
    return ReadDocument(path, tuple(html_to_blocks(text)), encoding)


def html_to_blocks(text: str) -> list[Block]:
    """Parse decoded HTML into blocks."""
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    return parser.blocks


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip(" ")


class _BlockParser(HTMLParser):
    """Collects text into the current paragraph, heading, table cell or superscript, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._heading = 0  # level of the open heading, 0 outside one
        self._skip: list[str] = []  # open ignored elements (script, style, head ...)
        self._pre = 0
        self._sup: list[str] | None = None
        self._sup_depth = 0
        self._table = _TableCollector()
        self._lists: list[list] = []  # open <ol>/<ul>: [ordered, type, last number shown]
        self._marker = ""  # the number of the open <li>, put before its first text
        self._marker_number = 0  # its number when it is an item of a top-level decimal list
        self._decimals: list[tuple[int, int]] = []  # (block index, number) of such items

    # -- parser callbacks ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._skip:
            self._skip.clear()  # an unclosed <head>: the body starts anyway, as in browsers
        if tag in _IGNORED:
            self._skip.append(tag)
        elif self._skip:
            return
        elif tag == "sup":
            self._sup_depth += 1
            self._sup = self._sup if self._sup is not None else []
        elif tag == "table" or self._table.depth:
            self._table_start(tag)
        else:
            self._block_start(tag)
            if tag in ("ol", "ul", "li"):
                self._list_start(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _IGNORED:
            if tag in self._skip:
                del self._skip[self._skip.index(tag) :]
        elif self._skip:
            return
        elif tag == "sup":
            self._sup_end()
        elif self._table.depth:
            self._table_end(tag)
        else:
            self._block_end(tag)
            if tag in ("ol", "ul") and self._lists:
                self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._sup is not None:
            self._sup.append(data)
        elif self._table.cell is not None:
            self._table.cell.append(data)
        else:
            if not self._buffer and data.strip():
                self._buffer_line = self.getpos()[0]
            if self._marker and data.strip():
                data, self._marker = self._marker + data.lstrip(), ""
                if self._marker_number:
                    self._decimals.append((len(self.blocks), self._marker_number))
                    self._marker_number = 0
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._sup_end()
        if self._table.depth:
            self._table.depth = 1
            self._table_end("table")
        self._flush()
        self._mark_inner_decimals()

    def _mark_inner_decimals(self) -> None:
        """Show the items of the inner decimal series as ``(n)`` (see ``decimal_levels``).

        The decimal items are decoded in runs: a heading, or a line numbered in another style
        ("（二）" printed as text), between two items ends a run, since the decimal series under
        it starts afresh ("1." under each "（一）" of a Chinese plan is one level, not two).
        """
        runs: list[list[tuple[int, int]]] = []
        previous = -1
        for index, number in self._decimals:
            between = self.blocks[previous + 1 : index] if previous >= 0 else ()
            if not runs or any(_opens_other_series(block) for block in between):
                runs.append([])
            runs[-1].append((index, number))
            previous = index
        for run in runs:
            for (index, number), level in zip(run, decimal_levels([n for _, n in run]), strict=True):
                block = self.blocks[index] if index < len(self.blocks) else None
                prefix = f"{number}. "
                if level and block is not None and block.text.startswith(prefix):
                    self.blocks[index] = replace(block, text=f"({number}) " + block.text[len(prefix) :])

    # -- ordered lists ----------------------------------------------------------------------------
    def _list_start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "ul":
            self._lists.append([False, "", 0])
        elif tag == "ol":
            start = _integer(attrs.get("start"))
            self._lists.append(
                [True, (attrs.get("type") or "1").strip() or "1", (start if start is not None else 1) - 1]
            )
        elif self._lists and self._lists[-1][0]:
            current = self._lists[-1]
            value = _integer(attrs.get("value"))
            current[2] = value if value is not None else current[2] + 1
            enclosing = [kind for ordered, kind, _ in self._lists[:-1] if ordered]
            nested_decimal = current[1] == "1" and "1" in enclosing
            self._marker = f"({current[2]}) " if nested_decimal else _list_marker(current[1], current[2])
            top_decimal = current[1] == "1" and not enclosing and 1 <= current[2] <= 3999
            self._marker_number = current[2] if top_decimal else 0

    # -- paragraphs and headings ----------------------------------------------------------------
    def _block_start(self, tag: str) -> None:
        if self._heading and (tag in _BLOCKS or tag in _HEADINGS or tag == "hr"):
            self._flush()  # a block inside an unclosed heading ends the heading
        if tag == "br" and self._heading:
            self.handle_data(" ")
        elif tag == "br":
            self._flush()
        elif tag == "hr":
            self._flush()
            self.blocks.append(Block("rule", lineno=self.getpos()[0]))
        elif tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self._pre += 1

    def _block_end(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
        elif tag in _BLOCKS:
            self._flush()
            if tag in _PARAGRAPHS:
                self._blank()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def _flush(self) -> None:
        """Emit the text collected since the last break as a heading or as line blocks (a line cut by
        ``<br>`` is a plain line end: the paragraph stage decides whether the next line goes on)."""
        if not self._buffer:
            self._heading = 0
            return
        text, lineno = "".join(self._buffer), self._buffer_line
        self._buffer = []
        if self._pre and not self._heading:
            for offset, line in enumerate(text.strip("\n").split("\n")):
                self.blocks.append(Block.line(line, lineno + offset))
            return
        text = _collapse(text)
        if text and self._heading:
            self.blocks.append(Block("heading", text, level=self._heading, lineno=lineno))
        elif text:
            self.blocks.append(Block("line", text, lineno=lineno))
        self._heading = 0

    def _blank(self) -> None:
        if self.blocks and self.blocks[-1].kind != "blank":
            self.blocks.append(Block("blank", lineno=self.getpos()[0]))

    def _sup_end(self) -> None:
        self._sup_depth = max(self._sup_depth - 1, 0)
        if self._sup_depth or self._sup is None:
            return
        text, self._sup = "".join(self._sup), None
        if not is_footnote_marker(text):
            self.handle_data(text)

    # -- tables ---------------------------------------------------------------------------------
    def _table_start(self, tag: str) -> None:
        table = self._table
        if tag == "table":
            if not table.depth:
                self._flush()
                table.lineno = self.getpos()[0]
            table.depth += 1
            table.space()
        elif table.depth == 1 and tag == "tr":
            table.end_row()
            table.row = []
        elif table.depth == 1 and tag in ("td", "th"):
            table.start_cell()
        else:
            table.space()  # <br>, <p>, nested rows and cells: words must not run together

    def _table_end(self, tag: str) -> None:
        table = self._table
        if tag == "table":
            table.depth -= 1
            if table.depth:
                table.space()
                return
            table.end_row()
            self._flush()  # a caption, or text strayed between rows, goes before the table
            if table.rows:
                self.blocks.append(Block("table", rows=tuple(table.rows), lineno=table.lineno))
            self._table = _TableCollector()
        elif table.depth == 1 and tag in ("td", "th"):
            table.end_cell()
        elif table.depth == 1 and tag == "tr":
            table.end_row()
        elif tag == "caption":
            self._flush()
        else:
            table.space()


def _integer(value: str | None) -> int | None:
    try:
        number = int((value or "").strip())
    except ValueError:
        return None
    return number if -1_000_000 < number < 1_000_000 else None


def _roman(number: int) -> str:
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _alpha(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _opens_other_series(block: Block) -> bool:
    """A heading, or a line numbered in a style other than the decimal ``1.``."""
    if block.kind == "heading":
        return True
    marker = match_marker(block.text) if block.kind == "line" else None
    return marker is not None and marker.style != "arabic"


def _list_marker(kind: str, number: int) -> str:
    """The number an <li> displays, written the way plans print that kind of number."""
    if number < 1 or number > 3999:
        return f"{number}. "
    if kind == "I":
        return f"{_roman(number).upper()}. "
    if kind == "i":
        return f"({_roman(number)}) "
    if kind == "a":
        return f"({_alpha(number)}) "
    if kind == "A":
        return f"{_alpha(number).upper()}. "
    return f"{number}. "


class _TableCollector:
    """The rows of the outermost open <table>; nested tables only add text to its cells."""

    def __init__(self) -> None:
        self.depth = 0
        self.lineno = 0
        self.rows: list[tuple[str, ...]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def start_cell(self) -> None:
        self.end_cell()
        if self.row is None:
            self.row = []  # <td> without <tr>
        self.cell = []

    def end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(_collapse("".join(self.cell)))
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row:
            self.rows.append(tuple(self.row))
        self.row = None

    def space(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
