"""`ipstrategy accounts create|unlock`: user accounts of the reporting cycle."""

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
    k = u.add_parser("unlock", help="lift a sign-in lockout (too many wrong passwords) of an account or an address")
    k.add_argument("username", nargs="?", default="", help="the account to unlock")
    k.add_argument("--address", default="", metavar="IP", help="the client address to unlock")
    k.set_defaults(handler=accounts_unlock)


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


def accounts_unlock(args: argparse.Namespace) -> int:
    """Forget the failed sign-ins of the account and/or address (audited as ``cli``)."""
    database()
    from ipstrategy.web.accounts.lockouts import account_unlock

    cleared = account_unlock(actor=OPERATOR, username=args.username, address=args.address)
    who = " and ".join(x for x in (args.username, args.address) if x)
    print(f"unlocked {who} ({cleared} failed attempt record(s) cleared)" if cleared else f"{who} was not locked")
    return 0
