"""The project's own deploy checks, run by ``ipstrategy check --deploy`` beside Django's.

Each finds a setting that is fine on a developer's machine and wrong on a server: the development
secret key, debug pages, no host name of the server's own, HTTPS off, no CJK font (Chinese chart
labels would be dropped), a data folder the server cannot write. docs/deploy.md gives the
configuration that passes them all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

#: The names settings.py always allows; a server needs its own name besides these.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver"}
DEVELOPMENT_KEY_PREFIX = "dev-only-insecure"


@register(Tags.security, deploy=True)
def check_secret_key(**kwargs: Any) -> list[Error]:
    """The development secret key signs sessions anyone can forge."""
    if settings.SECRET_KEY.startswith(DEVELOPMENT_KEY_PREFIX) or len(settings.SECRET_KEY) < 50:
        return [
            Error(
                "IPSTRATEGY_SECRET_KEY is the development default or shorter than 50 characters.",
                hint="Set IPSTRATEGY_SECRET_KEY to a long random value (docs/deploy.md).",
                id="ipstrategy.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_debug(**kwargs: Any) -> list[Error]:
    """Debug pages show tracebacks, settings and every URL to anyone."""
    if settings.DEBUG:
        return [Error("IPSTRATEGY_DEBUG is on.", hint="Unset it or set it to false.", id="ipstrategy.E002")]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts(**kwargs: Any) -> list[Error]:
    """A server answers to its own name: only the local names means the setting was forgotten."""
    if not set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS or "*" in settings.ALLOWED_HOSTS:
        return [
            Error(
                "IPSTRATEGY_ALLOWED_HOSTS names no host of this server (or allows any host with '*').",
                hint="Set IPSTRATEGY_ALLOWED_HOSTS to the server's name, e.g. ipstrategy.example.org.",
                id="ipstrategy.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_https(**kwargs: Any) -> list[Error]:
    """Passwords and session cookies must only travel over HTTPS."""
    secure = settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE and settings.SECURE_HSTS_SECONDS > 0
    if not secure:
        return [
            Error(
                "HTTPS is off: cookies are not marked secure and HSTS is not sent.",
                hint="Serve over HTTPS and set IPSTRATEGY_HTTPS=true (behind a proxy also IPSTRATEGY_PROXY_SSL_HEADER).",
                id="ipstrategy.E004",
            )
        ]
    return []


@register(Tags.compatibility, deploy=True)
def check_cjk_font(**kwargs: Any) -> list[Warning]:
    """Without a CJK font the indicator charts drop their Chinese labels."""
    from ipstrategy.web.indicators.charts import cjk_font

    if cjk_font() is None:
        return [
            Warning(
                "No CJK font is installed: charts will show English labels only.",
                hint="Install a CJK font, e.g. Debian's fonts-noto-cjk.",
                id="ipstrategy.W005",
            )
        ]
    return []


@register(Tags.files, deploy=True)
def check_data_folder(**kwargs: Any) -> list[Error]:
    """Imports, evidence and the SQLite database all write under the data folder."""
    problems = []
    for name in ("MEDIA_ROOT", "EVIDENCE_ROOT"):
        folder = Path(getattr(settings, name))
        if not _writable(folder):
            problems.append(
                Error(
                    f"{name} ({folder}) cannot be created or written by this user.",
                    hint="Point IPSTRATEGY_DATA_DIR at a folder the server's user owns.",
                    id="ipstrategy.E006",
                )
            )
    return problems


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def checks_run(*, deploy: bool) -> list[Any]:
    """Django's system checks (with ``deploy`` its deployment checks) and the project's: warnings and worse."""
    from django.core.checks import WARNING, run_checks

    return [m for m in run_checks(include_deployment_checks=deploy) if m.level >= WARNING and not m.is_silenced()]
