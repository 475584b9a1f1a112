"""Format robustness: every seed plan, converted to md, html, docx and pdf, must parse as well as its .txt.

Each seed in ../shared/seeds is written in every variant of ``seed_formats`` (see there for how
each format is produced), parsed with ``parse_document`` and scored against its hand-checked gold
with the shared scorer (../shared/tools/score_parse.py, beside the repository, as in CI). Without
../shared the whole module is skipped. ``bench/format_scores.py`` prints the same scores as a table.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import docx
import pytest
from pypdf import PdfReader
from seed_formats import UNICODE_FONTS, VARIANTS, convert, find_cell_tables, read_seed, variants_for

from ipstrategy.core.parsing import parse_document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_parse.py"
MISSING = f"needs the shared seeds, gold and scorer at {SHARED} (../shared beside the repository)"
NO_FONTS = (
    "PDF variants need DejaVu Sans and Droid Sans Fallback (apt-get install fonts-dejavu-core fonts-droid-fallback)"
)

THRESHOLDS = {"overall": 0.97, "tasks F1": 0.98, "agencies F1": 0.97, "lead": 0.97, "indicator cells": 1.0}


def _golds() -> list[tuple[Path, Path]]:
    """(gold file, seed file) for every plan annotation in ../shared/gold."""
    if not SCORER.exists():
        return []
    pairs = []
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if isinstance(gold, dict) and "document" in gold and "tasks" in gold:
            pairs.append((gold_path, SHARED / "seeds" / gold["document"]))
    return pairs


#: Conversions the parser does not yet read well enough, with the cause. ``strict`` makes a fix
#: visible: the case then passes and the entry must be removed.
KNOWN_GAPS: dict[str, str] = {}


def _marks(case_id: str, suffix: str) -> list:
    if suffix == ".pdf" and not UNICODE_FONTS:
        return [pytest.mark.skip(reason=NO_FONTS)]
    if case_id in KNOWN_GAPS:
        return [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case_id])]
    return []


def _cases() -> list:
    cases = [
        pytest.param(
            gold,
            seed,
            variant.name,
            id=f"{seed.stem[:3]}-{variant.name}",
            marks=_marks(f"{seed.stem[:3]}-{variant.name}", variant.suffix),
        )
        for gold, seed in _golds()
        for variant in variants_for(seed.read_text(encoding="utf-8"))
    ]
    return cases or [pytest.param(None, None, None, id="no-shared", marks=pytest.mark.skip(reason=MISSING))]


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_parse", SCORER)
    if spec is None or spec.loader is None:
        pytest.skip(MISSING)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("gold_path", "seed", "variant"), _cases())
def test_converted_seed_parses_like_the_txt(
    gold_path: Path, seed: Path, variant: str, scorer: ModuleType, tmp_path: Path
) -> None:
    path = convert(seed, variant, tmp_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    s = scorer.score_one(gold, parse_document(path).to_json())
    got = {
        "overall": scorer.overall(s),
        "tasks F1": s["tasks"]["f1"],
        "agencies F1": s["agencies"]["f1"],
        "lead": s["lead"]["accuracy"],
        "indicator cells": s["indicators"]["accuracy"],
    }
    low = {k: round(v, 3) for k, v in got.items() if v < THRESHOLDS[k] - 1e-9}
    detail = (
        f"tasks {s['tasks']['matched']}/{s['tasks']['gold']} matched, {s['tasks']['pred']} found; "
        f"sections F1 {s['sections']['f1']:.3f}; targets F1 {s['targets']['f1']:.3f}; metadata {s['metadata']}"
    )
    assert not low, f"{path.name}: below the thresholds {low} ({detail})"


# -- the converters themselves: each format carries what it claims to ----------------------------------
SAMPLE = """# Plan of Work (2020)

## **I. Deepening Reforms**

1. Do *this* and **that**.<sup>1</sup> (Responsibility of the Ministry of Commerce)
Circular of SIPO,<HARD BREAK>
the Ministry of Education

---

<sup>1</sup> Translator's note: a note.

Indicators
2013
2015
Number of patents (in 10000)

4

6
Share of GDP (%)
1.5
2.0

2. Next task. (Responsibility of the Ministry of Finance)
""".replace("<HARD BREAK>", "  ")  # a markdown hard break: two trailing spaces


def test_read_seed_keeps_runs_breaks_and_the_cell_table() -> None:
    items = read_seed(SAMPLE, tables=True)
    kinds = [i.kind for i in items if i.kind != "blank"]
    assert kinds == ["heading", "heading", "para", "para", "rule", "para", "table", "para"]
    task = items[4]
    assert [(s.text, s.bold, s.italic, s.sup) for s in task.segs][1:5] == [
        ("this", False, True, False),
        (" and ", False, False, False),
        ("that", True, False, False),
        (".", False, False, False),
    ]
    assert any(s.sup and s.text == "1" for s in task.segs)
    assert "\n" in [s.text for s in items[5].segs]  # the markdown hard break stays inside the paragraph
    table = next(i for i in items if i.kind == "table")
    assert table.rows == (
        ("Indicators", "2013", "2015"),
        ("Number of patents (in 10000)", "4", "6"),
        ("Share of GDP (%)", "1.5", "2.0"),
    )
    assert [v.name for v in variants_for("no table here")] == [v.name for v in VARIANTS if not v.table]
    assert find_cell_tables(SAMPLE.split("\n"))[0][2] == table.rows


def test_docx_has_styled_headings_runs_and_a_real_table(tmp_path: Path) -> None:
    seed = tmp_path / "sample.txt"
    seed.write_text(SAMPLE, encoding="utf-8")
    document = docx.Document(str(convert(seed, "docx-table", tmp_path / "out")))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert styles[:2] == [("Heading 1", "Plan of Work (2020)"), ("Heading 2", "I. Deepening Reforms")]
    runs = document.paragraphs[2].runs
    assert [r.text for r in runs if r.font.superscript] == ["1"]
    assert [r.text for r in runs if r.bold] == ["that"] and [r.text for r in runs if r.italic] == ["this"]
    assert [c.text for c in document.tables[0].rows[1].cells] == ["Number of patents (in 10000)", "4", "6"]


def test_html_keeps_sup_rules_and_the_table(tmp_path: Path) -> None:
    seed = tmp_path / "sample.txt"
    seed.write_text(SAMPLE, encoding="utf-8")
    page = convert(seed, "html-table", tmp_path / "out").read_text(encoding="utf-8")
    assert "<h2><strong>I. Deepening Reforms</strong></h2>" in page
    assert "<strong>that</strong>.<sup>1</sup> (Responsibility" in page
    assert "Circular of SIPO,<br>the Ministry of Education" in page
    assert "<hr>" in page and "<td>Share of GDP (%)</td><td>1.5</td><td>2.0</td>" in page


@pytest.mark.skipif(not UNICODE_FONTS, reason=NO_FONTS)
def test_pdf_text_layer_is_wrapped_and_numbered(tmp_path: Path) -> None:
    seed = tmp_path / "sample.txt"
    seed.write_text(
        SAMPLE + ("\n3. " + "A long task sentence that goes on. " * 40 + "(Ministry of Finance)\n") * 3, "utf-8"
    )
    reader = PdfReader(str(convert(seed, "pdf", tmp_path / "out")))
    pages = [p.extract_text() for p in reader.pages]
    lines = [line for text in pages for line in text.splitlines()]
    assert len(pages) >= 2 and [text.splitlines()[-1].strip() for text in pages] == [
        str(n) for n in range(1, len(pages) + 1)
    ]
    assert max(len(line) for line in lines) < 110  # hard-wrapped at the page width, not one line per paragraph
    assert sum("task sentence" in line for line in lines) > 30  # each 1,400-character paragraph on many lines
    assert any("that.1 (Responsibility" in line for line in lines)  # the raised footnote mark, glued on
