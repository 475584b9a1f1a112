"""The `ipstrategy` command line (entry point ``ipstrategy.cli:main``; also ``python -m ipstrategy.cli``).

One module per area, each with ``register(sub)`` adding its subcommands and the handlers they run:

- ``parse``: ``parse`` (no database)          - ``registry``: ``agencies resolve|list``
- ``setup``: ``init``                          - ``plans``: ``import``, ``plans``
- ``server``: ``serve``                        - ``reporting``: ``periods``, ``remind``, ``export-template``, ``import-reports``
- ``audit``: ``audit verify|export``           - ``accounts``: ``accounts create``

``app`` builds the tree and holds the one place (``main``/``expected_error``) where an expected
failure becomes ``error: ...`` on stderr with exit code 2; ``common`` has the shared pieces (the
operator actor ``OPERATOR``, ``database()``, date arguments, aligned tables); ``render`` prints
plans and resolutions for the terminal (rich); ``reference`` generates ``docs/cli.md``.

Adding a command:

1. Write ``cli/<area>.py`` with ``register(sub)`` (every command and option gets ``help=``) and
   handlers ``def <verb>(args) -> int`` that call ``database()`` first when they need it, then one
   service or selector (imported inside the handler, so Django starts only when needed), and raise
   the service's errors (``web.foundation.errors``) rather than printing them. Writes pass
   ``actor=OPERATOR``; fetch objects by id with ``web.foundation.lookup.object_get`` (a bad id is
   ``NotFound``, printed as one line).
2. Add ``from ipstrategy.cli.<area> import register as register_<area>`` and one line in
   ``app.COMMANDS``.
3. Regenerate the reference: ``make docs-cli`` (``python -m ipstrategy.cli.reference > docs/cli.md``);
   ``tests/cli/test_cli_reference.py`` fails until you do. A new option with ``metavar="ID"`` needs a
   row in ``tests/cli/test_cli_errors.py::UNKNOWN_IDS``.
"""

from ipstrategy.cli.app import main

__all__ = ["main"]
