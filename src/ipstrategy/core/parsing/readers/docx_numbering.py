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
#: Formats that count through a fixed cycle of signs (the heavenly stems, the earthly branches):
#: past the cycle Word prints a decimal.
_CYCLES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
}
_LEGAL = {"chineseLegalSimplified": "零壹贰叁肆伍陆柒捌玖", "ideographLegalTraditional": "零壹貳參肆伍陸柒捌玖"}


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


def _chinese(n: int, digits: str = _CHINESE, units: str = "十百千") -> str:
    """``n`` (1..9999) in Chinese counting: 十二, 二十, 一百零五, 一千二百."""
    if n < 10:
        return digits[n]
    if n < 20 and units[0] == "十":
        return "十" + (digits[n - 10] if n > 10 else "")
    out, pending_zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit, n = divmod(n, power)
        if digit:
            out += (digits[0] if pending_zero and out else "") + digits[digit] + unit
            pending_zero = False
        else:
            pending_zero = bool(out)
    return out


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
    if fmt in _CYCLES:
        cycle = _CYCLES[fmt]
        return cycle[n - 1] if n <= len(cycle) else str(n)
    if fmt in _LEGAL:
        return _chinese(n, _LEGAL[fmt], "拾佰仟")
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japanese")):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


#: One level of a list: (number format, label pattern, start value, legal numbering, restart), where
#: restart is ``w:lvlRestart``: -1 (absent: restart when any higher level advances), 0 (never), or
#: the 1-based level whose advance (or a higher one's) restarts it.
_Level = tuple[str, str, int, bool, int]


class ListNumbering:
    """The numbering definitions of one document, and the running counters of its lists.

    As in Word, the counters belong to the abstract list (``w:abstractNum``) a ``w:num`` points
    to: paragraphs of two ``w:num`` sharing one abstract list continue one series, and a ``w:num``
    whose ``w:lvlOverride`` carries a ``w:startOverride`` (or a whole ``w:lvl``) restarts the
    overridden levels at its first paragraph. A level's counter restarts when a higher level
    advances, unless its ``w:lvlRestart`` says otherwise. An abstract list that only names a
    numbering style (``w:numStyleLink``) takes the levels, and the counters, of the list that style
    defines (``w:styleLink``), as Word does for lists of one style across a document.
    """

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}  # numId -> ilvl -> level
        self._abstract_of: dict[str, str] = {}  # numId -> abstractNumId
        self._restarts: dict[str, set[int]] = {}  # numId -> levels its overrides restart
        self._counters: dict[str, dict[int, int]] = {}  # abstractNumId -> ilvl -> counter
        self._style_numpr: dict[str, tuple[str | None, int | None]] = {}
        for style in document.styles.element.iter(qn("w:style")):
            numpr = _numpr_parts(style.find(qn("w:pPr")))
            if numpr != (None, None):
                self._style_numpr[style.get(qn("w:styleId"))] = numpr
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering: Any) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        style_links: dict[str, str] = {}  # abstractNumId -> the numbering style it takes its levels from
        for node in numbering.iter(qn("w:abstractNum")):
            abstract_id = node.get(qn("w:abstractNumId"))
            abstract[abstract_id] = {_int(lvl.get(qn("w:ilvl")), 0, 8): _level(lvl) for lvl in node.iter(qn("w:lvl"))}
            link = node.find(qn("w:numStyleLink"))
            if link is not None and not abstract[abstract_id]:
                style_links[abstract_id] = link.get(qn("w:val")) or ""
        abstract_of_num = {
            num.get(qn("w:numId")): ref.get(qn("w:val"))
            for num in numbering.iter(qn("w:num"))
            if (ref := num.find(qn("w:abstractNumId"))) is not None
        }
        linked: dict[str, str] = {}  # abstractNumId -> the abstract list its style link resolves to
        for abstract_id, style_id in style_links.items():
            style_num = self._style_numpr.get(style_id, (None, None))[0]
            target = abstract_of_num.get(style_num or "")
            if target and target != abstract_id and target in abstract and target not in style_links:
                abstract[abstract_id] = abstract[target]
                linked[abstract_id] = target
        for num in numbering.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(qn("w:val")) if ref is not None else ""
            abstract_id = linked.get(abstract_id or "", abstract_id)
            levels = dict(abstract.get(abstract_id or "", {}))
            restarts: set[int] = set()
            for override in num.iter(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), -1, 8)
                if ilvl < 0:
                    continue
                redefined = override.find(qn("w:lvl"))
                if redefined is not None:
                    levels[ilvl] = _level(redefined)
                    restarts.add(ilvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _, legal, restart = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(qn("w:val")), 1), legal, restart)
                    restarts.add(ilvl)
            num_id = num.get(qn("w:numId"))
            self._levels[num_id] = levels
            self._abstract_of[num_id] = f"a{abstract_id}" if abstract_id else f"n{num_id}"
            self._restarts[num_id] = restarts

    def _paragraph_numpr(self, p: Any) -> tuple[str, int] | None:
        """The list and level of paragraph ``p``: its own ``numPr``, completed by its style's."""
        own_id, own_lvl = _numpr_parts(p.find(qn("w:pPr")))
        style_id, style_lvl = self._style_numpr.get(p.style or "", (None, None))
        num_id = own_id if own_id is not None else style_id
        if num_id is None or num_id == "0":
            return None
        ilvl = own_lvl if own_lvl is not None else style_lvl
        return num_id, ilvl or 0

    def label(self, p: Any) -> str:
        """The rendered list label of paragraph ``p`` ("" when it is not a numbered list item)."""
        numpr = self._paragraph_numpr(p)
        if not numpr or numpr[0] not in self._levels:
            return ""
        num_id, ilvl = numpr
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(self._abstract_of[num_id], {})
        restarts = self._restarts.pop(num_id, set())
        for restarted in restarts:  # this list instance's first paragraph: its overrides take effect
            for lvl in [lvl for lvl in counters if lvl >= restarted]:
                del counters[lvl]
        fmt, pattern, start, legal, _ = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl and _restarts_after(levels.get(lvl), ilvl)]:
            del counters[deeper]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        text = pattern
        for lvl, (lfmt, _, lstart, _, _) in levels.items():
            shown = "decimal" if legal and lvl < ilvl else lfmt
            text = text.replace(f"%{lvl + 1}", format_number(counters.get(lvl, lstart), shown))
        return text


def _restarts_after(level: _Level | None, advanced: int) -> bool:
    """Does a deeper level restart when level ``advanced`` (0-based) advances? (``w:lvlRestart``)"""
    restart = level[4] if level is not None else -1
    return restart < 0 or (restart > 0 and advanced < restart)


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    legal = lvl.find(qn("w:isLgl"))
    restart = lvl.find(qn("w:lvlRestart"))
    return (
        (fmt.get(qn("w:val")) or "decimal") if fmt is not None else "decimal",
        (text.get(qn("w:val")) or "") if text is not None else f"%{_int(lvl.get(qn('w:ilvl')), 0, 8) + 1}.",
        _int(start.get(qn("w:val")), 1) if start is not None else 1,
        legal is not None and legal.get(qn("w:val"), "1") not in ("0", "false", "off"),
        _int(restart.get(qn("w:val")), -1, 9) if restart is not None else -1,
    )


def _numpr_parts(ppr: Any) -> tuple[str | None, int | None]:
    """The ``numId`` and ``ilvl`` a ``pPr`` states (either may be absent: a style supplies it)."""
    if ppr is None:
        return None, None
    numpr = ppr.find(qn("w:numPr"))
    if numpr is None:
        return None, None
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    return (
        num_id.get(qn("w:val")) if num_id is not None else None,
        _int(ilvl.get(qn("w:val")), 0, 8) if ilvl is not None else None,
    )
