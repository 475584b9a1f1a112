"""`ipstrategy lineage propose|show`: links between plans' tasks that carry the same commitment."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from ipstrategy.cli.common import OPERATOR, Subparsers, database, print_table
from ipstrategy.core.errors import IpStrategyError

if TYPE_CHECKING:  # the lineage index is imported by the commands that use it, not by every CLI run
    from ipstrategy.core.lineage.index import LinkTask


class DuplicatePlan(IpStrategyError):
    """The same plan was named twice: its links to itself would mean nothing."""


def register(sub: Subparsers) -> None:
    lineage = sub.add_parser("lineage", help="the same commitment across plans").add_subparsers(
        dest="lineage_command", required=True, metavar="ACTION"
    )
    p = lineage.add_parser("propose", help="propose links between the tasks of two or more plans")
    p.add_argument(
        "plans",
        nargs="+",
        metavar="PLAN",
        help="a stored plan's id, or a document's path (parsed on the fly; no database needed)",
    )
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="leave out links scoring below S")
    p.add_argument("--format", choices=("json", "table"), default="json", help="output format (default: json)")
    p.set_defaults(handler=propose)

    s = lineage.add_parser("show", help="a stored task's commitment across plans, oldest first, with status")
    s.add_argument("task", type=int, metavar="TASK", help="the stored task's id")
    s.set_defaults(handler=show)


def _tasks(ref: str) -> list[LinkTask]:
    if ref.isdigit() and not os.path.exists(ref):
        database()
        from ipstrategy.web.foundation.lookup import object_get
        from ipstrategy.web.lineage.sources import stored_plan_tasks
        from ipstrategy.web.plans.models import Plan

        return stored_plan_tasks(plan=object_get(Plan, what="plan", pk=int(ref)))
    from ipstrategy.core.lineage.documents import document_tasks

    return document_tasks(ref)


def propose(args: argparse.Namespace) -> int:
    """Print the proposed links as JSON (a list of {a, b, score, grade}) or as a table."""
    from ipstrategy.core.lineage import propose_links
    from ipstrategy.core.lineage.documents import link_json

    if len(args.plans) < 2:
        raise IpStrategyError("name two or more plans to link")
    tasks: list[LinkTask] = []
    for ref in args.plans:
        found = _tasks(ref)
        if found and any(t.plan == found[0].plan for t in tasks):
            raise DuplicatePlan(f"{ref}: the plan {found[0].plan} is named twice")
        tasks.extend(found)
    rows = [link_json(link) for link in propose_links(tasks, min_score=args.min_score)]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0

    def end(side: dict[str, Any]) -> str:
        return f"{side['document']}#{side['number'] or side['index']}"

    table = [(f"{r['score']:.3f}", r["grade"], end(r["a"]), end(r["b"])) for r in rows]
    print_table(("score", "grade", "task", "linked task"), table)
    return 0


def show(args: argparse.Namespace) -> int:
    """Print the chain of the task's commitment: year, plan, task number, status, text."""
    database()
    from ipstrategy.web.foundation.lookup import object_get
    from ipstrategy.web.lineage.selectors import task_lineage
    from ipstrategy.web.plans.models import Task

    task = object_get(Task.objects.select_related("plan"), what="task", pk=args.task)
    chain = task_lineage(task=task, user=OPERATOR)
    if not chain:
        print(f"task {task.pk}: no other plan is known to carry this commitment")
        return 0
    rows = [
        (str(o.year or "-"), str(o.task.pk), o.task.number or str(o.task.order), o.status or "-", o.task.text[:100])
        for o in chain
    ]
    print_table(("year", "task", "number", "status", "text"), rows)
    return 0
