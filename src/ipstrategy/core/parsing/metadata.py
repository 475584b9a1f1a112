"""A plan's title, date, type, issuer, period and language, read from its front matter.

Plans reach us wrapped in a notice ("Notice of the State Council on Printing and Distributing
...", 关于印发……的通知), with addressees, a signature and a date, and sometimes a translator's
header. The plan's own title is the first title-like line before its first numbered heading; the
issuer is named in the notice's title, or signs above the date, or stands alone in the front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ipstrategy.core.agencies import Registry
from ipstrategy.core.parsing.numbering import match_marker
from ipstrategy.core.parsing.numerals import five_year_plan_end, zh_number
from ipstrategy.core.parsing.paragraphs import Para
from ipstrategy.core.parsing.responsibility import segment_bodies

_PLAN_WORD = re.compile(
    r"\b(?:plan|outline|opinions?|programme|program|guidelines|key\s+(?:work\s+)?points)\b|计划|规划|纲要|意见|方案|要点",
    re.I,
)
_NOTICE = re.compile(r"^(?:notice|circular|letter)\b|关于(?:印发|转发|发布|颁布)|的通知$|^通知$", re.I)
_NOTICE_WHO = (
    re.compile(
        r"^(?:notice|circular)\s+(?:of|by|from)\s+(?P<who>.+?)\s+(?:on|concerning|regarding|about)\s+(?:the\s+)?"
        r"(?:print|issu|publi|distribut|forward|approv|circulat|releas)",
        re.I,
    ),
    re.compile(r"^(?P<who>.+?)关于(?:印发|转发|发布|颁布)"),
)
_QUOTED_TITLE = re.compile(r"[“\"《*]([^”\"》*]{8,200}?(?:Plan|Outline|Opinions|计划|规划|纲要|意见))[”\"》*]")
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH_RE = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATES = (
    re.compile(rf"{_MONTH_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<num>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
    re.compile(
        r"(?P<zyear>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<zmon>[一二三四五六七八九十]{1,3})\s*月\s*(?P<zday>[一二三四五六七八九十]{1,3})\s*日"
    ),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)(?!\d)"),
)
_BAD_DATE_CONTEXT = re.compile(r"translat|upload|as of|accessed|retrieved|archived|updated on|译", re.I)
_GOOD_DATE_CONTEXT = re.compile(r"dated|issued|updated|印发|发布|印|成文", re.I)
_SPAN = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[-—–－~～至到]{1,2}\s*((?:19|20)\d\d)")
_FYP = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)\s+Five[- ]Year|十([一二三四五六七八九])五|“十([一二三四五六七八九])五”", re.I
)
_BY_YEAR = re.compile(r"\b(?:by|until|till|through)\s+((?:19|20)\d\d)\b|(?:到|至)((?:19|20)\d\d)年", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
FRONT_MATTER_SPAN = 12
BACK_MATTER_SPAN = 15


@dataclass(frozen=True)
class Metadata:
    """The plan-level facts, and where its body starts."""

    title: str
    title_index: int
    date: str | None
    plan_type: str | None
    issuer: tuple[str, ...]
    period: tuple[int | None, int | None]
    language: str


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """'zh' when Chinese characters outnumber Latin letters, else 'en'."""
    sample = text[:6_000]
    return "zh" if len(_CJK_CHAR.findall(sample)) > len(_LATIN_CHAR.findall(sample)) else "en"


def first_section_index(paras: list[Para], start: int = 0) -> int:
    """Index of the first numbered heading-like paragraph at or after ``start``."""
    for idx in range(start, len(paras)):
        p = paras[idx]
        if p.kind in ("text", "heading") and match_marker(p.text) and len(p.text) < 200:
            return idx
    return len(paras)


# A sentence ends inside the line: a notice's sentence run into its signature, not a title.
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s+[A-Z])|[。！？；](?=.)")


def find_title(paras: list[Para]) -> tuple[str, int]:
    """The plan's own title and its index (-1 when taken from a notice or the first line)."""
    limit = first_section_index(paras)
    candidates = [
        idx
        for idx in range(min(limit, len(paras)))
        if paras[idx].kind in ("text", "heading")
        and paras[idx].text
        and len(paras[idx].text) <= 250
        and _PLAN_WORD.search(paras[idx].text)
        and not _NOTICE.search(paras[idx].text)
        and paras[idx].text[-1] not in ".。:：;；,，"
        and not _SENTENCE_BREAK.search(paras[idx].text)
    ]
    if candidates:
        # The first title-like line is the title (a later plan-worded line is a caption or a
        # subtitle); where a web page repeats it above its body, the last repetition is where the
        # plan itself starts, after the page's and the notice's front matter.
        title = paras[candidates[0]].text
        return title, max(idx for idx in candidates if paras[idx].text == title)
    for p in paras[:limit]:
        m = _QUOTED_TITLE.search(p.text)
        if m and _NOTICE.search(p.text):
            return m.group(1).strip(), -1
    first = next((p.text for p in paras if p.text), "")
    return first[:250], -1


def find_date(paras: list[Para], title_index: int) -> tuple[str | None, int]:
    """The issue date (ISO) and the index of its paragraph; prefers a signed, standalone date."""
    best: tuple[int, int, str] | None = None
    front_end = max(title_index, 0) + FRONT_MATTER_SPAN
    for idx, p in enumerate(paras):
        if p.kind not in ("text", "heading") or front_end <= idx < len(paras) - BACK_MATTER_SPAN:
            continue  # issue dates stand in the front matter or under the closing signature
        for when, start in _dates_in(p.text):
            score = _date_score(paras, idx, p.text, start, title_index)
            if best is None or score > best[0]:
                best = (score, idx, when)
    if best is None:
        return None, -1
    return best[2], best[1]


def _date_score(paras: list[Para], idx: int, text: str, start: int, title_index: int) -> int:
    score = 3 if len(text) <= 40 else 0
    context = text[max(0, start - 40) : start]
    score += 1 if _GOOD_DATE_CONTEXT.search(context) else 0
    score -= 4 if _BAD_DATE_CONTEXT.search(context) else 0
    prev = _previous_text(paras, idx)
    if prev is not None:
        if (paras[prev].kind == "heading" or len(paras[prev].text) < 40) and _BAD_DATE_CONTEXT.search(paras[prev].text):
            score -= 4  # under a label such as "Translation Date"
        elif len(paras[prev].text) < 200 and (
            "stamped" in paras[prev].text or "盖章" in paras[prev].text or _looks_like_signature(paras[prev].text)
        ):
            score += 2
    score += 1 if title_index >= 0 and idx < title_index else 0
    score -= 1 if title_index >= 0 and idx > title_index + 3 and len(paras) - idx > 5 else 0
    return score


def _looks_like_signature(text: str) -> bool:
    return bool(
        re.search(
            r"(?:Office|Council|Administration|Ministry|Commission|Bureau|部|局|委|院|办公室|办公厅|会议)\W*$",
            text.strip(),
        )
    )


def _previous_text(paras: list[Para], idx: int) -> int | None:
    for j in range(idx - 1, -1, -1):
        if paras[j].kind in ("text", "heading") and paras[j].text:
            return j
    return None


_DATE_HINT = re.compile(r"(?:19|20)\d\d|[〇○]")


def _dates_in(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if not _DATE_HINT.search(text):
        return out
    for pattern in _DATES:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso:
                out.append((iso, m.start()))
    return out


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    try:
        if groups.get("zyear"):
            year, month, day = (zh_number(groups[k]) or 0 for k in ("zyear", "zmon", "zday"))
        else:
            year = int(groups["year"])
            month = int(groups["num"]) if groups.get("num") else _MONTHS[_month_name(groups["mon"])]
            day = int(groups["day"])
        return date(year, month, day).isoformat()
    except (ValueError, KeyError):
        return None


def _month_name(token: str) -> str:
    token = token.lower().rstrip(".")
    return next(name for name in _MONTHS if name.startswith(token[:3]))


def plan_type_of(title: str) -> str | None:
    """The plan type from its title's wording."""
    lower = title.lower()
    if re.search(r"promotion plan|推进计划|annual|年度|工作要点|key (?:work )?points|work points", lower):
        return "annual_promotion_plan"
    if re.search(r"opinion|意见", lower):
        return "opinions"
    if re.search(r"outline|纲要", lower):
        return "outline"
    if re.search(r"action plan|行动计划|实施方案", lower):
        return "action_plan"
    if _FYP.search(title) or re.search(r"five-year|五年|规划", lower):
        return "five_year_plan"
    if re.search(r"\bplan\b|计划|方案", lower):
        return "action_plan" if _SPAN.search(title) else "annual_promotion_plan"
    return None


def find_issuer(
    paras: list[Para], date_index: int, title_index: int, registry: Registry, on: date | None
) -> tuple[str, ...]:
    """Codes of the issuing bodies: from the notice title, the signature, or a standalone line."""
    front = paras[: title_index if title_index >= 0 else min(len(paras), 12)]
    for p in front:
        for pattern in _NOTICE_WHO:
            m = pattern.search(p.text)
            if m:
                codes = segment_bodies(m.group("who"), registry=registry, on=on)
                if codes:
                    return codes
    if date_index > 0:
        prev = _previous_text(paras, date_index)
        if prev is not None:
            signature = re.sub(r"[(（][^)）]*(?:stamped|盖章|代章)[^)）]*[)）]", "", paras[prev].text)
            codes = segment_bodies(signature, registry=registry, on=on, strict=True)
            if codes:
                return codes
    for p in front:
        if len(p.text) < 160:
            codes = segment_bodies(p.text, registry=registry, on=on, strict=True)
            if codes:
                return codes
    return ()


def find_period(title: str, text: str, issue_year: int | None, plan_type: str | None) -> tuple[int | None, int | None]:
    """The years a plan covers: from its title's span or plan number, else issue year to 'by YYYY'."""
    span = _SPAN.search(title)
    if span:
        return int(span.group(1)), int(span.group(2))
    fyp = _FYP.search(title)
    if fyp:
        number = int(fyp.group(1)) if fyp.group(1) else 10 + (zh_number(fyp.group(2) or fyp.group(3)) or 0)
        end = five_year_plan_end(number)
        return end - 4, end
    years = [int(y) for y in _YEAR.findall(title)]
    if len(years) == 1:
        return years[0], years[0]
    if issue_year is None:
        return None, None
    targets = [int(a or b) for a, b in _BY_YEAR.findall(text)]
    later = [y for y in targets if issue_year <= y <= issue_year + 20]
    return issue_year, max(later) if later else (issue_year if plan_type == "annual_promotion_plan" else None)
