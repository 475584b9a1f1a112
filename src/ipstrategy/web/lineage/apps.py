from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineageConfig(AppConfig):
    name = "ipstrategy.web.lineage"
    label = "lineage"
    verbose_name = _("Lineage")
