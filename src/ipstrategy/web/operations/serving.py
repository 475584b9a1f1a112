"""``ipstrategy serve``: the web application under gunicorn, a real multi-process WSGI server.

Django's development server is one process meant for a developer (``--dev``). gunicorn runs
``workers`` processes of ``threads`` threads each (the gthread worker): requests that wait on the
database or the network do not hold up the others, and a crashed worker is replaced. Static files
are served by whitenoise inside the application, so no separate web server is needed for a small
installation (docs/deploy.md shows one behind nginx).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServeOptions:
    """Where and how many: the address, processes and threads per process."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: workers_default()
    threads: int = 4
    timeout: int = 120


def workers_default() -> int:
    """Two processes per core, at least 2 and at most 8 (SQLite has one writer however many there are)."""
    return max(2, min(8, 2 * (os.cpu_count() or 1)))


def gunicorn_run(options: ServeOptions) -> None:
    """Serve ``ipstrategy.web.wsgi`` with gunicorn until interrupted (blocks)."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    # The master process may have opened connections (the readiness check); a forked worker must
    # never share them.
    connections.close_all()
    settings = {
        "bind": f"{options.host}:{options.port}",
        "workers": options.workers or workers_default(),
        "threads": options.threads,
        "worker_class": "gthread",
        "timeout": options.timeout,
        "graceful_timeout": 10,
        # An idle keep-alive connection is closed after this long. gunicorn's 2 s is shorter than a
        # client's pause between two requests (a person reading, a script's think time), and a close
        # that crosses the client's next request resets it: `make load` saw those resets. 5 s is
        # the top of gunicorn's advice for a server behind a proxy; idle connections hold no thread.
        "keepalive": 5,
        "accesslog": "-" if os.environ.get("IPSTRATEGY_ACCESS_LOG") else None,
        "errorlog": "-",
        "loglevel": "warning",
    }

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from django.core.wsgi import get_wsgi_application  # what web/wsgi.py serves, without importing upward

            return get_wsgi_application()

    _Server().run()
