"""Settings, read from environment variables with safe local defaults.

- ``IPSTRATEGY_DATA_DIR`` (default ``./var``): the SQLite database, stored documents and evidence.
- ``DATABASE_URL`` (default SQLite at ``$IPSTRATEGY_DATA_DIR/ipstrategy.sqlite3``), via dj-database-url.
- ``IPSTRATEGY_SECRET_KEY`` (a development default), ``IPSTRATEGY_DEBUG`` (default true),
  ``IPSTRATEGY_ALLOWED_HOSTS`` (comma-separated, added to the local names).
Nothing here exists only in production: the same file serves the demo, the tests and a server.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.accounts.email_config import email_settings
from ipstrategy.web.areas import AREAS
from ipstrategy.web.jobs.config import task_settings

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("IPSTRATEGY_DATA_DIR", "var")).resolve()


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("IPSTRATEGY_SECRET_KEY", "dev-only-insecure-key-set-IPSTRATEGY_SECRET_KEY-in-production")
DEBUG = _flag("IPSTRATEGY_DEBUG", True)
ALLOWED_HOSTS = [
    "127.0.0.1",
    "localhost",
    "testserver",
    *(h.strip() for h in os.environ.get("IPSTRATEGY_ALLOWED_HOSTS", "").split(",") if h.strip()),
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # its bundled Swagger UI assets: the API docs work offline
    "django_tasks",  # background jobs: the backport of Django 6's task framework (docs/adr/0004)
    "django_tasks_db",  # its database queue, the embedded default
    "ipstrategy.web.foundation",
    *(area.module for area in AREAS),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ipstrategy.web.urls"
WSGI_APPLICATION = "ipstrategy.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_SQLITE_DEFAULT = DATA_DIR / "ipstrategy.sqlite3"
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{_SQLITE_DEFAULT}", conn_max_age=60)}
if "DATABASE_URL" not in os.environ:
    # SQLite cannot create the directory of its file; without this a fresh clone fails obscurely.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The UI strings are written in English; a Chinese browser (zh-CN, zh-Hans) gets zh-hans.
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Serve straight from the apps' static folders: no collectstatic step for the demo or a small server.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
#: Stored plan documents live under MEDIA_ROOT/documents. Progress evidence lives under EVIDENCE_ROOT,
#: outside MEDIA_ROOT, and is only ever served by the tracking area's permission-checking view.
EVIDENCE_ROOT = DATA_DIR / "evidence"
EVIDENCE_MAX_BYTES = int(os.environ.get("IPSTRATEGY_EVIDENCE_MAX_MB", "10")) * 1024 * 1024
#: Generated evaluation reports (DOCX, XLSX, HTML, PDF), served only by the evaluation area's checked view.
REPORTS_ROOT = DATA_DIR / "reports"

# Accounts and email (reminders): see docs/tracking.md.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "tracking:home"
LOGOUT_REDIRECT_URL = "tracking:home"
for _name, _value in email_settings(os.environ.get("IPSTRATEGY_EMAIL_URL", "")).items():
    globals()[_name] = _value
DEFAULT_FROM_EMAIL = os.environ.get("IPSTRATEGY_EMAIL_FROM", "ipstrategy@localhost")

# Background jobs (docs/web.md): the database queue by default, RQ when IPSTRATEGY_REDIS_URL is set.
_TASKS = task_settings(
    tasks=os.environ.get("IPSTRATEGY_TASKS", ""), redis_url=os.environ.get("IPSTRATEGY_REDIS_URL", "")
)
TASKS = _TASKS["TASKS"]
INSTALLED_APPS += _TASKS["APPS"]
if "RQ_QUEUES" in _TASKS:
    RQ_QUEUES = _TASKS["RQ_QUEUES"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("IPSTRATEGY_LOG_LEVEL", "WARNING")},
}
