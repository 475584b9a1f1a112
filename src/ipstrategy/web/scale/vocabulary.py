"""Words the synthetic data set is made of: the 31 provincial-level divisions, task phrases in the
register of the plans, and indicator names. Plain data, so the generator stays short."""

from __future__ import annotations

#: (code suffix, English name, Chinese name) of the 31 provincial-level divisions of the mainland.
PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("BJ", "Beijing", "北京市"), ("TJ", "Tianjin", "天津市"), ("HE", "Hebei", "河北省"), ("SX", "Shanxi", "山西省"),
    ("NM", "Inner Mongolia", "内蒙古自治区"), ("LN", "Liaoning", "辽宁省"), ("JL", "Jilin", "吉林省"),
    ("HL", "Heilongjiang", "黑龙江省"), ("SH", "Shanghai", "上海市"), ("JS", "Jiangsu", "江苏省"),
    ("ZJ", "Zhejiang", "浙江省"), ("AH", "Anhui", "安徽省"), ("FJ", "Fujian", "福建省"), ("JX", "Jiangxi", "江西省"),
    ("SD", "Shandong", "山东省"), ("HA", "Henan", "河南省"), ("HB", "Hubei", "湖北省"), ("HN", "Hunan", "湖南省"),
    ("GD", "Guangdong", "广东省"), ("GX", "Guangxi", "广西壮族自治区"), ("HI", "Hainan", "海南省"),
    ("CQ", "Chongqing", "重庆市"), ("SC", "Sichuan", "四川省"), ("GZ", "Guizhou", "贵州省"), ("YN", "Yunnan", "云南省"),
    ("XZ", "Tibet", "西藏自治区"), ("SN", "Shaanxi", "陕西省"), ("GS", "Gansu", "甘肃省"), ("QH", "Qinghai", "青海省"),
    ("NX", "Ningxia", "宁夏回族自治区"), ("XJ", "Xinjiang", "新疆维吾尔自治区"),
)  # fmt: skip

VERBS = ("加强", "完善", "推进", "健全", "深化", "强化", "优化", "加快", "支持", "开展", "提升", "落实")
OBJECTS = (
    "专利侵权纠纷行政裁决", "商标注册审查", "知识产权保护中心建设", "地理标志保护", "知识产权质押融资",
    "高价值专利培育", "知识产权信息公共服务", "海外知识产权纠纷应对指导", "知识产权人才培养", "专利导航",
    "知识产权转化运用", "集成电路布图设计保护", "植物新品种保护", "商业秘密保护", "知识产权信用监管",
    "数据知识产权保护规则研究", "知识产权快速协同保护", "中小企业知识产权托管", "知识产权文化宣传", "版权登记服务",
)  # fmt: skip
MANNERS = ("工作机制", "试点示范", "制度建设", "能力建设", "服务体系", "统计监测", "协同联动", "标准体系")
SECTIONS = (
    "强化知识产权保护", "促进知识产权转化运用", "完善知识产权公共服务", "深化知识产权国际合作",
    "加强知识产权人才队伍建设", "推进知识产权治理能力现代化", "加强组织保障", "营造良好文化氛围",
)  # fmt: skip

#: (code stem, English name, unit) of indicators; each is published in five breakdowns.
INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("invention-patents-per-10k", "High-value invention patents per 10,000 people", "per 10,000 people"),
    ("pct-applications", "PCT international patent applications", "applications"),
    ("ip-pledge-financing", "Intellectual property pledge financing", "100 million yuan"),
    ("copyright-registrations", "Copyright registrations", "registrations"),
    ("madrid-trademarks", "Madrid international trademark registrations", "registrations"),
    ("gi-products", "Geographical indication products protected", "products"),
    ("ip-royalties-exports", "Exports of IP royalties", "100 million USD"),
    ("ip-intensive-value-added", "Value added of patent-intensive industries as a share of GDP", "%"),
    ("protection-satisfaction", "Public satisfaction with IP protection", "points"),
    ("patent-licensing-contracts", "Registered patent licensing contracts", "contracts"),
    ("ip-service-institutions", "IP service institutions", "institutions"),
    ("invention-grants", "Invention patents granted", "patents"),
)
BREAKDOWNS = (
    ("total", "total"),
    ("ent", "enterprises"),
    ("uni", "universities"),
    ("inst", "research institutes"),
    ("sme", "SMEs"),
)
