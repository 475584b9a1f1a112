"""The office's pages for one account: edit, deactivate or reactivate, send a password reset link;
and the page the link opens (choose a new password)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.web.accounts.language import user_language
from ipstrategy.web.accounts.people import account_set_active, account_update, password_reset_send
from ipstrategy.web.accounts.policies import actions_for
from ipstrategy.web.agencies.fields import DepartmentsField
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.errors import InputInvalid, ServiceError
from ipstrategy.web.foundation.roles import AccountRole, can_manage_accounts, user_role


class AccountEditForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email (for reminders)"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=AccountRole.choices)
    departments = DepartmentsField(
        label=gettext_lazy("Departments (reporters)"),
        queryset=Agency.objects.filter(successor__isnull=True).order_by("code"),
        required=False,
        to_field_name="code",
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of e-mails"), choices=[("zh-hans", "简体中文"), ("en", "English")]
    )


def _refused(request: HttpRequest) -> HttpResponse | None:
    if not can_manage_accounts(request.user):
        return refusal(request, _("Only the office manages accounts."), status=403)
    return None


@signed_in
def account_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    if (refused := _refused(request)) is not None:
        return refused
    person = get_object_or_404(get_user_model(), pk=user_id)
    membership = getattr(person, "membership", None) if hasattr(person, "membership") else None
    initial = {
        "email": person.email,
        "role": user_role(person) if membership is not None else AccountRole.REPORTER,
        "departments": list(membership.departments.all()) if membership is not None else [],
        "language": user_language(person),
    }
    form = AccountEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_update(
                user=person,
                actor=request.user,
                email=data["email"],
                role=data["role"],
                departments=[a.code for a in data["departments"]],
                language=data["language"],
            )
        except InputInvalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("Account saved."))
            return redirect("accounts:list")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/account_edit.html",
        {"person": person, "form": form, "actions": actions_for(request.user, person)},
        status=status,
    )


@require_POST
@signed_in
def account_active(request: HttpRequest, user_id: int) -> HttpResponse:
    if (refused := _refused(request)) is not None:
        return refused
    person = get_object_or_404(get_user_model(), pk=user_id)
    active = request.POST.get("active") == "1"
    try:
        account_set_active(user=person, actor=request.user, active=active)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("Account reactivated.") if active else _("Account deactivated."))
    return redirect("accounts:edit", person.pk)


@require_POST
@signed_in
def account_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    if (refused := _refused(request)) is not None:
        return refused
    person = get_object_or_404(get_user_model(), pk=user_id)
    try:
        password_reset_send(user=person, actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("A link to choose a new password was sent to %(email)s.") % {"email": person.email})
    return redirect("accounts:edit", person.pk)


reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/reset_confirm.html", success_url=reverse_lazy("accounts:reset-done")
)


def reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/reset_done.html")
