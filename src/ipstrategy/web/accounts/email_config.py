"""Email settings from one address, read by ``settings.py`` before Django starts (plain Python).

``IPSTRATEGY_EMAIL_URL`` names the backend the way ``DATABASE_URL`` names the database:
``console:`` (the default: messages are printed), ``smtp://user:password@host:587?tls=true``,
``smtps://user:password@host:465`` (implicit TLS), ``locmem:`` (tests) or ``dummy:``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}
_TRUE = {"1", "true", "yes", "on"}


def email_settings(url: str) -> dict[str, Any]:
    """Django's ``EMAIL_*`` settings for ``url``; raises ``ValueError`` on an unknown scheme."""
    parts = urlsplit(url.strip() or "console:")
    scheme = parts.scheme.lower()
    if scheme not in _BACKENDS:
        raise ValueError(f"IPSTRATEGY_EMAIL_URL: unknown scheme {scheme!r} (use one of {', '.join(_BACKENDS)})")
    found: dict[str, Any] = {"EMAIL_BACKEND": _BACKENDS[scheme]}
    if scheme in {"smtp", "smtps"}:
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        found |= {
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": scheme == "smtp" and query.get("tls", "").lower() in _TRUE,
            "EMAIL_TIMEOUT": int(query.get("timeout", "30")),
        }
    return found
