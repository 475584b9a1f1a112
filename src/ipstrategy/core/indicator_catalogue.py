"""The indicators the strategy's plans set, with a rule to recognise each in a printed row label.

Plans word the same measure differently ("Number of invention patents possessed by every 10000
people", "number of invention patents per 10,000 people"), and the observations CSV keys it by
slug (``invention_patents_per_10k_people``). One catalogue entry joins them, so a plan's target
and a published figure land on the same Indicator. Rules are checked in order, the most specific
first ("high-value invention patents" before "invention patents").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownIndicator:
    """A catalogue entry: names, unit, direction, and the words that identify it in a label."""

    code: str
    name_en: str
    name_zh: str
    unit: str
    pattern: str  # a regular expression, matched case-insensitively against the printed label
    direction: str = "up"


CATALOGUE: tuple[KnownIndicator, ...] = (
    KnownIndicator(
        "high_value_invention_patents_per_10k_people",
        "High-value invention patents per 10,000 people",
        "每万人口高价值发明专利拥有量",
        "patents per 10,000 people",
        r"high[- ]value.*invention patent",
    ),
    KnownIndicator(
        "invention_patents_per_10k_people",
        "Invention patents per 10,000 people",
        "每万人口发明专利拥有量",
        "patents per 10,000 people",
        r"invention patents.*10,?000",
    ),
    KnownIndicator(
        "pct_applications",
        "PCT patent applications",
        "通过《专利合作条约》途径提交的专利申请量",
        "10,000 applications",
        r"patent cooperation treaty|\bpct\b",
    ),
    KnownIndicator(
        "invention_patent_maintenance_years",
        "Average maintenance period of domestic invention patents",
        "国内发明专利平均维持年限",
        "years",
        r"maintenance period",
    ),
    KnownIndicator(
        "copyright_industries_share_of_gdp",
        "Copyright industries' added value as a share of GDP",
        "版权产业增加值占GDP比重",
        "% of GDP",
        r"copyright industr",
    ),
    KnownIndicator(
        "patent_intensive_industries_share_of_gdp",
        "Patent-intensive industries' added value as a share of GDP",
        "专利密集型产业增加值占GDP比重",
        "% of GDP",
        r"patent[- ]intensive",
    ),
    KnownIndicator(
        "software_copyright_registrations",
        "Computer software copyright registrations",
        "计算机软件著作权登记量",
        "10,000 registrations",
        r"software",
    ),
    KnownIndicator(
        "works_copyright_registrations",
        "Copyright registrations of works",
        "作品著作权登记量",
        "10,000 registrations",
        r"copyrights? of works|works? copyright",
    ),
    KnownIndicator(
        "technology_contract_turnover",
        "Turnover of registered technology contracts",
        "全国技术合同成交额",
        "trillion yuan",
        r"technology contract|technology market",
    ),
    KnownIndicator(
        "ip_pledge_financing", "IP pledge financing", "知识产权质押融资额", "100 million yuan", r"pledge financing"
    ),
    KnownIndicator(
        "ip_royalty_export_income",
        "Export income from IP royalties and licence fees",
        "知识产权使用费出口额",
        "100 million USD",
        r"royalt",
    ),
    KnownIndicator(
        "ip_service_industry_revenue_growth",
        "Annual growth of IP service industry revenue",
        "知识产权服务业营业收入年均增长率",
        "%",
        r"ip service industry|intellectual property service",
    ),
    KnownIndicator(
        "social_satisfaction_ip_protection",
        "Social satisfaction with IP protection",
        "知识产权保护社会满意度",
        "points (0-100)",
        r"satisfaction",
    ),
    KnownIndicator(
        "invention_patent_substantive_examination_months",
        "Average substantive examination cycle of invention patent applications",
        "发明专利平均审查周期",
        "months",
        r"substantive examination",
        direction="down",
    ),
    KnownIndicator(
        "trademark_registration_examination_months",
        "Average examination cycle of trademark registration",
        "商标注册平均审查周期",
        "months",
        r"trademark.*examination|examination.*trademark",
        direction="down",
    ),
    KnownIndicator(
        "practicing_patent_attorneys",
        "Practising patent attorneys",
        "执业专利代理师人数",
        "persons",
        r"patent attorneys",
    ),
)

_BY_CODE = {k.code: k for k in CATALOGUE}


def indicator_known(code: str) -> KnownIndicator | None:
    """The catalogue entry for a slug, if the catalogue has one."""
    return _BY_CODE.get(code)


def indicator_match(label: str) -> KnownIndicator | None:
    """The catalogue entry a printed row label names, or None."""
    for known in CATALOGUE:
        if re.search(known.pattern, label, flags=re.IGNORECASE):
            return known
    return None


def indicator_code_for(label: str) -> str:
    """A stable slug for a label: the catalogue's, else one made from the words (at most 80 chars)."""
    known = indicator_match(label)
    return known.code if known else _slug(label)[:80].strip("_") or "indicator"


def _slug(label: str) -> str:
    """ASCII words joined by underscores (as Django's slugify, so stored codes stay the same)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^\w\s-]", "", ascii_text.lower())
    return re.sub(r"[-\s]+", "_", words).strip("-_")


def readable_name(code: str) -> str:
    """A name for a slug the catalogue lacks: ``ip_pledge_financing`` -> "Ip pledge financing"."""
    return code.replace("_", " ").strip().capitalize()
