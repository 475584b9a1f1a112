"""`ipstrategy tokens create|revoke|list`: API tokens of machine clients (docs/web.md, "API tokens")."""

from __future__ import annotations

import argparse

from ipstrategy.cli.common import OPERATOR, Subparsers, database


def register(sub: Subparsers) -> None:
    t = sub.add_parser("tokens", help="API tokens for machine clients (Authorization: Bearer)").add_subparsers(
        dest="tokens_command", required=True, metavar="ACTION"
    )
    c = t.add_parser("create", help="issue a token acting as an account and print it (it is shown only once)")
    c.add_argument("--user", required=True, metavar="NAME", help="the account the token acts as")
    c.add_argument("--name", default="", metavar="N", help="what the token is for (e.g. the client system)")
    c.set_defaults(handler=tokens_create)
    r = t.add_parser("revoke", help="revoke a token (by the id or prefix `tokens list` shows)")
    r.add_argument("token", metavar="ID_OR_PREFIX", help="the token's id or its prefix (ips_...)")
    r.set_defaults(handler=tokens_revoke)
    s = t.add_parser("list", help="list tokens: id, prefix, account, name, created, last used, revoked")
    s.add_argument("--user", default=None, metavar="NAME", help="only this account's tokens")
    s.set_defaults(handler=tokens_list)


def tokens_create(args: argparse.Namespace) -> int:
    database()
    from ipstrategy.web.accounts.tokens import token_issue

    _token, secret = token_issue(username=args.user, name=args.name, actor=OPERATOR)
    print(secret)
    return 0


def tokens_revoke(args: argparse.Namespace) -> int:
    database()
    from ipstrategy.web.accounts.tokens import token_find, token_revoke

    token = token_revoke(token=token_find(args.token), actor=OPERATOR)
    print(f"revoked token {token.pk} ({token.prefix}..., {token.user.username})")
    return 0


def tokens_list(args: argparse.Namespace) -> int:
    database()
    from ipstrategy.web.accounts.tokens import tokens_listed

    def day(value: object) -> str:
        return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"  # type: ignore[attr-defined]

    for t in tokens_listed(username=args.user):
        print(
            f"{t.pk}\t{t.prefix}...\t{t.user.username}\t{t.name or '-'}\t{day(t.created)}\t{day(t.last_used)}\t"
            f"{'revoked ' + day(t.revoked) if t.revoked else 'active'}"
        )
    return 0
