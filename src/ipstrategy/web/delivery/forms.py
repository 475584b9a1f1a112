"""The form the office records a judgement with."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.delivery.models import Rating


class ConfidenceForm(forms.Form):
    rating = forms.ChoiceField(label=_("Delivery confidence"), choices=Rating.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    judged_on = forms.DateField(
        label=_("Judged on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
