"""Indicator tables: name, unit, values by year, notes.

Three printed shapes are read: a real table (markdown, HTML or Word), a table flattened to one
cell per line (a header "Indicators" followed by year lines, then for each row its name and one
line per year), and a table flattened to one row per line ("Name 4 6 14"). Notes printed under
a table (① "X" refers to ...; ③④ is the value in 2019) become the indicators' notes, define
indicators whose rows are missing, and re-date the cells they mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipstrategy.core.model import IndicatorDraft
from ipstrategy.core.parsing.numbering import match_marker
from ipstrategy.core.parsing.paragraphs import Para, is_numeric_line

_HEADER_WORD = re.compile(r"^(?:main\s+)?(?:indicators?|index|指标(?:名称)?|主要指标)\s*$", re.I)
_YEAR_CELL = re.compile(
    r"^\s*((?:19|20)\d\d)\s*年?\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:年?末?|目标值?|基期值?|target|baseline)?\s*$",
    re.I,
)
_ATTRIBUTE = re.compile(
    r"^(?:预期性|约束性|expected|expectation|expectative|anticipatory|predictive|binding|obligatory|mandatory|"
    r"restrictive|constraint|constrained)$",
    re.I,
)
_ATTR_HEADER = re.compile(r"^(?:属性|attribute|type|nature)$", re.I)
_UNIT_HEADER = re.compile(r"^(?:单位|unit|units)$", re.I)
_NAME_HEADER = re.compile(r"indicator|指标|项目|name", re.I)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_VALUE = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")
_INLINE_ROW = re.compile(
    r"^(?P<name>.*?\D)\s+(?P<values>(?:[≥≤><~约]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[%％]?[①-⑳]*\s+){1,}"
    r"[≥≤><~约]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[%％]?[①-⑳]*)\s*(?P<attr>预期性|约束性|expected|binding)?\s*$",
    re.I,
)
_CELL = r"[≥≤><~约]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[%％]?[①-⑳]*"
_VALUES_ONLY = re.compile(rf"^(?:\s*{_CELL})+\s*$")
_UNIT_IN_NAME = re.compile(r"[(（]\s*(?:in\s+)?([^()（）]{1,30})[)）]\s*$", re.I)
_NOTE_START = re.compile(r"^(?:notes?\s*[:：]|注\s*[:：]|[①-⑳])", re.I)
_NOTE_YEAR = re.compile(
    r"^(?:notes?\s*[:：]\s*|注\s*[:：]\s*)?(?P<marks>[①-⑳]+)\s*(?:is|are|为|是)?\s*(?:the\s+)?(?:values?|data|数据|数值)?"
    r"\s*(?:in|of|为)?\s*(?P<year>(?:19|20)\d\d)\s*年?",
    re.I,
)
_NOTE_DEF = re.compile(r"[①-⑳]\s*[“\"「]([^”\"」]{3,120})[”\"」]")


@dataclass
class IndicatorRow:
    """A row being read, before notes are applied."""

    name: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)  # year -> circled marks printed in the cell
    attribute: str = ""
    note: str = ""

    def draft(self) -> IndicatorDraft:
        return IndicatorDraft(self.name, self.unit, dict(self.values), self.note)


def parse_value(cell: str) -> tuple[float | None, str]:
    """A table cell's number (None when empty or a dash) and the circled note marks it carries."""
    marks = "".join(ch for ch in cell if ch in _CIRCLED)
    m = _VALUE.search(cell.replace("，", ","))
    if not m:
        return None, marks
    return float(m.group(0).replace(",", "")), marks


def unit_from_name(name: str) -> str:
    """The unit printed in brackets at the end of an indicator's name: "(in 10000)" -> "10000"."""
    m = _UNIT_IN_NAME.search(name)
    return m.group(1).strip() if m else ""


def read_tables(paras: list[Para]) -> tuple[list[IndicatorRow], set[int]]:
    """Every indicator row in the document, and the paragraph indices the tables occupied."""
    rows: list[IndicatorRow] = []
    used: set[int] = set()
    idx = 0
    while idx < len(paras):
        para = paras[idx]
        found: tuple[list[IndicatorRow], int] | None = None
        if para.kind == "table":
            found = _from_table(para.rows), idx + 1
        elif para.kind in ("text", "heading") and _HEADER_WORD.match(para.text):
            found = _from_cell_lines(paras, idx)
        elif para.kind == "text" and _inline_header_years(para.text):
            found = _from_row_lines(paras, idx)
        if found and found[0]:
            rows.extend(found[0])
            used.update(range(idx, found[1]))
            idx = found[1]
        else:
            idx += 1
    return rows, used


def _inline_header_years(text: str) -> list[str]:
    tokens = text.split()
    if len(tokens) < 3 or not _NAME_HEADER.search(tokens[0]):
        return []
    years = [t for t in tokens[1:] if _YEAR_CELL.match(t)]
    return [y[:4] for y in years] if len(years) >= 2 else []


def _from_cell_lines(paras: list[Para], start: int) -> tuple[list[IndicatorRow], int]:
    years, has_attr, has_unit = [], False, False
    idx = start + 1
    while idx < len(paras) and paras[idx].kind == "text":
        text = paras[idx].text
        if _YEAR_CELL.match(text):
            years.append(_YEAR_CELL.match(text).group(1))  # type: ignore[union-attr]
        elif _ATTR_HEADER.match(text):
            has_attr = True
        elif _UNIT_HEADER.match(text) and not years:
            has_unit = True
        else:
            break
        idx += 1
    if len(years) < 2:
        return [], start
    rows: list[IndicatorRow] = []
    while idx < len(paras) and paras[idx].kind == "text" and not is_numeric_line(paras[idx].text):
        row, nxt = _cell_row(paras, idx, years, has_unit, has_attr)
        if row is None:
            break
        rows.append(row)
        idx = nxt
    return rows, idx


def _cell_row(
    paras: list[Para], idx: int, years: list[str], has_unit: bool, has_attr: bool
) -> tuple[IndicatorRow | None, int]:
    if _is_category(paras, idx):
        idx += 1  # a category cell ("知识产权保护") printed once above the rows it groups
    name = paras[idx].text
    cursor = idx + 1
    unit = unit_from_name(name)
    if has_unit and cursor < len(paras):
        unit, cursor = paras[cursor].text, cursor + 1
    row = IndicatorRow(name, unit)
    for year in years:
        if cursor >= len(paras) or paras[cursor].kind != "text" or not _is_cell_value(paras[cursor].text):
            return None, idx
        value, marks = parse_value(paras[cursor].text)
        if value is not None:
            row.values[year] = value
        if marks:
            row.marks[year] = marks
        cursor += 1
    if has_attr and cursor < len(paras) and _ATTRIBUTE.match(paras[cursor].text):
        row.attribute, cursor = paras[cursor].text, cursor + 1
    return row, cursor


def _is_category(paras: list[Para], idx: int) -> bool:
    """Two text lines before a value: the first is a category cell, the second the row's name."""
    following = paras[idx + 1 : idx + 3]
    return (
        len(following) == 2
        and all(p.kind == "text" for p in following)
        and not _is_cell_value(following[0].text)
        and _is_cell_value(following[1].text)
        and not _is_cell_value(paras[idx].text)
    )


def _is_cell_value(text: str) -> bool:
    return is_numeric_line(text) or text.strip() in ("—", "-", "–", "/", "——", "N/A", "")


def _from_row_lines(paras: list[Para], start: int) -> tuple[list[IndicatorRow], int]:
    """Rows printed one per line after an inline header ("Indicators 2013 2015 2020").

    A name cell that wraps comes out as lines of its own before the line with the values (a PDF
    table): up to three unnumbered lines without values start the next row's name; a line ending in
    one value per year closes the row, and so does a line of the values alone. A repeat of the
    header (the table went on over a page break) is skipped.
    """
    header = paras[start].text
    years = _inline_header_years(header)
    rows: list[IndicatorRow] = []
    pending: list[str] = []
    idx = end = start + 1
    while idx < len(paras) and paras[idx].kind == "text":
        text = paras[idx].text
        idx += 1
        if text == header and not pending:
            end = idx
            continue
        m = _INLINE_ROW.match(text)
        values = m.group("values") if m else text if pending and _VALUES_ONLY.match(text) else ""
        cells = re.findall(_CELL, values)
        if values and len(cells) == len(years):
            name = " ".join([*pending, m.group("name").strip() if m else ""]).strip()
            row = IndicatorRow(name, unit_from_name(name), attribute=(m.group("attr") if m else "") or "")
            _fill(row, years, cells)
            rows.append(row)
            pending, end = [], idx
        elif not m and len(pending) < 3 and not values and not match_marker(text) and not _VALUES_ONLY.match(text):
            pending.append(text)
        else:
            break
    return rows, end


def _fill(row: IndicatorRow, years: list[str], cells: list[str]) -> None:
    for year, cell in zip(years, cells, strict=False):
        value, marks = parse_value(cell)
        if value is not None:
            row.values[year] = value
        if marks:
            row.marks[year] = marks


def _from_table(table: tuple[tuple[str, ...], ...]) -> list[IndicatorRow]:
    header_at = next(
        (
            i
            for i, r in enumerate(table)
            if sum(bool(_YEAR_CELL.match(c)) for c in r) >= 1 and any(_NAME_HEADER.search(c) for c in r)
        ),
        None,
    )
    if header_at is None:
        header_at = next((i for i, r in enumerate(table) if sum(bool(_YEAR_CELL.match(c)) for c in r) >= 2), None)
    if header_at is None:
        return []
    header = table[header_at]
    year_cols = {i: _YEAR_CELL.match(c).group(1) for i, c in enumerate(header) if _YEAR_CELL.match(c)}  # type: ignore[union-attr]
    first_year = min(year_cols)
    name_col = next((i for i, c in enumerate(header[:first_year]) if _NAME_HEADER.search(c)), max(0, first_year - 1))
    unit_col = next((i for i, c in enumerate(header) if _UNIT_HEADER.match(c.strip())), None)
    attr_col = next((i for i, c in enumerate(header) if _ATTR_HEADER.match(c.strip())), None)
    rows = []
    for raw in table[header_at + 1 :]:
        if name_col >= len(raw) or not raw[name_col].strip() or _YEAR_CELL.match(raw[name_col]):
            continue
        name = raw[name_col].strip()
        unit = raw[unit_col].strip() if unit_col is not None and unit_col < len(raw) else unit_from_name(name)
        row = IndicatorRow(name, unit)
        for col, year in year_cols.items():
            if col < len(raw):
                _fill(row, [year], [raw[col]])
        if attr_col is not None and attr_col < len(raw):
            row.attribute = raw[attr_col].strip()
        if row.values or row.marks:
            rows.append(row)
    return rows


def read_notes(paras: list[Para], start: int) -> list[str]:
    """The note lines printed right after a table (or after its caption when the table is lost)."""
    notes = []
    for para in paras[start : start + 12]:
        if para.kind == "text" and _NOTE_START.match(para.text):
            notes.append(para.text)
        elif notes:
            break
    return notes


def apply_notes(rows: list[IndicatorRow], notes: list[str]) -> list[IndicatorRow]:
    """Re-date marked cells, attach definitions, and add the indicators only a note defines."""
    for note in notes:
        m = _NOTE_YEAR.match(note)
        if m and len(note) < 80:
            for row in rows:
                _redate(row, m.group("marks"), m.group("year"), note)
            continue
        for name in _NOTE_DEF.findall(note):
            found = _find_row(rows, name)
            if found is None:
                rows.append(IndicatorRow(name, _unit_of_defined(name), note=note))
            elif not found.note:
                found.note = note
    return rows


def _redate(row: IndicatorRow, marks: str, year: str, note: str) -> None:
    for cell_year, cell_marks in list(row.marks.items()):
        if set(cell_marks) & set(marks) and cell_year in row.values:
            row.values[year] = row.values.pop(cell_year)
            row.note = row.note or note


def _find_row(rows: list[IndicatorRow], name: str) -> IndicatorRow | None:
    key = re.sub(r"\W+", "", name.lower())
    for row in rows:
        if re.sub(r"\W+", "", re.sub(r"[(（][^)）]*[)）]", "", row.name).lower()) == key:
            return row
    return None


def _unit_of_defined(name: str) -> str:
    m = re.search(r"\b(?:per|every)\s+(10,?000\s+\w+)", name, re.I)
    if m:
        head = re.search(r"(invention patents|patents|trademarks|registrations)", name, re.I)
        return f"{head.group(1) if head else 'units'} per {m.group(1)}"
    return ""
