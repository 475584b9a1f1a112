"""The Django project: settings, URLs and one app per area (agencies, plans, indicators, ...).

Data flows one way: document -> ``ipstrategy.core`` -> services -> database -> selectors -> views,
API and CLI. Nothing in ``ipstrategy.core`` imports this package.
"""
