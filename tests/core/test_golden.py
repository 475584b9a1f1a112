"""Golden-file tests: each bundled plan parses to its hand-checked annotation, task by task."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from ipstrategy.core.parsing import parse_document

DATA = Path(__file__).resolve().parents[2] / "src" / "ipstrategy" / "data" / "plans"
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
GOLD_FILES = sorted(p for p in GOLD.glob("0*.json"))


def fold(text: str | None) -> str:
    """Compare text the way the gold was written: width, quotes, dashes and spacing folded."""
    text = unicodedata.normalize("NFKC", text or "")
    for a, b in {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"}.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda p: p.stem[:3])
def pair(request):
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    return gold, parse_document(DATA / gold["document"]).to_json()


def test_metadata_matches_gold(pair):
    gold, pred = pair
    assert fold(pred["title"]) == fold(gold["title"])
    assert (pred["date"] or "")[:7] == gold["date"][:7]
    assert pred["plan_type"] == gold["plan_type"]
    assert set(pred["issuer"]) == set(gold["issuer"])
    assert (pred["period"]["start"], pred["period"]["end"]) == (gold["period"]["start"], gold["period"]["end"])


def test_sections_match_gold(pair):
    gold, pred = pair
    assert [fold(s["title"]) for s in pred["sections"]] == [fold(s["title"]) for s in gold["sections"]]
    assert [s["id"] for s in pred["sections"]] == [s["id"] for s in gold["sections"]]


def test_every_task_matches_gold(pair):
    gold, pred = pair
    assert len(pred["tasks"]) == len(gold["tasks"])
    for g, p in zip(gold["tasks"], pred["tasks"], strict=True):
        where = f"task {g['number'] or g['text_start'][:30]}"
        assert fold(p["text"]).startswith(fold(g["text_start"])), where
        assert fold(p["text"]).endswith(fold(g["text_end"])), where
        assert p["number"] == g["number"], where
        assert p["section"] == g["section"], where
        assert p["lead"] == g["lead"], where
        assert sorted(p["participants"]) == sorted(g["participants"]), where
        assert p["other_responsible"] == g["other_responsible"], where
        assert (p["responsibility_raw"] is None) == (g["responsibility_raw"] is None), where
        assert sorted((t["quantity"], t["comparator"]) for t in p["targets"]) == sorted(
            (float(t["quantity"]), t["comparator"]) for t in g["targets"]
        ), where


def test_indicator_cells_match_gold(pair):
    gold, pred = pair
    by_name = {fold(i["name"]): i for i in pred["indicators"]}
    for g in gold["indicators"]:
        p = by_name.get(fold(g["name"]))
        assert p is not None, g["name"]
        assert p["values"] == {year: float(v) for year, v in g["values"].items()}, g["name"]
