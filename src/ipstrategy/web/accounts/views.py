"""Sign in, sign out, and the office's list of accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipstrategy.web.accounts.forms import AccountForm
from ipstrategy.web.accounts.lockouts import account_unlock, lockouts_current
from ipstrategy.web.accounts.people import people_listed
from ipstrategy.web.accounts.services import account_create
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.errors import InputInvalid, ServiceError
from ipstrategy.web.foundation.roles import can_manage_accounts

login = auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True)
logout = auth_views.LogoutView.as_view()


@signed_in
def accounts_list(request: HttpRequest) -> HttpResponse:
    """Every account with its role and departments; the office adds accounts here."""
    if not can_manage_accounts(request.user):
        return refusal(request, _("Only the office manages accounts."), status=403)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_create(
                username=data["username"],
                password=data["password"],
                role=data["role"],
                departments=[a.code for a in data["departments"]],
                email=data["email"],
                actor=request.user,
            )
        except InputInvalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("Account created."))
            return redirect("accounts:list")
    context = {"form": form, "people": people_listed(), "lockouts": lockouts_current()}
    return render(request, "accounts/accounts.html", context)


@require_POST
@signed_in
def unlock(request: HttpRequest) -> HttpResponse:
    """The office lifts a sign-in lockout of an account or an address (audited)."""
    try:
        account_unlock(
            actor=request.user, username=request.POST.get("username", ""), address=request.POST.get("address", "")
        )
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("Sign-in unlocked."))
    return redirect("accounts:list")
