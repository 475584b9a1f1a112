"""Quantitative targets in task text: what counts, with which comparator, and what does not."""

from __future__ import annotations

import pytest

from ipstrategy.core.parsing.targets import extract_targets

EN = [
    ("Advance patent alliances, guide and set up 30 or so such alliances.", [(30, "about")]),
    ("Shorten the examination cycle for high-value patents to less than 16 months.", [(16, "<")]),
    ("Shorten the average trademark examination cycle to less than four months.", [(4, "<")]),
    ("In eight reform pilot zones, promote the measures.", [(8, "=")]),
    ("establish 30 new Technology and Innovation Support Centers (TISC)", [(30, "=")]),
    ("the selection of 4 to 5 colleges and universities as national IP training bases", [(4, ">="), (5, "<=")]),
    ("strive to reach 50% coverage of prefectural-level public service agencies", [(50, ">=")]),
    ("There are 40,000 practicing patent attorneys nationwide.", [(40000, "=")]),
    ("train at least 2,000 examiners and no more than 300 assessors", [(2000, ">="), (300, "<=")]),
    ("support about 20 demonstration cities", [(20, "about")]),
    ("build more than 100 service outlets", [(100, ">")]),
    ("shorten the examination cycle to within 16 months", [(16, "<=")]),  # "within" counts the number
    ("cut the backlog to under 4 months", [(4, "<")]),
    ("Raise the number of national IP demonstration cities to no fewer than 100.", [(100, ">=")]),
    ("raise the number of patent-intensive enterprises to 500 by 2025", [(500, "=")]),
]
NOT_TARGETS = [
    "Implement the plan in 2012 and carry out the 12th Five-Year Plan.",
    "Carry out the project of 100, 1000 and 10000 IP talents.",
    "the number of invention patents per 10,000 people",
    "implement the Notice (Guo Fa [2014] No. 6)",
    "the ISO9001: 2000 system",
    "the “Longteng 2020” special campaign",
    "strictly implement “double random, one open” regulation",
    "promote three-in-one trials and two-way conversion",
    "develop 5G and G20 cooperation",
    "the 19th National Congress and the 8th batch",
    "Draft the *Regulations on 3 Kinds of Patents*",
    "hold publicity events around April 26 and on 15 March every year",
    "use the 3.15 consumer rights day and the 4.26 World IP Day to publicise",
    'carry out the “Internet Plus”2 action and the "Made in China"13 plan',
    "report to the number of offices concerned",
]
ZH = [
    ("引导建设不少于30家高校知识产权运营中心", [(30, ">=")]),
    ("将发明专利审查周期压减至16个月以内", [(16, "<=")]),
    ("地市级公共服务机构覆盖率达到50%以上", [(50, ">=")]),
    ("在八个改革试点地区推广经验", [(8, "=")]),
    ("遴选4至5所高校作为培训基地", [(4, ">="), (5, "<=")]),
    ("全国执业专利代理师达到4万人", [(40000, "=")]),
    ("建设30个左右产业知识产权联盟", [(30, "about")]),
    ("3个月之内办结", [(3, "<=")]),
    ("在6个月内完成审查", [(6, "<=")]),
    ("侵权案件结案周期低于10个月", [(10, "<")]),
    ("专利代理机构少于100家的地区", [(100, "<")]),
]
ZH_NOT = [
    "到2025年建成",
    "贯彻国发〔2014〕6号文件",
    "推进“一带一路”合作",
    "落实“双随机、一公开”",
    "每万人口发明专利拥有量",
    "第三批试点",
    "“十四五”规划",
    "于4月26日前后开展知识产权宣传周活动",
    "11月底前完成",
]


@pytest.mark.parametrize(("text", "expected"), EN, ids=[t[:40] for t, _ in EN])
def test_english_targets(text, expected):
    assert [(t.quantity, t.comparator) for t in extract_targets(text, language="en")] == expected


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_english_non_targets(text):
    assert extract_targets(text, language="en") == ()


@pytest.mark.parametrize(("text", "expected"), ZH, ids=[t for t, _ in ZH])
def test_chinese_targets(text, expected):
    assert [(t.quantity, t.comparator) for t in extract_targets(text, language="zh")] == expected


@pytest.mark.parametrize("text", ZH_NOT)
def test_chinese_non_targets(text):
    assert extract_targets(text, language="zh") == ()


def test_target_keeps_unit_and_clause():
    (target,) = extract_targets("Improve quality. Shorten the cycle to less than 16 months.", language="en")
    assert target.unit == "months"
    assert target.text == "Shorten the cycle to less than 16 months"


@pytest.mark.parametrize(
    ("token", "value"),
    [("十四", 14), ("二十", 20), ("三十五", 35), ("一百", 100), ("二〇二一", 2021), ("八", 8), ("42", 42)],
)
def test_chinese_numerals(token, value):
    from ipstrategy.core.parsing.numerals import zh_number

    assert zh_number(token) == value


@pytest.mark.parametrize(("number", "years"), [(3, (1966, 1970)), (12, (2011, 2015)), (14, (2021, 2025))])
def test_five_year_plan_years(number, years):
    from ipstrategy.core.parsing.numerals import five_year_plan_end

    assert (five_year_plan_end(number) - 4, five_year_plan_end(number)) == years
