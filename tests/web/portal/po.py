"""A small reader of gettext .po files: enough to check a catalogue, no dependency needed.

Reads entries (context, id, plural id, translations, flags); obsolete ``#~`` entries are skipped.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    """One catalogue entry; ``msgstr`` has one string, or one per plural form."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The id as compiled catalogues key it: ``context\\x04id``."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)


def _string(text: str) -> str:
    return ast.literal_eval(text)  # a .po string is a C-style string: Python reads it the same way


def po_read(path: Path) -> list[Entry]:
    """The entries of a .po file, header (empty msgid) included, in file order."""
    entries: list[Entry] = []
    entry, last = Entry(), None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if last is not None:
                entries.append(entry)
            entry, last = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, last, _string(line))
        else:
            keyword, _, rest = line.partition(" ")
            last = keyword
            _append(entry, keyword, _string(rest), start=True)
    return entries


def _append(entry: Entry, keyword: str | None, text: str, start: bool = False) -> None:
    if keyword == "msgid":
        entry.msgid += text
    elif keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif keyword and keyword.startswith("msgstr"):
        if start:
            entry.msgstr.append(text)
        else:
            entry.msgstr[-1] += text
