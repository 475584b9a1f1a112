"""Document readers: any supported file in, the reader-neutral ``ReadDocument`` out.

The extension picks the reader, imported only when a file of its kind is read (python-docx, lxml
and pypdf cost more to import than a small plan costs to parse). Every failure is a
``DocumentError`` naming the file and the reason, so the CLI can print it as is and a batch import
can skip the file and go on.

A reader interprets untrusted structure (zip members, XML, PDF objects and streams) through
third-party libraries, which report a malformed file with whatever their code hit: ``zlib.error``
from a corrupt deflate stream, ``ValueError`` from an absurd Word numbering level, ``KeyError`` from
a missing PDF dictionary entry, ``OverflowError``, ``RecursionError``. ``MALFORMED`` lists them; at
this boundary they all mean "this file is damaged", and become a one-line ``DocumentError``.
"""

from __future__ import annotations

import importlib
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import ReadDocument

__all__ = ["MALFORMED", "SUPPORTED_EXTENSIONS", "read_bytes", "read_document"]

Reader = Callable[[bytes, str], ReadDocument]

#: extension -> (module under readers/, function): imported on first use
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "read_text"),
    ".text": ("text", "read_text"),
    ".md": ("text", "read_text"),
    ".markdown": ("text", "read_text"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".docx": ("docx", "read_docx"),
    ".odt": ("odt", "read_odt"),
    ".pdf": ("pdf", "read_pdf"),
}
SUPPORTED_EXTENSIONS = tuple(_READERS)

#: What the libraries under the readers raise on a damaged file (see the module docstring).
MALFORMED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    ValueError,  # includes UnicodeError
    LookupError,  # KeyError, IndexError
    TypeError,
    AttributeError,
    ArithmeticError,  # OverflowError, ZeroDivisionError
    RecursionError,
    SyntaxError,  # xml.etree ParseError and lxml's XMLSyntaxError derive from it
    AssertionError,
    NotImplementedError,
)


def read_document(path: str | os.PathLike[str]) -> ReadDocument:
    """Read a plan document into blocks, choosing the reader by the file's extension."""
    name = os.fspath(path)
    file = Path(name)
    _check_file(file, name)
    return read_bytes(_read_bytes(file, name), name)


def read_bytes(data: bytes, name: str) -> ReadDocument:
    """Read a document's bytes, choosing the reader by the extension of ``name``; ``DocumentError`` only."""
    reader = _reader_for(Path(name).suffix.lower(), name)
    if not data:
        raise DocumentError(name, "empty file (0 bytes)")
    try:
        document = reader(data, name)
    except DocumentError:
        raise
    except MALFORMED as exc:
        detail = " ".join(str(exc).split())[:120]
        raise DocumentError(
            name, f"damaged or malformed file ({type(exc).__name__}{': ' if detail else ''}{detail})"
        ) from None
    if not any(block.text.strip() or block.rows for block in document.blocks):
        raise DocumentError(name, "empty document: no text")
    if _READERS[Path(name).suffix.lower()][0] != "text":
        from ipstrategy.core.parsing.readers.markdown_residue import mend_markdown

        document = mend_markdown(document)
    return document


def _check_file(file: Path, name: str) -> None:
    """Missing files and directories are refused before their extension is looked at."""
    if not file.exists():
        raise DocumentError(name, "file not found")
    if file.is_dir():
        raise DocumentError(name, "is a directory, not a document")


def _reader_for(suffix: str, name: str) -> Reader:
    entry = _READERS.get(suffix)
    if entry is None:
        shown = suffix or "(no extension)"
        raise DocumentError(name, f"unsupported file type {shown}: use {', '.join(SUPPORTED_EXTENSIONS)}")
    module = importlib.import_module(f"{__name__}.{entry[0]}")
    reader: Reader = getattr(module, entry[1])
    return reader


def _read_bytes(file: Path, name: str) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read file ({exc.strerror or exc})") from None
