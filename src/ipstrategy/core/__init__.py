"""The pure-Python core: parsing, the department registry, assessment maths and lineage.

Nothing under ``ipstrategy.core`` imports Django, so the CLI and tests can use it alone.
"""

from ipstrategy.core.errors import DocumentError, IpStrategyError, RegistryError
from ipstrategy.core.model import IndicatorDraft, PlanDraft, SectionDraft, TargetDraft, TaskDraft

__all__ = [
    "DocumentError",
    "IndicatorDraft",
    "IpStrategyError",
    "PlanDraft",
    "RegistryError",
    "SectionDraft",
    "TargetDraft",
    "TaskDraft",
]
