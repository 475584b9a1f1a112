from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ipstrategy.web.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from ipstrategy.web.notifications import receivers

        receivers.connect()
