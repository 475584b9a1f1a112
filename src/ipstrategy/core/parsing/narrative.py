"""Indicator values stated in a plan's background chapter rather than in a table.

A multi-year plan opens by reviewing the period before it: "The number of invention patents per
10,000 people has increased from 6.3 to 15.8", "the added value of copyright industries
accounted for more than 7.39% of GDP", "每万人口发明专利拥有量由“十二五”末的6.3件增加到15.8件".
Values reached are those of the year before the plan starts; a "from" value is the end of the
previous five-year plan (or the start of the reviewed period). Shares of GDP are published a
year late, so a note that dates marked values ("③④ is the value in 2019") dates them.
"""

from __future__ import annotations

import re

from ipstrategy.core.parsing.indicator_tables import IndicatorRow
from ipstrategy.core.parsing.numerals import five_year_plan_end, zh_number

_NUM = r"\d[\d,]*(?:\.\d+)?"
_EN_FROM_TO = re.compile(
    rf"(?P<subject>\b[Tt]he\s+[^.;:!?\"“”]{{5,160}}?)\s+(?:has\s+|have\s+)?(?:increased|grown|risen|rose|grew|climbed|improved)\s+from\s*"
    rf"(?P<gap>(?:[^0-9]|\d{{1,2}}(?:st|nd|rd|th)\b){{0,300}}?)(?P<a>{_NUM})\s*(?P<ua>%|points?)?\s+to\s+(?P<b>{_NUM})\s*(?P<ub>%|points?|[a-z]+)?",
)
_EN_SHARE = re.compile(
    rf"(?P<subject>\b[Tt]he\s+[^.;:!?]{{5,160}}?)\s+(?:has\s+|have\s+)?(?:accounted|accounts|account)\s+for\s+"
    rf"(?:more\s+than\s+|over\s+|about\s+|nearly\s+|around\s+)?(?P<v>{_NUM})\s*%\s+of\s+(?:the\s+)?(?:GDP|gross\s+domestic\s+product)",
)
_EN_REACHED = re.compile(
    rf"(?P<subject>\b[Tt]he\s+[^.;:!?,]{{5,160}}?)\s+(?:has\s+|have\s+)?(?:increased|risen|grown|reached|improved|rose)\s+to\s+"
    rf"(?P<v>{_NUM})\s*(?P<unit>points?|%|percent)",
)
_ZH_FROM_TO = re.compile(
    rf"(?P<subject>[^，。；、“”]{{4,40}}?)(?:由|从)(?P<gap>[^，。；\d]{{0,16}}?)(?P<a>{_NUM})(?P<ua>[^\d，。；]{{0,3}}?)"
    rf"(?:增加|增长|提高|提升|上升)(?:到|至)(?P<b>{_NUM})(?P<ub>件|分|%|亿元|万件|万)?"
)
_ZH_SHARE = re.compile(
    rf"(?P<subject>[^，。；“”]{{4,40}}?)占(?:GDP|国内生产总值)(?:的)?比重(?:达到|为|超过|提高到)?(?P<v>{_NUM})%"
)
_ZH_REACHED = re.compile(
    rf"(?P<subject>[^，。；“”]{{4,40}}?)(?:提高|提升|增加|达到)(?:到|至)?(?P<v>{_NUM})(?P<unit>分)"
)
_END_OF_FYP = re.compile(r"end of the (\d{1,2})(?:st|nd|rd|th) Five-Year Plan|“?十([一二三四五六七八九])五”?末", re.I)
_BACKGROUND = re.compile(
    r"background|achievements|development basis|review|规划背景|发展基础|发展环境|主要成就|基础", re.I
)


def is_background_title(title: str) -> bool:
    """True for the chapter that reviews the period before the plan."""
    return bool(_BACKGROUND.search(title))


_TRIGGER = re.compile(
    r"(?:increased|grown|risen|rose|grew|climbed|improved|reached)\s+(?:from|to)\b|accounted\s+for|"
    r"accounts?\s+for|增加到|增长到|提高到|提升到|上升到|增加至|提高至|占(?:GDP|国内生产总值)"
)
WINDOW_BEFORE, WINDOW_AFTER = 240, 420


def read_background(text: str, *, period_start: int | None, period_end: int | None) -> list[IndicatorRow]:
    """Indicator values stated in a background chapter's text."""
    if period_start is None:
        return []
    base = period_start - 1
    length = (period_end - period_start + 1) if period_end else 5
    rows: list[IndicatorRow] = []
    seen: set[tuple[str, str]] = set()
    for window in _windows(text):
        for row in _rows_in(window, base, length):
            key = (row.name, repr(sorted(row.values.items())))
            if key not in seen and not any(r.name == row.name for r in rows):
                seen.add(key)
                rows.append(row)
    return rows


def _windows(text: str) -> list[str]:
    """The sentence around each verb that states a figure, from its start to a little past the verb
    (the patterns are costly, so they only ever see these stretches; the reach past the verb keeps
    a subject whose figures follow in the next, garbled sentence)."""
    windows = []
    for m in _TRIGGER.finditer(text):
        sentence = max(
            text.rfind(". ", 0, m.start()) + 2, text.rfind("。", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1
        )
        start = max(sentence, m.start() - WINDOW_BEFORE, 0)
        windows.append(text[start : min(len(text), m.end() + WINDOW_AFTER)])
    return windows


def _finditer(
    text: str, english: re.Pattern[str], chinese: re.Pattern[str], hints: tuple[str, ...]
) -> list[re.Match[str]]:
    """Both languages' matches, trying the costly patterns only where their verb occurs."""
    if not any(hint in text for hint in hints):
        return []
    return list(english.finditer(text)) + list(chinese.finditer(text))


def _rows_in(text: str, base: int, length: int) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for m in _finditer(text, _EN_FROM_TO, _ZH_FROM_TO, ("from", "由", "从")):
        start_year, end_year = _from_to_years(m.group(0), base, length)
        name = _subject(m.group("subject"))
        unit = _unit(m.group("ub") or m.group("ua") or "", name)
        values = {str(start_year): _num(m.group("a")), str(end_year): _num(m.group("b"))}
        rows.append(IndicatorRow(name, unit, values))
    for m in _finditer(text, _EN_SHARE, _ZH_SHARE, ("ccount", "占")):
        name = _subject(m.group("subject"))
        name = f"{name}占GDP比重" if "占" in m.group(0) else _share_name(name)
        rows.append(IndicatorRow(name, "% of GDP", {str(base): _num(m.group("v"))}, marks={str(base): "share"}))
    for m in _finditer(text, _EN_REACHED, _ZH_REACHED, (" to ", "提高", "提升", "增加", "达到")):
        name = _subject(m.group("subject"))
        if not any(r.name == name for r in rows):
            rows.append(IndicatorRow(name, _unit(m.group("unit"), name), {str(base): _num(m.group("v"))}))
    return rows


def redate_shares(rows: list[IndicatorRow], year: str, note: str) -> None:
    """A table note dating lagged statistics re-dates the shares of GDP read from the text."""
    for row in rows:
        if row.marks.get(next(iter(row.values), "")) == "share":
            value = next(iter(row.values.values()))
            row.values = {year: value}
            row.marks = {}
            row.note = note


def _from_to_years(sentence: str, base: int, length: int) -> tuple[int, int]:
    m = _END_OF_FYP.search(sentence)
    if m:
        number = int(m.group(1)) if m.group(1) else 10 + (zh_number(m.group(2)) or 0)
        end = five_year_plan_end(number)
        return end, end + 5
    return base - length, base


def _subject(raw: str) -> str:
    subject = re.sub(r"^[Tt]he\s+", "", raw.strip())
    subject = re.sub(r"\s+(?:in|of)\s+(?:China|our country|my country)$|\s+nationwide$", "", subject)
    return subject.strip(" ,，")


def _share_name(name: str) -> str:
    return name if "share" in name.lower() else f"{name} as a share of GDP"


def _unit(raw: str, name: str) -> str:
    raw = (raw or "").strip()
    if raw.startswith("point") or raw == "分":
        return "points"
    if raw in ("%", "percent"):
        return "%"
    m = re.search(r"(invention patents|patents)\s+per\s+(10,?000\s+\w+)", name, re.I)
    if m:
        return f"{m.group(1)} per {m.group(2)}"
    return raw


def _num(token: str) -> float:
    return float(token.replace(",", ""))
