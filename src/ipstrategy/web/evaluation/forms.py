"""Forms of the evaluation pages: open an evaluation, assign an evaluator, rate a task, ask for a report."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.accounts.models import AccountRole
from ipstrategy.web.evaluation.models import CompletionLevel, EvaluationKind, ReportFormat
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan

REPORT_LANGUAGES = [("zh-hans", _("Chinese")), ("en", _("English"))]


class EvaluationForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.order_by("title"))
    kind = forms.ChoiceField(label=_("Kind"), choices=EvaluationKind.choices)
    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)


class AssignForm(forms.Form):
    evaluator = forms.ModelChoiceField(
        label=_("Evaluator"),
        queryset=get_user_model()
        .objects.filter(membership__role=AccountRole.EVALUATOR, is_active=True)
        .order_by("username"),
    )


class RatingForm(forms.Form):
    level = forms.ChoiceField(label=_("Completion"), choices=CompletionLevel.choices)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = forms.CharField(label=_("Evidence references"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReportRequestForm(forms.Form):
    fmt = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices)
    language = forms.ChoiceField(label=_("Language"), choices=REPORT_LANGUAGES)


class IndicatorOwnerForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.order_by("code"))
    agency = forms.CharField(label=_("Department code"), max_length=40)
