"""`ipstrategy check --deploy`: non-zero with the default settings, zero with docs/deploy.md's configuration."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _documented_production_env() -> dict[str, str]:
    """The ``export NAME=value`` lines of the production block in docs/deploy.md."""
    text = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    block = text.split("# production configuration", 1)[1].split("```", 1)[0]
    return {name: value.strip('"') for name, value in re.findall(r"^export (\w+)=(.*)$", block, re.M)}


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh matplotlib font cache, built once: one written before the fonts were installed would hide them."""
    return tmp_path_factory.mktemp("mpl")


def _check(env: dict[str, str], tmp_path: Path, font_cache: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IPSTRATEGY_", "DATABASE_URL", "DJANGO_"))}
    clean |= {"IPSTRATEGY_DATA_DIR": str(tmp_path / "data"), "MPLCONFIGDIR": str(font_cache)} | env
    return subprocess.run(
        [sys.executable, "-m", "ipstrategy.cli", "check", "--deploy"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_default_settings_fail_the_deploy_check(tmp_path: Path, font_cache: Path) -> None:
    result = _check({}, tmp_path, font_cache)
    assert result.returncode == 1, result.stdout + result.stderr
    for code in ("ipstrategy.E001", "ipstrategy.E003", "ipstrategy.E004", "security.W004"):
        assert code in result.stdout


def test_debug_and_an_unwritable_data_folder_fail_it(tmp_path: Path, font_cache: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere: the unwritable folder cannot be made")
    env = _documented_production_env() | {"IPSTRATEGY_DEBUG": "true"}
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = _check(env | {"IPSTRATEGY_DATA_DIR": str(locked / "data")}, tmp_path, font_cache)
    assert result.returncode == 1 and "ipstrategy.E002" in result.stdout and "ipstrategy.E006" in result.stdout


def test_debug_fails_it(tmp_path: Path, font_cache: Path) -> None:
    env = _documented_production_env() | {"IPSTRATEGY_DEBUG": "true", "IPSTRATEGY_DATA_DIR": str(tmp_path / "data")}
    result = _check(env, tmp_path, font_cache)
    assert result.returncode == 1 and "ipstrategy.E002" in result.stdout


def test_the_documented_production_configuration_passes(tmp_path: Path, font_cache: Path) -> None:
    if not shutil.which("fc-list") or "CJK" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("no CJK font installed (Debian fonts-noto-cjk; .ci/run installs it)")
    env = _documented_production_env() | {"IPSTRATEGY_DATA_DIR": str(tmp_path / "data")}
    assert env["IPSTRATEGY_HTTPS"] == "true" and len(env) >= 6
    result = _check(env, tmp_path, font_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
