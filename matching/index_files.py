"""Where a process saves its built matcher indexes for the others (``TSUNAGU_INDEX_DIR``).

One folder per build: ``<table>-<key digest>-<horizon>`` (``lib.engine.persist`` writes and
opens it). The digest is of the build key (database, table, its file node, synonym list), so a
folder is only ever found for the same data; the horizon orders the builds of one key (a
rebuild on drift saves a newer one). Saving a folder removes the table's older ones.

The files hold the stored terms of the rows as they were when saved (the words of skills,
experience and self-introduction, as in the ``tok_*`` columns). A withdrawal (退会) removes
this machine's saved profile indexes when it commits; a machine that still has one does not
open it (the index cache compares the count of withdrawals and deletions it was built after)
and replaces it with its next build.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction

from lib.engine import persist
from lib.engine.index import Index


def folder(table: str, key: tuple) -> Path | None:
    """The name the indexes of ``table`` built for ``key`` are saved under, before
    ``-<horizon>`` (None: saving is off)."""
    root = settings.TSUNAGU_INDEX_DIR
    if root is None:
        return None
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    return Path(root) / f"{table}-{digest}"


def newest(name: Path) -> Path | None:
    """The folder saved last under ``name`` (highest horizon), if any."""
    saved = sorted(name.parent.glob(f"{name.name}-*"), key=_horizon)
    return saved[-1] if saved else None


def save(index: Index, name: Path, horizon: int, state: dict) -> bool:
    """Save a freshly built index as ``<name>-<horizon>``; on success remove the table's
    other folders (nobody opens them again: they are older, or of another key)."""
    mine = name.parent / f"{name.name}-{horizon}"
    if not persist.save(index, mine, state):
        return False
    table = name.name.rsplit("-", 1)[0]
    for other in name.parent.glob(f"{table}-*"):
        if other != mine:
            shutil.rmtree(other, ignore_errors=True)
    return True


def _horizon(path: Path) -> int:
    tail = path.name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else -1


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (one builder per table; the others wait)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def forget(table: str) -> None:
    """Remove this machine's saved indexes of ``table``."""
    root = settings.TSUNAGU_INDEX_DIR
    if root is not None:
        for path in Path(root).glob(f"{table}-*"):
            shutil.rmtree(path, ignore_errors=True)


def profile_withdrawn(**payload) -> None:
    """``profile.withdrawn`` subscriber: the saved profile indexes hold the person's words."""
    transaction.on_commit(lambda: forget("talent_profile"))
