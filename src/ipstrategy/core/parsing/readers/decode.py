"""Bytes to text for plain-text and HTML plans: BOMs, UTF-16, UTF-8, then GB18030, nothing guessed.

Chinese plans arrive as UTF-8, as GBK/GB2312 from older government sites, and now and then as
UTF-16 saved by Notepad. Anything else is refused rather than decoded into plausible-looking junk:
a plan parsed from mojibake yields wrong departments, which is worse than an error.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.textnorm import to_simplified

# Longest BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Aliases a <meta charset> may use for the GB family; GB18030 is a superset of all of them.
_GB_ALIASES = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "chinese", "csgb2312"})
# What a Chinese or English plan is made of; UTF-16 decoded with the wrong byte order is not.
_IMPLAUSIBLE = re.compile(
    "[^\t\n\r\f\x20-\x7e\xa0-\u024f\u2000-\u206f\u2100-\u27bf\u3000-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_FORM_FEED = re.compile(r"\n?\f\n?")
_UNDECODABLE = "cannot decode text: not UTF-8, UTF-16 or GB18030"


def decode_bytes(data: bytes, path: object, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes to (text with '\\n' newlines, encoding name), or raise DocumentError.

    ``declared`` is an encoding named by the file itself (an HTML ``<meta charset>``). A BOM or
    valid UTF-8 wins over it, and a declaration the bytes contradict is ignored.
    """
    text, encoding = _decode(data, path, declared)
    if "\x00" in text:
        raise DocumentError(path, "binary content (NUL bytes): not a text file")
    return normalise_newlines(text), encoding


def normalise_newlines(text: str) -> str:
    """Turn \\r\\n and \\r into \\n, and each form feed (a page break) into one blank line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        # A form feed alone on its line becomes that blank line, so later line numbers stay put.
        text = _FORM_FEED.sub("\n\n", text)
    return text


def _decode(data: bytes, path: object, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding.removesuffix("-sig"), path), encoding
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, path)
    try:
        # Valid UTF-8 beats a declaration: non-ASCII text in another encoding is almost never valid
        # UTF-8, while pages re-saved as UTF-8 often keep their old <meta charset=gb2312>.
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    attempt = _try_declared(data, declared)
    if attempt is not None:
        return attempt
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(path, _UNDECODABLE) from None
    if not looks_chinese(text):
        raise DocumentError(path, _UNDECODABLE)
    return text, "gb18030"


def _strict(data: bytes, encoding: str, path: object) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"cannot decode text: invalid {encoding.upper()} ({exc.reason})") from None


def _try_declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """Decode with the file's own declaration if it names a real codec and the bytes fit it."""
    if not declared:
        return None
    name = declared.strip().lower()
    name = "gb18030" if name in _GB_ALIASES else name
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # an ASCII-readable declaration cannot be UTF-16 (HTML spec says: UTF-8)
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        return None


def _decode_utf16_without_bom(data: bytes, path: object) -> tuple[str, str]:
    """NUL bytes mean UTF-16 or binary: ASCII and newlines in UTF-16 put a NUL in every high byte."""
    if len(data) % 2 == 0:
        nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
        for encoding, right, wrong in (("utf-16-le", nul_odd, nul_even), ("utf-16-be", nul_even, nul_odd)):
            if right > wrong:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if "\x00" not in text and _plausible_share(text) >= 0.95:
                    return text, encoding
    raise DocumentError(path, "binary content (NUL bytes): not a text file")


def _plausible_share(text: str) -> float:
    """Share of characters that a plan in Chinese or a Western language could contain."""
    return 1.0 - len(_IMPLAUSIBLE.findall(text)) / max(len(text), 1)


def looks_chinese(text: str) -> bool:
    """True when the non-ASCII characters are mostly common Chinese, not Latin-1 bytes read as GBK.

    A Latin-1 accented letter followed by an ASCII letter is a valid GBK pair, but it lands in the
    rare-character or private-use areas; real Chinese text is almost all GB2312 characters (or
    traditional forms of them). Conservative on purpose: at most 10% of it may be rare.
    """
    counts = Counter(text)
    total = rare = 0
    for char, count in counts.items():
        if char < "\x80":
            continue
        total += count
        if not _is_common_chinese(char):
            rare += count
    return total > 0 and rare * 10 <= total


def _is_common_chinese(char: str) -> bool:
    if "\ue000" <= char <= "\uf8ff":
        return False  # private use: GBK user-defined areas
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return to_simplified(char) != char  # a traditional form of a common character
