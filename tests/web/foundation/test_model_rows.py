"""``models_read``: the same models as iterating the queryset, usable like them."""

from __future__ import annotations

from typing import Any

import pytest

from ipstrategy.web.foundation.model_rows import models_read
from ipstrategy.web.plans.models import Task

from ..factories import plan_create

pytestmark = pytest.mark.django_db


def field_values(task: Task) -> list[Any]:
    return [getattr(task, f.attname) for f in Task._meta.concrete_fields]


@pytest.mark.parametrize("chunk_size", [10_000, 2, None])
def test_the_models_are_the_querysets(chunk_size: int | None) -> None:
    plan = plan_create()
    tasks = Task.objects.filter(plan=plan).order_by("order")
    read = list(models_read(tasks, chunk_size=chunk_size))
    assert len(read) == tasks.count() > 1
    assert read == list(tasks)  # same rows, same order (equal by pk)
    assert [field_values(t) for t in read] == [field_values(t) for t in tasks]
    first = read[0]
    assert first._state.adding is False and first._state.db == "default"
    assert first.plan == plan  # relations load as for any loaded model
    first.text = "Changed."
    first.save(update_fields=["text"])
    assert Task.objects.get(pk=first.pk).text == "Changed."
    first.refresh_from_db()
    assert first.text == "Changed." and str(first).endswith("Changed.")


def test_only_whole_rows_are_read() -> None:
    for queryset in (Task.objects.only("text"), Task.objects.select_related("section"), Task.objects.defer("text")):
        with pytest.raises(ValueError):
            next(models_read(queryset))
