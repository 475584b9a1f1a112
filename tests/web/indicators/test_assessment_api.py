"""The assessment on the API and on the command line: the same service, the same JSON."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipstrategy.cli import main

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators/{}/assessment"


def test_api_gives_every_method_with_inputs_value_and_status(client: Client) -> None:
    response = client.get(URL.format("invention_patents_per_10k_people"), {"as_of": 2016})
    assert response.status_code == 200
    data = response.json()
    assert data["as_of"] == 2016
    goal = next(g for g in data["targets"] if g["target"]["year"] == 2020)
    methods = {m["method"]: m for m in goal["methods"]}
    assert set(methods) == {"statcan", "unsd", "escap", "gap_linear", "gap_geometric"}
    statcan = methods["statcan"]
    # 4.02 is not used: the plan's own baseline (4 in 2013) is; 8.0 observed in 2016
    assert statcan["inputs"]["baseline"] == 4.0 and statcan["inputs"]["observed"] == 8.0
    assert statcan["value"] == pytest.approx(1.3263, abs=1e-4) and statcan["status"] == "substantial_progress"
    assert methods["escap"]["value"] == pytest.approx(4.0)
    assert methods["gap_linear"]["inputs"]["planned"] == pytest.approx(8.2857, abs=1e-4)
    assert goal["disagreement"] is True and goal["target_passed"] is False


def test_api_answers_404_and_400_with_a_message(client: Client) -> None:
    missing = client.get(URL.format("no_such_indicator"))
    assert missing.status_code == 404 and "no_such_indicator" in missing.json()["detail"]
    no_target = client.get(URL.format("pct_applications"), {"target_year": 2030})
    assert no_target.status_code == 400 and "2030" in no_target.json()["detail"]
    assert client.get(URL.format("pct_applications"), {"as_of": "soon"}).status_code == 422


def test_cli_prints_the_same_json(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", "pct_applications", "--as-of", "2023", "--target-year", "2020", "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    assert code == 0
    api = client.get(URL.format("pct_applications"), {"as_of": 2023, "target_year": 2020}).json()
    assert printed == api
    assert printed["targets"][0]["headline"]["status"] == "missed"


def test_cli_table_and_unknown_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "invention_patents_per_10k_people"]) == 0
    out = capsys.readouterr().out
    assert "4 (2013) -> 14 (2020): achieved" in out and "target_year" in out
    assert main(["assess", "no_such_indicator"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown indicator")


def test_an_indicator_without_a_target_gets_the_no_target_trend(client: Client) -> None:
    data = client.get(URL.format("practicing_patent_attorneys")).json()
    assert data["targets"] == []
    trend = data["trend"]
    # 23193 (2020) -> 34396 (2023): (34396 / 23193) ** (1/3) - 1 = 0.14038
    assert trend["method"] == "statcan_no_target" and trend["value"] == pytest.approx(0.14038, abs=1e-4)
    assert trend["status"] == "substantial_progress"
