from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "ipstrategy.web.tracking"
    label = "tracking"
    verbose_name = _("Progress tracking")

    def ready(self) -> None:
        """Give the portal each task's status (``plans.status``) and the task page its progress section
        (``foundation.page_sections``): see ``selectors.PublicTaskStatus`` and ``selectors.TaskProgressSection``."""
        from ipstrategy.web.foundation.page_sections import page_section_source_set
        from ipstrategy.web.plans.status import status_source_set
        from ipstrategy.web.tracking import rollups
        from ipstrategy.web.tracking.selectors import PublicTaskStatus, TaskProgressSection

        status_source_set(PublicTaskStatus())
        page_section_source_set(page="task", name="progress", source=TaskProgressSection())
        rollups.register()  # the dashboard's figures (``tracking.rollups``)
