"""OpenDocument text (.odt) to blocks: ``content.xml`` read with the standard library's zipfile and lxml.

Why not odfpy: it loads the whole package into its own object model and adds a dependency, while
all a plan needs is the body's paragraphs, headings, lists and tables in order, which one walk over
``content.xml`` gives. lxml is already here (python-docx needs it) and is run with entity
resolution, DTD loading and network access off, so a hostile file cannot expand entities or fetch.

The blocks follow the Word reader's rules: ``text:h`` is a heading at its outline level; each
``text:p`` is a line followed by a blank; a ``text:line-break`` ends a line inside the paragraph
(a line end read by the plain-text rules, as the other readers read a soft break); ``text:s``
and ``text:tab`` are spaces; notes and their citations, and superscript footnote marks, are
dropped; list items get the label their list style prints ("1.", "(1)", "一、"), counted per list
and level; table rows keep one string per cell, a spanned cell once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.readers.docx_numbering import format_number
from ipstrategy.core.parsing.readers.markers import is_footnote_marker

_NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
_MAX_XML = 64 * 1024 * 1024  # a zip bomb's content.xml is refused before it is inflated


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_P, _H, _LIST, _ITEM, _HEADER = (
    _q("text:p"),
    _q("text:h"),
    _q("text:list"),
    _q("text:list-item"),
    _q("text:list-header"),
)
_TABLE, _ROW, _CELL, _SECTION = _q("table:table"), _q("table:table-row"), _q("table:table-cell"), _q("text:section")
_SPACE, _TAB, _BREAK = _q("text:s"), _q("text:tab"), _q("text:line-break")
_NOTE, _SPAN = _q("text:note"), _q("text:span")
_SKIPPED = frozenset({_q("text:note-citation"), _q("text:tracked-changes"), _q("office:annotation")})
_CONTAINERS = frozenset({_SECTION, _q("table:table-header-rows"), _q("table:table-rows"), _q("text:soft-page-break")})
_FORMATS = {"1": "decimal", "i": "lowerRoman", "I": "upperRoman", "a": "lowerLetter", "A": "upperLetter"}


def read_odt(data: bytes, path: str) -> ReadDocument:
    """Read an .odt file's bytes into a ReadDocument."""
    root = _content(data, path)
    body = root.find(f"{_q('office:body')}/{_q('office:text')}")
    if body is None:
        raise DocumentError(path, "not an OpenDocument text: content.xml has no office:text body")
    reader = _OdtReader(root)
    return ReadDocument(path, tuple(reader.blocks(body)), "odt")


def _content(data: bytes, path: str) -> etree._Element:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("content.xml")
            if info.file_size > _MAX_XML:
                raise DocumentError(path, "content.xml too large")
            xml = package.read(info)
    except zipfile.BadZipFile:
        raise DocumentError(path, "not a valid OpenDocument .odt file (not a zip package)") from None
    except KeyError:
        raise DocumentError(path, "not a valid OpenDocument .odt file (no content.xml)") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(path, f"not a valid OpenDocument .odt file (content.xml: {exc})") from None


class _OdtReader:
    """Walks the body in order, with the list styles and superscript styles of ``content.xml``."""

    def __init__(self, root: etree._Element) -> None:
        self._lineno = 0
        self._superscript: set[str] = set()
        self._list_levels: dict[str, dict[int, tuple[str, str, str, int]]] = {}
        self._counters: dict[int, int] = {}
        self._list_style = ""
        for style in root.iter(_q("style:style")):
            props = style.find(_q("style:text-properties"))
            if props is not None and _raised(props.get(_q("style:text-position"), "")):
                self._superscript.add(style.get(_q("style:name"), ""))
        for list_style in root.iter(_q("text:list-style")):
            levels = {}
            for level in list_style.iter(_q("text:list-level-style-number")):
                depth = _int(level.get(_q("text:level")), 1, 10)
                num_format = level.get(_q("style:num-format")) or ""
                levels[depth] = (
                    _FORMATS.get(num_format, "chinese" if num_format.startswith("一") else "decimal"),
                    level.get(_q("style:num-prefix")) or "",
                    level.get(_q("style:num-suffix")) or "",
                    _int(level.get(_q("text:start-value")), 1, 9999),
                )
            self._list_levels[list_style.get(_q("style:name"), "")] = levels

    def blocks(self, container: etree._Element, depth: int = 0) -> Iterator[Block]:
        for child in container:
            tag = child.tag
            if tag in (_P, _H):
                self._lineno += 1
                yield from self._paragraph(child, "")
            elif tag == _LIST:
                yield from self._list(child, depth + 1)
            elif tag == _TABLE:
                self._lineno += 1
                rows = tuple(self._rows(child))
                if rows:
                    yield Block("table", rows=rows, lineno=self._lineno)
            elif tag in _CONTAINERS:
                yield from self.blocks(child, depth)

    def _list(self, node: etree._Element, depth: int) -> Iterator[Block]:
        style = node.get(_q("text:style-name"))
        if depth == 1:
            if style:
                self._list_style = style
            if node.get(_q("text:continue-numbering")) != "true" and not node.get(_q("text:continue-list")):
                self._counters = {}
        for item in node:
            if item.tag not in (_ITEM, _HEADER):
                continue
            label = self._label(depth) if item.tag == _ITEM else ""
            first = True
            for child in item:
                if child.tag in (_P, _H):
                    self._lineno += 1
                    yield from self._paragraph(child, label if first else "")
                    first = False
                elif child.tag == _LIST:
                    yield from self._list(child, depth + 1)
                else:
                    yield from self.blocks(child, depth)

    def _label(self, depth: int) -> str:
        level = self._list_levels.get(self._list_style, {}).get(depth)
        if level is None:
            return ""
        fmt, prefix, suffix, start = level
        self._counters[depth] = self._counters.get(depth, start - 1) + 1
        for deeper in [d for d in self._counters if d > depth]:
            del self._counters[deeper]
        return f"{prefix}{format_number(self._counters[depth], fmt)}{suffix}"

    def _paragraph(self, node: etree._Element, label: str) -> Iterator[Block]:
        text = "".join(self._text(node))
        if label and text.strip():
            text = f"{label}{'' if label.endswith(('、', '．')) else ' '}{text.lstrip()}"
        if not text.strip():
            yield Block("blank", lineno=self._lineno)
        elif node.tag == _H:
            level = _int(node.get(_q("text:outline-level")), 1, 6) or 1
            yield Block("heading", " ".join(text.split()), level=level, lineno=self._lineno)
        else:
            lines = text.split("\n")
            for line in lines:
                yield Block.line(line.rstrip(), self._lineno)
            yield Block("blank", lineno=self._lineno)

    def _text(self, node: etree._Element) -> Iterator[str]:
        if node.text:
            yield node.text
        for child in node:
            tag = child.tag
            if tag == _SPACE:
                yield " " * _int(child.get(_q("text:c")), 1, 1000)
            elif tag == _TAB:
                yield "\t"
            elif tag == _BREAK:
                yield "\n"
            elif tag == _NOTE or tag in _SKIPPED or not isinstance(tag, str):
                pass
            elif tag == _SPAN and child.get(_q("text:style-name")) in self._superscript:
                inner = "".join(self._text(child))
                if not is_footnote_marker(inner):
                    yield inner
            else:
                yield from self._text(child)
            if child.tail:
                yield child.tail

    def _rows(self, table: etree._Element) -> Iterator[tuple[str, ...]]:
        for row in table.iter(_ROW):
            if row.getparent() is not table and row.getparent().getparent() is not table:
                continue  # a nested table's rows belong to its cell's text
            cells = [" ".join(_cell_text(self, cell).split()) for cell in row if cell.tag == _CELL]
            if any(cells):
                yield tuple(cells)


def _cell_text(reader: _OdtReader, cell: etree._Element) -> str:
    return " ".join("".join(reader._text(p)) for p in cell.iter(_P, _H))


def _raised(position: str) -> bool:
    """A text position of "super" or a positive percentage ("33% 58%") raises the text: a superscript."""
    first = position.split()[0] if position.split() else ""
    if first == "super":
        return True
    try:
        return float(first.rstrip("%")) > 0
    except ValueError:
        return False


def _int(value: str | None, default: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if 0 <= number <= high else default
