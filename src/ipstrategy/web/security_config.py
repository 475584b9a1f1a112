"""Hardening settings read from the environment by ``settings.py`` before Django starts (plain Python).

Kept apart from ``settings.py`` so that every choice with a security or reliability reason is in
one place with its reason (docs/deploy.md lists the variables):

- SQLite: WAL journal (readers never wait for the writer), a busy timeout (a writer waits for the
  lock instead of failing with "database is locked") and ``BEGIN IMMEDIATE`` for every atomic
  block (a transaction takes the write lock when it starts, so two writers never deadlock on
  the upgrade from a read lock). Reads outside atomic blocks run in autocommit as before.
- PostgreSQL: persistent connections are health-checked before reuse, so a dropped connection
  costs a reconnect, not a 500.
- HTTPS (``IPSTRATEGY_HTTPS=true``): HSTS, secure cookies, redirect to https; behind a proxy that
  terminates TLS, ``IPSTRATEGY_PROXY_SSL_HEADER=X-Forwarded-Proto`` trusts its header.
- A Content Security Policy that allows scripts, styles and fonts from the site only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TRUE = {"1", "true", "yes", "on"}

#: Seconds a SQLite writer waits for the lock before giving up (the default is 5).
SQLITE_BUSY_TIMEOUT = 30


def flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    """A boolean environment variable: 1/true/yes/on are true, anything else set is false."""
    value = env.get(name)
    return default if value is None else value.strip().lower() in _TRUE


def database_tuned(database: Mapping[str, Any]) -> dict[str, Any]:
    """``database`` (a dj-database-url dict) with the options for concurrent writers added."""
    engine = database.get("ENGINE", "")
    options = dict(database.get("OPTIONS", {}))
    if engine.endswith("sqlite3"):
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", SQLITE_BUSY_TIMEOUT)
    return {**database, "OPTIONS": options, "CONN_HEALTH_CHECKS": engine.endswith("postgresql")}


def https_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """HSTS, secure cookies and the https redirect when ``IPSTRATEGY_HTTPS`` is true; none otherwise."""
    if not flag(env, "IPSTRATEGY_HTTPS", False):
        return {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False, "SECURE_HSTS_SECONDS": 0}
    found: dict[str, Any] = {
        "SECURE_SSL_REDIRECT": flag(env, "IPSTRATEGY_SSL_REDIRECT", True),
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": int(env.get("IPSTRATEGY_HSTS_SECONDS", "31536000")),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": flag(env, "IPSTRATEGY_HSTS_INCLUDE_SUBDOMAINS", True),
        "SECURE_HSTS_PRELOAD": flag(env, "IPSTRATEGY_HSTS_PRELOAD", True),
    }
    if header := env.get("IPSTRATEGY_PROXY_SSL_HEADER", "").strip():
        # Django reads request headers as HTTP_<NAME>; the proxy must overwrite what clients send.
        found["SECURE_PROXY_SSL_HEADER"] = ("HTTP_" + header.upper().replace("-", "_"), "https")
    return found


def content_security_policy() -> dict[str, Any]:
    """django-csp 4's policy: everything from the site itself, no inline script, no framing."""
    from csp.constants import NONE, SELF

    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:"],  # the admin's and Swagger UI's icons are data: URLs
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }
