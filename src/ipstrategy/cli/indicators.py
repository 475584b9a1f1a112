"""`ipstrategy assess` and `ipstrategy indicators import`: judging indicators and loading their tables.

Thin over the services the pages and the API call (``web.indicators.assessing`` and
``web.indicators.importing``); expected failures (an unknown indicator, a bad row) become one
``error: ...`` line with exit code 2 in ``cli.app``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ipstrategy.cli.common import OPERATOR, Subparsers, database


def register(sub: Subparsers) -> None:
    a = sub.add_parser("assess", help="assess an indicator against its targets, every method side by side")
    a.add_argument("indicator", metavar="INDICATOR", help="the indicator's id, e.g. invention_patents_per_10k_people")
    a.add_argument("--as-of", type=int, metavar="YEAR", help="judge as of this year (default: the latest figure)")
    a.add_argument("--target-year", type=int, metavar="YEAR", help="only the target due in this year")
    a.add_argument("--format", choices=("json", "table"), default="table", help="output format (default: table)")
    a.set_defaults(handler=assess)

    ind = sub.add_parser("indicators", help="indicator definitions and values").add_subparsers(
        dest="indicators_command", required=True, metavar="ACTION"
    )
    im = ind.add_parser("import", help="import indicator definitions or values from CSV or XLSX (all or nothing)")
    im.add_argument("path", metavar="FILE", help="a .csv or .xlsx file (columns: see docs/indicators.md)")
    im.set_defaults(handler=indicators_import)


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.1f}"
    return "—" if value is None else str(value)


def assessment_table(data: dict[str, Any]) -> str:
    """The assessment as plain text: one block per target, one line per method with its inputs."""
    lines = [f"{data['indicator']} ({data['unit']}, {data['direction']}) as of {data['as_of']}"]
    for goal in data["targets"]:
        b, t = goal["baseline"], goal["target"]
        flag = "  [methods disagree: " + ", ".join(goal["disagreeing"]) + "]" if goal["disagreement"] else ""
        head = f"{b['value']:g} ({b['year']}) -> {t['value']:g} ({t['year']}): {goal['headline']['status']}"
        lines.append(f"\n{head}{flag}")
        for m in goal["methods"]:
            inputs = ", ".join(f"{k}={_number(v)}" for k, v in m["inputs"].items() if k != "direction")
            why = f" ({m['reason_text']})" if m["reason"] else ""
            lines.append(f"  {m['method']:<16} {_number(m['value']):>9}  {m['status']:<21}{why}  {inputs}")
    if data["trend"]:
        m = data["trend"]
        lines.append(f"\nno target; trend {m['method']}: {_number(m['value'])} {m['status']}")
    return "\n".join(lines)


def assess(args: argparse.Namespace) -> int:
    """Print the assessment of one indicator as JSON (the API's shape) or as a table."""
    database()
    from ipstrategy.web.indicators.assessing import assessment_as_dict, indicator_assessment

    result = indicator_assessment(code=args.indicator, as_of=args.as_of, target_year=args.target_year)
    data = assessment_as_dict(result)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.format == "json" else assessment_table(data))
    return 0


def indicators_import(args: argparse.Namespace) -> int:
    """Import definitions or values: all rows (audited as the operator), or nothing and every bad cell."""
    database()
    from ipstrategy.web.indicators.importing import indicators_import as run_import

    path = Path(args.path)
    result = run_import(content=path.read_bytes(), filename=path.name, actor=OPERATOR)
    print(f"imported {result.rows} rows of {result.kind} from {path.name} ({result.created} new)")
    return 0
