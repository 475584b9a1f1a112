"""``{% search_url request key value %}``: the current search's address with one parameter changed."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def search_url(request: Any, key: str, value: Any) -> str:
    """The query string with ``key`` set to ``value`` (and the page reset unless it is the page)."""
    params = request.GET.copy()
    params[key] = str(value)
    if key != "page":
        params.pop("page", None)
    return "?" + params.urlencode()
