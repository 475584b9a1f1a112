"""The pure-Python core: parsing, the department registry, assessment maths and lineage.

Nothing under ``ipstrategy.core`` imports Django, so the CLI and tests can use it alone. The public
surface is ``__all__``: ``parse_document`` (a file to a ``PlanDraft``), ``default_registry`` (the
bundled department registry), the plan model and the error tree. ``parse_document`` and
``default_registry`` are imported on first use, so ``import ipstrategy.core`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipstrategy.core.errors import DocumentError, IpStrategyError, RegistryError
from ipstrategy.core.model import IndicatorDraft, PlanDraft, SectionDraft, TargetDraft, TaskDraft

if TYPE_CHECKING:
    from ipstrategy.core.agencies import default_registry
    from ipstrategy.core.parsing import parse_document

__all__ = [
    "DocumentError",
    "IndicatorDraft",
    "IpStrategyError",
    "PlanDraft",
    "RegistryError",
    "SectionDraft",
    "TargetDraft",
    "TaskDraft",
    "default_registry",
    "parse_document",
]


def __getattr__(name: str) -> Any:
    """``parse_document`` and ``default_registry`` on first use (PEP 562)."""
    if name == "parse_document":
        from ipstrategy.core.parsing import parse_document

        return parse_document
    if name == "default_registry":
        from ipstrategy.core.agencies import default_registry

        return default_registry
    raise AttributeError(f"module 'ipstrategy.core' has no attribute {name!r}")
