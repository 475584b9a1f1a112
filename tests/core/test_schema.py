"""Every parse validates against the shipped JSON Schema, and the schema rejects what it should."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from ipstrategy.core.parsing import parse_document
from ipstrategy.core.schema import plan_schema

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "src" / "ipstrategy" / "data" / "plans").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "genre").glob("*.*")
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_parse_output_validates(path):
    jsonschema.validate(parse_document(path).to_json(), plan_schema())


def test_schema_rejects_a_bad_comparator_and_a_lowercase_code():
    plan = parse_document(DOCUMENTS[1]).to_json()
    plan["tasks"][0]["targets"] = [{"quantity": 1, "unit": "", "comparator": "≈", "text": ""}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, plan_schema())
    plan = parse_document(DOCUMENTS[1]).to_json()
    plan["tasks"][0]["lead"] = "sipo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, plan_schema())
