"""The office's form for a new account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.agencies.fields import DepartmentsField
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.roles import AccountRole


class AccountForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("Email (for reminders)"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    #: A new account is a reporter unless the office chooses otherwise (never office by default).
    role = forms.ChoiceField(label=_("Role"), choices=AccountRole.choices, initial=AccountRole.REPORTER)
    departments = DepartmentsField(
        label=_("Departments (reporters)"),
        queryset=Agency.objects.filter(successor__isnull=True).order_by("code"),
        required=False,
        to_field_name="code",
    )
