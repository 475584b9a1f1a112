"""One way for long work to say how far it has got, whoever is watching.

A service that runs for more than a moment (an import, demo data, a backup) takes a ``progress``
argument and calls ``start(total)``, ``advance(n)`` and ``note(message)`` on it. The caller picks
who watches: the CLI passes a terminal bar (``rich_progress``), a background job passes its Job row
(``ipstrategy.web.jobs.progress.JobProgress``), tests and plain calls get ``NO_PROGRESS``.
The service never knows which, so one code path serves the terminal, the worker and the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    """What long work reports to: how much there is, how much is done, what it is doing now."""

    def start(self, total: int | None, message: str = "") -> None:
        """Begin (or begin again) counting towards ``total`` units (None: unknown)."""

    def advance(self, amount: int = 1) -> None:
        """``amount`` more units are done."""

    def note(self, message: str) -> None:
        """Say what is being done now (one short line)."""


class NoProgress:
    """Reports to nobody: the default of every service that takes ``progress``."""

    def start(self, total: int | None, message: str = "") -> None:
        """Ignore the total."""

    def advance(self, amount: int = 1) -> None:
        """Ignore the step."""

    def note(self, message: str) -> None:
        """Ignore the message."""


NO_PROGRESS: Progress = NoProgress()


class _RichProgress:
    """A rich progress bar on stderr; each ``start`` opens a new bar for the next stage."""

    def __init__(self, bar: object) -> None:
        self._bar = bar
        self._task: object | None = None

    def start(self, total: int | None, message: str = "") -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total or 0)  # type: ignore[attr-defined]
        self._task = self._bar.add_task(message or "working", total=total)  # type: ignore[attr-defined]

    def advance(self, amount: int = 1) -> None:
        if self._task is None:
            self.start(None)
        self._bar.advance(self._task, amount)  # type: ignore[attr-defined]

    def note(self, message: str) -> None:
        if self._task is None:
            self.start(None, message)
        self._bar.update(self._task, description=message)  # type: ignore[attr-defined]


@contextmanager
def rich_progress(*, enabled: bool = True) -> Iterator[Progress]:
    """A terminal progress bar for the CLI (``NO_PROGRESS`` when ``enabled`` is false or stderr is no terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield NO_PROGRESS
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Bar(*columns, console=console, transient=False) as bar:
        yield _RichProgress(bar)
