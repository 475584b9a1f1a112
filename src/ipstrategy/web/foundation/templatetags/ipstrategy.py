"""Template filters shared by the areas' pages: dates, numbers and names in the active language."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

register = template.Library()

_ZH_DATE = {"day": "{y}年{m}月{d}日", "month": "{y}年{m}月", "year": "{y}年"}


def _chinese() -> bool:
    """True when the page is being rendered in Chinese."""
    return (get_language() or "").lower().startswith("zh")


@register.filter
def plan_date_iso(plan: Any) -> str:
    """A plan's issue date only as precisely as it was printed: 2014-12-10, 2012-04 or 2012."""
    if not plan.issue_date:
        return ""
    width = {"day": 10, "month": 7, "year": 4}.get(plan.date_precision, 10)
    return plan.issue_date.isoformat()[:width]


@register.filter
def plan_date(plan: Any) -> str:
    """The issue date for reading: ISO 8601 in English (unambiguous), 2014年12月10日 in Chinese."""
    if not plan.issue_date:
        return "—"
    if _chinese():
        d = plan.issue_date
        return _ZH_DATE.get(plan.date_precision, _ZH_DATE["day"]).format(y=d.year, m=d.month, d=d.day)
    return plan_date_iso(plan)


@register.filter
def period(plan: Any) -> str:
    """A plan's period as years, e.g. 2014–2020, or one year for an annual plan."""
    start, end = plan.period_start, plan.period_end
    if start is None and end is None:
        return "—"
    if start == end or end is None:
        return str(start)
    return f"{start or '…'}–{end}"


#: Significant digits a page shows at least (more when the integer part has more).
SIGNIFICANT = 4


def rounded(value: float) -> Decimal:
    """``value`` to ``SIGNIFICANT`` significant digits, never cutting the integer part, no trailing zeros:
    249.5213 -> 249.5, 5.899 -> 5.899, 0.0035121 -> 0.003512, 123456.7 -> 123457."""
    if not value or not math.isfinite(value):
        return Decimal(0) if not value else Decimal(repr(value))
    digits = math.floor(math.log10(abs(value))) + 1  # before the point; 0 or less for 0.0x
    places = max(0, SIGNIFICANT - digits)
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()


@register.filter
def quantity(value: float | None) -> str:
    """The one filter for numbers on pages (indicator values, targets, counts), in the active locale:
    rounded to four significant digits (``rounded``: no "249.5213"), without a needless ``.0``,
    thousands grouped from 10,000 (12,000; a year-like 2020 stays ungrouped)."""
    if value is None or value == "":
        return "—"
    number = float(value)
    return number_format(rounded(number), force_grouping=abs(number) >= 10000)


@register.filter
def comparator(value: str) -> str:
    """A target's comparator as words of the active language (``about`` -> 约 in Chinese)."""
    words = {
        "about": pgettext("target comparator", "about"),
        "<": pgettext("target comparator", "under"),
        "<=": pgettext("target comparator", "at most"),
        ">": pgettext("target comparator", "over"),
        ">=": pgettext("target comparator", "at least"),
        "=": "",
    }
    return words.get(value, value)


def _localised(obj: Any, en: str, zh: str) -> str:
    chinese = getattr(obj, zh, "") or ""
    return chinese if _chinese() and chinese else getattr(obj, en, "") or chinese


@register.filter
def name(obj: Any) -> str:
    """A department's or indicator's name in the active language (English when no Chinese name)."""
    return _localised(obj, "name_en", "name_zh")


@register.filter
def other_name(obj: Any) -> str:
    """The name in the language not shown by ``name``, or "" when there is none (or it is the same)."""
    shown = name(obj)
    other = obj.name_en if shown == obj.name_zh else obj.name_zh
    return "" if other == shown else other or ""


@register.filter
def other_lang(obj: Any) -> str:
    """The ``lang`` attribute for ``other_name``."""
    return "en" if other_name(obj) == obj.name_en else "zh-Hans"


@register.filter
def lang_tag(language: str) -> str:
    """A stored language code as a BCP 47 ``lang`` value: ``zh-hans`` -> ``zh-Hans``."""
    return "zh-Hans" if (language or "").lower() == "zh-hans" else language or ""


@register.filter
def unit(value: str) -> str:
    """A catalogue unit in the active language (units are data, translated through the catalogue)."""
    return gettext(value) if value else ""


@register.filter
def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, with every case-insensitive occurrence of ``query`` wrapped in <mark>."""
    text = str(text)
    if not query:
        return escape(text)
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    marked = "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))
    return mark_safe(marked)  # noqa: S308 - every part was escaped above


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with ``changes`` applied (an empty value removes the key)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template, or "" when it has none (e.g. a department's name by its code)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
