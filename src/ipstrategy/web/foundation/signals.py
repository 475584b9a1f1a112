"""What any area tells the areas above it when public content changes, without importing them.

``public_data_changed`` is sent by the services that change what the public sees: a plan published
(or a published plan's contents replaced), a report approved, a lineage link proposed, confirmed,
rejected or added, an indicator or one of its values written. Keyword arguments: ``what`` (a short
word: ``plan``, ``report``, ``link``, ``indicator``) and, where there is one, ``plan_id``.

The open-data package (``web.opendata``) and the search index (``web.search``) listen; a receiver
must be cheap (it runs inside the writer's transaction: defer real work with ``transaction.on_commit``).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

public_data_changed = Signal()


def public_data_changed_send(sender: Any, *, what: str, plan_id: int | None = None) -> None:
    """Tell the listeners that public content of kind ``what`` changed."""
    public_data_changed.send(sender=sender, what=what, plan_id=plan_id)
