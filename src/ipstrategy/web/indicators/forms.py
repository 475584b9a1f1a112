"""Forms of the office's indicator pages: they parse input into service arguments, nothing more."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.indicators.editing import INDICATOR_FIELDS
from ipstrategy.web.indicators.models import Indicator, IndicatorValue


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "definition_zh": forms.Textarea(attrs={"rows": 4}),
        }


class ValueForm(forms.ModelForm):
    url = forms.URLField(label=_("address"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = IndicatorValue
        fields = ("year", "kind", "value", "plan", "publisher", "release", "url", "unconfirmed", "note")
        widgets = {"release": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}


class ImportForm(forms.Form):
    file = forms.FileField()
