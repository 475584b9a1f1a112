"""What the command modules share: argument types, starting Django, the operator, aligned tables.

Django starts only inside a handler that needs the database (``database()``), so ``ipstrategy
parse`` and ``ipstrategy agencies resolve`` never pay for it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ipstrategy.core.errors import IpStrategyError

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


class DatabaseNotReady(IpStrategyError):
    """The database has unapplied migrations: ``ipstrategy init`` has not run against it."""


class Operator:
    """The person at the command line: the office, with every right (the one CLI actor).

    Services take an ``actor`` and ask the policies; this actor passes every check as a superuser
    does, reads drafts (``is_staff``) and is written to the audit log as ``cli``. It has no row in
    the database (``pk`` None), so nothing points at it.
    """

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = None
    username = "cli"

    def __str__(self) -> str:
        return self.username


OPERATOR = Operator()


def date_arg(value: str) -> date:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (a year alone means 1 July of that year)."""
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 7, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY[-MM[-DD]]): {value!r}") from exc


def day_arg(value: str) -> date:
    """Exactly YYYY-MM-DD (a period's opening and due days)."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {value!r}") from exc


def django_setup() -> None:
    """Point Django at ipstrategy's settings (unless the caller chose others) and start it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
    import django

    django.setup()


def database() -> None:
    """Start Django and make sure the database is migrated, or raise ``DatabaseNotReady``."""
    django_setup()
    from ipstrategy.web.portal.selectors import database_ready

    if not database_ready():
        raise DatabaseNotReady("the database is not set up; run `ipstrategy init` first")


def print_table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    """Aligned columns, the last one (a title or name) unpadded and never wrapped: easy to grep."""
    widths = [max(len(r[i]) for r in (headers, *rows)) for i in range(len(headers) - 1)]
    for row in (headers, *rows):
        print("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]))
