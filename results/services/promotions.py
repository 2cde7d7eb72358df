"""Skill promotions (晋级) earned by published results, applied to worker profiles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Event
from core.access import manages_event, require
from results.engine.reading import lock_event
from results.models import PromotionRecord, ResultRow, ResultSnapshot
from results.services.publishing import OFFICERS_ONLY
from workers.models import Worker


@transaction.atomic
def apply_promotions(*, actor, event: Event) -> list[PromotionRecord]:
    """Apply the skill promotions of the event's published results to worker profiles.

    Recorded once per worker and published snapshot (re-applying does nothing), never
    lowering a grade a worker has meanwhile reached otherwise.
    """
    event = lock_event(event.pk)
    require(manages_event(actor, event), OFFICERS_ONLY)
    snapshot = ResultSnapshot.objects.filter(event=event, is_public=True).first()
    if snapshot is None:
        raise ValidationError({"event": [_("Publish the results before applying promotions.")]})
    wanted = dict(
        ResultRow.objects.filter(
            snapshot=snapshot, promotion__isnull=False, worker_id__isnull=False
        ).values_list("worker_id", "promotion")
    )
    done = set(
        PromotionRecord.objects.filter(snapshot=snapshot).values_list("worker_id", flat=True)
    )
    records = []
    for worker in Worker.objects.select_for_update().filter(pk__in=wanted).order_by("pk"):
        to_grade = wanted[worker.pk]
        if worker.pk in done or worker.skill_grade <= to_grade:
            continue
        records.append(
            PromotionRecord(
                worker=worker,
                from_grade=worker.skill_grade,
                to_grade=to_grade,
                snapshot=snapshot,
                applied_by=actor,
            )
        )
        worker.skill_grade = to_grade
        worker.save(update_fields=["skill_grade", "updated_at"])
    return PromotionRecord.objects.bulk_create(records)
