"""Document readers: any supported file in, the reader-neutral ``ReadDocument`` out.

The extension picks the reader; every failure is a ``DocumentError`` naming the file and the
reason, so the CLI can print it as is and a batch import can skip the file and go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import ReadDocument
from ipstrategy.core.parsing.readers.docx import read_docx
from ipstrategy.core.parsing.readers.html import read_html
from ipstrategy.core.parsing.readers.pdf import read_pdf
from ipstrategy.core.parsing.readers.text import read_text

__all__ = ["SUPPORTED_EXTENSIONS", "read_document"]

Reader = Callable[[bytes, str], ReadDocument]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_EXTENSIONS = tuple(_READERS)


def read_document(path: str | os.PathLike[str]) -> ReadDocument:
    """Read a plan document into blocks, choosing the reader by the file's extension."""
    name = os.fspath(path)
    file = Path(name)
    reader = _reader_for(file, name)
    document = reader(_read_bytes(file, name), name)
    if not any(block.text.strip() or block.rows for block in document.blocks):
        raise DocumentError(name, "empty document: no text")
    return document


def _reader_for(file: Path, name: str) -> Reader:
    """The reader for an existing regular file, by its extension; missing files are refused first."""
    if not file.exists():
        raise DocumentError(name, "file not found")
    if file.is_dir():
        raise DocumentError(name, "is a directory, not a document")
    reader = _READERS.get(file.suffix.lower())
    if reader is None:
        shown = file.suffix or "(no extension)"
        raise DocumentError(name, f"unsupported file type {shown}: use {', '.join(SUPPORTED_EXTENSIONS)}")
    return reader


def _read_bytes(file: Path, name: str) -> bytes:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read file ({exc.strerror or exc})") from None
    if not data:
        raise DocumentError(name, "empty file (0 bytes)")
    return data
