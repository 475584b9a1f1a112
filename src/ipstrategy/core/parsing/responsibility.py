"""The responsibility parenthesis that closes a task: who leads, who takes part, who else.

Every phrasing of the genre, in English and Chinese:

* ``(X takes the lead, and A, B ... are responsible according to the division of responsibilities)``,
  ``（X牵头，A、B按职责分工负责）``, ``（X会同A、B负责）``: lead X;
* ``(Separate responsibilities of A, B and C based on their respective official functions)``,
  ``（A、B按职责分别负责）``, ``(A, B, etc. are responsible according to the division of
  responsibilities)``, ``（A、B等按职责分工负责）``: no lead, all participants;
* ``(SIPO, MOST)``, ``(Responsibility of X and Y)``, ``(Responsible by X, Y and Z)``, ``（A、B负责）``,
  ``(X is responsible)``: a plain list, whose first body leads where the document's convention
  says so (see ``LeadConvention``).

Names are cut at commas, 、 and "and" and then put back together wherever the registry knows
the longer name ("State Administration of Science, Technology and Industry for National Defense").
Bodies that are not departments ("relevant departments", 各省级人民政府) go to ``other`` as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from functools import lru_cache

from ipstrategy.core.agencies import Registry, is_local_body
from ipstrategy.core.textnorm import to_simplified

_OPEN, _CLOSE = "(（", ")）"
#: The longest registry name cut by list separators has five pieces ("Press, Publication, Radio, ...").
MAX_NAME_TOKENS = 7


class LeadConvention(Enum):
    """Whether a plain list's first body leads (``FIRST``) or only an explicit lead phrase does."""

    FIRST = "first"
    EXPLICIT = "explicit"


@dataclass(frozen=True)
class Responsibility:
    """The parsed parenthesis."""

    raw: str
    lead: str | None
    participants: tuple[str, ...]
    other: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    explicit_lead: bool = False
    shared: bool = False  # "separate responsibilities", "按职责分工负责": nobody leads
    first_unresolved: bool = False  # the first body listed is not in the registry: nobody is promoted

    def under(self, convention: LeadConvention) -> Responsibility:
        """The same parenthesis read under another lead convention (only a plain list changes)."""
        if self.explicit_lead or self.shared or self.first_unresolved:
            return self
        bodies = ((self.lead,) if self.lead else ()) + self.participants
        lead = bodies[0] if bodies and convention is LeadConvention.FIRST else None
        participants = tuple(b for b in bodies if b != lead)
        return replace(self, lead=lead, participants=participants)


@dataclass(frozen=True)
class Located:
    """Where the responsibility parenthesis stands in a task's text."""

    body: str  # the task text before it
    parenthesis: str  # as printed, brackets included
    trailing: str  # any sentence after it (not part of the task)


_EN_LEAD = re.compile(
    r"^(?P<lead>.+?)\s+(?:takes?|taking)\s+(?:the\s+)?lead\b[\s,，;]*(?:and\s+|with\s+)?(?P<rest>.*)$", re.I
)
_EN_LED_BY = re.compile(r"^(?:jointly\s+)?led\s+by\s+(?P<lead>.+?)(?:[,，]\s*(?:and\s+|with\s+)?(?P<rest>.*))?$", re.I)
_ZH_LEAD = re.compile(r"^(?P<lead>.+?)(?:牵头|会同)[，,、；;\s]*(?P<rest>.*)$")
#: "牵头单位：X；参与单位：A、B", "Lead unit: X; participating units: A, B" (a task division's labels).
_UNIT_LEAD = re.compile(
    r"^(?:牵头(?:单位|部门)?|lead(?:ing)?(?:\s+(?:units?|departments?|agenc(?:y|ies)|bod(?:y|ies)))?)\s*[:：]\s*"
    r"(?P<lead>.+?)(?:\s*[；;。.]\s*(?:(?:参与|配合|协同|协作|责任|协办)(?:单位|部门)?|(?:participating|participants?|"
    r"cooperating|supporting|other|responsible)(?:\s+(?:units?|departments?|agenc(?:y|ies)|bod(?:y|ies)))?)\s*[:：]\s*"
    r"(?P<rest>.*))?$",
    re.I,
)
#: "SAMR in conjunction with MPS": the English of 会同, whose first body leads.
_EN_CONJUNCTION = re.compile(r"^(?P<lead>.+?)\s+(?:in\s+conjunction\s+with|jointly\s+with)\s+(?P<rest>.+)$", re.I)
#: The label that opens a responsibility line printed under a task ("牵头单位：...", "责任单位：...").
RESPONSIBILITY_LINE = re.compile(
    r"^(?:牵头(?:单位|部门)|(?:主要)?责任(?:单位|部门)|负责(?:单位|部门)|"
    r"(?:lead(?:ing)?|responsible)\s+(?:units?|departments?|agenc(?:y|ies)|bod(?:y|ies)))\s*[:：]",
    re.I,
)
_EN_HEAD = re.compile(
    r"^(?:the\s+)?(?:(?P<sep>separate(?:ly)?\s+)?responsibilit(?:y|ies)\s+(?:of|for)|responsible\s+(?:by|units?)\s*:?|"
    r"responsible\s+(?:departments?|agenc(?:y|ies)|bod(?:y|ies))\s*:|(?:主要)?责任(?:单位|部门)\s*[:：]|负责(?:单位|部门)\s*[:：]|"
    r"in\s+charge\s*:)\s*",
    re.I,
)
_EN_TAIL = re.compile(
    r"\b(?:(?:is|are|(?:shall|should|will|must)\s+be)\s+(?P<mode>separately\s+|respectively\s+|jointly\s+)?(?:responsible|in\s+charge)\b(?P<how>.*)|"
    r"(?P<resp>(?:based\s+on|according\s+to|in\s+accordance\s+with)\s+(?:their|its)\s+(?:respective|functions|duties|"
    r"responsibilit|division|mandates?\b).*)|"
    r"responsible\s+(?P<how2>(?:based\s+on|according\s+to|in\s+accordance\s+with)\b.*)|"
    r"(?:participate|cooperate|assist)\b.*)$",
    re.I,
)
_ZH_TAIL = re.compile(
    r"(?:按照?职责(?P<zsep>分别)负责|按照?职责分工负责|按照?职责负责|(?P<zsep2>分别)负责|共同负责|负责|配合|参与)$"
)
_TAIL_HINT = re.compile(
    r"responsible|in charge|respective|participate|cooperate|assist|(?:according to|accordance with|based on) (?:their|its)",
    re.I,
)
_SEPARATORS = re.compile(
    r"(\s*,\s*(?:and|with|together\s+with)\s+|\s*,\s*|\s*，\s*|\s*、\s*|\s*;\s*|\s*；\s*|\s+and\s+|\s*&\s*|"
    r"\s+(?:together\s+|in\s+conjunction\s+)?with\s+|\s+as\s+well\s+as\s+|以及|及)",
    re.I,
)
_LIST_EDGE = re.compile(
    r"^[\s,，、;；]*(?:(?:and|with|together\s+with|as\s+well\s+as)\s+)?|(?:\s+(?:and|with))?[\s,，、;；]*$|"
    r"^(?:以及|及|和)|(?:以及|及|和)$",
    re.I,
)
_ETC = re.compile(r"^(?:etc\.?|and\s+so\s+on|等|等等)$|\s+etc\.?$|等(?:部门|单位|机构)?$", re.I)
_OTHER = re.compile(
    r"^(?:the\s+)?(?:relevant|related|other|all|various|concerned|local|member|competent|provincial|"
    r"municipal|people'?s\s+governments?)\b|(?:departments|governments|localities|units|organizations|"
    r"organisations|institutions|regions|authorities)\b"
    r"|^(?:各|有关|相关|其他|地方|省级|各级|成员)|(?:部门|单位|人民政府|政府|地区)$",
    re.I,
)


def locate(text: str) -> Located | None:
    """Find the last parenthesis that could close a task (followed by nothing or a new sentence)."""
    end = len(text.rstrip(" \t.。;；,，"))
    search_to = end
    for _ in range(3):
        close = max(text.rfind(")", 0, search_to), text.rfind("）", 0, search_to))
        if close < 0:
            return None
        open_ = _matching_open(text, close)
        if open_ is None:
            return None
        trailing = text[close + 1 :].strip()
        if not trailing.strip(" .。;；,，") or _starts_sentence(trailing):
            return Located(text[:open_].rstrip(), text[open_ : close + 1], trailing.strip(" .。;；,，") and trailing)
        search_to = open_
    return None


def _matching_open(text: str, close: int) -> int | None:
    simple = max(text.rfind("(", 0, close), text.rfind("（", 0, close))
    if simple >= 0 and not any(ch in text[simple + 1 : close] for ch in _CLOSE):
        return simple  # no nested brackets: the nearest opening one
    depth = 0
    for idx in range(close, -1, -1):
        ch = text[idx]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return idx
    return None


def _starts_sentence(trailing: str) -> bool:
    first = trailing[0]
    return first.isupper() or "\u3400" <= first <= "\u9fff"


def parse(
    parenthesis: str, *, registry: Registry, on: date | None, convention: LeadConvention
) -> Responsibility | None:
    """Parse a parenthesis as printed; None when it names no responsible body at all."""
    inner = to_simplified(parenthesis[1:-1].strip().rstrip(".。 "))
    if not inner or len(inner) > 1200:
        return None
    inner = _DEADLINE.sub("", inner).strip()
    if not inner:
        return None
    lead_part, rest, explicit, shared, phrased = _split_phrasing(inner)
    lead_names = _segment(lead_part, registry, on) if lead_part else []
    names = _segment(rest, registry, on)
    unknown = [value for kind, value in lead_names + names if kind == "unknown"]
    unknown_bodies = bool(unknown) and all(_BODY_NAME.search(value) for value in unknown)
    if not phrased and (not names or (unknown and not unknown_bodies)):
        return None  # a plain parenthesis counts only when every name in it is a body
    bodies = [value for kind, value in lead_names + names if kind == "code"]
    if not bodies and not any(kind == "other" for kind, _ in names + lead_names) and not unknown_bodies:
        return None
    listed = [(k, v) for k, v in (lead_names if explicit else lead_names + names) if k in ("code", "unknown")]
    first_unresolved = bool(listed) and listed[0][0] == "unknown" and not (shared and not explicit)
    lead = (
        None
        if first_unresolved
        else _choose_lead(lead_names, bodies, explicit=explicit, shared=shared, convention=convention)
    )
    participants = tuple(dict.fromkeys(b for b in bodies if b != lead))
    other = tuple(dict.fromkeys(v for k, v in lead_names + names if k in ("other", "unknown")))
    warnings = tuple(f"unresolved department {v!r} in {parenthesis}" for k, v in lead_names + names if k == "unknown")
    if first_unresolved and (explicit or convention is LeadConvention.FIRST):
        warnings += (f"no lead: the first body listed, {listed[0][1]!r}, is not a known department, in {parenthesis}",)
    return Responsibility(
        parenthesis, lead, participants, other, warnings, explicit, shared and not explicit, first_unresolved
    )


def _choose_lead(
    lead_names: list[tuple[str, str]],
    bodies: list[str],
    *,
    explicit: bool,
    shared: bool,
    convention: LeadConvention,
) -> str | None:
    if explicit:
        return next((v for k, v in lead_names if k == "code"), None)
    if shared or convention is LeadConvention.EXPLICIT:
        return None
    return bodies[0] if bodies else None


def _split_phrasing(inner: str) -> tuple[str, str, bool, bool, bool]:
    """(lead part, list part, explicit lead?, shared without lead?, any phrasing recognised?)."""
    for pattern in (_UNIT_LEAD, _EN_LEAD, _EN_LED_BY, _ZH_LEAD, _EN_CONJUNCTION):
        m = pattern.match(inner)
        if m:
            rest, _, _ = _strip_tail(m.group("rest") or "")
            return m.group("lead"), rest, True, False, True
    head = _EN_HEAD.match(inner)
    rest = inner[head.end() :] if head else inner
    rest, shared, tailed = _strip_tail(rest)
    shared = shared or bool(head and head.group("sep"))
    return "", rest, False, shared, bool(head) or tailed


def _strip_tail(text: str) -> tuple[str, bool, bool]:
    """Remove "are responsible according to ..." / 按职责分工负责; say whether it shares without lead."""
    m = _EN_TAIL.search(text) if _TAIL_HINT.search(text) else None
    if m:
        how = (m.group("how") or m.group("how2") or "").lower()
        shared = bool(m.group("mode") or m.group("resp") or "division" in how or "respective" in how)
        return text[: m.start()].strip(" \t,，"), shared, True
    m = _ZH_TAIL.search(text)
    if m:
        shared = bool(m.group("zsep") or m.group("zsep2") or "分工" in m.group(0))
        return text[: m.start()].strip(" ，,、"), shared, True
    return text.strip(), False, False


#: A name shaped like a body the registry does not hold: a ministry's own departments ("保护司",
#: "商标局", "Protection Department"), which a ministry's work plan assigns its tasks to. They are kept
#: as printed (and reported) rather than leaving the parenthesis in the task's text.
_BODY_NAME = re.compile(
    r"^[\u4e00-\u9fff]{1,14}(?:司|局|厅|委|委员会|办公室|办|署|院|部|中心|处|室)$|"
    r"^(?:[A-Z][A-Za-z'&-]*\s+){1,6}(?:Department|Bureau|Office|Division|Commission|Administration|Cent(?:er|re))$"
)
#: A deadline printed beside the bodies ("（X牵头，Y参与，2024年底前完成）", "(CNIPA; by the end of
#: 2024)", "持续推进"): when, not who, so it is no body's name.
_DEADLINE = re.compile(
    r"[，,；;]\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:底|末|年底|上半年|下半年|第[一二三四]季度)?"
    r"(?:前|之前|以前)?(?:完成|启动|出台|实施|落实|推进)?|(?:持续|长期)(?:推进|坚持|实施|开展)|"
    r"(?:by|before)\s+(?:the\s+end\s+of\s+)?(?:[A-Z][a-z]+\s+)?\d{4}|ongoing|continuous(?:ly)?|long-term)"
    r"\s*(?=$|[，,；;])",
    re.I,
)
#: Set phrases naming a group of bodies, whose commas and "and" do not separate a list.
_SET_PHRASE = re.compile(
    r"(?:the\s+)?(?:people'?s\s+)?governments?\s+of\s+(?:all\s+|the\s+|various\s+)?provinces\s*,\s*"
    r"autonomous\s+regions\s*,?\s*and\s+municipalit(?:y|ies)(?:\s+directly\s+under\s+the\s+central\s+government)?"
    r"(?:\s*,?\s*and\s+(?:the\s+)?xinjiang\s+production\s+and\s+construction\s+corps)?|"
    r"(?:the\s+)?(?:people'?s\s+)?governments?\s+of\s+(?:all\s+)?provinces\s*\(\s*(?:autonomous\s+)?regions\s*,\s*"
    r"municipalities\s*\)|"
    r"各(?:省|省级)?[、，]?自治区[、，]?直辖市(?:及|和|、)?(?:新疆生产建设兵团)?(?:人民政府|政府|党委和政府)?|"
    r"各省（区、市）(?:人民政府|政府)?|各地区各(?:有关)?部门",
    re.I,
)


def _segment(text: str, registry: Registry, on: date | None) -> list[tuple[str, str]]:
    """Cut a list of names and rebuild the longest names the registry knows: (kind, value) pairs;
    set phrases ("the people's governments of all provinces, autonomous regions and municipalities
    directly under the Central Government", 各省、自治区、直辖市人民政府) stay whole."""
    text = text.strip()
    if "自治区" not in text and "区、市" not in text and "各部门" not in text and "utonomous" not in text:
        return _segment_list(text, registry, on)
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _SET_PHRASE.finditer(text):
        out += _segment_list(text[pos : m.start()], registry, on)
        out.append(("other", m.group(0).strip()))
        pos = m.end()
    return out + _segment_list(text[pos:], registry, on)


def _segment_list(text: str, registry: Registry, on: date | None) -> list[tuple[str, str]]:
    text = _LIST_EDGE.sub("", text)
    if not text:
        return []
    parts = _SEPARATORS.split(text)
    tokens, seps = parts[0::2], parts[1::2]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        i = _take_longest(tokens, seps, i, registry, on, out)
    return out


def _take_longest(
    tokens: list[str],
    seps: list[str],
    i: int,
    registry: Registry,
    on: date | None,
    out: list[tuple[str, str]],
) -> int:
    longest = min(len(tokens), i + MAX_NAME_TOKENS) if registry.may_continue(tokens[i]) else i + 1
    for j in range(longest, i + 1, -1):
        candidate = "".join(tokens[k] + (seps[k] if k < j - 1 else "") for k in range(i, j))
        res = registry.resolve(_clean_name(candidate), on=on, fuzzy=False)
        if res.ok:
            out.append(("code", res.code or ""))
            return j
    token = tokens[i].strip()
    name = _clean_name(token)
    if not name or _ETC.match(token):
        return i + 1
    if _OTHER.search(name) or is_local_body(name):
        halves = [h for h in name.split("和") if h]
        parts = halves if len(halves) > 1 and all(_OTHER.search(h) for h in halves) else [_strip_etc(token)]
        out.extend(("other", part) for part in parts)
        return i + 1
    res = registry.resolve(name, on=on)
    out.append(("code", res.code or "") if res.ok else ("unknown", name))
    return i + 1


@lru_cache(maxsize=8192)
def _clean_name(name: str) -> str:
    name = _strip_etc(name.strip())
    return re.sub(r"^(?:the|and)\s+", "", name, flags=re.I).strip(" ,，、.")


def _strip_etc(name: str) -> str:
    return _ETC.sub("", name).strip(" ,，、.")


def segment_bodies(text: str, *, registry: Registry, on: date | None, strict: bool = False) -> tuple[str, ...]:
    """Registry codes named in a list of bodies ("SIPO, the Ministry of Education and CAS").

    With ``strict`` every name in the list must be a registry body, or nothing is returned (used
    to tell a signature line from an ordinary sentence).
    """
    if not text.strip() or len(text) > 1200:
        return ()
    found = _segment(text, registry, on)
    if strict and any(kind != "code" for kind, _ in found):
        return ()
    return tuple(dict.fromkeys(value for kind, value in found if kind == "code"))
