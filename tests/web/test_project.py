"""Project-level checks: migrations match the models, settings come from the environment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def _settings_in_subprocess(env: dict[str, str]) -> dict:
    code = (
        "import json; from ipstrategy.web import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default']['NAME'], 'engine': s.DATABASES['default']['ENGINE'], "
        "'debug': s.DEBUG, 'key': s.SECRET_KEY, 'media': str(s.MEDIA_ROOT), 'hosts': s.ALLOWED_HOSTS}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IPSTRATEGY_", "DATABASE_URL"))}
    out = subprocess.run([sys.executable, "-c", code], env=clean | env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_settings_default_to_sqlite_under_the_data_dir(tmp_path: Path) -> None:
    found = _settings_in_subprocess({"IPSTRATEGY_DATA_DIR": str(tmp_path / "data")})
    assert found["db"] == str(tmp_path / "data" / "ipstrategy.sqlite3")
    assert found["media"] == str(tmp_path / "data" / "media")
    # Debug pages (tracebacks, the URL list) only when a developer asks for them: IPSTRATEGY_DEBUG=true.
    assert found["debug"] is False and {"127.0.0.1", "localhost", "testserver"} <= set(found["hosts"])
    assert (tmp_path / "data").is_dir()


def test_settings_read_database_url_secret_key_and_debug(tmp_path: Path) -> None:
    found = _settings_in_subprocess(
        {
            "IPSTRATEGY_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgresql://u@db.example:5432/ips",
            "IPSTRATEGY_SECRET_KEY": "s3cret",
            "IPSTRATEGY_DEBUG": "false",
            "IPSTRATEGY_ALLOWED_HOSTS": "ips.example.org",
        }
    )
    assert (found["engine"], found["db"]) == ("django.db.backends.postgresql", "ips")
    assert (found["key"], found["debug"]) == ("s3cret", False)
    assert "ips.example.org" in found["hosts"]


def test_debug_is_on_only_when_asked_for(tmp_path: Path) -> None:
    found = _settings_in_subprocess({"IPSTRATEGY_DATA_DIR": str(tmp_path), "IPSTRATEGY_DEBUG": "true"})
    assert found["debug"] is True


def test_every_environment_setting_is_documented() -> None:
    web = ROOT / "src/ipstrategy/web"
    settings_text = "".join((web / name).read_text(encoding="utf-8") for name in ("settings.py", "security_config.py"))
    names = set(re.findall(r"\b(IPSTRATEGY_[A-Z_]+|DATABASE_URL)\b", settings_text))
    documented = "".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("web.md", "deploy.md"))
    assert names and not {n for n in names if f"`{n}`" not in documented}
