"""Run as a script: migrate a fresh database, then import a plan and die by SIGKILL mid-transaction.

The kill comes while the tasks are being written, after the source file was stored: what a power
cut or the OOM killer does to a real import.
"""

from __future__ import annotations

import os
import signal
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from ipstrategy.web.agencies.services import agencies_sync_from_registry  # noqa: E402
from ipstrategy.web.plans import storing  # noqa: E402
from ipstrategy.web.plans.services import plan_import  # noqa: E402


def _die(**kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    call_command("migrate", interactive=False, verbosity=0)
    agencies_sync_from_registry()
    storing.tasks_store = _die  # type: ignore[assignment]
    plan_import(path=sys.argv[1])
