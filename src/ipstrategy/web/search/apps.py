from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ipstrategy.web.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        """Keep the index in step with published plans (``foundation.signals``) and with rows
        changed anywhere else, the admin included (``receivers``)."""
        from ipstrategy.web.foundation.signals import public_data_changed
        from ipstrategy.web.search import receivers
        from ipstrategy.web.search.index import public_data_changed_receive

        public_data_changed.connect(public_data_changed_receive, dispatch_uid="search")
        receivers.connect()
