"""The project's settings served for bench/pages.py: production-like (DEBUG off) plus the trivial view."""

from ipstrategy.web.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench_urls"
