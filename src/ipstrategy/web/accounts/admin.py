"""Memberships are read in the admin; they are written by ``account_create`` (audited)."""

from django.contrib import admin
from django.http import HttpRequest

from ipstrategy.web.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role")
    list_filter = ("role",)
    filter_horizontal = ("departments",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _superusers_only(request: HttpRequest) -> bool:
    """The Django admin is for superusers (the office works in the app; docs/tracking.md, "Accounts")."""
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superusers_only  # type: ignore[method-assign]
