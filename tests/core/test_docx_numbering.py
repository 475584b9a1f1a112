"""Word's automatic list numbering is rendered, so tasks and chapters keep their printed numbers."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ipstrategy.core.parsing import parse_document
from ipstrategy.core.parsing.readers.docx_numbering import format_number

LEVELS = [("upperRoman", "%1."), ("lowerRoman", "(%2)"), ("decimal", "%3.")]
ZH_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def _add_list(document, levels, abstract_id: int, num_id: int) -> None:
    """Define a multi-level list (as pandoc or Word writes one) in the document's numbering part."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )


def _item(document, text: str, level: int, num_id: int, heading: bool = False):
    paragraph = document.add_heading(text, level=level + 1) if heading else document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (12, "chineseCounting", "十二"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "lowerLetter", "b"),
    ],
)
def test_format_number(n, fmt, text):
    assert format_number(n, fmt) == text


def test_english_plan_with_word_numbering(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("2030 Promotion Plan for the Implementation of the National Intellectual Property Strategy")
    _add_list(document, LEVELS, 90, 90)
    _item(document, "Improving Institutions", 0, 90, heading=True)
    _item(document, "Improving Laws", 1, 90, heading=True)
    _item(document, "Revise the regulations on patent agencies. (Responsibility of CNIPA and MOJ)", 2, 90)
    _item(document, "Draft rules on data. (Responsibility of CNIPA)", 2, 90)
    _item(document, "Improving Policies", 1, 90, heading=True)
    _item(document, "Issue opinions on universities. (Responsibility of MOE and CNIPA)", 2, 90)
    _item(document, "Strengthening Protection", 0, 90, heading=True)
    _item(document, "Improving Enforcement", 1, 90, heading=True)
    _item(document, "Launch campaigns against piracy. (Responsibility of the Central Propaganda Department)", 2, 90)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = parse_document(path)
    assert [s.id for s in plan.sections] == ["I", "I.(i)", "I.(ii)", "II", "II.(i)"]
    assert [(t.number, t.section, t.lead) for t in plan.tasks] == [
        ("1", "I.(i)", "CNIPA"),
        ("2", "I.(i)", "CNIPA"),
        ("1", "I.(ii)", "MOE"),
        ("1", "II.(i)", "CPD"),
    ]


def test_chinese_plan_with_word_numbering(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("2030年3月1日")
    document.add_paragraph("2030年知识产权强国建设推进计划")
    _add_list(document, ZH_LEVELS, 91, 91)
    _item(document, "完善知识产权制度", 0, 91, heading=True)
    _item(document, "健全法律法规", 1, 91, heading=True)
    _item(document, "推动专利法实施细则修订。（知识产权局、司法部负责）", 2, 91)
    _item(document, "强化知识产权保护", 0, 91, heading=True)
    _item(document, "加强行政保护", 1, 91, heading=True)
    _item(document, "开展专项行动。（市场监管总局负责）", 2, 91)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = parse_document(path)
    assert [(s.id, s.title) for s in plan.sections] == [
        ("一", "完善知识产权制度"),
        ("一.(一)", "健全法律法规"),
        ("二", "强化知识产权保护"),
        ("二.(一)", "加强行政保护"),
    ]
    assert [(t.number, t.lead, t.participants) for t in plan.tasks] == [("1", "CNIPA", ("MOJ",)), ("1", "SAMR", ())]


def test_numbering_of_a_style_and_bullets(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("First.", style="List Number")
    document.add_paragraph("Second.", style="List Number")
    document.add_paragraph("A point.", style="List Bullet")
    path = tmp_path / "lists.docx"
    document.save(path)
    from ipstrategy.core.parsing.readers import read_document

    assert [b.text for b in read_document(path).blocks if b.kind == "line"] == ["1. First.", "2. Second.", "• A point."]
    assert qn("w:numPr")  # the namespace helper resolves (guards the import used above)
