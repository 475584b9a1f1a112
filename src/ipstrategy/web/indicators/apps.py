from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ipstrategy.web.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        """Store each imported plan's indicator table (``plans.signals.plan_contents_stored``)."""
        from ipstrategy.web.indicators.services import plan_indicators_store
        from ipstrategy.web.plans.signals import plan_contents_stored

        plan_contents_stored.connect(plan_indicators_store, dispatch_uid="indicators.plan_indicators_store")
