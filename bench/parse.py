"""Parser throughput: MB/s on the bundled seed corpus and on a ~100 MB synthetic corpus.

The synthetic corpus is made of plan-shaped documents built from the seeds (their front
matter, then their body repeated) in both languages' scripts, written to a temporary folder.
Each figure is printed next to a baseline measured in the same run over the same bytes: reading
and splitting the files into blocks (the readers alone), so the ratio says what the structure
stages cost on top of I/O and decoding, whatever the machine. Start-up: ``ipstrategy parse`` of a
one-line file, next to ``python -c pass`` in the same run (median of five each).

    python bench/parse.py [--mb 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ipstrategy.core.parsing import parse_document
from ipstrategy.core.parsing.numbering import match_marker
from ipstrategy.core.parsing.readers import read_document

SEEDS = Path(__file__).resolve().parents[1] / "src" / "ipstrategy" / "data" / "plans"
GENRE = Path(__file__).resolve().parents[1] / "tests" / "data" / "genre"


def _sources() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted(GENRE.glob("*.txt")) + sorted(GENRE.glob("*.md"))


def build_synthetic(folder: Path, megabytes: float) -> list[Path]:
    """Write plan-shaped documents (~150-400 KB each) until ``megabytes`` are on disk."""
    texts = [p.read_text(encoding="utf-8") for p in _sources()]
    target, written, files = megabytes * 1_000_000, 0, []
    n = 0
    while written < target:
        text = texts[n % len(texts)]
        head, body = text[: len(text) // 10], text[len(text) // 10 :]
        doc = head + "\n" + "\n".join([body] * (3 + n % 5))
        path = folder / f"doc{n:05d}{Path(_sources()[n % len(texts)]).suffix}"
        path.write_text(doc, encoding="utf-8")
        written += path.stat().st_size
        files.append(path)
        n += 1
    return files


def measure(files: list[Path], fn) -> tuple[float, float]:
    """(megabytes, seconds) to run ``fn`` over every file once."""
    size = sum(p.stat().st_size for p in files) / 1_000_000
    start = time.perf_counter()
    for path in files:
        fn(path)
    return size, time.perf_counter() - start


def parse_cold(path: Path) -> None:
    """Parse with the text-level caches emptied, so a repeated document is not parsed from memory.

    (The registry's own lookups stay warm: they are the same for every document.)"""
    match_marker.cache_clear()
    parse_document(path)


def report(label: str, files: list[Path], repeat: int = 1) -> None:
    files = files * repeat
    mb, read_s = measure(files, read_document)
    _, parse_s = measure(files, parse_cold)
    print(
        f"{label:<28} {mb:8.1f} MB  parse {mb / parse_s:6.2f} MB/s  "
        f"(readers alone {mb / read_s:6.1f} MB/s; parse costs {parse_s / read_s:4.1f}x the read)  "
        f"{len(files)} documents, {parse_s:.1f} s"
    )
    print(
        f"BENCH\tparse\t{label}\t{mb / parse_s:.2f} MB/s\treaders alone {mb / read_s:.1f} MB/s"
        f"\t{parse_s / read_s:.1f}x the read\t"
    )


def _wall(command: list[str], runs: int = 5) -> float:
    """Median wall seconds of ``command`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup(folder: Path) -> None:
    """``ipstrategy parse`` of a one-line file against a bare interpreter's start."""
    line = folder / "one-line.txt"
    line.write_text("1. Revise the Patent Law.\n", encoding="utf-8")
    bare = _wall([sys.executable, "-c", "pass"])
    cli = _wall([sys.executable, "-m", "ipstrategy.cli", "parse", str(line), "--format", "json"])
    print(f"start-up: ipstrategy parse of a one-line file {cli:.2f} s wall (python -c pass {bare:.3f} s)")
    print(f"BENCH\tparse\tstart-up, `ipstrategy parse` of a one-line file\t{cli:.2f} s\tpython -c pass {bare:.3f} s"
          f"\t{cli / bare:.0f}x\t")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100.0, help="size of the synthetic corpus (default 100)")
    ap.add_argument("--keep", type=Path, help="write the synthetic corpus here and keep it")
    args = ap.parse_args()
    parse_document(_sources()[0])  # warm caches (registry, compiled patterns) outside the timings
    report("seed corpus (x20)", sorted(SEEDS.glob("*.txt")), repeat=20)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipstrategy-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        startup(folder)
        report(f"synthetic corpus (~{args.mb:g} MB)", build_synthetic(folder, args.mb))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
