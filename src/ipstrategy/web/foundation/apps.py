from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoundationConfig(AppConfig):
    """What every area stands on: the page frame (``site/base.html``, stylesheet, template filters),
    roles, the audit log (its one model), access helpers and the error tree."""

    name = "ipstrategy.web.foundation"
    label = "foundation"
    verbose_name = _("Audit log")  # the admin heading over its one model
