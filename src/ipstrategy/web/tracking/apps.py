from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "ipstrategy.web.tracking"
    label = "tracking"
    verbose_name = _("Progress tracking")

    def ready(self) -> None:
        """Give the portal each task's status (``plans.status``): see ``selectors.PublicTaskStatus``."""
        from ipstrategy.web.plans.status import status_source_set
        from ipstrategy.web.tracking.selectors import PublicTaskStatus

        status_source_set(PublicTaskStatus())
