"""Quantitative targets inside task text, in English and Chinese, with comparator and unit.

"guide and set up 30 or so such alliances" -> (30, about); "shorten ... to less than 16 months"
-> (16, <, months); "不少于30家" -> (30, >=); "缩短至16个月以内" -> (16, <=); "4 to 5 colleges" -> (>= 4)
and (<= 5). Years, ordinals, document numbers, rates' denominators ("per 10,000 people"), names
in quotation marks or book-title marks, and lists of numbers inside programme names are not targets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ipstrategy.core.model import TargetDraft
from ipstrategy.core.parsing.numerals import zh_number

_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_EN = re.compile(
    rf"(?<![\w.,/\-])(?P<num>{_NUM}|(?:{'|'.join(_WORDS)})\b)(?:\s*(?:to|-|–)\s*(?P<hi>{_NUM}))?"
    r"(?P<pct>\s*(?:%|per\s*cent\b|percent\b))?(?P<mult>\s+(?:thousand|million|billion)\b)?",
    re.I,
)
_EN_BEFORE = (
    ("about", re.compile(r"\b(?:about|around|approximately|roughly|some|nearly)\s+$", re.I)),
    (
        "<=",
        re.compile(
            r"\b(?:no|not)\s+more\s+than\s+$|\bat\s+most\s+$|\bnot\s+exceed(?:ing)?\s+$|\bup\s+to\s+$|\bwithin\s+$",
            re.I,
        ),
    ),
    (">=", re.compile(r"\b(?:at\s+least|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than)\s+$", re.I)),
    ("<", re.compile(r"\b(?:less|fewer)\s+than\s+$|\b(?:under|below)\s+$", re.I)),
    (">", re.compile(r"\b(?:more\s+than|over|above|exceed(?:ing)?)\s+$", re.I)),
    (">=", re.compile(r"\breach(?:es|ing)?\s+$", re.I)),
)
_EN_AFTER = (
    ("about", re.compile(r"^\s*(?:\S+\s+){0,4}?\S*\s*or\s+so\b|^-odd\b", re.I)),
    (">=", re.compile(r"^\s*(?:\S+\s+){0,3}?or\s+(?:more|above)\b", re.I)),
    ("<=", re.compile(r"^\s*(?:\S+\s+){0,3}?or\s+(?:less|fewer)\b", re.I)),
)
_EN_SKIP_BEFORE = re.compile(
    r"(?:\bNo\.|\bArticle|\bArticles|\bPhase|\bSection|\bChapter|\bper|\bevery|\beach|\bRule|\bItem|\bclass|"
    r"\bversion|[\[〔(（:：#])\s*$",
    re.I,
)
_EN_UNIT = re.compile(r"^\s*((?:[A-Za-z][\w\-’']*\s*(?:\([A-Z]{2,}\)\s*)?){1,6})")
_EN_UNIT_STOP = re.compile(
    r"\b(?:in|to|for|by|and|or|of|on|at|from|with|that|which|per|as|before|after|within)\b", re.I
)
_UNIT_LEAD = re.compile(r"^\s*(?:or\s+(?:so|more|above|less|fewer)\b\s*)?(?:such\s+)?", re.I)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$", re.I)
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?{_MONTHS}\b", re.I)
#: A day written as month.day ("the 3.15 consumer rights day", "4.26 World IP Day").
_MONTH_DAY = re.compile(r"(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])")
_DAY_WORDS = re.compile(r"\b(?:day|days|week|campaign|festival|anniversary|event|events|activities)\b", re.I)
#: "raise the number of X to no fewer than N": the unit stands before the comparator.
_NUMBER_OF = re.compile(
    r"\b(?:number|total)\s+of\s+(?P<unit>(?:[A-Za-z][\w\-’']*\s+){0,6}?[A-Za-z][\w\-’']*)\s+(?:to|at|reach(?:es|ing)?|will\s+reach|(?:shall|should|will)\s+be)\s+[^.;,]*$",
    re.I,
)
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)
_CLOSING_QUOTES = frozenset("”\"’'»」』")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b|^[-–]\w|^[A-Za-z]|^\s*(?:years?\s+old|o'clock)", re.I)

_ZH_NUM = r"(?:(?<![\d.])\d++(?:\.\d++)?|[二两三四五六七八九十][十百]?[一二三四五六七八九]?)"
_ZH_MEASURE = r"(?:个月|万人次|万人|万件|万家|亿元|万元|人次|家|个|所|项|件|人|名|月|天|%|％|倍|次|批|座|条|部|种|类|支|户|篇|件次)"
_ZH = re.compile(
    rf"(?P<pre>不少于|不低于|至少|超过|高于|多于|不超过|不高于|不多于|最多|低于|少于|约|大约|达到|缩短至|缩短到|提高到|提升至)?"
    rf"(?P<num>{_ZH_NUM})(?:\s*(?:至|到|—|-|～|~)\s*(?P<hi>{_ZH_NUM}))?(?P<wan>万|亿)?"
    rf"(?P<unit>{_ZH_MEASURE})(?P<post>以上|以下|以内|之内|内|左右|余)?"
)
_ZH_PRE = {
    "不少于": ">=",
    "不低于": ">=",
    "至少": ">=",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "最多": "<=",
    "低于": "<",
    "少于": "<",
    "约": "about",
    "大约": "about",
}
#: 以内/之内/内 count the stated number, as 以上 and 以下 do (PRC usage): "16个月以内" is at most 16 months.
_ZH_POST = {"以上": ">=", "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=", "左右": "about", "余": ">"}
_QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    quantity: float
    comparator: str
    unit: str


def extract_targets(text: str, *, language: str) -> tuple[TargetDraft, ...]:
    """Every quantitative target stated in a task's text, in order."""
    hits = _zh_hits(text) if language == "zh" else _en_hits(text)
    return tuple(
        TargetDraft(quantity=h.quantity, unit=h.unit, comparator=h.comparator, text=clause)
        for h, clause in zip(hits, _clauses(text, hits), strict=True)
    )


#: How far after a number its unit and comparator words are looked for: bounded, so that a text
#: with many numbers costs time linear in its length.
_AFTER_WINDOW = 200


def _en_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    quotes = _Quotes(text)
    for m in _en_candidates(text):
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + _AFTER_WINDOW]
        word = m.group("num").lower() in _WORDS
        if not _plausible_en(m, before, after, word) or quotes.inside(m.start()) or _is_date_or_mark(m, text, after):
            continue
        comparator = _en_comparator(before, after)
        unit = "%" if m.group("pct") else _en_unit(_UNIT_LEAD.sub("", after))
        if not unit and not word and (comparator != "=" or _TO_BEFORE.search(before)):
            unit = _unit_before(text[max(0, m.start() - _AFTER_WINDOW) : m.start()])
        if not unit or (word and not unit.split()[-1].lower().endswith("s")):
            continue
        base = _en_number(m.group("num")) * _multiplier(m.group("mult"))
        hits.extend(_range_or_single(m, base, unit, comparator))
    return hits


_EN_START = re.compile(rf"\d+|\b(?:{'|'.join(_WORDS)})\b")
_GLUED = frozenset(".,/-_")


def _en_candidates(text: str):
    """Matches of the number pattern, tried only where a number can start (much cheaper than finditer)."""
    end = 0
    lowered = text.lower()  # number words in any case, without a case-insensitive scan
    for start in _EN_START.finditer(lowered):
        at = start.start()
        if at < end or (at and (lowered[at - 1].isalnum() or lowered[at - 1] in _GLUED)):
            continue  # inside a word, a code or another number
        m = _EN.match(text, at)
        if m:
            end = m.end()
            yield m


def _is_date_or_mark(m: re.Match[str], text: str, after: str) -> bool:
    """A day of a month ("March 15", "15 March", "the 3.15 day") or a footnote mark after a closing quote."""
    at = m.start()
    if _MONTH_BEFORE.search(text[max(0, at - 12) : at]) or _MONTH_AFTER.match(after):
        return True
    if _MONTH_DAY.fullmatch(m.group("num")) and not m.group("pct") and _DAY_WORDS.search(after[:60]):
        return True
    return bool(at and text[at - 1] in _CLOSING_QUOTES and m.group("num").isdigit() and len(m.group("num")) <= 2)


def _unit_before(before: str) -> str:
    """The unit of "raise the number of X to no fewer than N": X, printed before the comparator."""
    m = _NUMBER_OF.search(before)
    return _en_unit(m.group("unit")) if m else ""


def _plausible_en(m: re.Match[str], before: str, after: str, word: bool) -> bool:
    num = m.group("num")
    if _EN_SKIP_BEFORE.search(before):
        return False
    if word and re.search(r"\bthe\s+$", before, re.I):
        return False
    if _ORDINAL_AFTER.match(after) and not m.group("pct"):
        return False
    if not word and re.fullmatch(r"(?:19|20)\d\d", num):
        return False  # a year
    # a list of numbers is a programme's name, not a target
    return not (re.match(r"^\s*(?:,|and)\s*\d", after) or re.search(r"\d\s*(?:,|and)\s*$", before))


def _en_unit(after: str) -> str:
    m = _EN_UNIT.match(after)
    if not m:
        return ""
    words = m.group(1).strip()
    stop = _EN_UNIT_STOP.search(words)
    return (words[: stop.start()] if stop else words).strip(" ,.;")


def _en_comparator(before: str, after: str) -> str:
    for comparator, pattern in _EN_AFTER:
        if pattern.match(after):
            return comparator
    for comparator, pattern in _EN_BEFORE:
        if pattern.search(before):
            return comparator
    return "="


def _en_number(token: str) -> float:
    token = token.lower()
    return float(_WORDS[token]) if token in _WORDS else float(token.replace(",", ""))


def _multiplier(word: str | None) -> float:
    return {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get((word or "").strip().lower(), 1.0)


def _range_or_single(m: re.Match[str], base: float, unit: str, comparator: str) -> list[_Hit]:
    if m.group("hi"):
        high = float(m.group("hi").replace(",", ""))
        return [_Hit(m.start(), m.end(), base, ">=", unit), _Hit(m.start(), m.end(), high, "<=", unit)]
    return [_Hit(m.start(), m.end(), base, comparator, unit)]


def _zh_hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    quotes = _Quotes(text)
    for m in _ZH.finditer(text):
        num = m.group("num")
        if text[max(0, m.start(m.lastindex or 0) - 1) : m.start()] == "第":
            continue
        if m.start("num") > 0 and text[m.start("num") - 1] in "第每":
            continue
        if quotes.inside(m.start("num")) or _zh_calendar(m):
            continue
        factor = {"万": 1e4, "亿": 1e8}.get(m.group("wan") or "", 1.0)
        unit = m.group("unit")
        if unit.startswith("万"):
            factor, unit = 1e4, unit[1:]
        comparator = _ZH_POST.get(m.group("post") or "") or _ZH_PRE.get(m.group("pre") or "", "=")
        if m.group("pre") == "达到" and m.group("post") is None:
            comparator = "="
        value = _zh_number(num) * factor
        if m.group("hi"):
            hits += [
                _Hit(m.start(), m.end(), value, ">=", unit),
                _Hit(m.start(), m.end(), _zh_number(m.group("hi")) * factor, "<=", unit),
            ]
        else:
            hits.append(_Hit(m.start(), m.end(), value, comparator, unit))
    return hits


def _zh_calendar(m: re.Match[str]) -> bool:
    """A calendar month or day ("4月26日", "11月底前", "2023年3月"), not a count of months ("3个月")."""
    return m.group("unit") == "月"  # a count of months is written 个月; 月 straight after a number names a month


def _zh_number(token: str) -> float:
    return float(token) if token[0].isdigit() else float(zh_number(token) or 0)


class _Quotes:
    """Whether a position lies inside quotation marks, asked in increasing order: one pass over the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._counts = dict.fromkeys('“”《》「」『』"*', 0)

    def inside(self, pos: int) -> bool:
        if pos < self._pos:  # asked out of order: count again from the start
            self._pos, self._counts = 0, dict.fromkeys(self._counts, 0)
        counts = self._counts
        for ch in self._text[self._pos : pos]:
            if ch in counts:
                counts[ch] += 1
        self._pos = pos
        if any(counts[open_] > counts[close] for open_, close in _QUOTES):
            return True
        return counts['"'] % 2 == 1 or counts["*"] % 2 == 1


_CLAUSE_MARK = re.compile(r"[.;。；，,]")


def _clauses(text: str, hits: list[_Hit]) -> list[str]:
    """The clause each target sits in, cut at the nearest clause marks (at most a window either side)."""
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text)] if hits else []
    clauses = []
    for hit in hits:
        i = bisect.bisect_left(marks, hit.start)
        left = max(marks[i - 1] + 1 if i else 0, hit.start - _AFTER_WINDOW)
        j = bisect.bisect_left(marks, hit.end)
        right = min(marks[j] if j < len(marks) else len(text), hit.end + _AFTER_WINDOW)
        clauses.append(text[left:right].strip())
    return clauses
