"""Word's automatic list numbering, rendered as the reader of the printed page sees it.

Plans converted to Word (by hand or by tools such as pandoc, which turn "1.", "I." and "(i)" at the
start of a paragraph into list items) keep their task and section numbers in ``numbering.xml``
rather than in the text. Without rendering them a task would lose its number and a chapter its
heading marker. Each paragraph's ``numPr`` (its own, or its style's) names a list and a level; the
level's format (decimal, roman, letters, Chinese counting, circled) and text pattern ("%1.",
"(%2)", "第%1章") give the printed label; counters run per list and reset deeper levels.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_CHINESE = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _chinese(n: int) -> str:
    if n < 10:
        return _CHINESE[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")


#: Counters beyond this are printed as decimals: a damaged file's start of 10**9 must not spell
#: a million Ms or letters.
_MAX_COUNTER = 9999


def _int(value: Any, default: int, high: int = _MAX_COUNTER) -> int:
    """An attribute as an integer in [0, high]; a missing or absurd value (a damaged file) gives the default."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 <= number <= high else default


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format."""
    if not 0 < n <= _MAX_COUNTER:
        return str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * (1 + (n - 1) // 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japanese")):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class ListNumbering:
    """The numbering definitions of one document, and the running counters of its lists."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self._counters: dict[str, dict[int, int]] = {}
        self._style_numpr: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._read(numbering)
        for style in document.styles.element.iter(qn("w:style")):
            numpr = _numpr(style.find(qn("w:pPr")))
            if numpr:
                self._style_numpr[style.get(qn("w:styleId"))] = numpr

    def _read(self, numbering: Any) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering.iter(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                _int(lvl.get(qn("w:ilvl")), 0, 8): _level(lvl) for lvl in node.iter(qn("w:lvl"))
            }
        for num in numbering.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else "", {}))
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), -1, 8)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(qn("w:val")), 1))
            self._levels[num.get(qn("w:numId"))] = levels

    def label(self, p: Any) -> str:
        """The rendered list label of paragraph ``p`` ("" when it is not a numbered list item)."""
        numpr = _numpr(p.find(qn("w:pPr"))) or self._style_numpr.get(p.style or "")
        if not numpr or numpr[0] not in self._levels:
            return ""
        num_id, ilvl = numpr
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        fmt, pattern, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        text = pattern
        for lvl, (lfmt, _, lstart) in levels.items():
            text = text.replace(f"%{lvl + 1}", format_number(counters.get(lvl, lstart), lfmt))
        return text


def _level(lvl: Any) -> tuple[str, str, int]:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    return (
        (fmt.get(qn("w:val")) or "decimal") if fmt is not None else "decimal",
        (text.get(qn("w:val")) or "") if text is not None else f"%{_int(lvl.get(qn('w:ilvl')), 0, 8) + 1}.",
        _int(start.get(qn("w:val")), 1) if start is not None else 1,
    )


def _numpr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    numpr = ppr.find(qn("w:numPr"))
    if numpr is None:
        return None
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    if num_id is None or num_id.get(qn("w:val")) in (None, "0"):
        return None
    return num_id.get(qn("w:val")), _int(ilvl.get(qn("w:val")), 0, 8) if ilvl is not None else 0
