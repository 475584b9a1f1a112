"""Plans written for these tests in the genre's style, in both languages and in every format.

Each document exercises rules the five bundled plans do not: Chinese numbering (一、 （一） 1.),
"first listed leads" stated in a closing sentence, 牵头 versus 按职责分工负责, an indicator table
with an attribute column and a note that re-dates a cell, traditional characters, GB18030, and
the same plan as .docx (with a real Word table), .pdf (hard-wrapped text layer) and .html.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import zhconv

from ipstrategy.core.parsing import parse_document, parse_text

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
ZH_ANNUAL = GENRE / "zh_promotion_plan.txt"
ZH_FIVE_YEAR = GENRE / "zh_five_year_plan.txt"
ZH_ACTION = GENRE / "zh_action_plan.txt"
EN_OPINIONS = GENRE / "en_outline_opinions.md"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def summary(plan):
    """What must not change between formats: metadata, sections, tasks with their bodies, indicators."""
    return {
        "meta": (plan.title, plan.date, plan.plan_type, plan.issuer, plan.period_start, plan.period_end, plan.language),
        "sections": [(s.id, s.title) for s in plan.sections],
        "tasks": [
            (
                t.number,
                t.section,
                t.text,
                t.lead,
                t.participants,
                t.other_responsible,
                [(x.quantity, x.comparator) for x in t.targets],
            )
            for t in plan.tasks
        ],
        "indicators": sorted((i.name.split("（")[0], sorted(i.values.items())) for i in plan.indicators),
    }


def test_chinese_annual_plan_first_listed_department_leads():
    plan = parse_document(ZH_ANNUAL)
    assert plan.title == "2023年知识产权强国建设推进计划"
    assert (plan.date, plan.plan_type, plan.issuer, plan.language) == (
        "2023-06-02",
        "annual_promotion_plan",
        ("IPSJCO",),
        "zh",
    )
    assert [s.id for s in plan.sections] == ["一", "一.(一)", "一.(二)", "二", "二.(一)", "二.(二)"]
    tasks = {t.number: t for t in plan.tasks}
    assert len(tasks) == 10
    assert (tasks["1"].lead, tasks["1"].participants) == ("CNIPA", ("MOJ",))
    assert (tasks["3"].lead, tasks["3"].participants) == (None, ("SPC", "MOJ", "CNIPA", "CPD"))  # 按职责分别负责
    assert (tasks["9"].lead, tasks["9"].participants) == (None, ("SPP", "MPS"))  # 按职责分工负责
    assert tasks["10"].other_responsible == ("各省级人民政府",)
    assert [(t.quantity, t.comparator) for t in tasks["5"].targets] == [(16, "<="), (4, "<=")]  # 以内 counts the number
    assert tasks["1"].text == "推动专利法实施细则修订出台，做好配套规章的衔接工作。"
    assert not any("排在第一位" in t.text for t in plan.tasks)


def test_chinese_five_year_plan_explicit_leads_table_and_notes():
    plan = parse_document(ZH_FIVE_YEAR)
    assert (plan.plan_type, plan.issuer, plan.period_start, plan.period_end) == ("five_year_plan", ("SC",), 2026, 2030)
    assert len(plan.tasks) == 4
    first, second, third, fourth = plan.tasks
    assert first.lead is None and first.participants == ("CPD", "SPC", "MOJ", "SAMR", "CNIPA")
    assert second.lead == "CNIPA" and second.participants == ("CPD", "MOFCOM")
    assert third.lead is None and third.participants == ("CNIPA",)  # the document marks leads with 牵头
    assert fourth.other_responsible == ("各有关部门", "地方各级人民政府")
    assert [(t.quantity, t.comparator) for t in second.targets] == [(50, ">=")]
    values = {i.name: i.values for i in plan.indicators}
    assert values["每万人口高价值发明专利拥有量（件）"] == {"2025": 14.2, "2030": 18.0, "2020": 6.3}
    assert values["专利密集型产业增加值占GDP比重（%）"] == {"2024": 13.0, "2030": 14.0}  # note ① re-dates the cell
    assert values["知识产权保护社会满意度（分）"] == {"2025": 82.4, "2030": 85.0}
    assert "主要目标" not in " ".join(t.text for t in plan.tasks)


def test_chinese_action_plan_guiding_ideas_are_headings_and_actions_are_tasks():
    plan = parse_document(ZH_ACTION)
    assert (plan.plan_type, plan.issuer, plan.period_start, plan.period_end) == ("action_plan", ("GOSC",), 2025, 2030)
    assert [(s.id, s.title) for s in plan.sections][:3] == [
        ("一", "总体要求"),
        ("一.(一)", "指导思想。"),
        ("一.(二)", "主要目标。"),
    ]
    assert [(t.number, t.section) for t in plan.tasks] == [
        (None, "二.(一)"),
        (None, "二.(一)"),
        (None, "二.(二)"),
        ("一", "三"),
        ("二", "三"),
        ("一", "四"),
        ("二", "四"),
    ]
    assert plan.tasks[0].text.startswith("推动知识产权密集型产业发展。")
    assert [(t.quantity, t.comparator, t.unit) for t in plan.tasks[4].targets] == [(50000, ">=", "人次")]
    assert {i.name: i.values for i in plan.indicators}["专利质押融资金额（亿元）"] == {
        "2024": 8000.0,
        "2027": 9000.0,
        "2030": 10000.0,
    }


def test_traditional_characters_parse_like_simplified(tmp_path):
    source = ZH_FIVE_YEAR.read_text(encoding="utf-8")
    traditional = tmp_path / "trad.txt"
    traditional.write_text(zhconv.convert(source, "zh-hant"), encoding="utf-8")
    assert summary(parse_document(traditional))["tasks"] == summary(parse_document(ZH_FIVE_YEAR))["tasks"]


def test_gb18030_file_parses_like_utf8(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(ZH_ANNUAL.read_text(encoding="utf-8").encode("gb18030"))
    assert summary(parse_document(gbk)) == summary(parse_document(ZH_ANNUAL))


def _docx_from_text(source: str, path: Path) -> None:
    """A Word original: Heading styles for numbered chapters, a real table for the indicators."""
    import docx

    from ipstrategy.core.parsing.numbering import match_marker

    lines = [line.strip() for line in source.splitlines() if line.strip()]
    document = docx.Document()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == "指标":
            header = lines[i : i + 4]
            table = document.add_table(rows=1, cols=4)
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            i += 4
            while i + 3 < len(lines) and not lines[i].startswith("注"):
                for cell, text in zip(table.add_row().cells, lines[i : i + 4], strict=True):
                    cell.text = text
                i += 4
            continue
        marker = match_marker(line)
        if marker and marker.style == "zh_num":
            document.add_heading(line, level=1)
        elif marker and marker.style == "zh_paren":
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
        i += 1
    document.save(path)


def test_docx_with_a_real_table_parses_like_the_text(tmp_path):
    path = tmp_path / "plan.docx"
    _docx_from_text(ZH_FIVE_YEAR.read_text(encoding="utf-8"), path)
    assert summary(parse_document(path)) == summary(parse_document(ZH_FIVE_YEAR))


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs Debian's fonts-noto-cjk for Chinese PDF text")
def test_pdf_with_hard_wrapped_lines_parses_like_the_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT), collection_font_number=2)  # the Simplified Chinese face
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    for paragraph in ZH_ANNUAL.read_text(encoding="utf-8").split("\n\n"):
        for line in paragraph.splitlines():
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    path = tmp_path / "plan.pdf"
    pdf.output(str(path))
    assert summary(parse_document(path)) == summary(parse_document(ZH_ANNUAL))


def test_english_opinions_metadata_tasks_and_wrapped_lines():
    plan = parse_document(EN_OPINIONS)
    assert plan.title == "Opinions on Strengthening Intellectual Property Services"
    assert (plan.date, plan.plan_type, plan.issuer) == ("2024-03-02", "opinions", ("GOSC",))
    assert (plan.period_start, plan.period_end) == (2024, 2027)
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4", "5", "6"]
    assert plan.tasks[3].text.endswith("the standards of service agencies in every province.")
    assert [(t.quantity, t.comparator) for t in plan.tasks[2].targets] == [(200, ">=")]
    assert [(t.quantity, t.comparator) for t in plan.tasks[3].targets] == [(50, "about")]


def test_html_rendering_parses_like_markdown(tmp_path):
    body = []
    for block in EN_OPINIONS.read_text(encoding="utf-8").split("\n\n"):
        text = " ".join(block.split("\n"))
        level = len(text) - len(text.lstrip("#"))
        content = html.escape(text.lstrip("# ").replace("*", ""))
        body.append(f"<h{level}>{content}</h{level}>" if level else f"<p>{content}</p>")
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><script>var x=1;</script></head><body>" + "\n".join(body) + "</body></html>",
        encoding="utf-8",
    )
    assert summary(parse_document(path)) == summary(parse_document(EN_OPINIONS))


def test_parse_text_matches_parse_document():
    assert summary(parse_text(ZH_ANNUAL.read_text(encoding="utf-8"))) == summary(parse_document(ZH_ANNUAL))


def test_indicator_table_with_a_category_column_and_english_attribute():
    plan = parse_document(GENRE / "zh_indicator_categories.txt")
    assert {i.name: i.values for i in plan.indicators} == {
        "每万人口高价值发明专利拥有量（件）": {"2025": 14.2, "2030": 18.0},
        "海外发明专利授权量（万件）": {"2025": 5.0, "2030": 7.0},
        "知识产权保护社会满意度（分）": {"2025": 82.0, "2030": 85.0},
    }


@pytest.mark.parametrize(
    "statement",
    [
        "When more than one department is responsible, the department listed first shall be the lead department.",
        "The first-listed unit is the lead unit; the others participate.",
        "The department named first takes the lead.",
        "任务分工中排在第一位的为牵头单位。",
        "列在首位的部门为牵头部门。",
    ],
)
def test_a_stated_convention_makes_the_first_listed_department_lead(statement):
    text = (
        "2030年知识产权工作推进计划\n2030年2月1日\n一、完善制度\n"
        "1.修订条例。（知识产权局牵头，司法部参与）\n2.出台意见。（教育部、知识产权局负责）\n"
        "3.开展行动。（市场监管总局、公安部负责）\n" + statement + "\n"
    )
    plan = parse_text(text)
    assert [t.lead for t in plan.tasks] == ["CNIPA", "MOE", "SAMR"]
    without = parse_text(text.replace(statement, ""))
    assert [t.lead for t in without.tasks] == ["CNIPA", None, None]  # explicit 牵头 elsewhere: plain lists lead nobody


def test_numbering_styles_footnote_blocks_and_hyphenation():
    text = "\n".join(
        [
            "2031年知识产权工作要点",
            "2031年1月5日",
            "一、加强保护",
            "1、完善行政执法机制，加强跨部门协作。（市场监管总局、知识产权局负责）",
            "（2）健全快速维权机制，推动建设保护中心。（知识产权局负责）",
            "--- footnote ---",
            "1 注：此为译者注释，不属于任务。",
            "",
            "二、促进运用",
            "（3）推进专利转化专项行动，培育高价值专利组合。（知识产权局、财政部负责）",
        ]
    )
    plan = parse_text(text)
    assert [(t.number, t.section, t.lead) for t in plan.tasks] == [
        ("1", "一", "SAMR"),
        ("2", "一", "CNIPA"),
        ("3", "二", "CNIPA"),
    ]
    assert not any("译者" in t.text for t in plan.tasks)


def test_english_page_break_hyphenation_and_footnote_markers_are_mended():
    text = "\n".join(
        [
            "Promotion Plan for the Implementation of the National Intellectual Property Strategy in 2031",
            "Updated: Jan 5, 2031",
            "I. Strengthen Protection",
            "(1) Improve the examination serv-",
            "",
            "ice for patent applications filed by small enterprises, and shorten the examination cycle of high-value "
            "patents to less than 12 months<sup>1</sup> in every regional centre. (CNIPA, MOJ)",
            "(2) Publish the annual report on protection. (CNIPA)",
        ]
    )
    plan = parse_text(text)
    assert plan.tasks[0].text.startswith("Improve the examination service for patent applications")
    assert [(t.quantity, t.comparator) for t in plan.tasks[0].targets] == [(12, "<")]
    assert (plan.tasks[0].lead, plan.tasks[0].participants) == ("CNIPA", ("MOJ",))


def test_the_title_is_the_first_title_like_line_not_a_later_caption():
    # A plan-worded caption between the title and the first numbered heading is not the title; a
    # notice sentence run into its signature ("... issued to you. State Council") is neither.
    text = (
        "2024年知识产权强国建设推进计划\n\n国家知识产权局\n2024年3月1日\n\n推进计划重点任务分工表\n\n"
        "一、完善知识产权制度\n1.推动专利法实施细则修改。（国家知识产权局、司法部）\n"
    )
    assert parse_text(text).title == "2024年知识产权强国建设推进计划"
    notice = (
        "The Work Plan for Intellectual Property Protection is now issued to you. State Council\n\n"
        "Work Plan for Intellectual Property Protection\n\nKey Tasks of the Work Plan\n\n"
        "1. Improve the laws\n(1) Revise the Patent Law. (CNIPA, MOJ)\n"
    )
    assert parse_text(notice).title == "Work Plan for Intellectual Property Protection"


def test_a_provincial_plan_keeps_its_own_bodies_and_never_lends_them_a_national_code():
    # "省知识产权局" is the province's office, not CNIPA; its bodies are printed responsibility all the same.
    text = (
        "广东省2024年知识产权工作要点\n\n广东省知识产权局\n2024年3月15日\n\n一、强化知识产权创造\n"
        "（一）提升专利质量。开展专利质量提升工程。（牵头单位：省知识产权局；配合单位：省科技厅、省财政厅）\n"
        "（二）加强地理标志保护。推进示范区建设。（省知识产权局牵头，省农业农村厅参与）\n"
        "二、加强知识产权保护\n（三）强化司法保护。加强知识产权审判工作。（省法院、省检察院）\n"
    )
    plan = parse_text(text)
    assert not plan.issuer
    assert [(t.text, t.lead, tuple(t.participants)) for t in plan.tasks] == [
        ("提升专利质量。开展专利质量提升工程。", None, ()),
        ("加强地理标志保护。推进示范区建设。", None, ()),
        ("强化司法保护。加强知识产权审判工作。", None, ()),
    ]
    assert [tuple(t.other_responsible) for t in plan.tasks] == [
        ("省知识产权局", "省科技厅", "省财政厅"),
        ("省知识产权局", "省农业农村厅"),
        ("省法院", "省检察院"),
    ]


def test_chapters_hold_their_sections_in_a_five_year_plan():
    text = (
        "“十四五”知识产权保护和运用规划\n\n第一章 规划背景\n\n“十三五”时期取得重大进展。\n\n第二章 总体要求\n\n"
        "第一节 指导思想\n\n坚持新发展理念。\n\n第三章 全面加强知识产权保护\n\n第一节 完善法律政策体系\n\n"
        "推动修改专利法。\n\n第二节 加强司法保护\n\n健全审判体系。\n"
    )
    sections = [(s.id, s.title, s.parent) for s in parse_text(text).sections]
    assert sections == [
        ("一", "规划背景", None),
        ("二", "总体要求", None),
        ("二.一", "指导思想", "二"),
        ("三", "全面加强知识产权保护", None),
        ("三.一", "完善法律政策体系", "三"),
        ("三.二", "加强司法保护", "三"),
    ]


def test_upper_case_roman_numbers_in_brackets_number_tasks_under_roman_chapters():
    # Translators often render （一） as "(I)": its own style under "I.", numbered on across chapters.
    text = (
        "Opinions on Strengthening the Protection of Intellectual Property Rights\n\nI. General Requirements\n\n"
        "(I) Guiding Ideology. Guided by the new development philosophy.\n\nII. Institutional Constraints\n\n"
        "(II) Raising compensation for damages. Introduce punitive damages. (CNIPA, SPC)\n"
        "(III) Increasing criminal penalties. Adjust the standards for prosecution. (MPS, SPP)\n"
    )
    plan = parse_text(text)
    assert [s.id for s in plan.sections] == ["I", "II"]
    assert [(t.number, t.section) for t in plan.tasks] == [("I", "I"), ("II", "II"), ("III", "II")]
    assert plan.tasks[1].text == "Raising compensation for damages. Introduce punitive damages."


def test_a_task_division_printed_as_a_table_gives_one_task_per_row(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2024年知识产权保护工作重点任务分工方案")
    document.add_paragraph("2024年3月20日")
    document.add_paragraph("一、完善保护制度")
    rows = [
        ("序号", "重点任务", "牵头单位", "参与单位", "完成时限"),
        ("1", "推动修订专利审查指南。", "国家知识产权局", "司法部", "2024年底"),
        ("2", "开展“剑网2024”专项行动。", "国家版权局", "公安部、工业和信息化部", "2024年10月"),
        ("", "加强执法保护", "", "", ""),  # a category spanning the row
        ("3", "强化知识产权司法保护。", "最高人民法院", "", "持续推进"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "division.docx"
    document.save(path)
    plan = parse_document(path)
    assert [(t.number, t.section, t.text, t.lead, tuple(t.participants)) for t in plan.tasks] == [
        ("1", "一", "推动修订专利审查指南。", "CNIPA", ("MOJ",)),
        ("2", "一", "开展“剑网2024”专项行动。", "NCAC", ("MPS", "MIIT")),
        ("3", "一", "强化知识产权司法保护。", "SPC", ()),
    ]
    html = "<table><tr><th>No.</th><th>Task</th><th>Responsible units</th></tr>" + (
        "<tr><td>1</td><td>Revise the Patent Law.</td><td>CNIPA, MOJ</td></tr></table>"
    )
    (tmp_path / "division.html").write_text(html, encoding="utf-8")
    tasks = parse_document(tmp_path / "division.html").tasks
    assert [(t.number, t.text, tuple(sorted([*([t.lead] if t.lead else []), *t.participants]))) for t in tasks] == [
        ("1", "Revise the Patent Law.", ("CNIPA", "MOJ"))
    ]


@pytest.mark.parametrize(
    ("title", "plan_type"),
    [
        ("Key Points of Intellectual Property Protection Work in 2024", "annual_promotion_plan"),
        ("2024年知识产权工作要点", "annual_promotion_plan"),
        ("关于强化知识产权保护的意见", "opinions"),
        ("深入实施国家知识产权战略行动计划（2014—2020年）", "action_plan"),
    ],
)
def test_the_plan_type_is_read_from_the_title(title, plan_type):
    plan = parse_text(f"{title}\n\n2024年3月20日\n\n一、重点任务\n1.加强保护。（国家知识产权局）\n")
    assert (plan.title, plan.plan_type) == (title, plan_type)


def test_a_ministry_work_plan_assigns_its_own_departments():
    text = (
        "2024年全国知识产权行政保护工作方案\n\n国家知识产权局\n2024年3月15日\n\n一、强化行政保护\n"
        "（一）加强专利侵权纠纷行政裁决。推进规范化建设。（保护司负责）\n"
        "（二）强化商标执法指导。加强业务指导。（保护司、商标局负责）\n"
    )
    plan = parse_text(text)
    assert plan.plan_type == "annual_promotion_plan"
    assert [(t.text, t.lead, tuple(t.other_responsible)) for t in plan.tasks] == [
        ("加强专利侵权纠纷行政裁决。推进规范化建设。", None, ("保护司",)),
        ("强化商标执法指导。加强业务指导。", None, ("保护司", "商标局")),
    ]
