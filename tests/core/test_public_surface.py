"""The core's public surface (``ipstrategy.core.__all__``) and the plan JSON's round trip."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import ipstrategy.core as core
from ipstrategy.core.agencies import default_registry
from ipstrategy.core.model import PlanDraft
from ipstrategy.core.parsing import parse_document

BUNDLED = sorted(
    p.name for p in resources.files("ipstrategy.data").joinpath("plans").iterdir() if p.name.endswith(".txt")
)


def test_all_names_the_entry_points_and_the_plan_model() -> None:
    assert {"parse_document", "default_registry", "PlanDraft", "TaskDraft", "SectionDraft"} <= set(core.__all__)
    assert {name for name in core.__all__ if not hasattr(core, name)} == set()
    assert core.parse_document is parse_document and core.default_registry is default_registry
    with pytest.raises(AttributeError):
        _ = core.no_such_name


def test_importing_the_core_does_not_load_the_parser() -> None:
    code = "import sys, ipstrategy.core; print('ipstrategy.core.parsing' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


@pytest.mark.parametrize("name", BUNDLED)
def test_plan_json_round_trips(name: str) -> None:
    assert len(BUNDLED) == 5
    with resources.as_file(resources.files("ipstrategy.data").joinpath("plans").joinpath(name)) as path:
        plan = core.parse_document(Path(path))
    again = PlanDraft.from_json(plan.to_json())
    assert again == plan
    assert again.to_json() == plan.to_json()
