"""WSGI entry point for a production server (e.g. ``waitress-serve ipstrategy.web.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
application = get_wsgi_application()
