"""Sections an area adds to another area's page, without either importing the other (a seam).

A task's page belongs to plans, an indicator's page to indicators; what they show beyond their own
data (progress reports from tracking, delivery confidence, related tasks from lineage, ...) belongs
to areas above them. Each such area registers a source once, in its ``AppConfig.ready()``::

    from ipstrategy.web.foundation.page_sections import page_section_source_set
    page_section_source_set(page="task", name="progress", source=TaskProgressSection())

The page's view asks for its sections (``page_sections``) and passes them to the template, which
includes ``section.template`` with ``section.data`` where the section belongs. Selectors and policy
checks run in the view, through the source; no template tag reads the database. Pages: ``task``
(the object is a ``plans.Task``) and ``indicator`` (an ``indicators.Indicator``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class PageSection:
    """A template to include and the data it shows (read already, for this user)."""

    template: str
    data: Any


class SectionSource(Protocol):
    """An area's part of another area's page."""

    def section(self, *, obj: Any, user: Any) -> PageSection | None:
        """The section for ``obj`` as ``user`` may see it, or None to show nothing."""
        ...


_sources: dict[str, dict[str, SectionSource]] = {}


def page_section_source_set(*, page: str, name: str, source: SectionSource) -> None:
    """Register the source of the section ``name`` on ``page`` (the template places it by name)."""
    _sources.setdefault(page, {})[name] = source


def page_sections(*, page: str, obj: Any, user: Any) -> dict[str, PageSection]:
    """Every registered section of ``page`` that has something to show for ``obj``, by name."""
    found = {name: source.section(obj=obj, user=user) for name, source in _sources.get(page, {}).items()}
    return {name: section for name, section in found.items() if section is not None}
