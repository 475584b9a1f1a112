"""Tasks printed as a table: a task division's rows (序号 | 重点任务 | 牵头单位 | 参与单位).

Task divisions ("重点任务分工", "Division of Tasks") are often a table rather than paragraphs, in
Word, PDF and web pages alike: one row per task, with a number column, the task, who leads and who
takes part (or one column of responsible bodies), and often a deadline. The header row says which
column is which. Each row becomes the paragraph a plan in prose would print for it: the task with
its responsibility in a labelled parenthesis ("（牵头单位：X；参与单位：Y）", "(Lead unit: X;
participating units: Y)"), which the responsibility reader then reads like any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_Cell = Callable[[int | None], str]

_NUMBER = re.compile(r"^\s*(?:序号|编号|No\.?|Number|#)\s*$", re.I)
_TASK = re.compile(
    r"任务|工作内容|主要措施|具体措施|工作举措|政策措施|^\s*(?:tasks?|measures?|actions?|work(?:\s+items?)?)\s*$", re.I
)
_LEAD = re.compile(r"牵头|^\s*lead(?:ing)?\b", re.I)
_PARTICIPANTS = re.compile(r"参与|配合|协同|协作|协办|^\s*(?:participat|cooperat|support|assist)", re.I)
_RESPONSIBLE = re.compile(r"责任(?:单位|部门)|负责(?:单位|部门)|^\s*responsib", re.I)


@dataclass(frozen=True)
class _Columns:
    number: int | None
    task: int
    lead: int | None
    participants: int | None
    responsible: int | None


def _columns(header: tuple[str, ...]) -> _Columns | None:
    """Which column is which, by the header's words (each column answers one role); None: no task table."""
    taken: set[int] = set()
    found: dict[str, int | None] = {}
    for name, pattern in (
        ("lead", _LEAD),
        ("participants", _PARTICIPANTS),
        ("responsible", _RESPONSIBLE),
        ("number", _NUMBER),
        ("task", _TASK),
    ):
        index = next((i for i, cell in enumerate(header) if i not in taken and pattern.search(cell)), None)
        found[name] = index
        if index is not None:
            taken.add(index)
    task = found["task"]
    if task is None or (found["lead"] is None and found["responsible"] is None):
        return None
    return _Columns(found["number"], task, found["lead"], found["participants"], found["responsible"])


def task_rows(rows: tuple[tuple[str, ...], ...], language: str) -> list[tuple[str | None, str]] | None:
    """``(number, paragraph)`` for each task row of a task table; None when it is not one."""
    # a caption row may stand above the header
    found = next(((i, c) for i, c in ((i, _columns(row)) for i, row in enumerate(rows[:3])) if c is not None), None)
    if found is None:
        return None
    header_at, columns = found
    out: list[tuple[str | None, str]] = []
    for row in rows[header_at + 1 :]:
        cell = _cell_reader(row)
        text = cell(columns.task)
        if not text or len({c.strip() for c in row if c.strip()}) < 2:
            continue  # an empty row, or a category spanning the row
        out.append((cell(columns.number).rstrip(".、．") or None, text + _responsibility(cell, columns, language)))
    return out


def _cell_reader(row: tuple[str, ...]) -> _Cell:
    def cell(index: int | None) -> str:
        return " ".join(row[index].split()) if index is not None and index < len(row) else ""

    return cell


def _responsibility(cell: _Cell, columns: _Columns, language: str) -> str:
    """The row's bodies as the labelled parenthesis a prose task division prints."""
    lead, participants, responsible = cell(columns.lead), cell(columns.participants), cell(columns.responsible)
    if language == "zh":
        parts = [f"牵头单位：{lead}"] if lead else []
        parts += [f"参与单位：{participants}"] if participants else []
        parts += [f"责任单位：{responsible}"] if responsible and not lead else []
        return f"（{'；'.join(parts)}）" if parts else ""
    parts = [f"Lead unit: {lead}"] if lead else []
    parts += [f"participating units: {participants}"] if participants else []
    parts += [f"Responsible units: {responsible}"] if responsible and not lead else []
    return f" ({'; '.join(parts)})" if parts else ""
