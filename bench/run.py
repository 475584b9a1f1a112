"""``make bench``: run every benchmark in bench/ and print one table, also written to docs/performance.md.

Each script prints its own report; lines of the form ``BENCH<TAB>area<TAB>figure<TAB>value<TAB>
baseline<TAB>ratio<TAB>goal`` become rows of the summary table. The page benchmark needs a served
database: it runs when ``DATABASE_URL`` is set (docs/performance.md says how to load the national
data set), and is skipped with a note otherwise. The import is timed on a scratch database beside
``DATABASE_URL``'s with 1,000,000 rows when that is PostgreSQL (the issue's figure), else on SQLite
with 100,000. Not part of CI's test run.

    python bench/run.py [--only parse,pages] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DOC = BENCH.parent / "docs" / "performance.md"
#: script, arguments, needs a served database
SCRIPTS: tuple[tuple[str, list[str], bool], ...] = (
    ("parse.py", [], False),
    ("report.py", [], False),
    ("lineage.py", [], False),
    ("import_reports.py", [], False),  # 1,000,000 new rows on PostgreSQL: see import_arguments
    ("pages.py", [], True),
)
HELPERS = {
    "run.py",
    "httpload.py",
    "ceilings.py",
    "bench_settings.py",
    "bench_urls.py",
    "format_scores.py",
    "load.py",
    "locustfile.py",
}


def import_arguments() -> list[str]:
    """The issue's figure (1,000,000 rows, new drafts) on PostgreSQL; 100,000 rows both ways on SQLite."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    return ["--rows", "1000000", "--new-only"] if on_postgres else []


def run(script: str, arguments: list[str]) -> tuple[str, list[list[str]]]:
    """The script's output and its BENCH rows."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *arguments], capture_output=True, text=True, check=False
    )
    output = done.stdout + (f"\n(exit {done.returncode})\n{done.stderr[-2000:]}" if done.returncode else "")
    rows = [line.split("\t")[1:] for line in done.stdout.splitlines() if line.startswith("BENCH\t")]
    output += f"\n({script}: {time.perf_counter() - started:.0f} s)"
    return output, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated script names (without .py)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args()
    only = {f"{name}.py" for name in args.only.split(",") if name}
    known = {s[0] for s in SCRIPTS}
    extra = sorted(p.name for p in BENCH.glob("*.py") if p.name not in known | HELPERS)
    scripts = [*SCRIPTS, *((name, [], False) for name in extra)]
    sections, table = [], []
    for script, arguments, needs_server in scripts:
        if (only and script not in only) or not (BENCH / script).exists():
            continue
        if needs_server and not os.environ.get("DATABASE_URL"):
            sections.append((script, "skipped: set DATABASE_URL to a database loaded with `ipstrategy demo-data`"))
            continue
        output, rows = run(script, import_arguments() if script == "import_reports.py" else arguments)
        sections.append((script, output))
        table += rows
    text = render(table, sections)
    print(text)
    if not args.no_write:
        marker = "<!-- bench:results -->"
        head = DOC.read_text(encoding="utf-8").split(marker)[0] if DOC.exists() else "# Performance\n\n"
        DOC.write_text(f"{head}{marker}\n\n{text}\n", encoding="utf-8")


def render(table: list[list[str]], sections: list[tuple[str, str]]) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make bench`.",
        "",
        "| area | figure | value | same-run baseline | ratio | goal |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in table:
        cells = (row + [""] * 6)[:6]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    for script, output in sections:
        lines += ["", f"### {script}", "", "```", output.strip(), "```"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
