"""An attempt's answer sheet: what never changes while the attempt runs, read once and kept
in the cache, so saving an answer (the hottest write of a test window) needs no read of the
database before its one UPDATE.

The sheet holds the attempt's entry (registration), its deadline, the entry's active members
(workers and their users) when it was read, and each position's question type and option
keys (an item's version and option order are fixed when the attempt is drawn; a regrade
moves items only once the test has closed, when nothing more is saved). The members listed
only order the checks (refuse another person before looking at the answer; one not listed
is looked up before being refused): the write itself checks again, in the same statement,
that the attempt is running, its deadline not passed and the caller an active member, so a
stale sheet never lets a save through.

The cache fails open (core.cache): with Redis down each save reads the sheet again.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from contests.models import RegistrationMember
from training.models import Attempt, AttemptItem

_KEY = "training:sheet:%d"
_SLACK = dt.timedelta(minutes=5)  # kept a little past the deadline: late saves get their 400


@dataclass(frozen=True)
class Sheet:
    attempt_id: int
    registration_id: int
    deadline: dt.datetime
    member_users: frozenset[int]
    member_workers: frozenset[int]
    items: dict[int, tuple[str, tuple[str, ...]]]  # position: (question type, option keys)


def _read(attempt_id: int) -> Sheet | None:
    row = Attempt.objects.filter(pk=attempt_id).values_list("registration_id", "deadline").first()
    if row is None:
        return None
    registration_id, deadline = row
    members = list(
        RegistrationMember.objects.filter(registration_id=registration_id, active=True).values_list(
            "worker_id", "worker__user_id"
        )
    )
    items = {}
    for position, kind, order, options in AttemptItem.objects.filter(
        attempt_id=attempt_id
    ).values_list("position", "version__question__kind", "option_order", "version__options"):
        keys = order or [o.get("key") for o in options or [] if isinstance(o, dict)]
        items[position] = (kind, tuple(keys))
    return Sheet(
        attempt_id,
        registration_id,
        deadline,
        frozenset(user for _worker, user in members if user is not None),
        frozenset(worker for worker, _user in members),
        items,
    )


def attempt_sheet(attempt_id: int) -> Sheet | None:
    """The attempt's sheet (None when there is no such attempt), from the cache if there."""
    key = _KEY % attempt_id
    sheet = cache.get(key)
    if isinstance(sheet, Sheet):
        return sheet
    sheet = _read(attempt_id)
    if sheet is not None:
        ttl = (sheet.deadline + _SLACK - timezone.now()).total_seconds()
        if ttl > 0:
            cache.set(key, sheet, int(ttl) + 1)
    return sheet


def forget_sheet(attempt_id: int) -> None:
    """Drop a cached sheet (its entry's members changed, or a test needs a fresh read)."""
    cache.delete(_KEY % attempt_id)
    _local.pop(attempt_id, None)


# This process's own copy of recent sheets, for the hot path's save (core.hotpath): no
# round trip to Redis either. It serves only what never changes while an attempt runs (its
# positions, their types and option keys) and the listed members, which only order the
# checks; the UPDATE checks the rest. Bounded, and each kept LOCAL_SECONDS.
LOCAL_LIMIT = 4096
LOCAL_SECONDS = 60
_local: OrderedDict[int, tuple[float, Sheet]] = OrderedDict()
_local_lock = threading.Lock()


def local_sheet(attempt_id: int) -> Sheet | None:
    now = time.monotonic()
    hit = _local.get(attempt_id)
    if hit is not None and hit[0] > now:
        return hit[1]
    sheet = attempt_sheet(attempt_id)
    if sheet is not None:
        with _local_lock:
            _local[attempt_id] = (now + LOCAL_SECONDS, sheet)
            _local.move_to_end(attempt_id)
            while len(_local) > LOCAL_LIMIT:
                _local.popitem(last=False)
    return sheet


def forget_local() -> None:
    """Drop this process's copies (tests: ids of rolled-back rows come back on SQLite)."""
    with _local_lock:
        _local.clear()
