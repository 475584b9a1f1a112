from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public portal's home and cross-area pages (a department's tasks, the search). No models; its
    roll-ups (``portal.rollups``) live in the foundation's table."""

    name = "ipstrategy.web.portal"
    label = "portal"

    def ready(self) -> None:
        from ipstrategy.web.portal import rollups

        rollups.register()
