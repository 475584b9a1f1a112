"""Every responsibility phrasing of the genre, in English and Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from ipstrategy.core.agencies import default_registry
from ipstrategy.core.parsing.responsibility import LeadConvention, locate, parse

FIRST, EXPLICIT = LeadConvention.FIRST, LeadConvention.EXPLICIT
D2012, D2021 = date(2012, 4, 11), date(2021, 10, 9)

CASES = [
    # (parenthesis, date, convention, lead, participants, other)
    ("(SIPO, MOST)", D2012, FIRST, "SIPO", ["MOST"], []),
    ("(SIPO, MOST.)", D2012, FIRST, "SIPO", ["MOST"], []),
    ("(State Post Bureau)", D2021, FIRST, "SPB", [], []),
    (
        "(Ministry of Foreign Affairs, MOFCOM, SIPO, SAIC, SAIC, NCAC)",
        D2012,
        FIRST,
        "MFA",
        ["MOFCOM", "SIPO", "SAIC", "NCAC"],
        [],
    ),
    (
        "(Responsibility of the Ministry of Education, the China National Intellectual Property Administration, and MOST)",
        D2021,
        FIRST,
        "MOE",
        ["CNIPA", "MOST"],
        [],
    ),
    ("(Responsible by MIIT, MOST and AQSIQ)", D2012, FIRST, "MIIT", ["MOST", "AQSIQ"], []),
    (
        "(Separate responsibilities of the Ministry of Finance and the China National Intellectual Property "
        "Administration based on their respective official functions)",
        D2021,
        FIRST,
        None,
        ["MOF", "CNIPA"],
        [],
    ),
    (
        "(The State Intellectual Property Office takes the lead, and the Central Propaganda Department and the "
        "National Bureau of Statistics are responsible according to the division of responsibilities)",
        D2021,
        EXPLICIT,
        "CNIPA",
        ["CPD", "NBS"],
        [],
    ),
    (
        "(The Supreme People's Court, the Supreme People's Procuratorate, etc. are responsible according to the "
        "division of responsibilities)",
        D2021,
        EXPLICIT,
        None,
        ["SPC", "SPP"],
        [],
    ),
    ("(The State Intellectual Property Office is responsible)", D2021, EXPLICIT, None, ["CNIPA"], []),
    ("(The State Intellectual Property Office is responsible)", D2012, FIRST, "SIPO", [], []),
    (
        "(State Administration of Science, Technology and Industry for National Defense, the Ministry of Agriculture "
        "and Rural Affairs, etc. shall be responsible according to the division of responsibilities)",
        D2021,
        EXPLICIT,
        None,
        ["SASTIND", "MARA"],
        [],
    ),
    (
        "(The State Intellectual Property Office takes the lead, and relevant departments and local people's "
        "governments at all levels are responsible according to the division of responsibilities)",
        D2021,
        EXPLICIT,
        "CNIPA",
        [],
        ["relevant departments", "local people's governments at all levels"],
    ),
    ("(Led by the Ministry of Science & Technology, with the Ministry of Finance)", D2021, FIRST, "MOST", ["MOF"], []),
    ("（知识产权局牵头，教育部、科技部按职责分工负责）", D2021, EXPLICIT, "CNIPA", ["MOE", "MOST"], []),
    ("（知识产权局牵头，教育部、科技部按职责分工负责）", D2012, FIRST, "SIPO", ["MOE", "MOST"], []),
    ("（最高人民法院、司法部按职责分别负责）", D2021, FIRST, None, ["SPC", "MOJ"], []),
    ("（市场监管总局、农业农村部、知识产权局负责）", D2021, FIRST, "SAMR", ["MARA", "CNIPA"], []),
    (
        "（中央宣传部、最高人民法院、国家知识产权局等按职责分工负责）",
        D2021,
        EXPLICIT,
        None,
        ["CPD", "SPC", "CNIPA"],
        [],
    ),
    ("（知识产权局会同工业和信息化部负责）", D2021, FIRST, "CNIPA", ["MIIT"], []),
    ("（知识产权局、各省级人民政府负责）", D2021, FIRST, "CNIPA", [], ["各省级人民政府"]),
    ("（國家知識產權局牽頭，教育部、科技部按職責分工負責）", D2021, EXPLICIT, "CNIPA", ["MOE", "MOST"], []),
    # a ministry's own departments: not registry bodies, kept as printed, nobody promoted
    ("（保护司、商标局负责）", D2021, FIRST, None, [], ["保护司", "商标局"]),
    ("（保护司、公共服务司）", D2021, FIRST, None, [], ["保护司", "公共服务司"]),
    # a deadline beside the bodies names nobody
    ("（国家知识产权局牵头，司法部参与，2024年底前完成）", D2021, EXPLICIT, "CNIPA", ["MOJ"], []),
    ("（国家版权局、司法部；持续推进）", D2021, FIRST, "NCAC", ["MOJ"], []),
    ("(CNIPA, MOFCOM; by the end of 2024)", D2021, FIRST, "CNIPA", ["MOFCOM"], []),
    # bare labels, 会同 in English, and "according to their functions" without "responsible"
    ("(Lead: CNIPA; Participating: MOJ, MOFCOM)", D2021, EXPLICIT, "CNIPA", ["MOJ", "MOFCOM"], []),
    ("（牵头：国家知识产权局；参与：司法部、商务部）", D2021, EXPLICIT, "CNIPA", ["MOJ", "MOFCOM"], []),
    ("(SAMR in conjunction with MPS)", D2021, EXPLICIT, "SAMR", ["MPS"], []),
    ("(CBIRC, PBC and CNIPA according to their functions)", D2021, FIRST, None, ["CBIRC", "PBOC", "CNIPA"], []),
    (
        "(Responsibility of the Office of the State Council Inter-Ministerial Joint Conference on Implementation Work "
        "for the Intellectual Property Strategy and member organizations of the State Council Inter-Ministerial Joint "
        "Conference on Implementation Work for the Intellectual Property Strategy)",
        D2021,
        FIRST,
        "IPSJCO",
        [],
        [
            "member organizations of the State Council Inter-Ministerial Joint Conference on Implementation Work for the "
            "Intellectual Property Strategy"
        ],
    ),
]


@pytest.mark.parametrize(
    ("paren", "on", "convention", "lead", "participants", "other"), CASES, ids=[c[0][:40] for c in CASES]
)
def test_phrasing(paren, on, convention, lead, participants, other):
    parsed = parse(paren, registry=default_registry(), on=on, convention=convention)
    assert parsed is not None
    assert parsed.lead == lead
    assert list(parsed.participants) == participants
    assert list(parsed.other) == other
    assert parsed.raw == paren


@pytest.mark.parametrize("paren", ["(TISC)", "(III)", "(2018-2020)", "（军民融合）", "(see the annex)", "(WIPO)"])
def test_parentheses_that_name_no_department_are_not_responsibilities(paren):
    assert parse(paren, registry=default_registry(), on=D2021, convention=FIRST) is None


def test_unknown_department_is_reported_not_guessed():
    parsed = parse(
        "(Responsibility of the Ministry of Magic and MOST)", registry=default_registry(), on=D2021, convention=FIRST
    )
    assert parsed is not None
    assert parsed.lead is None  # the next body is not promoted to lead
    assert parsed.participants == ("MOST",)
    assert parsed.other == ("Ministry of Magic",)
    assert any("Ministry of Magic" in w for w in parsed.warnings)
    assert any(w.startswith("no lead") for w in parsed.warnings)
    assert parsed.under(EXPLICIT).lead is None and parsed.under(FIRST).lead is None


def test_an_unresolved_explicit_lead_is_not_replaced_by_the_next_body():
    parsed = parse(
        "(The Ministry of Magic takes the lead, and MOST and CAST are responsible according to the division of "
        "responsibilities)",
        registry=default_registry(),
        on=D2021,
        convention=FIRST,
    )
    assert parsed is not None
    assert (parsed.lead, parsed.participants) == (None, ("MOST", "CAST"))


@pytest.mark.parametrize(
    ("parenthesis", "lead", "participants"),
    [
        ("(Copyright Administration, MOST)", "NCAC", ("MOST",)),  # only NCAC's name ends so
        ("(National Copyright Administration of China and MOST)", "NCAC", ("MOST",)),
        ("(Ministry of Commerce & the Intellectual Property Administration)", "MOFCOM", ("CNIPA",)),
        ("(Administration for Market Regulation, Development & Reform Commission)", "SAMR", ("NDRC",)),
        (
            "(Ministry for Industry and Information Technology, General Administration of Customs of China)",
            "MIIT",
            ("GAC",),
        ),
        ("(State Forestry and Grassland Administration, Health Commission)", "NFGA", ("NHC",)),
        ("(Responsibility of the Securities Regulatory Commission and the Bureau of Statistics)", "CSRC", ("NBS",)),
    ],
)
def test_english_variant_names_resolve_like_the_chinese_short_forms(parenthesis, lead, participants):
    parsed = parse(parenthesis, registry=default_registry(), on=D2021, convention=FIRST)
    assert parsed is not None
    assert (parsed.lead, parsed.participants, parsed.warnings) == (lead, participants, ())


def test_a_variant_shared_by_two_bodies_is_not_guessed():
    registry = default_registry()
    # "Administration of Radio, Film and Television" folds to both SARFT and NRTA's aliases; no date decides
    assert registry.resolve("Administration of Radio, Film and Television", on=None).code is None
    # a tail shared by several bodies ("... Commission") resolves to none of them
    assert registry.resolve("Regulatory Commission", on=D2021).code is None
    assert registry.resolve("Bank of China", on=D2021).code is None  # a bank, not the People's Bank


@pytest.mark.parametrize(
    ("parenthesis", "lead", "participants", "other"),
    [
        (
            "(CNIPA takes the lead, with the Ministry of Education, MOST and MIIT responsible according to their "
            "functions)",
            "CNIPA",
            ("MOE", "MOST", "MIIT"),
            (),
        ),
        (
            "(CNIPA takes the lead, and the people's governments of all provinces, autonomous regions and "
            "municipalities directly under the Central Government are responsible according to their functions)",
            "CNIPA",
            (),
            (
                "the people's governments of all provinces, autonomous regions and municipalities directly under the "
                "Central Government",
            ),
        ),
        ("(MOST responsible according to its functions)", "MOST", (), ()),
        (
            "(MOFCOM takes the lead, with relevant departments responsible according to their functions)",
            "MOFCOM",
            (),
            ("relevant departments",),
        ),
        (
            "（国家知识产权局牵头，各省、自治区、直辖市人民政府按职责分工负责）",
            "CNIPA",
            (),
            ("各省、自治区、直辖市人民政府",),
        ),
    ],
)
def test_responsible_according_to_functions_tails_and_set_phrases(parenthesis, lead, participants, other):
    parsed = parse(parenthesis, registry=default_registry(), on=D2021, convention=FIRST)
    assert parsed is not None
    assert (parsed.lead, parsed.participants, parsed.other, parsed.warnings) == (lead, participants, other, ())


def test_locate_finds_parenthesis_before_a_closing_sentence():
    text = (
        "Push forward science popularization. (Responsibility of MOST and CAST) When there is more than one department"
    )
    located = locate(text)
    assert located is not None
    assert located.parenthesis == "(Responsibility of MOST and CAST)"
    assert located.body == "Push forward science popularization."
    assert located.trailing.startswith("When there is")


def test_locate_skips_a_book_title_in_brackets():
    located = locate("出台《若干意见》（试行）（知识产权局负责）。")
    assert located is not None and located.parenthesis == "（知识产权局负责）"
