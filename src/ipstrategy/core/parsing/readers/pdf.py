"""PDF to blocks: the printed layout read with positions, or pypdf's plain text when that fails.

The text layer of a PDF has no paragraphs, headings or footnotes, only positioned glyphs. So the
reader interprets each page's drawing (``pdf_content``: text fragments with position, size and
weight, and the rules drawn) and reads the layout as a person does (``pdf_layout``): lines by
position, one ``line`` block per paragraph followed by a ``blank``, ``heading`` blocks for lines
in a larger or bold font, ``table`` blocks for ruled tables, page numbers, footnotes and footnote
marks dropped. ``lineno`` is the printed line's number in the document (1-based, top to bottom).

When positions cannot be read (pypdf's internals changed, or a content stream they cannot
measure), the reader falls back to pypdf's plain text (``pages_to_blocks``): one line block per
extracted line, a blank between pages, and a page number alone on the first or last line of a page
("3", "- 3 -", "— 3 —", "第3页", "Page 3 of 10") dropped; a bare number counts only up to three
digits, so a year closing a page stays. Scanned PDFs have no text layer; they are refused rather
than read as empty (no OCR).
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError
from pypdf.errors import DeprecationError as PypdfDeprecationError

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import Block, ReadDocument
from ipstrategy.core.parsing.readers.pdf_content import FontCache, LayoutUnavailable, PageContent, read_page
from ipstrategy.core.parsing.readers.pdf_layout import layout_blocks

#: What pypdf raises on a damaged or odd file: its own errors, and DeprecationError (not one of them)
#: for names pypdf 7 no longer reads, such as a stream filter abbreviated "/Fl".
_PYPDF_ERRORS = (PyPdfError, PypdfDeprecationError)

_PAGE_NUMBER = re.compile(
    r"\s*(?:[-–—－·]\s*)?\d{1,3}(?:\s*[-–—－·])?\s*"  # 3, - 3 -, — 3 — (not 2020: a year or a cell)
    r"|\s*第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?\s*"  # 第3页, 第3页 共10页
    r"|\s*(?:page\s*)?\d{1,4}\s*(?:of|/|／)\s*\d{1,4}\s*"  # Page 3 of 10, 3 / 10
    r"|\s*page\s*\d{1,4}\s*",  # Page 3
    re.IGNORECASE,
)


def read_pdf(data: bytes, path: str) -> ReadDocument:
    """Read a .pdf file's bytes (its text layer) into a ReadDocument."""
    reader = _open(data, path)
    contents = _page_contents(reader)
    if contents is not None:
        return ReadDocument(path, tuple(layout_blocks(contents)), "pdf")
    pages = _page_texts(reader, path)
    if not any(text.strip() for text in pages):
        raise DocumentError(path, "no text layer (scanned PDF?)")
    return ReadDocument(path, tuple(pages_to_blocks(pages)), "pdf")


def _page_contents(reader: PdfReader) -> list[PageContent] | None:
    """Every page's fragments and rules, or None when positions cannot be read or hold no text."""
    fonts = FontCache()
    try:
        contents = [read_page(page, fonts) for page in reader.pages]
    except (LayoutUnavailable, *_PYPDF_ERRORS, RecursionError):
        return None
    return contents if any(content.fragments for content in contents) else None


def pages_to_blocks(pages: list[str]) -> list[Block]:
    """Turn each page's extracted text into line and blank blocks, with a blank between pages."""
    blocks: list[Block] = []
    lineno = 0
    for number, text in enumerate(pages):
        if number:
            blocks.append(Block("blank", lineno=lineno + 1))
        lines = text.splitlines()
        keep = _body_range(lines)
        for index, line in enumerate(lines):
            if index in keep:
                blocks.append(Block.line(line, lineno + index + 1))
        lineno += len(lines)
    return blocks


def _body_range(lines: list[str]) -> range:
    """Indices of the page's lines minus a page number on its first or last non-empty line."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return range(len(lines))
    start, stop = 0, len(lines)
    if _PAGE_NUMBER.fullmatch(lines[filled[-1]]):
        stop = filled[-1]
    if _PAGE_NUMBER.fullmatch(lines[filled[0]]) and filled[0] < stop:
        start = filled[0] + 1
    return range(start, stop)


def _open(data: bytes, path: str) -> PdfReader:
    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk, as readers allow
        raise DocumentError(path, "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
    except (*_PYPDF_ERRORS, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(path, f"damaged PDF ({exc})") from None
    if reader.is_encrypted and not _decrypts_without_password(reader):
        raise DocumentError(path, "encrypted PDF: it needs a password")
    return reader


def _decrypts_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only to restrict printing or copying: their user password is empty."""
    try:
        return bool(reader.decrypt(""))
    except (DependencyError, *_PYPDF_ERRORS, NotImplementedError):
        return False  # e.g. AES without the optional cryptography package: we cannot open it


def _page_texts(reader: PdfReader, path: str) -> list[str]:
    try:
        # CID fonts whose 2-byte codes pypdf reads one byte at a time leave NULs between characters.
        return [(page.extract_text() or "").replace("\x00", "") for page in reader.pages]
    except (*_PYPDF_ERRORS, ValueError, KeyError, TypeError) as exc:
        # pypdf signals a damaged content stream with several exception types; all mean the same.
        raise DocumentError(path, f"damaged PDF ({exc})") from None
