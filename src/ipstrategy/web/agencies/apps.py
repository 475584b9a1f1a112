from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "ipstrategy.web.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from ipstrategy.web.agencies.models import Agency
        from ipstrategy.web.agencies.selectors import graph_memo_end, graph_memo_forget, graph_memo_start

        request_started.connect(graph_memo_start, dispatch_uid="agencies-graph-memo-start")
        request_finished.connect(graph_memo_end, dispatch_uid="agencies-graph-memo-end")
        for signal in (post_save, post_delete):
            signal.connect(graph_memo_forget, sender=Agency, dispatch_uid=f"agencies-graph-memo-{signal}")
