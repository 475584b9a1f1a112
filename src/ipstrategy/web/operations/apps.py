from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Registers the project's deploy checks (``ipstrategy check --deploy``); no models."""

    name = "ipstrategy.web.operations"
    label = "operations"

    def ready(self) -> None:
        from ipstrategy.web.operations import checks  # noqa: F401  (registers the checks)
