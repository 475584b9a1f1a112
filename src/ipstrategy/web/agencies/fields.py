"""A form field choosing departments, offered in the reader's order with their names.

The account forms pick a reporter's departments from this field; its options follow
``foundation.collation`` (pinyin in Chinese, English names in English), computed when the form is
rendered, so each reader gets their language's order from the same form class.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.collation import departments_sorted
from ipstrategy.web.foundation.templatetags.ipstrategy import name


def department_label(agency: Agency) -> str:
    """``CNIPA — 国家知识产权局`` (the name in the reader's language)."""
    return f"{agency.code} — {name(agency)}"


class _InReadersOrder(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for agency in departments_sorted(self.queryset):
            yield self.choice(agency)


class DepartmentsField(forms.ModelMultipleChoiceField):
    """Several departments, by code; options in the reader's order, labelled with code and name."""

    iterator = _InReadersOrder

    def label_from_instance(self, obj: Any) -> str:
        return department_label(obj)
