"""Inline clean-up of one printed line: markup and footnote markers out, the words kept as printed.

Plan texts reach us through translations, web pages and word processors, which leave markdown
emphasis, ``<sup>n</sup>`` footnote markers, escaped characters and links in the running text.
None of that is part of the plan, so it goes before any structure is read.
"""

from __future__ import annotations

import re

_SUP = re.compile(r"<sup>\s*[^<]{0,8}?\s*</sup>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:b|i|em|strong|u|span|br|sub)\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS = re.compile(r"\*+|(?<![\w])__+|__+(?![\w])")
_EDGE_SPACE = " \t\u3000\u00a0\ufeff\u200b"

#: A footnote that a translator or an editor put in the text: "<sup>1</sup> Translator's note: ...".
FOOTNOTE_START = re.compile(
    r"^\s*(?:<sup>\s*\S{1,4}\s*</sup>|\[\d{1,3}\]\s|\d{1,3}\s+Translator|Translator['’]s note)", re.I
)
#: An explicit footnote block marker such as "--- footnote ---" or "—— 脚注 ——".
FOOTNOTE_MARKER = re.compile(r"^\s*[-—–_=*]{2,}\s*(?:foot\s*notes?|notes?|脚注|注释)\s*[-—–_=*]{2,}\s*$", re.I)


#: Non-breaking and other Unicode spaces that word processors put between words: one plain space each
#: (the ideographic space U+3000, a Chinese indent, is kept: it is trimmed at the edges only).
_UNICODE_SPACES = dict.fromkeys([0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F], " ")
_HAS_UNICODE_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")


def clean_inline(text: str) -> str:
    """The line without markup, footnote markers and edge white space (inner spacing kept)."""
    if not text.isascii() and _HAS_UNICODE_SPACE.search(text):
        text = text.translate(_UNICODE_SPACES)
    if "<" in text:
        text = _SUP.sub("", text)
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text.strip(_EDGE_SPACE)


def is_footnote_start(raw: str) -> bool:
    """True when a raw line opens a translator's or editor's footnote."""
    return bool(FOOTNOTE_START.match(raw))
