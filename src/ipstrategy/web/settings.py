"""Settings, read from environment variables with safe local defaults.

- ``IPSTRATEGY_DATA_DIR`` (default ``./var``): the SQLite database, stored documents and evidence.
- ``DATABASE_URL`` (default SQLite at ``$IPSTRATEGY_DATA_DIR/ipstrategy.sqlite3``), via dj-database-url.
- ``IPSTRATEGY_SECRET_KEY`` (a development default), ``IPSTRATEGY_DEBUG`` (default false: tracebacks
  and the URL list are for a developer's machine only), ``IPSTRATEGY_ALLOWED_HOSTS`` (comma-separated,
  added to the local names).
- ``IPSTRATEGY_HTTPS`` and friends, the SQLite tuning, the CSP and login throttling: ``security_config``
  and docs/deploy.md.
Nothing here exists only in production: the same file serves the demo, the tests and a server.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.accounts.email_config import email_settings
from ipstrategy.web.areas import AREAS
from ipstrategy.web.jobs.config import task_settings
from ipstrategy.web.security_config import content_security_policy, database_tuned, flag, https_settings

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("IPSTRATEGY_DATA_DIR", "var")).resolve()


SECRET_KEY = os.environ.get("IPSTRATEGY_SECRET_KEY", "dev-only-insecure-key-set-IPSTRATEGY_SECRET_KEY-in-production")
DEBUG = flag(os.environ, "IPSTRATEGY_DEBUG", False)
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
    "axes",  # login throttling per account and per address (docs/deploy.md)
    "csp",
    "ninja",  # its bundled Swagger UI assets: the API docs work offline
    "django_tasks",  # background jobs: the backport of Django 6's task framework (docs/adr/0004)
    "django_tasks_db",  # its database queue, the embedded default
    "ipstrategy.web.foundation",
    "ipstrategy.web.operations",  # deploy checks, error pages, database faults (docs/deploy.md)
    *(area.module for area in AREAS),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ipstrategy.web.operations.middleware.RequestSanityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ipstrategy.web.accounts.tokens.BearerTokenMiddleware",  # API tokens (docs/web.md, "API tokens")
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ipstrategy.web.operations.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
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
DATABASES = {"default": database_tuned(dj_database_url.config(default=f"sqlite:///{_SQLITE_DEFAULT}", conn_max_age=60))}
if "DATABASE_URL" not in os.environ:
    # SQLite cannot create the directory of its file; without this a fresh clone fails obscurely.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): 10 wrong passwords lock the account, and separately the address,
# for an hour; the office unlocks with `ipstrategy accounts unlock` or in the admin.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("IPSTRATEGY_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("IPSTRATEGY_LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "site/locked_out.html"
AXES_VERBOSE = False

# The UI strings are written in English; a Chinese browser (zh-CN, zh-Hans) gets zh-hans.
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
#: Chinese thousands grouped in threes with commas, as government tables print them (the ``quantity`` filter).
FORMAT_MODULE_PATH = ["ipstrategy.web.foundation.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Serve straight from the apps' static folders: no collectstatic step for the demo or a small server.
WHITENOISE_USE_FINDERS = True
# So STATIC_ROOT exists only after a collectstatic; WhiteNoise's warning that it does not would greet
# every `make demo` (once per process) about something that is expected.
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)  # (raised in WhiteNoise)
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
#: Stored plan documents live under MEDIA_ROOT/documents. Progress evidence lives under EVIDENCE_ROOT,
#: outside MEDIA_ROOT, and is only ever served by the tracking area's permission-checking view.
EVIDENCE_ROOT = DATA_DIR / "evidence"
EVIDENCE_MAX_BYTES = int(os.environ.get("IPSTRATEGY_EVIDENCE_MAX_MB", "10")) * 1024 * 1024
# The audit chain's signed checkpoints live outside the database (docs/tracking.md, docs/deploy.md).
AUDIT_CHECKPOINT_FILE = DATA_DIR / "audit-checkpoints.jsonl"
AUDIT_KEY_FILE = DATA_DIR / "audit.key"  # used when IPSTRATEGY_AUDIT_KEY is not set
AUDIT_CHECKPOINT_EVERY = int(os.environ.get("IPSTRATEGY_AUDIT_CHECKPOINT_EVERY", "10"))
#: Generated evaluation reports (DOCX, XLSX, HTML, PDF), served only by the evaluation area's checked view.
REPORTS_ROOT = DATA_DIR / "reports"
#: The open-data package served at /data/ (web/opendata), rebuilt when public data changes.
OPENDATA_ROOT = DATA_DIR / "opendata"

# Accounts and email (reminders): see docs/tracking.md.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "tracking:home"
LOGOUT_REDIRECT_URL = "tracking:home"
for _name, _value in email_settings(os.environ.get("IPSTRATEGY_EMAIL_URL", "")).items():
    globals()[_name] = _value
DEFAULT_FROM_EMAIL = os.environ.get("IPSTRATEGY_EMAIL_FROM", "ipstrategy@localhost")
#: Where the site is served: the links in e-mails start with it.
SITE_URL = os.environ.get("IPSTRATEGY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The cache (public pages, ``foundation.page_cache``): local memory per process, or the Redis named by
# IPSTRATEGY_REDIS_URL (shared by the workers; the content version keeps either correct).
CACHES = (
    {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["IPSTRATEGY_REDIS_URL"],
        }
    }
    if os.environ.get("IPSTRATEGY_REDIS_URL")
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ipstrategy"}}
)

# Background jobs (docs/web.md): the database queue by default, RQ when IPSTRATEGY_REDIS_URL is set.
_TASKS = task_settings(
    tasks=os.environ.get("IPSTRATEGY_TASKS", ""), redis_url=os.environ.get("IPSTRATEGY_REDIS_URL", "")
)
TASKS = _TASKS["TASKS"]
INSTALLED_APPS += _TASKS["APPS"]
if "RQ_QUEUES" in _TASKS:
    RQ_QUEUES = _TASKS["RQ_QUEUES"]

# HTTPS: HSTS, secure cookies and the redirect, when IPSTRATEGY_HTTPS=true (docs/deploy.md).
globals().update(https_settings(os.environ))
CONTENT_SECURITY_POLICY = content_security_policy()
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("IPSTRATEGY_LOG_LEVEL", "WARNING")},
}
