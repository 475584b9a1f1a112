"""Forms of the tracking pages: they parse input into service arguments, nothing more."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.foundation.templatetags.ipstrategy import name, quantity, unit
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.tracking.models import PeriodKind, Progress
from ipstrategy.web.tracking.validation import ReportInput


def indicator_value_label(value: IndicatorValue) -> str:
    """An indicator value as a reader says it, in the active language: name · year · kind: value unit."""
    figure = f"{quantity(value.value)} {unit(value.indicator.unit)}".strip()
    return f"{name(value.indicator)} · {value.year} · {value.get_kind_display()}: {figure}"


class IndicatorValuesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: IndicatorValue) -> str:
        return indicator_value_label(obj)


class ReportForm(forms.Form):
    progress = forms.ChoiceField(label=_("Status"), choices=Progress.choices)
    percent = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100, initial=0)
    narrative = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    problems = forms.CharField(label=_("Problems"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    progress_reason = forms.CharField(
        label=_("Reason (if merged or cancelled)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicator_values = IndicatorValuesField(
        label=_("Indicator values this report draws on"),
        queryset=IndicatorValue.objects.select_related("indicator").order_by("indicator__code", "year", "kind"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    #: The report's version when the form was opened: a save over a newer version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            progress=data["progress"],
            percent=data["percent"],
            narrative=data["narrative"],
            problems=data["problems"],
            next_steps=data["next_steps"],
            progress_reason=data["progress_reason"],
            indicator_value_ids=tuple(v.pk for v in data["indicator_values"]),
        )

    def add_service_errors(self, errors: dict[str, str]) -> None:
        """Show the service's validation messages next to their fields."""
        for field_name, message in errors.items():
            self.add_error(field_name if field_name in self.fields else None, message)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("submit", "resubmit", "return", "approve")])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, DOCX, XLSX, PNG or JPEG)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled-in workbook (.xlsx) or CSV"))
    submit = forms.BooleanField(label=_("Submit the imported reports for review too"), required=False)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    number = forms.IntegerField(label=_("Number in the year (1 for annual)"), min_value=1, max_value=4, initial=1)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
