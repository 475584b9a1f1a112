"""The core stays usable without Django: importing every core module loads no Django at all."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import ipstrategy.core as core
for module in pkgutil.walk_packages(core.__path__, "ipstrategy.core."):
    importlib.import_module(module.name)
print(sorted(m for m in sys.modules if m == "django" or m.startswith("django.")))
"""


def test_importing_the_whole_core_loads_no_django():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
