"""What the plans area tells the areas above it, without importing them (a seam, like ``status.py``).

``plan_contents_stored`` is sent inside ``plan_import``'s transaction once a plan's row, sections
and tasks are written, with ``plan`` (the ``Plan``) and ``draft`` (the parsed ``PlanDraft``). The
indicators area stores the plan's indicator table from it (connected in ``IndicatorsConfig.ready``);
a receiver that raises rolls the whole import back.
"""

from __future__ import annotations

from django.dispatch import Signal

plan_contents_stored = Signal()
