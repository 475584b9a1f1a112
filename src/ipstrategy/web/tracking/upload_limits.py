"""What an uploaded workbook may be before any XML of it is parsed: sizes, members, no DTDs.

An .xlsx is a zip of XML files. Compression hides size (a 164 KB upload can hold 300 MB of sheet
XML) and XML can declare entities that expand on parsing, so the zip's own directory is checked
first: how many members, how large each is and all are uncompressed, and that no XML part
declares a DOCTYPE (a template written by this system never does). Only then is the workbook
opened, in openpyxl's read-only streaming mode, with row and column counts checked as it is read.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

#: A department's template has one row per task (hundreds) and ten columns; these leave ample room.
MAX_ROWS = 20_000
MAX_COLUMNS = 50
MAX_MEMBERS = 200
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
#: How far into each XML part a DOCTYPE would have to appear (it must precede the root element).
_PROLOG_BYTES = 64 * 1024


class UploadRejected(ValueError):
    """The workbook breaks a limit; the message says which, in words for the uploader."""


def workbook_inspect(content: bytes) -> None:
    """Raise ``UploadRejected`` unless the zip's directory and XML prologs are within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UploadRejected(_("This is not an Excel workbook (.xlsx).")) from exc
    if len(members) > MAX_MEMBERS:
        raise UploadRejected(_("The workbook has more than %(n)d parts.") % {"n": MAX_MEMBERS})
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        mb = MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
        raise UploadRejected(_("The workbook expands to more than %(mb)d MB; a template is far smaller.") % {"mb": mb})
    for member in members:
        if member.filename.endswith((".xml", ".rels", ".vml")):
            _check_prolog(archive, member)


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    try:
        with archive.open(member) as stream:
            head = stream.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRejected(_("The workbook part %(part)s is damaged.") % {"part": member.filename}) from exc
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise UploadRejected(
            _("The workbook part %(part)s declares a DOCTYPE, which spreadsheets never need.")
            % {"part": member.filename}
        )
