"""The JSON Schema of the plan JSON (``plan.schema.json``), shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def plan_schema() -> dict[str, Any]:
    """The plan JSON's schema (JSON Schema 2020-12)."""
    return json.loads(resources.files(__name__).joinpath("plan.schema.json").read_text(encoding="utf-8"))
