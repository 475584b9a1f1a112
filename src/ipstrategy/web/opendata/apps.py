from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "ipstrategy.web.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        """Rebuild the package when public data changes (``foundation.signals``)."""
        from ipstrategy.web.foundation.signals import public_data_changed
        from ipstrategy.web.opendata.tasks import public_data_changed_receive

        public_data_changed.connect(public_data_changed_receive, dispatch_uid="opendata")
