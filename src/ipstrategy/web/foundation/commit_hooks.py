"""Work that runs once when the current transaction commits, however many writes in it ask for it.

A signal receiver that reacts to every saved row (the page cache's content version, the open-data
package's rebuild) would otherwise queue one callback per row: a bulk write of 10,000 rows ran
10,000 identical UPDATEs, file reads and job lookups at its commit. ``on_commit_once`` keeps one
callback per key and transaction. A callback discarded by a rolled-back savepoint is registered
again by the next write, and one that has run (the commit, or a test's
``captureOnCommitCallbacks(execute=True)``) no longer counts as pending.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

_PENDING = "_ipstrategy_on_commit_once"


def on_commit_once(key: str, func: Callable[[], None], *, using: str | None = None) -> bool:
    """``transaction.on_commit(func)`` unless a callback under ``key`` is already waiting for this
    transaction's commit; True when ``func`` was registered now. Outside a transaction it runs now."""
    connection = transaction.get_connection(using)
    pending: dict[str, Callable[[], None]] = connection.__dict__.setdefault(_PENDING, {})
    waiting = pending.get(key)
    if (
        waiting is not None
        and connection.in_atomic_block
        and any(callback is waiting for _savepoints, callback, _robust in connection.run_on_commit)
    ):
        return False

    def run() -> None:
        if pending.get(key) is run:
            del pending[key]
        func()

    pending[key] = run
    transaction.on_commit(run, using=using)
    return True


def on_commit_pending(key: str, *, using: str | None = None) -> bool:
    """Whether a callback under ``key`` waits for the current transaction's commit (what this
    transaction has asked for, so that its own later reads can act on it before the commit)."""
    connection = transaction.get_connection(using)
    waiting = connection.__dict__.get(_PENDING, {}).get(key)
    return (
        waiting is not None
        and connection.in_atomic_block
        and any(callback is waiting for _savepoints, callback, _robust in connection.run_on_commit)
    )
