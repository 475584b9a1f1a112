"""The office's page of API tokens: issue one for an account (shown once), revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.web.accounts.tokens import token_find, token_issue, token_revoke, tokens_listed
from ipstrategy.web.foundation.access import refusal, refusal_of, signed_in
from ipstrategy.web.foundation.errors import InputInvalid, ServiceError
from ipstrategy.web.foundation.roles import can_manage_accounts


class TokenForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Account"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        to_field_name="username",
    )
    name = forms.CharField(label=gettext_lazy("Name (what the token is for)"), max_length=100, required=False)


@signed_in
def tokens_page(request: HttpRequest) -> HttpResponse:
    """Every token (active and revoked) with its account; a new token is shown once, here."""
    if not can_manage_accounts(request.user):
        return refusal(request, _("Only the office issues and revokes API tokens."), status=403)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = token_issue(
                username=form.cleaned_data["user"].username, name=form.cleaned_data["name"], actor=request.user
            )
        except InputInvalid as exc:
            for name, message in exc.errors.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            form = TokenForm()
    context = {"form": form, "tokens": tokens_listed(), "secret": secret}
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@require_POST
@signed_in
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token_revoke(token=token_find(str(token_id)), actor=request.user)
    except ServiceError as exc:
        return refusal_of(request, exc)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")
