"""The language a user's messages (notifications, reminders) are written in: ``Membership.language``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist

DEFAULT_LANGUAGE = "zh-hans"
LANGUAGES = ("zh-hans", "en")


def user_language(user: Any) -> str:
    """zh-hans unless the user chose English (a user without a membership reads the default)."""
    try:
        language = str(user.membership.language)
    except (ObjectDoesNotExist, AttributeError):
        language = ""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
