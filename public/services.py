"""Writes of the public site: objections (申诉) and their answers.

An upheld objection corrects marks through the judging service, recomputes and republishes
the event through the results services (which restarts the notice period), then moves the
public cache on. Those services belong to other apps; when one is missing in this build the
officer gets a clear 400, never a half-done answer.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Registration
from core.scope import manages_union
from public import cache, selectors
from public.models import Objection


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [_("Give a reason.")]})
    if len(value) > 1000:
        raise ValidationError({field: [_("At most 1000 characters.")]})
    return value


@transaction.atomic
def file_objection(*, actor, registration: Registration, reason: str) -> Objection:
    """A logged-in worker objects to an entry's published result during its notice period."""
    if not (actor and actor.is_authenticated and hasattr(actor, "worker")):
        raise PermissionDenied(_("Only workers may file objections."))
    reason = _reason(reason)
    event = registration.event
    snapshot = selectors.public_snapshot(event.pk)
    if snapshot is None:
        raise ValidationError({"registration": [_("This entry has no published result.")]})
    # (snapshot, bib) is indexed, registration is not: look by bib first (a bib changed
    # since the computation falls back to the scan)
    rows = snapshot.rows.filter(registration_id=registration.pk)
    if not (rows.filter(bib=registration.bib).exists() or rows.exists()):
        raise ValidationError({"registration": [_("This entry has no published result.")]})
    state = selectors.notice_state(snapshot.published_at, event.contest.notice_days)
    if state["state"] != selectors.NOTICE:
        raise ValidationError({"registration": [_("The public notice period is over.")]})
    if Objection.objects.filter(
        registration=registration, filed_by=actor, status=Objection.Status.OPEN
    ).exists():
        raise ValidationError({"registration": [_("You already have an open objection here.")]})
    objection = Objection.objects.create(
        event=event, registration=registration, snapshot=snapshot, filed_by=actor, reason=reason
    )
    transaction.on_commit(lambda: cache.bump(event_id=event.pk))
    return objection


def _lock_open(actor, objection: Objection) -> Objection:
    locked = (
        Objection.objects.select_for_update()
        .select_related("event__contest__host_union")
        .get(pk=objection.pk)
    )
    if not manages_union(actor, locked.event.contest.host_union):
        raise PermissionDenied(_("Only officers of the host union answer objections."))
    if locked.status != Objection.Status.OPEN:
        raise ValidationError({"status": [_("This objection has already been answered.")]})
    return locked


@transaction.atomic
def dismiss_objection(*, actor, objection: Objection, answer: str) -> Objection:
    objection = _lock_open(actor, objection)
    objection.status = Objection.Status.DISMISSED
    objection.answer = _reason(answer, "answer")
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    transaction.on_commit(lambda: cache.bump(event_id=objection.event_id))
    return objection


@transaction.atomic
def uphold_objection(
    *,
    actor,
    objection: Objection,
    answer: str,
    marks: list[dict[str, Any]] | None = None,
    override_reason: str = "",
) -> Objection:
    """Correct the marks, recompute and republish the event (notice restarts), answer it.

    Republishing follows the publishing rule: while marks of the event are missing or
    divergent it is refused on `override_reason` unless the officer gives one (an event
    first published with an override needs one again)."""
    answer = _reason(answer, "answer")
    objection = _lock_open(actor, objection)
    from judging import services as judging_services
    from judging.models import Mark
    from results import services as results_services

    for i, item in enumerate(marks or []):
        mark = (
            Mark.objects.select_related("judge", "registration__event", "criterion")
            .filter(pk=item.get("mark"), registration_id=objection.registration_id)
            .first()
        )
        if mark is None:
            raise ValidationError({"marks": [_("Mark %(n)s is not of this entry.") % {"n": i}]})
        try:
            value = Decimal(str(item.get("value")))
        except InvalidOperation:
            raise ValidationError({"marks": [_("Mark %(n)s: not a number.") % {"n": i}]}) from None
        judging_services.change_mark(actor=actor, mark=mark, value=value, reason=answer)
    results_services.compute_event(event_id=objection.event_id)
    results_services.publish_event(
        actor=actor, event=objection.event, override_reason=override_reason
    )
    objection.status = Objection.Status.UPHELD
    objection.answer = answer
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    transaction.on_commit(lambda: cache.bump(event_id=objection.event_id))
    return objection
