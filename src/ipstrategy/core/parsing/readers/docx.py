"""Word .docx to blocks with python-docx: body paragraphs and tables in document order.

- One block per body paragraph: "Title" and "Heading N"/"标题 N" styles (or a direct outline level)
  are headings, an empty paragraph is a blank, any other paragraph is a line. A soft line break
  (Shift+Enter) splits a paragraph into several line blocks with the same ``lineno``.
- Every non-empty, non-heading paragraph is followed by a blank block (a Word paragraph is a paragraph; page
  breaks need no mark of their own); a line cut by a soft break is a line end like a plain-text one:
  the paragraph stage decides, by the same rules, whether the next line goes on with it.
- Superscript runs that hold only a footnote mark are dropped; Word's own footnote references
  carry no text, so they vanish anyway. Automatic list numbering is rendered in front of the text
  ("1.", "(i)", "一、"), as printed (``docx_numbering``).
- A table row holds one string per distinct cell: a cell spanning columns appears once, a cell
  merged down a column repeats its text in each row it covers (python-docx ``row.cells``). A
  cell's paragraphs, and any table nested in it, are joined with single spaces.
- ``lineno`` counts body-level paragraphs and tables, 1-based.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from lxml.etree import XMLSyntaxError

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.readers.docx_numbering import ListNumbering
from ipstrategy.core.parsing.readers.markers import is_footnote_marker

_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-6])", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc (and other Office 97-2003 files)
_RUNS = "w:r | w:hyperlink/w:r | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r | w:sdt/w:sdtContent/w:r"
_P, _TBL, _SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")


def read_docx(data: bytes, path: str) -> ReadDocument:
    """Read a .docx file's bytes into a ReadDocument."""
    document = _open(data, path)
    reader = _DocxReader(document)
    return ReadDocument(path, tuple(reader.blocks()), "docx")


def _open(data: bytes, path: str) -> Document:
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(path, "not a valid Word .docx file: it is a legacy .doc; save it as .docx")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as exc:
        raise DocumentError(path, f"not a valid Word .docx file ({type(exc).__name__})") from None


class _DocxReader:
    """Holds the document's style tables so each paragraph is classified without style look-ups."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._numbering = ListNumbering(document)
        self._heading_levels: dict[str, int] = {}
        self._superscript_styles: set[str] = set()
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                level = _style_heading_level(style.name or "", style.element)
                if level:
                    self._heading_levels[style.style_id] = level
            elif style.type == WD_STYLE_TYPE.CHARACTER and style.font.superscript:
                self._superscript_styles.add(style.style_id)

    def blocks(self) -> Iterator[Block]:
        """Every body paragraph and table, in order, as blocks."""
        for lineno, element in enumerate(_body_items(self._document.element.body), 1):
            if element.tag == _TBL:
                yield Block("table", rows=self._table_rows(element), lineno=lineno)
            else:
                yield from self._paragraph_blocks(element, lineno)

    def _paragraph_blocks(self, p: CT_P, lineno: int) -> Iterator[Block]:
        text = self._paragraph_text(p)
        label = self._numbering.label(p)  # an empty numbered paragraph still counts, as Word prints it
        label = label if text.strip() else ""
        if label:
            text = f"{label}{'' if label.endswith(('、', '．')) else ' '}{text.lstrip()}"
        level = self._heading_level(p)
        if not text.strip():
            yield Block("blank", lineno=lineno)
        elif level:
            yield Block("heading", " ".join(text.split("\n")).strip(), level=level, lineno=lineno)
        else:
            lines = text.split("\n")
            for line in lines:  # a soft line break is a line end, read as a plain-text one
                yield Block.line(line.rstrip(), lineno)
            yield Block("blank", lineno=lineno)  # the paragraph ends here, as after </p>

    def _paragraph_text(self, p: CT_P) -> str:
        """The paragraph's text, without superscript footnote marks."""
        parts = []
        for run in p.xpath(_RUNS):
            text = run.text
            if text and not (is_footnote_marker(text) and self._is_superscript(run)):
                parts.append(text)
        return "".join(parts)

    def _is_superscript(self, run: CT_R) -> bool:
        rpr = run.rPr
        if rpr is None:
            return False
        return bool(rpr.superscript) or (rpr.style in self._superscript_styles)

    def _heading_level(self, p: CT_P) -> int:
        outline = p.xpath("w:pPr/w:outlineLvl/@w:val")
        if outline and outline[0].isdigit() and int(outline[0]) < 6:
            return int(outline[0]) + 1
        return self._heading_levels.get(p.style or "", 0)

    def _table_rows(self, tbl: CT_Tbl) -> tuple[tuple[str, ...], ...]:
        table = Table(tbl, self._document)  # any parent with .part works
        rows = []
        for row in table.rows:
            try:
                tcs = [cell._tc for cell in row.cells]  # python-docx resolves spans and merges
            except (ValueError, IndexError):
                tcs = list(row._tr.tc_lst)  # a malformed vertical merge: take the cells as stored
            distinct = [tc for i, tc in enumerate(tcs) if i == 0 or tc is not tcs[i - 1]]
            rows.append(tuple(self._cell_text(tc) for tc in distinct))
        return tuple(rows)

    def _cell_text(self, tc: CT_Tc) -> str:
        texts = (self._paragraph_text(p) for p in tc.iter(_P))
        return " ".join(" ".join(text.split()) for text in texts if text.strip())


def _body_items(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Body-level paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _body_items(content)


def _style_heading_level(name: str, element: BaseOxmlElement) -> int:
    """Heading level a paragraph style gives: by its name, else by its own outline level."""
    if name == "Title":
        return 1
    match = _HEADING_STYLE.fullmatch(name.strip())
    if match:
        return int(match.group(1))
    outline = element.xpath("w:pPr/w:outlineLvl/@w:val")
    if outline and outline[0].isdigit() and int(outline[0]) < 6:
        return int(outline[0]) + 1
    return 0
