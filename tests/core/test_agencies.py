"""The department registry: aliases, dates, reorganisations and what it refuses to guess."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ipstrategy.core.agencies import default_registry, is_local_body, load_registry
from ipstrategy.core.errors import RegistryError

R = default_registry()


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("State Intellectual Property Office", date(2012, 4, 11), "SIPO"),
        ("State Intellectual Property Office", date(2021, 10, 9), "CNIPA"),
        ("知识产权局", date(2014, 7, 15), "SIPO"),
        ("國家知識產權局", date(2020, 5, 13), "CNIPA"),
        ("State Intellectual Property Office", date(2018, 2, 1), "SIPO"),  # before the March reorganisation
        ("State Intellectual Property Office", date(2018, 9, 1), "CNIPA"),
        ("State Administration of Radio, Film and Television", date(2010, 1, 1), "SARFT"),
        ("State Administration of Radio, Film and Television", date(2021, 10, 9), "NRTA"),
        ("Ministry of Science & Technology", None, "MOST"),
        ("the Ministry of Science and Technology", None, "MOST"),
        ("MHRSS", None, "MOHRSS"),
        ("PLA GAD", None, "PLA_GAD"),
        ("Publicity Department of CCCPC", None, "CPD"),
        ("国家市场监管总局", None, "SAMR"),
        ("Ministry of Industry and Information Tecnology", None, "MIIT"),  # a typo: conservative fuzzy match
    ],
)
def test_resolve(name, on, code):
    assert R.resolve(name, on=on).code == code


def test_shared_alias_without_date_is_ambiguous_not_guessed():
    res = R.resolve("State Intellectual Property Office")
    assert res.code is None and res.method == "ambiguous"
    assert set(res.candidates) == {"SIPO", "CNIPA"}


@pytest.mark.parametrize("name", ["Ministry of Magic", "Department", "relevant departments", "WIPO"])
def test_unknown_names_resolve_to_nothing(name):
    assert R.resolve(name, on=date(2020, 1, 1)).code is None


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("SIPO", ["SIPO", "CNIPA"]),
        ("SAIC", ["SAIC", "SAMR"]),
        ("CBRC", ["CBRC", "CBIRC", "NFRA"]),
        ("SARFT", ["SARFT", "SAPPRFT", "NRTA"]),
        ("CNIPA", ["CNIPA"]),
    ],
)
def test_successor_chain(code, chain):
    assert R.successor_chain(code) == chain


def test_current_and_predecessors():
    assert R.current("SIPO") == "CNIPA"
    assert "SIPO" in R.predecessors("CNIPA")
    assert {"SAIC", "AQSIQ"} <= set(R.predecessors("SAMR"))


def test_functions_moved_to_another_body_than_the_successor():
    moved = {(t.target, t.function.split()[0]) for t in R.transfers_from("SAIC")}
    assert ("CNIPA", "trademark") in moved
    assert any(t.source == "AQSIQ" for t in R.transfers_to("CNIPA"))


def test_kinds():
    assert R.get("SPC").kind == "court"
    assert R.get("MOST").kind == "ministry"
    assert R.get("CPD").kind == "party_organ"
    assert R.get("CMC_EDD").kind == "military"
    assert R.get("SIPO").kind == R.get("CNIPA").kind == "agency"
    assert R.get("GOSC").kind == R.get("IPSJCO").kind == "office"


def test_bad_registry_names_file_line_and_field(tmp_path: Path):
    bad = tmp_path / "agencies.csv"
    bad.write_text(
        "code,name_en,name_zh,aliases,successor,valid_from,valid_to,notes\nX,X,X,,,19x8,,\n", encoding="utf-8"
    )
    with pytest.raises(RegistryError, match=r"agencies.csv, line 2, field 'valid_from'"):
        load_registry(bad)


def test_unknown_successor_is_refused(tmp_path: Path):
    bad = tmp_path / "agencies.csv"
    bad.write_text(
        "code,name_en,name_zh,aliases,successor,valid_from,valid_to,notes\nX,X,X,,NOPE,,,\n", encoding="utf-8"
    )
    with pytest.raises(RegistryError, match="NOPE"):
        load_registry(bad)


def test_succession_walk_is_shared_and_stops_on_a_cycle():
    from ipstrategy.core.agencies import Succession

    walk = Succession({"A": "B", "B": "C", "C": None, "X": "Y", "Y": "X"})
    assert walk.chain("A") == ["A", "B", "C"]
    assert walk.predecessors("C") == ["B", "A"]  # nearest first
    assert walk.chain("X") == ["X", "Y"]
    assert R.predecessors("NRTA") == ["SAPPRFT", "SARFT"]


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("registry-index-*.json"))


def test_the_normalised_index_is_cached_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Start-up: the second load reads the index the first one wrote instead of normalising every name."""
    monkeypatch.setenv("IPSTRATEGY_CACHE_DIR", str(tmp_path))
    built = load_registry()
    [cache] = _cache_files(tmp_path)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert {k: set(v) for k, v in stored["index"].items()} == built._index
    # the cache is what the next load uses: a key written into it is resolved
    stored["index"]["a body only the cache knows"] = ["CNIPA"]
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert load_registry().resolve("A body only the cache knows", fuzzy=False).code == "CNIPA"
    monkeypatch.setenv("IPSTRATEGY_CACHE_DIR", "")
    assert load_registry().resolve("A body only the cache knows", fuzzy=False).code is None


def test_a_damaged_cache_is_rebuilt_and_another_registry_gets_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IPSTRATEGY_CACHE_DIR", str(tmp_path / "cache"))
    load_registry()
    [cache] = _cache_files(tmp_path / "cache")
    cache.write_text("{not json", encoding="utf-8")
    assert load_registry().resolve("SIPO", fuzzy=False).code == "SIPO"
    assert json.loads(cache.read_text(encoding="utf-8"))["index"]
    csv = tmp_path / "agencies.csv"
    csv.write_text(
        "code,name_en,name_zh,aliases,successor,valid_from,valid_to\nXA,Example Administration,示例局,,,,\n",
        encoding="utf-8",
    )
    own = load_registry(csv)
    assert own.resolve("the Example Administration", fuzzy=False).code == "XA"
    assert len(_cache_files(tmp_path / "cache")) == 2
    assert load_registry(csv).resolve("SIPO", fuzzy=False).code is None


def test_an_unwritable_cache_folder_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("IPSTRATEGY_CACHE_DIR", str(blocker / "cache"))
    assert load_registry().resolve("SIPO", fuzzy=False).code == "SIPO"


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("省知识产权局", True),
        ("广东省市场监督管理局", True),
        ("北京市知识产权局", True),
        ("Guangdong Provincial Administration for Market Regulation", True),
        ("市场监管总局", False),  # 市场 is "market", not a city
        ("国家市场监督管理总局", False),
        ("最高人民法院", False),
        ("State Administration for Market Regulation", False),
    ],
)
def test_a_local_body_is_never_resolved_to_a_central_one(name, local):
    registry = default_registry()
    assert is_local_body(name) is local
    if local:
        assert registry.resolve(name, on=date(2024, 1, 1)).code is None
