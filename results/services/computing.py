"""Computing an event's results: a new current snapshot, and pruning the old ones."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from judging.models import Criterion, ScoringScheme
from results.engine import general, reading, set_based
from results.models import PromotionRecord, ResultRow, ResultSnapshot
from scoring import gc_paused

Progress = Callable[[str], None]


def compute_event(*, event_id: int, progress: Progress | None = None) -> ResultSnapshot:
    """Compute the event's results and make them the new current snapshot (version n+1).

    Everything happens in one transaction holding the event row lock, so two computations
    of the same event run one after the other and the later one sees the later marks; the
    snapshot becomes current in that transaction, so a computation cut short (a connection
    lost, a worker killed) leaves the previous snapshot current and no partial one.
    """
    note = progress or (lambda step: None)
    # Only a transaction of its own can share its snapshot with a second connection: one
    # opened by a caller may hold writes that connection could not see.
    outermost = not connection.in_atomic_block
    # The cyclic garbage collector would traverse the million objects read and built here
    # several times for nothing (none is cyclic): 0.4 s of 4.5 s at 100,000 entries.
    with gc_paused(), transaction.atomic():
        if connection.vendor == "postgresql":
            # JIT compilation of the wide joins costs more than it saves here (1.2 s of a
            # 1.25 s registrations query at 100,000 entries).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        event = reading.lock_event(event_id)
        scheme = ScoringScheme.objects.filter(event_id=event_id).first()
        criteria = list(Criterion.objects.filter(event_id=event_id).order_by("position", "id"))
        if scheme is None or not criteria:
            raise ValidationError({"scheme": [_("The event has no scoring scheme.")]})
        rules = reading.scheme_rules(scheme, criteria)
        note("read")
        if set_based.is_set_based(event, scheme):
            # The engine reads on a connection of its own, outside Django's: its psycopg
            # errors become Django's, so a dropped connection is the OperationalError the
            # task retries on (core.taskbase), not a failure.
            with connection.wrap_database_errors:
                snapshot = set_based.compute_set_based(
                    event, scheme, criteria, rules, concurrent=outermost, note=note
                )
            if snapshot is not None:
                note("write")
                return snapshot
        regs = reading.registrations(event_id)
        results, divergent, penalties = general.score(event, scheme, criteria, rules, regs)
        note("compute")
        snapshot = general.write_snapshot(
            event, criteria, scheme, results, regs, divergent, penalties
        )
        note("write")
    return snapshot


def prune_snapshots(*, event_id: int, keep: int = 2) -> int:
    """Delete old provisional snapshots of an event, keeping the current and public ones,
    the `keep` versions before the current one (to compare with), and any a promotion
    record cites. Without this every recompute of a 400,000-entry event would add 400,000
    rows for good. Returns the number of snapshots deleted."""
    current = (
        ResultSnapshot.objects.filter(event_id=event_id, is_current=True)
        .values_list("version", flat=True)
        .first()
    )
    if current is None:
        return 0
    cited = PromotionRecord.objects.filter(snapshot__event_id=event_id).values("snapshot_id")
    ids = list(
        ResultSnapshot.objects.filter(
            event_id=event_id, is_current=False, is_public=False, version__lt=current - keep
        )
        .exclude(pk__in=cited)
        .values_list("pk", flat=True)
    )
    if ids:
        with transaction.atomic():
            ResultRow.objects.filter(snapshot_id__in=ids).delete()
            ResultSnapshot.objects.filter(pk__in=ids).delete()
    return len(ids)
