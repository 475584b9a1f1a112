"""Files that belong to database rows: written under a temporary name, moved into place on commit.

A plan's source document and an evidence upload are written before their rows, because the rows
name them. Written straight to their final place, a failed or killed transaction would leave a
file no row names. Instead the bytes go to ``<root>/.staging/<token>/<final name>`` first:

- the transaction commits: the file is moved (``os.replace``, atomic on one file system) to
  ``<root>/<final name>``, from ``transaction.on_commit``;
- the transaction fails: the staged file is deleted at once;
- the process is killed: only the staged file is left, outside the stored folders, and
  ``operations.sweep`` removes it (or moves it into place, when the row committed and only the move
  was lost).

Usage::

    staged = file_stage(root, "documents/2024/plan.docx", data)
    try:
        with transaction.atomic():
            ...  # the rows that name "documents/2024/plan.docx"
    except BaseException:
        staged.discard()
        raise
    staged.publish_on_commit()
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

#: The folder, inside each storage root, where files wait for their transaction.
STAGING = ".staging"


@dataclass(frozen=True)
class StagedFile:
    """A file written under a temporary name, waiting for its transaction to commit."""

    root: Path
    name: str  # the final name, relative to ``root``
    path: Path  # where it is now

    @property
    def final(self) -> Path:
        return self.root / self.name

    def publish(self) -> None:
        """Move the file into place now."""
        self.final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path, self.final)
        self._tidy()

    def publish_on_commit(self) -> None:
        """Move the file into place when the current transaction commits (now if there is none)."""
        on_commit_or_now(self.publish)

    def discard(self) -> None:
        """Delete the staged file (its transaction failed)."""
        self._tidy()

    def _tidy(self) -> None:
        """Remove this file's staging folder, and the staging folder itself once it is empty."""
        shutil.rmtree(self.path.parents[len(Path(self.name).parts) - 1], ignore_errors=True)
        with contextlib.suppress(OSError):  # not empty: another file is waiting for its transaction
            staging_folder(self.root).rmdir()


def staging_folder(root: Path) -> Path:
    return Path(root) / STAGING


def file_stage(root: Path, name: str, data: bytes | Iterable[bytes]) -> StagedFile:
    """Write ``data`` (bytes, or chunks) to a new staged file that will become ``root/name``."""
    path = staging_folder(root) / secrets.token_hex(8) / name
    for attempt in range(3):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
            break
        except FileNotFoundError:  # another file's tidying removed the empty staging folder just now
            if attempt == 2:
                raise
    with open(descriptor, "wb") as out:
        for chunk in [data] if isinstance(data, bytes) else data:
            out.write(chunk)
    return StagedFile(root=Path(root), name=name, path=path)


def on_commit_or_now(func: Callable[[], None]) -> None:
    """``transaction.on_commit(func)``; but under nothing other than a test case's wrapping
    transaction (which stands for the committed state and never commits itself), ``func`` runs now,
    as it would in production the moment the caller's transaction commits."""
    connection = transaction.get_connection()
    blocks = getattr(connection, "atomic_blocks", [])
    if connection.in_atomic_block and blocks and all(getattr(b, "_from_testcase", False) for b in blocks):
        func()
    else:
        transaction.on_commit(func)
