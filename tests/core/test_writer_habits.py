"""Paragraphs, lists and responsibility lines as different writers print them: each rule on its own.

The conversion matrix (test_writer_matrix.py) checks whole documents; these pin down the rules it
relies on, each with a small document of its own.
"""

from __future__ import annotations

import textwrap

from ipstrategy.core.parsing import parse_blocks, parse_text
from ipstrategy.core.parsing.paragraphs import build_paragraphs
from ipstrategy.core.parsing.readers.html import html_to_blocks
from ipstrategy.core.parsing.readers.text import text_to_blocks


def _lines(html: str) -> list[str]:
    return [b.text for b in html_to_blocks(html) if b.kind == "line"]


def _paras(text: str) -> list[str]:
    return [p.text for p in build_paragraphs(text_to_blocks(text))]


# -- HTML ordered lists -----------------------------------------------------------------------------
def test_html_ordered_lists_show_the_number_each_item_displays():
    html = (
        '<ol start="4" type="1"><li>Four.</li><li><p>Five.</p></li></ol>'
        '<ol start="2" type="I"><li>Two.</li></ol>'
        '<ol type="i"><li>one<ol start="7"><li>seven</li></ol></li><li>two</li></ol>'
        '<ol><li value="10">ten</li><li>eleven</li></ol><ul><li>bullet</li></ul>'
    )
    assert _lines(html) == [
        "4. Four.",
        "5. Five.",
        "II. Two.",
        "(i) one",
        "7. seven",
        "(ii) two",
        "10. ten",
        "11. eleven",
        "bullet",
    ]


def test_a_pandoc_plan_with_numbered_lists_keeps_its_task_numbers():
    html = (
        "<h1>2024 Work Plan for Intellectual Property Protection</h1><h2>I. Rules</h2>"
        '<ol start="3" type="1"><li>Revise the implementing regulations of the Copyright Law. (NCAC, MOJ)</li>'
        "<li>Publish the guidelines on trade secrets for enterprises. (SAMR)</li></ol>"
    )
    plan = parse_blocks(html_to_blocks(html))
    assert [(t.number, t.lead) for t in plan.tasks] == [("3", "NCAC"), ("4", "SAMR")]


def test_sibling_decimal_lists_are_told_apart_by_their_numbers():
    # pandoc writes "1. Overall Requirements" and "(1) Guideline" as two <ol type="1">: HTML keeps no
    # delimiter, so the inner series is read from the numbers, as a reader of the page does.
    html = (
        '<ol type="1"><li>Overall Requirements</li></ol><ol type="1"><li>Guideline</li></ol><p>Text.</p>'
        '<ol start="2" type="1"><li>Objectives</li></ol><ol start="2" type="1"><li>Main Actions</li></ol>'
        '<ol type="1"><li>Promote creation.</li><li>Strengthen protection.</li></ol>'
        '<ol start="3" type="1"><li>Foundation Works</li></ol><ol type="1"><li>Information.</li></ol>'
        '<ol start="2" type="1"><li>Statistics.</li></ol><ol start="4" type="1"><li>Measures</li></ol>'
        '<ol type="1"><li>Organisation.</li></ol>'
    )
    assert _lines(html) == [
        "1. Overall Requirements",
        "(1) Guideline",
        "Text.",
        "(2) Objectives",
        "2. Main Actions",
        "(1) Promote creation.",
        "(2) Strengthen protection.",
        "3. Foundation Works",
        "(1) Information.",
        "(2) Statistics.",
        "4. Measures",
        "(1) Organisation.",
    ]


def test_decimal_lists_under_other_numbering_and_nested_lists_keep_one_level_each():
    # Under each "（一）" printed as text the decimal series starts afresh: one level, not two.
    html = (
        "<p>（一）加强保护</p>"
        '<ol type="1"><li>完善法律。</li><li>加强执法。</li></ol>'
        "<p>（二）促进运用</p>"
        '<ol type="1"><li>建设平台。</li></ol>'
        "<h2>Part Two</h2>"
        '<ol type="1"><li>Outer<ol type="1"><li>inner</li></ol></li></ol>'
    )
    assert _lines(html) == [
        "（一）加强保护",
        "1. 完善法律。",
        "2. 加强执法。",
        "（二）促进运用",
        "1. 建设平台。",
        "1. Outer",
        "(1) inner",
    ]


def test_two_levels_printed_alike_as_1_are_told_apart_by_their_numbers():
    # LibreOffice prints pandoc's "1." and "(1)" lists both as "1.": a restart at 1 directly under
    # "1. Overall Requirements" opens the inner series, "2. Main Actions" closes it.
    text = (
        "Action Plan for Implementing the Strategy\n\n1. Overall Requirements\n1. Guideline\n"
        "Uphold the guideline of the strategy.\n2. Main Objectives\nBy 2020, we shall see improvement.\n"
        "2. Main Actions\n1. Promoting creation. We will improve examination. (SIPO, MOST)\n"
        "2. Strengthening protection. We will revise the Patent Law. (SIPO, MOJ)\n"
        "3. Foundation Works\n1. Information. We will build the national platform. (SIPO)\n"
    )
    plan = parse_text(text).to_json()
    assert [s["id"] for s in plan["sections"]] == ["1", "1.(1)", "1.(2)", "2", "3"]
    assert [(t["number"], t["section"]) for t in plan["tasks"]] == [("1", "2"), ("2", "2"), ("1", "3")]


def test_a_decimal_series_under_each_chinese_heading_stays_one_level():
    text = (
        "知识产权工作要点\n\n一、加强保护\n（一）完善法律\n1.修改专利法。（国家知识产权局）\n"
        "2.完善商标法。（市场监管总局）\n（二）强化执法\n1.开展专项行动。（公安部）\n"
    )
    plan = parse_text(text).to_json()
    assert [t["number"] for t in plan["tasks"]] == ["1", "2", "1"]
    assert [t["section"] for t in plan["tasks"]] == ["一.(一)", "一.(一)", "一.(二)"]


# -- line ends from <br>, Word soft breaks and markdown hard breaks ---------------------------------
def test_a_br_is_a_line_end_read_by_the_plain_text_rules():
    html = (
        "<p>(1) Improve the examination of patents.<br>(2) Publish the annual report.<br>"
        "3. Train examiners and<br>judges in every province.</p>"
    )
    assert [p.text for p in build_paragraphs(html_to_blocks(html))] == [
        "(1) Improve the examination of patents.",
        "(2) Publish the annual report.",
        "3. Train examiners and judges in every province.",
    ]


def test_trailing_spaces_on_most_lines_are_not_hard_breaks():
    text = "Indicators  \n2013  \n2015  \n(1) Improve the law.  \n(2) Publish the report.  \n"
    assert _paras(text) == ["Indicators", "2013", "2015", "(1) Improve the law.", "(2) Publish the report."]
    # where few lines end so, two spaces are markdown's hard break: the paragraph goes on
    text = "First line of a paragraph  \nSecond line\n\nAnother paragraph.\n\nA third one.\n\nA fourth one.\n"
    assert _paras(text)[0] == "First line of a paragraph Second line"


# -- hard-wrapped text ------------------------------------------------------------------------------
WRAPPED = "\n".join(
    [
        "Notice on the work plan",
        "",
        "(4) Improving the intellectual property legal policy system and rules.",
        "Improve intellectual property laws and regulations. Carry out basic legal",
        "research on intellectual property rights and promote the revision of the",
        "patent law, the trademark law and the copyright law in an orderly manner.",
        "(5) Strengthen the judicial protection of intellectual property.",
        "Improve the judicial protection system for intellectual property rights and",
        "strengthen the allocation of judicial resources across all the regions.",
        *["Filler line of a hard-wrapped plan that runs to the full width of its page, 80."] * 8,
    ]
)


def test_hard_wrapped_lines_join_but_not_past_a_heading_the_next_word_would_have_fitted_on():
    paras = _paras(WRAPPED)
    assert "(4) Improving the intellectual property legal policy system and rules." in paras
    assert "(5) Strengthen the judicial protection of intellectual property." in paras
    assert any(p.startswith("Improve intellectual property laws") and p.endswith("orderly manner.") for p in paras)


def test_a_line_opening_with_closing_punctuation_goes_back_to_its_sentence():
    text = "健全知识产权法律法规，加快数据知识产权保护规则研究。（司法部、知识产权局按职责分工负责\n）\n"
    assert _paras(text) == ["健全知识产权法律法规，加快数据知识产权保护规则研究。（司法部、知识产权局按职责分工负责）"]


# -- spaces -----------------------------------------------------------------------------------------
def test_non_breaking_and_unicode_spaces_are_folded():
    text = "(1)\u00a0Revise\u2002the\u00a0rules. (Copyright\u00a0Administration, Ministry\u202fof Justice)\n"
    plan = parse_text("2024 Work Plan\n\nI. Rules\n\n" + text)
    assert plan.tasks[0].text == "Revise the rules."
    assert (plan.tasks[0].lead, plan.tasks[0].participants) == ("NCAC", ("MOJ",))


def test_a_space_between_cjk_and_a_digit_is_mended_in_chinese_text():
    plan = parse_text(
        "2024年工作要点\n\n2024年3月20日\n\n一、加强保护\n\n1.将审查周期压减至15 个月以内，培训执法人员2000 人次以上。（知识产权局负责）\n"
    )
    assert plan.tasks[0].text == "将审查周期压减至15个月以内，培训执法人员2000人次以上。"
    assert [(t.quantity, t.comparator) for t in plan.tasks[0].targets] == [(15, "<="), (2000, ">=")]


# -- a task division's responsibility lines ---------------------------------------------------------
DIVISION = """2024年知识产权保护工作要点

2024年3月20日

一、完善保护制度

（一）推动修订专利审查指南，完善数据知识产权保护规则。
牵头单位：知识产权局；参与单位：司法部、市场监管总局

（二）将发明专利审查周期压减至15个月以内。 牵头单位：知识产权局

（三）开展集中宣传，发布典型案例不少于50件。
责任单位：中央宣传部、知识产权局
"""


def test_lead_and_participant_unit_lines_under_a_task_assign_it():
    plan = parse_text(DIVISION)
    tasks = [(t.number, t.lead, t.participants) for t in plan.tasks]
    assert tasks == [("一", "CNIPA", ("MOJ", "SAMR")), ("二", "CNIPA", ()), ("三", None, ("CPD", "CNIPA"))]
    assert plan.tasks[1].text == "将发明专利审查周期压减至15个月以内。"


def test_english_lead_unit_lines():
    text = (
        "2024 Work Plan\n\nI. Rules\n\n(1) Revise the implementing regulations of the Copyright Law.\n"
        "Lead unit: Copyright Administration; participating units: Ministry of Justice, SAMR\n\n"
        "(2) Publish the guidelines on trade secrets.\nLead unit: SAMR\n"
    )
    plan = parse_text(text)
    assert [(t.lead, t.participants) for t in plan.tasks] == [("NCAC", ("MOJ", "SAMR")), ("SAMR", ())]


def test_a_footnote_ends_at_a_numbered_line_or_heading_without_a_blank_line():
    text = (
        "(1) Improve the law. (SIPO)\n---\n<sup>1</sup> Translator's note: a note.\nmore of the note\n"
        "(2) Publish the report. (SIPO)\n---\n<sup>2</sup> Translator's note: another.\n## II. Next\n"
    )
    assert [p for p in _paras(text) if p] == [
        "(1) Improve the law. (SIPO)",
        "(2) Publish the report. (SIPO)",
        "II. Next",
    ]


def test_a_full_last_line_closing_a_task_does_not_run_into_the_next_paragraph():
    filler = "A line of a hard-wrapped plan that runs to the full width of the printed page."
    text = "\n".join(
        [
            *[filler] * 10,
            "Improve the rules on trade secrets and publish the guidelines for enterprises,",
            "and support the courts in every province in trying the cases. (SAMR, SPC)",
            "Improve the judicial protection of intellectual property rights and train all",
            "judges in the new rules. (SPC)",
        ]
    )
    paras = _paras(text)
    assert paras[-2].endswith("(SAMR, SPC)") and paras[-1].startswith("Improve the judicial")


# -- tables without outer pipes -------------------------------------------------------------------
TABLE_PLAN = """“十五五”知识产权保护和运用规划

2026年3月18日

一、规划背景

“十五五”时期知识产权发展主要指标
指标{sep}2025年{sep}2030年{sep}属性
每万人口高价值发明专利拥有量（件）{sep}14.2{sep}18{sep}预期性
知识产权保护社会满意度（分）{sep}82.4{sep}85{sep}预期性

二、主要任务

（一）加强保护。健全知识产权法律法规，完善保护体系。（知识产权局负责）
"""


def test_rows_with_pipes_or_tabs_between_cells_and_no_outer_pipes_are_a_table():
    for sep in (" | ", "\t"):
        plan = parse_text(TABLE_PLAN.format(sep=sep))
        assert {i.name: i.values for i in plan.indicators} == {
            "每万人口高价值发明专利拥有量（件）": {"2025": 14.2, "2030": 18.0},
            "知识产权保护社会满意度（分）": {"2025": 82.4, "2030": 85.0},
        }, sep


def test_a_single_tab_after_list_numbers_is_not_a_table():
    blocks = text_to_blocks("1.\tImprove the law.\n2.\tPublish the report.\nA | B\n")
    assert [b.kind for b in blocks] == ["line", "line", "line"]


# -- sibling series ---------------------------------------------------------------------------------
def test_a_sibling_series_is_headings_or_tasks_by_its_majority():
    """One roman heading that a writer ran together with the next line does not make the series tasks."""
    text = "\n\n".join(
        [
            "2020 Promotion Plan",
            "I. Deepening Reforms",
            "1. Formulate the policies. (CNIPA)",
            "II. Intensifying Protections",
            "2. Improve the laws. (CNIPA)",
            "III. Encouraging Creation i. Improving the Quality of Examination. Strengthen the examination.",
            "3. Strengthen the capabilities. (CNIPA)",
            "IV. Strengthening Cooperation",
            "4. Take part in the negotiations. (MOFCOM)",
        ]
    )
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4"]
    assert [s.id for s in plan.sections] == ["I", "II", "III", "IV"]


# -- lower-case list labels (LibreOffice's lowerRoman and lowerLetter lists) --------------------------
_LOWER_LABELS_PLAN = """2024 Work Plan for Intellectual Property Protection

I. Improving Rules
(i) Laws
1. Revise the implementing regulations of the Copyright Law. (Responsibility of NCAC)
2. Draft the rules on data intellectual property. (Responsibility of CNIPA)
ii. Policies
3. Issue opinions on patents at universities. (Responsibility of MOE)
iii. Enforcement
a) Launch campaigns against online piracy. (Responsibility of NCAC)
b) Publish the guidelines on trade secrets. (Responsibility of SAMR)
II. Services
i. Public Services
1. Build the national platform for patent data. (Responsibility of CNIPA)
ii. Training
2. Train examiners in the new rules. (Responsibility of CNIPA)
"""


def test_lower_case_roman_and_letter_labels_number_a_series():
    plan = parse_text(_LOWER_LABELS_PLAN)
    assert [s.title for s in plan.sections] == [
        "Improving Rules",
        "Laws",
        "Policies",
        "Enforcement",
        "Services",
        "Public Services",
        "Training",
    ]
    assert [(t.number, t.lead) for t in plan.tasks] == [
        ("1", "NCAC"),
        ("2", "CNIPA"),
        ("3", "MOE"),
        ("a", "NCAC"),
        ("b", "SAMR"),
        ("1", "CNIPA"),
        ("2", "CNIPA"),
    ]
    placed = {t.number + t.text[:5]: t.section for t in plan.tasks}
    sections = {s.id: s.title for s in plan.sections}
    assert sections[placed["3Issue"]] == "Policies" and sections[placed["aLaunc"]] == "Enforcement"


def test_a_lower_case_label_starts_a_line_of_its_own_but_a_sentence_opening_with_a_or_i_does_not():
    assert _paras("1. Revise the regulations on\npatent agencies\nii. Policies\nand the rest") == [
        "1. Revise the regulations on patent agencies",
        "ii. Policies and the rest",
    ]
    text = (
        "I. Rules\nI think the rules hold.\n\na lone remark in lower case.\n\na) a lone label, with no b) after it.\n"
    )
    plan = parse_text("2024 Work Plan\n\n" + text)
    assert [s.title for s in plan.sections] == ["Rules"]
    assert plan.tasks == ()


def test_a_roman_label_printed_against_its_text_still_opens_a_heading():
    """LibreOffice's PDF prints a list label with next to no gap: "II.Apply IP" is heading II."""
    plan = parse_text(
        "2024 Work Plan\n\nI.Improving Rules\n\n(1) Revise the Copyright Law. (Responsibility of NCAC)\n\n"
        "II.Strengthening Protection\n\n(2) Launch campaigns against piracy. (Responsibility of NCAC)\n\n"
        "I.E.C. standards are not a heading.\n"
    )
    assert [(s.id, s.title) for s in plan.sections] == [("I", "Improving Rules"), ("II", "Strengthening Protection")]
    assert [(t.number, t.section) for t in plan.tasks] == [("1", "I"), ("2", "II")]


def test_a_wrapped_caption_does_not_swallow_the_header_of_a_table_printed_one_cell_per_line():
    # Hard-wrapped at 80 columns, the caption's line is full; "Indicators" above two year lines
    # heads a table and starts its own paragraph all the same.
    caption = "Main Expectation Indicators for Implementation of the IP Strategy in 2014-2020"
    body = textwrap.wrap("Promote the creation and use of intellectual property in every province. " * 12, 80)
    wrapped = "\n".join([*body, "", caption, "Indicators", "2013", "2020"])
    assert _paras(wrapped)[-4:] == [
        caption,
        "Indicators",
        "2013",
        "2020",
    ]


def test_a_numbered_heading_that_fills_its_wrapped_line_is_not_continued():
    # Hard-wrapped at 80 columns with no blank lines: "(3) ..." fills its line like the first line of
    # a paragraph, but its siblings are whole lines, so it is a heading and the body starts apart.
    body = textwrap.wrap("Improve the examination of patents and publish the guidelines every year. " * 6, 80)
    text = "\n".join(
        [
            "(1) Strengthen the legal protection of intellectual property rights.",
            *body,
            "(2) Improve the intellectual property public services.",
            *body,
            "(3) Strengthen the administrative protection of intellectual property rights.",
            *body,
        ]
    )
    paras = _paras(text)
    assert paras[4] == "(3) Strengthen the administrative protection of intellectual property rights."
    assert paras[5].startswith("Improve the examination") and len(paras) == 6


# -- markdown left in the text of other formats -----------------------------------------------------
def test_markdown_pasted_into_word_or_a_web_page_is_read_as_markdown():
    import io

    import docx

    from ipstrategy.core.parsing.readers import read_bytes

    lines = [
        "# 2024年知识产权工作要点",
        "## 一、完善制度",
        "**1.** 修改专利法实施细则。（国家知识产权局、司法部）",
        "| 指标 | 2023年 | 2025年 |",
        "|---|---|---|",
        "| 每万人口高价值发明专利拥有量（件） | 11.8 | 12 |",
    ]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    page = "".join(f"<p>{line}</p>" for line in lines).encode("utf-8")
    for data, name in ((buffer.getvalue(), "plan.docx"), (page, "plan.html")):
        plan = parse_blocks(read_bytes(data, name).blocks)
        assert plan.title == "2024年知识产权工作要点", name
        assert [(s.id, s.title) for s in plan.sections] == [("一", "完善制度")], name
        assert [t.text for t in plan.tasks] == ["修改专利法实施细则。"], name
        assert [(i.name, i.values) for i in plan.indicators] == [
            ("每万人口高价值发明专利拥有量（件）", {"2023": 11.8, "2025": 12.0})
        ], name


def test_page_numbers_left_by_a_pdf_text_export_do_not_cut_a_task():
    text = (
        "2024年知识产权工作要点\n\n2024年3月1日\n\n一、完善制度\n"
        "1.推进专利法实施细则修改，完善配套制度和审查标准，加快构建数据知识产权保护\n\n— 2 —\n\n"
        "规则体系。（国家知识产权局、司法部）\n2.完善商标审查制度。（国家知识产权局）\n\n- 3 -\n\n"
        "二、加强保护\n3.Page 7 of 9 is no page number inside a line.（公安部）\n"
    )
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == [
        "推进专利法实施细则修改，完善配套制度和审查标准，加快构建数据知识产权保护规则体系。",
        "完善商标审查制度。",
        "Page 7 of 9 is no page number inside a line.",
    ]
    assert [s.id for s in plan.sections] == ["一", "二"]
