from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public portal's home and cross-area pages (a department's tasks, the search). No models."""

    name = "ipstrategy.web.portal"
    label = "portal"
