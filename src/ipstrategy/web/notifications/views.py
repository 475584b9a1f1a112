"""The signed-in user's notifications, newest first, and the language they are written in."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ipstrategy.web.accounts.language import user_language
from ipstrategy.web.foundation.access import signed_in
from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.notifications.services import notifications_of, notifications_read

SORTS = {"newest": ("-created", "-id")}


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of my notifications"), choices=[("zh-hans", "简体中文"), ("en", "English")]
    )


@signed_in
def notifications_page(request: HttpRequest) -> HttpResponse:
    try:
        page = paginate(notifications_of(request.user), page_params(request.GET, sorts=SORTS), keyset=False)
    except PageError as exc:
        from ipstrategy.web.foundation.access import refusal

        return refusal(request, str(exc), status=400)
    form = LanguageForm(initial={"language": user_language(request.user)})
    has_membership = hasattr(request.user, "membership")
    return render(request, "notifications/list.html", {"page": page, "form": form, "can_choose": has_membership})


@require_POST
@signed_in
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    count = notifications_read(user=request.user)
    messages.success(request, _("%(n)d notifications marked as read.") % {"n": count})
    return redirect("notifications:list")


@require_POST
@signed_in
def language_choose(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    membership = getattr(request.user, "membership", None)
    if form.is_valid() and membership is not None:
        membership.language = form.cleaned_data["language"]
        membership.save(update_fields=["language"])
        messages.success(request, _("Notifications will be written in the language you chose."))
    return redirect("notifications:list")
