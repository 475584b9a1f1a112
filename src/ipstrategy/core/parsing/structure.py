"""Sections and tasks from the body's paragraphs.

The rules hold for the genre rather than for any one document:

* Numbering styles nest in the order a plan first uses them (``I.`` > ``(i)`` > ``1.``, or
  ``1.`` > ``(1)``, or ``一、`` > ``（一）`` > ``1.``), so levels are learnt, not fixed.
* Numbered items that share a parent and a style are all sections or all tasks, by the majority
  of the series: when most of them are paragraphs of action (they run on past their first
  sentence, or carry a responsibility parenthesis) the whole sibling group is tasks; when most are
  heading-like, headings (one heading that a writer ran together with the next line does not
  turn the series into tasks).
* In a plan that assigns departments (several paragraphs close with a responsibility
  parenthesis), an unnumbered paragraph or "——" action paragraph that closes with one is a task.
  In a plan that assigns none, "——" action paragraphs are tasks, except under the objectives,
  principles and guidelines that open a plan.
* A numbered task keeps the paragraphs that follow it (its continuation) until the next item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ipstrategy.core.model import SectionDraft
from ipstrategy.core.parsing.numbering import (
    Marker,
    label_value,
    match_bullet,
    match_marker,
    section_key,
    series_markers,
)
from ipstrategy.core.parsing.paragraphs import Para
from ipstrategy.core.parsing.responsibility import locate
from ipstrategy.core.parsing.task_tables import task_rows

_SENTENCE_BREAK = re.compile(r"(?:[.!?](?=\s+[A-Z“\"(])|[。！？](?=\s*\S))")
_DECLARATIVE = re.compile(
    r"objective|goal|principle|guiding|guideline|background|requirement|目标|原则|指导思想|总体要求|背景|形势|发展基础",
    re.I,
)
HEADING_MAX_EN = 160
HEADING_MAX_ZH = 60


@dataclass
class RawTask:
    """A task as found in the body, before its responsibility and targets are read."""

    number: str | None
    section: str | None
    parts: list[str]

    def text(self, joiner: str) -> str:
        return joiner.join(p.strip() for p in self.parts if p.strip())


@dataclass
class Outline:
    """What ``read_structure`` finds: the section tree and the raw tasks."""

    sections: list[SectionDraft] = field(default_factory=list)
    tasks: list[RawTask] = field(default_factory=list)
    assigns_departments: bool = False


@dataclass
class _Item:
    para: Para
    marker: Marker | None
    bullet: int
    level: int = -1
    parent: int | None = None  # index into items of the enclosing numbered item
    is_task: bool = False

    @cached_property
    def body(self) -> str:
        """The paragraph without its number or bullet."""
        cut = self.marker.length if self.marker else self.bullet
        return self.para.text[cut:].strip()


def has_responsibility(text: str) -> bool:
    """Cheap test: does the paragraph close with a parenthesis that could assign departments?"""
    located = locate(text)
    return bool(located and _looks_assigning(located.parenthesis))


_ASSIGNING = re.compile(
    r"responsib|lead|负责|牵头|会同|[A-Z]{2,}|Ministry|Administration|Office|Court|部|局|委|院|署|会", re.I
)


def _looks_assigning(parenthesis: str) -> bool:
    return bool(_ASSIGNING.search(parenthesis)) and len(parenthesis) < 1200


def read_structure(paras: list[Para], *, language: str, assigning: set[int]) -> Outline:
    """Build the section tree and raw tasks; ``assigning`` holds indices of paragraphs whose
    closing parenthesis names responsible departments (decided by the caller with the registry)."""
    markers = series_markers([match_marker(p.text) if p.kind in ("text", "heading") else None for p in paras])
    items = [
        _Item(p, marker, match_bullet(p.text) if p.kind == "text" else 0)
        for p, marker in zip(paras, markers, strict=True)
    ]
    _assign_levels(items)
    assigns = len(assigning) >= 2
    _mark_task_groups(items, language, assigning)
    return _walk(items, assigning=assigning, assigns=assigns, language=language)


def _assign_levels(items: list[_Item]) -> None:
    stack: list[str] = []
    last_at_level: dict[int, int] = {}
    for idx, item in enumerate(items):
        if not item.marker:
            continue
        style = item.marker.style
        if style in stack:
            del stack[stack.index(style) + 1 :]
        else:
            stack.append(style)
        item.level = len(stack) - 1
        item.parent = last_at_level.get(item.level - 1) if item.level else None
        last_at_level[item.level] = idx
        for deeper in [lvl for lvl in last_at_level if lvl > item.level]:
            del last_at_level[deeper]


def _heading_like(item: _Item, language: str, assigning: set[int], idx: int) -> bool:
    if idx in assigning:
        return False
    if item.para.kind == "heading":
        return True
    body = item.body
    limit = HEADING_MAX_ZH if language == "zh" else HEADING_MAX_EN
    return len(body) <= limit and not _SENTENCE_BREAK.search(body)


def _mark_task_groups(items: list[_Item], language: str, assigning: set[int]) -> None:
    """Decide, per numbering series, whether its items are tasks (see the module docstring)."""
    groups: dict[tuple[int | None, str], list[int]] = {}
    for idx, item in enumerate(items):
        if item.marker:
            groups.setdefault((item.parent, item.marker.style), []).append(idx)
    for series in _series(groups, items):
        members = [i for key in series for i in groups[key]]
        headings = sum(1 for i in members if _heading_like(items[i], language, assigning, i))
        if headings * 2 > len(members) or headings == len(members):
            continue  # tasks or headings by the majority of the series, not by any one member
        if len(series) == 1 and all(_DECLARATIVE.search(_title(items[i].body)) for i in members):
            continue  # guiding ideas and objectives numbered afresh under a chapter: headings with a text
        for i in members:
            items[i].is_task = True


def _series(groups: dict[tuple[int | None, str], list[int]], items: list[_Item]) -> list[list[tuple[int | None, str]]]:
    """Sibling groups joined where the numbering runs on across parents (1-9 under I, 10-25 under II)."""
    out: list[list[tuple[int | None, str]]] = []
    last_of_style: dict[str, list[tuple[int | None, str]]] = {}
    for key in sorted(groups, key=lambda k: groups[k][0]):
        style = key[1]
        previous = last_of_style.get(style)
        first = label_value(items[groups[key][0]].marker)  # type: ignore[arg-type]
        if previous is not None and first is not None and first > 1:
            before = label_value(items[groups[previous[-1]][-1]].marker)  # type: ignore[arg-type]
            if before is not None and first == before + 1:
                previous.append(key)
                continue
        series = [key]
        out.append(series)
        last_of_style[style] = series
    return out


def _title(body: str) -> str:
    """A numbered item's title: its first sentence (the whole body when it has one sentence)."""
    m = _SENTENCE_BREAK.search(body)
    return body[: m.end()].strip() if m else body


def _walk(items: list[_Item], *, assigning: set[int], assigns: bool, language: str = "en") -> Outline:
    """One pass over the paragraphs: open sections, start tasks, give tasks their continuations."""
    outline = Outline(assigns_departments=assigns)
    section_at_level: dict[int, SectionDraft] = {}
    current: SectionDraft | None = None
    open_task: RawTask | None = None
    by_id: dict[str, SectionDraft] = {}
    for idx, item in enumerate(items):
        para = item.para
        if item.marker and not item.is_task:
            parent = _parent_section(section_at_level, item.level)
            current = SectionDraft(
                section_key(parent.id if parent else None, item.marker),
                _title(item.body),
                parent.id if parent else None,
            )
            outline.sections.append(current)
            by_id[current.id] = current
            section_at_level = {lvl: s for lvl, s in section_at_level.items() if lvl < item.level}
            section_at_level[item.level] = current
            open_task = None
            continue
        if item.marker:
            open_task = RawTask(item.marker.label, current.id if current else None, [item.body])
            outline.tasks.append(open_task)
            if idx in assigning and assigns:
                open_task = None
            continue
        if para.kind == "table":
            for number, text in task_rows(para.rows, language) or ():
                outline.tasks.append(RawTask(number, current.id if current else None, [text]))
        if para.kind != "text":
            open_task = None
            continue
        if open_task is not None and (not assigns or not item.bullet):  # the numbered task goes on
            open_task.parts.append(para.text)
            if idx in assigning and assigns:
                open_task = None
            continue
        open_task = None
        if _is_unnumbered_task(item, idx, assigns, assigning, current, by_id):
            task = RawTask(None, current.id if current else None, [item.body if item.bullet else para.text])
            outline.tasks.append(task)
    return outline


def _parent_section(section_at_level: dict[int, SectionDraft], level: int) -> SectionDraft | None:
    lower = [lvl for lvl in section_at_level if lvl < level]
    return section_at_level[max(lower)] if lower else None


def _is_unnumbered_task(
    item: _Item,
    idx: int,
    assigns: bool,
    assigning: set[int],
    current: SectionDraft | None,
    by_id: dict[str, SectionDraft],
) -> bool:
    """A paragraph that closes with a responsibility, or an action paragraph outside objectives."""
    if assigns:
        return idx in assigning
    if not item.bullet or current is None:
        return False
    section: SectionDraft | None = current
    while section is not None:
        if _DECLARATIVE.search(section.title):
            return False
        section = by_id.get(section.parent) if section.parent else None
    return True
