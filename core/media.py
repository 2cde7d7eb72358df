"""Stored files that no row names any more, and their removal (`manage.py sweep_media`,
Celery beat daily).

A service writes an uploaded file (a showcase picture, a result's picture, a rating's
evidence) to the storage just before the row that names it, and deletes it again when that
row's insert fails; but when an outer transaction rolls back later, or a worker dies in
between, the file stays with no row. Each app says which storage folders are its own and
how to list the names its rows hold (`owns`, from its AppConfig.ready); the sweep removes a
file under those folders that no row names and that is older than a day, so that a file
whose row is still being written is never touched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

log = logging.getLogger(__name__)

GRACE = dt.timedelta(days=1)

_owners: dict[str, Callable[[], Iterable[str]]] = {}  # folder ("showcase/") -> names in rows


def owns(folder: str, names: Callable[[], Iterable[str]]) -> None:
    """Declare `folder` (a storage path ending in "/") an app's own: every file in it is one
    that `names()` lists while a row names it."""
    if not folder.endswith("/") or folder.startswith("/") or ".." in folder:
        raise ValueError(f"not a storage folder: {folder!r}")
    _owners[folder] = names


def _files(storage: Storage, folder: str) -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield folder + name
    for sub in dirs:
        yield from _files(storage, f"{folder}{sub}/")


def orphans(*, grace: dt.timedelta = GRACE, storage: Storage | None = None) -> list[str]:
    """The files under the declared folders that no row names, older than `grace`."""
    storage = storage or default_storage
    before = timezone.now() - grace
    found = []
    for folder, names in sorted(_owners.items()):
        named = set(names())
        for name in _files(storage, folder):
            if name not in named and storage.get_modified_time(name) < before:
                found.append(name)
    return found


def sweep(*, grace: dt.timedelta = GRACE, dry_run: bool = False) -> list[str]:
    """Remove the orphaned files (`orphans`); the names removed (or, dry, that would be)."""
    found = orphans(grace=grace)
    if not dry_run:
        for name in found:
            default_storage.delete(name)
        if found:
            log.info("removed %d stored files no row names", len(found))
    return found
