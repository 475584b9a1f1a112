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


def _numbered_lines(path: Path) -> list[str]:
    from ipstrategy.core.parsing.readers import read_document

    return [b.text for b in read_document(path).blocks if b.kind in ("line", "heading")]


def _add_num(document, num_id: int, abstract_id: int, overrides: str = "") -> None:
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )


def test_two_lists_of_one_abstract_list_continue_and_a_start_override_restarts(tmp_path: Path):
    """Word keeps the counters per abstract list: a second w:num continues it, a startOverride restarts it."""
    document = docx.Document()
    _add_list(document, [("decimal", "%1."), ("lowerLetter", "%2)")], 80, 80)
    _add_num(document, 81, 80)  # "continue numbering"
    _add_num(document, 82, 80, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    _add_num(document, 83, 80, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')
    for text, level, num in [
        ("One", 0, 80),
        ("Point", 1, 80),
        ("Point", 1, 80),
        ("Two", 0, 81),
        ("Point", 1, 81),  # restarted by the advance of level 0
        ("Three", 0, 80),
        ("Again", 0, 82),
        ("Point", 1, 82),
        ("Next", 0, 82),
        ("Next", 0, 81),  # continues the restarted series: one abstract list
        ("Seventh", 0, 83),
        ("Eighth", 0, 83),
    ]:
        _item(document, text, level, num)
    path = tmp_path / "lists.docx"
    document.save(path)
    assert _numbered_lines(path) == [
        "1. One",
        "a) Point",
        "b) Point",
        "2. Two",
        "a) Point",
        "3. Three",
        "1. Again",
        "a) Point",
        "2. Next",
        "3. Next",
        "7. Seventh",
        "8. Eighth",
    ]


def test_level_start_formats_and_a_redefined_level(tmp_path: Path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="70">'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>'
            '<w:lvl w:ilvl="3"><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%4"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    _add_num(document, 70, 70)
    _add_num(
        document,
        71,
        70,
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        "</w:lvlOverride>",
    )
    for text, level, num in [
        ("三", 0, 70),
        ("甲", 1, 70),
        ("乙", 1, 70),
        ("iv", 2, 70),
        ("v", 2, 70),
        ("丙", 1, 70),
        ("iv again", 2, 70),
        ("legal", 3, 70),
        ("四", 0, 70),
        ("甲 again", 1, 70),
        ("eleven", 0, 71),
    ]:
        _item(document, text, level, num)
    path = tmp_path / "formats.docx"
    document.save(path)
    assert _numbered_lines(path) == [
        "三、三",
        "（甲） 甲",
        "（乙） 乙",
        "iv. iv",
        "v. v",
        "（丙） 丙",
        "iv. iv again",
        "3.1 legal",
        "四、四",
        "（甲） 甲 again",
        "XI. eleven",
    ]


def test_a_style_gives_the_list_and_the_paragraph_its_level(tmp_path: Path):
    document = docx.Document()
    _add_list(document, [("decimal", "%1."), ("lowerRoman", "%2.")], 60, 60)
    style = document.styles["List Number"]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="60"/></w:numPr>'))
    document.add_paragraph("First.", style="List Number")
    sub = document.add_paragraph("Inner.", style="List Number")
    sub._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/></w:numPr>'))
    document.add_paragraph("Second.", style="List Number")
    path = tmp_path / "styled.docx"
    document.save(path)
    assert _numbered_lines(path) == ["1. First.", "i. Inner.", "2. Second."]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (100, "chineseCounting", "一百"),
        (105, "chineseCounting", "一百零五"),
        (1010, "chineseCounting", "一千零一十"),
        (10, "chineseCounting", "十"),
        (3, "ideographTraditional", "丙"),
        (11, "ideographTraditional", "11"),
        (12, "chineseLegalSimplified", "壹拾贰"),
    ],
)
def test_chinese_formats_past_ten(n, fmt, text):
    assert format_number(n, fmt) == text


def test_lvl_restart_numbering_style_links_and_empty_numbered_paragraphs(tmp_path: Path):
    """``w:lvlRestart w:val="0"`` keeps a level counting across its parents; a list that names a
    numbering style (``w:numStyleLink``) counts with the list the style defines; an empty numbered
    paragraph takes a number, as Word prints it."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:styleLink w:val="PlanList"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="92"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'
        ),
    )
    _add_num(document, 90, 90)
    _add_num(document, 91, 91)
    _add_num(document, 92, 92)
    document.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/>'
            '<w:pPr><w:numPr><w:numId w:val="91"/></w:numPr></w:pPr></w:style>'
        )
    )
    for text, level, num in [
        ("总体要求", 0, 90),
        ("完善法律。", 1, 90),
        ("", 1, 90),  # an empty numbered paragraph: "2." with nothing after it
        ("强化保护", 0, 90),
        ("加强执法。", 1, 90),  # task numbers run on across chapters
        ("First", 0, 91),
        ("Second", 0, 92),  # a list linked to the style continues its series
    ]:
        _item(document, text, level, num)
    path = tmp_path / "restart.docx"
    document.save(path)
    assert _numbered_lines(path) == [
        "一、总体要求",
        "1. 完善法律。",
        "二、强化保护",
        "3. 加强执法。",
        "(1) First",
        "(2) Second",
    ]
