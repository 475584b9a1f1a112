"""``python -m ipstrategy.web <command>``: Django's management commands with ipstrategy's settings."""

import os
import sys

from django.core.management import execute_from_command_line

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
    execute_from_command_line([f"{sys.executable} -m ipstrategy.web", *sys.argv[1:]])
