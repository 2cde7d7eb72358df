"""Debounced scheduling of result recomputations: `request_recompute(event_id)`.

Marks arrive in bursts (a scoresheet import writes 10,000 at once, a panel of judges types
them in over an hour). Each change calls `request_recompute` inside the transaction that
made it; requests for one event in one transaction are one, and nothing is scheduled until
that transaction commits (nor ever, if it rolls back). After the commit the first request
in a quiet period schedules `compute_event_results` with a countdown, marked by a cache key
(`cache.add` is atomic in Redis). The task deletes the key as it starts, so marks that
arrive while it runs schedule exactly one more run. A burst of N marks thus costs about
(burst duration / DEBOUNCE_SECONDS) + 1 computations, not N.

The send goes through `core.outbox`: the request is written in the transaction that
changed the marks and sent after its commit, so with the broker down (Redis restarting) the
marks still save and the recompute waits as a pending send until the broker is back. A
request that the debounce makes redundant is dropped unsent. With the cache down too the
debounce fails open (`cache.add` answers True: see core.cache), so every request is sent.

In eager mode (no broker) there is no countdown to wait for: the computation runs once per
transaction per event, after commit.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from core import outbox

logger = logging.getLogger(__name__)
DEBOUNCE_SECONDS = getattr(settings, "RESULTS_DEBOUNCE_SECONDS", 5)


class _Recompute:
    """The after-commit callback of one transaction's requests for one event."""

    def __init__(self, event_id: int) -> None:
        from results.tasks import compute_event_results

        self.event_id = event_id
        self.done = False
        # where transaction.on_commit will put it (see _waiting)
        self.slot = len(connection.run_on_commit)
        # the send, written in the transaction that asks for it (none in eager mode)
        self.message = None
        if not current_app.conf.task_always_eager:
            self.message = outbox.write(
                compute_event_results, (event_id,), options={"countdown": DEBOUNCE_SECONDS}
            )

    def __call__(self) -> None:
        self.done = True
        from results.tasks import compute_event_results, recompute_key

        event_id = self.event_id
        if self.message is None:
            try:
                compute_event_results.delay(event_id)
            except Exception:
                # The marks are committed; a failed recompute must not turn the judge's
                # request into an error. The next change or an officer's compute retries.
                logger.exception("recompute of event %s failed", event_id)
            return
        outbox.send_written(
            self.message,
            still_needed=lambda: cache.add(
                recompute_key(event_id), 1, timeout=DEBOUNCE_SECONDS * 12
            ),
        )


def _waiting(callback: _Recompute) -> bool:
    """Whether the callback still waits for the commit of the current transaction: not run
    yet, and not dropped by the rollback of its transaction or savepoint (Django removes
    the callbacks of what it rolls back from `run_on_commit`)."""
    if callback.done:
        return False
    queue = connection.run_on_commit
    if callback.slot < len(queue) and queue[callback.slot][1] is callback:
        return True
    return any(entry[1] is callback for entry in queue)


def request_recompute(event_id: int) -> None:
    """Recompute the event's results after the current transaction commits (at once
    outside a transaction); further requests for the event in the same transaction are
    the same request."""
    if not connection.in_atomic_block:
        transaction.on_commit(_Recompute(event_id))
        return
    pending: dict[int, _Recompute] | None = getattr(connection, "_gj_results_pending", None)
    if pending is None:
        pending = connection._gj_results_pending = {}
    callback = pending.get(event_id)
    if callback is not None and _waiting(callback):
        return
    pending[event_id] = callback = _Recompute(event_id)
    transaction.on_commit(callback)
