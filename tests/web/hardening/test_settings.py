"""Production defaults: SQLite tuned for concurrent writers, HTTPS settings from the environment, CSP."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from ipstrategy.web.security_config import database_tuned

WEB = Path(__file__).resolve().parents[3] / "src/ipstrategy/web"


def _settings(env: dict[str, str], expression: str) -> object:
    code = f"import json; from ipstrategy.web import settings as s; print(json.dumps({expression}, default=str))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IPSTRATEGY_", "DATABASE_URL"))}
    out = subprocess.run([sys.executable, "-c", code], env=clean | env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(
    tmp_path: Path, django_db_blocker: pytest.FixtureRequest
) -> None:
    options = _settings({"IPSTRATEGY_DATA_DIR": str(tmp_path)}, "s.DATABASES['default']['OPTIONS']")
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10
    wrapper = DatabaseWrapper(database_tuned({"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.db")}))
    wrapper.settings_dict.update({"TIME_ZONE": None, "CONN_MAX_AGE": 0, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False})
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 10_000
            cursor.execute("SELECT 1")  # a read outside any atomic block runs in autocommit
            assert cursor.fetchone()[0] == 1
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


def test_postgresql_connections_are_health_checked() -> None:
    tuned = database_tuned({"ENGINE": "django.db.backends.postgresql", "NAME": "x", "CONN_MAX_AGE": 60})
    assert tuned["CONN_HEALTH_CHECKS"] is True


def test_https_turns_on_hsts_secure_cookies_and_the_redirect(tmp_path: Path) -> None:
    expression = (
        "[s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "getattr(s, 'SECURE_SSL_REDIRECT', False), getattr(s, 'SECURE_PROXY_SSL_HEADER', None)]"
    )
    plain = _settings({"IPSTRATEGY_DATA_DIR": str(tmp_path)}, expression)
    assert plain == [0, False, False, False, None]
    env = {
        "IPSTRATEGY_DATA_DIR": str(tmp_path),
        "IPSTRATEGY_HTTPS": "true",
        "IPSTRATEGY_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    }
    assert _settings(env, expression) == [31536000, True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/docs", "/admin/login/"])
def test_html_pages_carry_a_content_security_policy_without_inline_script(client: Client, path: str) -> None:
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert "unsafe-inline" not in policy and directives["frame-ancestors"] == "'none'"


def test_no_template_of_the_project_has_inline_script_or_event_handlers() -> None:
    offenders = []
    for template in WEB.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)>", text)
        if any("src=" not in attrs and "application/json" not in attrs for attrs in scripts):
            offenders.append(template.name)
        if re.search(r"\son[a-z]+\s*=", text) or "javascript:" in text:
            offenders.append(template.name)
    assert offenders == []
