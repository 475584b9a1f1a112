"""`ipstrategy accounts create`: user accounts of the reporting cycle."""

from __future__ import annotations

import argparse
import getpass
import os

from ipstrategy.cli.common import OPERATOR, Subparsers, database


def register(sub: Subparsers) -> None:
    u = sub.add_parser("accounts", help="user accounts of the reporting cycle").add_subparsers(
        dest="accounts_command", required=True, metavar="ACTION"
    )
    n = u.add_parser("create", help="create an account (the password is read from IPSTRATEGY_PASSWORD or asked)")
    n.add_argument("username", help="the sign-in name")
    n.add_argument("--role", choices=("office", "reporter", "evaluator"), required=True, help="what the account may do")
    n.add_argument("--agency", action="append", default=[], metavar="CODE", help="a reporter's department (repeatable)")
    n.add_argument("--email", default="", help="where reminders go")
    n.set_defaults(handler=accounts_create)


def accounts_create(args: argparse.Namespace) -> int:
    """Create the account as the operator (audited as ``cli``); the password never appears in argv."""
    database()
    from ipstrategy.web.accounts.services import account_create

    password = os.environ.get("IPSTRATEGY_PASSWORD") or getpass.getpass(f"password for {args.username}: ")
    account_create(
        username=args.username,
        password=password,
        role=args.role,
        departments=args.agency,
        email=args.email,
        actor=OPERATOR,
    )
    print(f"created {args.role} {args.username}")
    return 0
