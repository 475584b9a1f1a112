from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineageConfig(AppConfig):
    name = "ipstrategy.web.lineage"
    label = "lineage"
    verbose_name = _("Lineage")

    def ready(self) -> None:
        """Add the commitment's lineage to the task page (``foundation.page_sections``)."""
        from ipstrategy.web.foundation.page_sections import page_section_source_set
        from ipstrategy.web.lineage.sections import TaskLineageSection

        page_section_source_set(page="task", name="lineage", source=TaskLineageSection())
