"""The menu's unread count: one indexed COUNT per page for a signed-in reader, none for the public.

A tag rather than a context processor, so that only the pages whose menu shows it (every page
with the site's menu, signed in) pay the query, and a page that never renders the menu does not.
"""

from __future__ import annotations

from typing import Any

from django import template

from ipstrategy.web.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    """How many of the reader's notifications are unread (0, without a query, for the public)."""
    user = context.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return unread_count(user)
