"""Many rows of one table read as models, made as unpickling makes them rather than through ``__init__``.

``Model.__init__`` sets each field through its descriptor (a foreign key's checks its cached
object) and sends the init signals: 3.4 µs a task, where reading the row's values takes 1.2. A
million-row import reads a million tasks. ``models_read`` makes each model as Django's
``model_unpickle`` does (``Model.__new__`` and the values put in its ``__dict__`` by attribute
name) with the ``_state`` that ``Model.from_db`` gives a loaded row; the models compare, save,
refresh and load their relations like any other. Only for models with no ``pre_init``/``post_init``
receivers (none of ours has one) and whole rows: the queryset's filters and ordering are kept, its
``only``/``defer``, annotations and ``select_related`` are not allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)


def models_read(queryset: QuerySet[M, M], *, chunk_size: int | None = 10_000) -> Iterator[M]:
    """``queryset``'s models, as iterating it gives them; streamed ``chunk_size`` rows at a time
    (a server-side cursor on PostgreSQL), or read at once with ``chunk_size=None``."""
    model = queryset.model
    query = queryset.query
    if query.select_related or query.annotations or query.deferred_loading != (frozenset(), True):
        raise ValueError(
            "models_read reads whole rows of one table: no only(), defer(), annotate() or select_related()"
        )
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        raise ValueError(f"{model.__name__} has init receivers: iterate the queryset instead")
    names = [f.attname for f in model._meta.concrete_fields]
    rows = queryset.values_list(*names)
    db = queryset.db
    new = model.__new__
    for values in rows.iterator(chunk_size=chunk_size) if chunk_size else rows:
        instance = new(model)
        state = ModelState()
        state.adding, state.db = False, db
        fields = instance.__dict__
        fields.update(zip(names, values, strict=True))
        fields["_state"] = state
        yield instance
