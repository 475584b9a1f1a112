"""The office's writes to indicators: definitions, values and their sources, each checked and audited.

Only the office may write (``policies.can_change_indicators``); everyone else gets
``IndicatorNotAllowed`` and the database is unchanged. Every write appends to the hash-chained
audit log with the fields before and after.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from ipstrategy.web.foundation.audit import audit_record
from ipstrategy.web.foundation.signals import public_data_changed_send
from ipstrategy.web.indicators.errors import IndicatorNotAllowed
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.indicators.policies import can_change_indicators

#: The fields of an indicator the office edits (the code is its id and never changes).
INDICATOR_FIELDS = (
    "name_en",
    "name_zh",
    "unit",
    "direction",
    "attribute",
    "trajectory",
    "definition",
    "definition_zh",
    "plan",
    "section",
)
VALUE_FIELDS = ("year", "kind", "value", "plan", "publisher", "release", "url", "unconfirmed", "note")


def indicators_check_office(actor: Any, *, system: bool = False) -> None:
    """Raise ``IndicatorNotAllowed`` unless ``actor`` is the office (or the command line, ``system``)."""
    if not system and not can_change_indicators(actor):
        raise IndicatorNotAllowed("only the office may change indicators")


def _state(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in model_to_dict(obj, fields=fields).items()}


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, changes: dict[str, Any], system: bool = False) -> Indicator:
    """Change an indicator's definition fields; audited as ``indicator_update``."""
    indicators_check_office(actor, system=system)
    before = _state(indicator, INDICATOR_FIELDS)
    for name, value in changes.items():
        if name not in INDICATOR_FIELDS:
            raise ValueError(f"not an editable field: {name}")
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    audit_record(
        actor=actor, action="indicator_update", obj=indicator, before=before, after=_state(indicator, INDICATOR_FIELDS)
    )
    public_data_changed_send(Indicator, what="indicator")
    return indicator


@transaction.atomic
def indicator_create(*, actor: Any, code: str, fields: dict[str, Any], system: bool = False) -> Indicator:
    """A new indicator; audited as ``indicator_create``."""
    indicators_check_office(actor, system=system)
    indicator = Indicator(code=code, **fields)
    indicator.full_clean()
    indicator.save()
    audit_record(actor=actor, action="indicator_create", obj=indicator, after=_state(indicator, INDICATOR_FIELDS))
    public_data_changed_send(Indicator, what="indicator")
    return indicator


@transaction.atomic
def indicator_value_save(
    *,
    actor: Any,
    indicator: Indicator,
    fields: dict[str, Any],
    value: IndicatorValue | None = None,
    system: bool = False,
) -> IndicatorValue:
    """Add a value to ``indicator`` or change ``value``; audited as ``indicator_value_save``."""
    indicators_check_office(actor, system=system)
    row = value or IndicatorValue(indicator=indicator)
    before = _state(row, VALUE_FIELDS) if value else None
    for name, field_value in fields.items():
        if name not in VALUE_FIELDS:
            raise ValueError(f"not an editable field: {name}")
        setattr(row, name, field_value)
    row.full_clean()
    row.save()
    audit_record(actor=actor, action="indicator_value_save", obj=row, before=before, after=_state(row, VALUE_FIELDS))
    public_data_changed_send(Indicator, what="indicator")
    return row


@transaction.atomic
def indicator_value_delete(*, actor: Any, value: IndicatorValue, system: bool = False) -> None:
    """Remove a value; audited as ``indicator_value_delete`` with what it held."""
    indicators_check_office(actor, system=system)
    before = _state(value, VALUE_FIELDS)
    audit_record(actor=actor, action="indicator_value_delete", obj=value, before=before)
    value.delete()
    public_data_changed_send(Indicator, what="indicator")
