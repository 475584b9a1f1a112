"""Plan documents in, structured plans out.

``parse_document(path)`` reads any supported file (txt, md, html, docx, pdf) and returns a
``PlanDraft``. The stages, each in its own module: readers (file -> blocks), paragraphs (blocks
-> cleaned, re-joined paragraphs), metadata (title, date, type, issuer, period), indicators and
narrative (tables and background figures), structure (sections and tasks), responsibility and
targets (what each task's text says).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

from ipstrategy.core.agencies import Registry, default_registry
from ipstrategy.core.model import IndicatorDraft, PlanDraft, TaskDraft
from ipstrategy.core.parsing import indicator_tables as ind
from ipstrategy.core.parsing import metadata as meta
from ipstrategy.core.parsing import responsibility as resp
from ipstrategy.core.parsing.blocks import Block
from ipstrategy.core.parsing.narrative import is_background_title, read_background, redate_shares
from ipstrategy.core.parsing.numbering import match_marker
from ipstrategy.core.parsing.paragraphs import Para, build_paragraphs
from ipstrategy.core.parsing.structure import RawTask, read_structure
from ipstrategy.core.parsing.targets import extract_targets
from ipstrategy.core.textnorm import has_cjk, has_traditional, to_simplified

__all__ = ["parse_blocks", "parse_document", "parse_text"]

_CONVENTION = re.compile(
    r"\bfirst\b[^.;]{0,60}\b(?:listed|named|mentioned)\b[^.;]{0,60}\blead|"
    r"\b(?:listed|named|mentioned)\s+first\b[^.;]{0,60}\blead|\bfirst[- ]listed\b[^.;]{0,60}\blead|"
    r"(?:排|列)在?(?:第一|首)位?的?.{0,10}(?:牵头|主办)|第一个.{0,8}为?牵头",
    re.I,
)
_CAPTION = re.compile(r"indicator|指标", re.I)


def parse_document(path: str | os.PathLike[str], *, as_of: date | None = None) -> PlanDraft:
    """Read and parse one plan document; raises ``DocumentError`` when the file cannot be read."""
    from ipstrategy.core.parsing.readers import read_document

    document = read_document(path)
    return parse_blocks(list(document.blocks), as_of=as_of)


def parse_text(text: str, *, as_of: date | None = None) -> PlanDraft:
    """Parse a plan given as text (plain or markdown), as the .txt and .md readers would."""
    from ipstrategy.core.parsing.readers.text import text_to_blocks

    return parse_blocks(text_to_blocks(text), as_of=as_of)


@dataclass
class _Context:
    registry: Registry
    on: date | None
    language: str
    convention: resp.LeadConvention = resp.LeadConvention.FIRST
    parsed: dict[str, resp.Responsibility | None] = field(default_factory=dict)


def parse_blocks(blocks: list[Block], *, as_of: date | None = None, registry: Registry | None = None) -> PlanDraft:
    """Parse a document already read into blocks."""
    registry = registry or default_registry()
    paras = _attach_responsibility_lines(build_paragraphs(_simplified(blocks)))
    full_text = "\n".join(p.text for p in paras)
    language = meta.detect_language(full_text)
    if language == "zh" and _CJK_SPACE.search(full_text):
        paras = [_mend_cjk(p) for p in paras]
        full_text = "\n".join(p.text for p in paras)
    title, title_index = meta.find_title(paras)
    when, date_index = meta.find_date(paras, title_index)
    on = date.fromisoformat(when) if when else as_of
    plan_type = meta.plan_type_of(title)
    issuer = meta.find_issuer(paras, date_index, title_index, registry, on)
    period = meta.find_period(title, full_text, on.year if on else None, plan_type)
    body = paras[title_index + 1 :] if title_index >= 0 else paras
    ctx = _Context(registry, on, language)
    indicators, used = _indicators(body, period)
    tasks, sections, warnings = _tasks(body, used, ctx, full_text)
    if when is None:
        warnings.insert(0, "no issue date found" + (f"; departments resolved as of {as_of}" if as_of else ""))
    return PlanDraft(
        title=title,
        date=when,
        plan_type=plan_type,
        issuer=issuer,
        period_start=period[0],
        period_end=period[1],
        language=language,
        sections=tuple(sections),
        tasks=tuple(tasks),
        indicators=tuple(indicators),
        warnings=tuple(dict.fromkeys(warnings)),
    )


_RESPONSIBILITY_INSIDE = re.compile(
    r"(?<=[。.；;!！?？])\s*(?=(?:牵头(?:单位|部门)|(?:主要)?责任(?:单位|部门)|负责(?:单位|部门)|"
    r"(?:Lead(?:ing)?|Responsible)\s+(?:[Uu]nits?|[Dd]epartments?|[Aa]genc(?:y|ies)))\s*[:：])"
)


#: A space a line break or a PDF's glyph spacing left between a CJK character and a digit or Latin
#: letter ("4 个月", "2024 年"): Chinese sets no space there.
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \t]+(?=[0-9A-Za-z%％])|(?<=[0-9A-Za-z%％])[ \t]+(?=[\u3400-\u9fff])")


def _mend_cjk(para: Para) -> Para:
    if para.kind != "text" and para.kind != "heading":
        return para
    return Para(para.kind, _CJK_SPACE.sub("", para.text), para.level, para.rows, para.lineno)


def _attach_responsibility_lines(paras: list[Para]) -> list[Para]:
    """A task division's "牵头单位：X；参与单位：A、B" line under a task closes that task, as a
    parenthesis would: it is appended to the paragraph above it in brackets."""
    out: list[Para] = []
    for para in paras:
        if para.kind == "text" and ("单位" in para.text or "部门" in para.text or ":" in para.text):
            cut = _RESPONSIBILITY_INSIDE.search(para.text)
            if cut and cut.start() > 0:  # joined to the task's sentence by a writer: cut it off again
                out.append(Para(para.kind, para.text[: cut.start()].rstrip(), para.level, para.rows, para.lineno))
                para = Para(para.kind, para.text[cut.end() :], para.level, para.rows, para.lineno)
        if para.kind == "text" and out and out[-1].kind == "text" and resp.RESPONSIBILITY_LINE.match(para.text):
            above = out[-1]
            cjk = has_cjk(para.text[:12])
            text = f"{above.text}（{para.text.rstrip('。.')}）" if cjk else f"{above.text} ({para.text.rstrip('.')})"
            out[-1] = Para(above.kind, text, above.level, above.rows, above.lineno)
            continue
        out.append(para)
    return out


def _simplified(blocks: list[Block]) -> list[Block]:
    sample = "".join(b.text for b in blocks[:400])
    if not has_cjk(sample) or not has_traditional(sample):
        return blocks
    return [
        Block(
            b.kind,
            to_simplified(b.text),
            b.level,
            tuple(tuple(to_simplified(c) for c in r) for r in b.rows),
            b.lineno,
        )
        for b in blocks
    ]


def _tasks(body: list[Para], used: set[int], ctx: _Context, full_text: str) -> tuple[list[TaskDraft], list, list[str]]:
    visible = [p if i not in used else Para("rule", lineno=p.lineno) for i, p in enumerate(body)]
    assigning, explicit = set(), False
    for idx, para in enumerate(visible):
        parsed = _responsibility(para.text, ctx) if para.kind == "text" else None
        if parsed:
            assigning.add(idx)
            explicit = explicit or parsed[1].explicit_lead
    stated = _states_first_listed_leads(full_text)
    ctx.convention = resp.LeadConvention.EXPLICIT if explicit and not stated else resp.LeadConvention.FIRST
    outline = read_structure(visible, language=ctx.language, assigning=assigning)
    warnings: list[str] = []
    tasks = [t for t in (_finish(raw, ctx, warnings) for raw in outline.tasks) if t.text]
    return tasks, outline.sections, warnings


def _states_first_listed_leads(text: str) -> bool:
    """Does the document say that the first department listed for a task leads it?"""
    for line in text.splitlines():
        lower = line.lower()
        if (("first" in lower and "lead" in lower) or "第一" in line or "首位" in line) and _CONVENTION.search(line):
            return True
    return False


def _responsibility(text: str, ctx: _Context) -> tuple[resp.Located, resp.Responsibility] | None:
    """The closing parenthesis of a paragraph or task, parsed once per document and convention."""
    located = resp.locate(text)
    if not located:
        return None
    if located.parenthesis not in ctx.parsed:
        ctx.parsed[located.parenthesis] = resp.parse(
            located.parenthesis, registry=ctx.registry, on=ctx.on, convention=resp.LeadConvention.FIRST
        )
    parsed = ctx.parsed[located.parenthesis]
    return (located, parsed.under(ctx.convention)) if parsed else None


def _finish(raw: RawTask, ctx: _Context, warnings: list[str]) -> TaskDraft:
    """A raw task with its responsibility parenthesis read off and its targets found."""
    joiner = "" if ctx.language == "zh" else " "
    text = raw.text(joiner)
    found = _responsibility(text, ctx)
    lead: str | None = None
    participants: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    printed: str | None = None
    if found:
        located, parsed = found
        text, printed = located.body, parsed.raw
        lead, participants, other = parsed.lead, parsed.participants, parsed.other
        warnings.extend(parsed.warnings)
    return TaskDraft(
        number=raw.number,
        section=raw.section,
        text=text.strip(),
        lead=lead,
        participants=participants,
        other_responsible=other,
        responsibility_raw=printed,
        targets=extract_targets(text, language=ctx.language),
    )


def _indicators(body: list[Para], period: tuple[int | None, int | None]) -> tuple[list[IndicatorDraft], set[int]]:
    rows, used = ind.read_tables(body)
    notes: list[str] = []
    anchors = sorted({max(used) + 1} if used else set()) + [
        i + 1
        for i, p in enumerate(body)
        if p.kind in ("text", "heading") and len(p.text) < 160 and _CAPTION.search(p.text) and not match_marker(p.text)
    ]
    for anchor in anchors:
        for note in ind.read_notes(body, anchor):
            if note not in notes:
                notes.append(note)
                used.update(i for i, p in enumerate(body) if p.text == note)
    rows = ind.apply_notes(rows, notes)
    background = _background_rows(body, period)
    for note in notes:
        m = ind._NOTE_YEAR.match(note)
        if m and len(note) < 80:
            redate_shares(background, m.group("year"), note)
    return [row.draft() for row in _merge(rows + background)], used


def _background_rows(body: list[Para], period: tuple[int | None, int | None]) -> list[ind.IndicatorRow]:
    chunks: list[str] = []
    inside = False
    for para in body:
        marker = match_marker(para.text) if para.kind in ("text", "heading") else None
        if marker and len(para.text) < 160:
            inside = is_background_title(para.text[marker.length :])
            continue
        if inside and para.kind == "text":
            chunks.append(para.text)
    return read_background("\n".join(chunks), period_start=period[0], period_end=period[1]) if chunks else []


def _merge(rows: list[ind.IndicatorRow]) -> list[ind.IndicatorRow]:
    merged: dict[str, ind.IndicatorRow] = {}
    for row in rows:
        key = re.sub(r"\W+", "", re.sub(r"[(（][^()（）]*[)）]\s*$", "", row.name).lower())
        if key in merged:
            merged[key].values.update({y: v for y, v in row.values.items() if y not in merged[key].values})
        else:
            merged[key] = row
    return list(merged.values())
