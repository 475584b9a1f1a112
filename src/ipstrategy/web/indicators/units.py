"""The catalogue's units, marked for translation: units are data, shown through gettext.

``makemessages`` cannot see strings that live in data, so each unit the catalogue
(``catalogue.CATALOGUE``) and the bundled targets use is listed here; the ``unit`` template filter and the chart
translate them. A test keeps this list and the catalogue in step.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

UNITS: tuple[str, ...] = (
    gettext_noop("%"),
    # xgettext:no-python-format
    gettext_noop("% of GDP"),
    gettext_noop("10,000 applications"),
    gettext_noop("10,000 patents"),  # indicator_targets.csv: overseas invention patents granted
    gettext_noop("10,000 registrations"),
    gettext_noop("100 million USD"),
    gettext_noop("100 million yuan"),
    gettext_noop("months"),
    gettext_noop("patents per 10,000 people"),
    gettext_noop("persons"),
    gettext_noop("points (0-100)"),
    gettext_noop("trillion yuan"),
    gettext_noop("years"),
)
