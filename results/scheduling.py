"""Debounced scheduling of result recomputations: `request_recompute(event_id)`.

Marks arrive in bursts (a scoresheet import writes 10,000 at once, a panel of judges types
them in over an hour). Each change calls `request_recompute`; only the first call in a
quiet period schedules `compute_event_results` with a countdown, marked by a cache key
(`cache.add` is atomic in Redis). The task deletes the key as it starts, so marks that
arrive while it runs schedule exactly one more run. A burst of N marks thus costs about
(burst duration / DEBOUNCE_SECONDS) + 1 computations, not N.

In eager mode (no broker) there is no countdown to wait for: the computation runs once per
transaction per event, after commit.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

logger = logging.getLogger(__name__)
DEBOUNCE_SECONDS = getattr(settings, "RESULTS_DEBOUNCE_SECONDS", 5)


def _pending() -> set[int]:
    """Events already scheduled in the current transaction (eager mode)."""
    pending = getattr(connection, "_gj_results_pending", None)
    if pending is None:
        pending = connection._gj_results_pending = set()
    return pending


def request_recompute(event_id: int) -> None:
    from results.tasks import compute_event_results, recompute_key

    if current_app.conf.task_always_eager:
        pending = _pending()
        if event_id in pending:
            return
        pending.add(event_id)

        def run() -> None:
            pending.discard(event_id)
            try:
                compute_event_results.delay(event_id)
            except Exception:
                # The marks are committed; a failed recompute must not turn the judge's
                # request into an error. The next change or an officer's compute retries.
                logger.exception("recompute of event %s failed", event_id)

        transaction.on_commit(run)
        return
    if not cache.add(recompute_key(event_id), 1, timeout=DEBOUNCE_SECONDS * 12):
        return
    transaction.on_commit(
        lambda: compute_event_results.apply_async((event_id,), countdown=DEBOUNCE_SECONDS)
    )
