"""Evaluations on the command line: `ipstrategy report evaluation ID` writes its report in any format.

The command calls the same ``report_build`` as the page's button, as the operator (the office).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipstrategy.cli.common import OPERATOR, Subparsers, database


def register(sub: Subparsers) -> None:
    r = sub.add_parser("report", help="write a report (DOCX, XLSX, HTML or PDF)").add_subparsers(
        dest="report_command", required=True, metavar="KIND"
    )
    e = r.add_parser("evaluation", help="an evaluation's report: summary, indicators, completion, findings, annex")
    e.add_argument("evaluation_id", type=int, metavar="ID", help="the evaluation's id (see the evaluation pages)")
    e.add_argument(
        "--format", choices=("docx", "xlsx", "html", "pdf"), default="docx", help="file format (default docx)"
    )
    e.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report (default zh)")
    e.add_argument("--output", metavar="PATH", help="where to write (default: evaluation-ID-LANG.FORMAT here)")
    e.set_defaults(handler=report_evaluation)


def report_evaluation(args: argparse.Namespace) -> int:
    """Write the evaluation's report and say where."""
    database()
    from ipstrategy.web.evaluation.models import Evaluation
    from ipstrategy.web.evaluation.reports import report_build, report_filename
    from ipstrategy.web.foundation.lookup import object_get

    evaluation = object_get(Evaluation.objects.select_related("plan"), what="evaluation", pk=args.evaluation_id)
    language = "zh-hans" if args.lang == "zh" else "en"
    data = report_build(evaluation=evaluation, fmt=args.format, language=language, actor=OPERATOR)
    out = Path(args.output or report_filename(evaluation, args.format, language))
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes): {evaluation.title}")
    return 0
