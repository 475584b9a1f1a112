from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The shared page frame: base template, stylesheet, template filters. No models."""

    name = "ipstrategy.web.site"
    label = "site"
