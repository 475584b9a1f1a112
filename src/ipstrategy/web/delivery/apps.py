from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "ipstrategy.web.delivery"
    label = "delivery"
    verbose_name = _("Delivery confidence")

    def ready(self) -> None:
        """Add the confidence section to the task and indicator pages (``foundation.page_sections``)."""
        from ipstrategy.web.delivery.sections import ConfidenceSection
        from ipstrategy.web.foundation.page_sections import page_section_source_set

        for page in ("task", "indicator"):
            page_section_source_set(page=page, name="delivery", source=ConfidenceSection(page))
