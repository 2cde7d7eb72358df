"""Draws (抽签): lots that break ties in events that forbid shared places."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from core.access import manages_event, require
from judging.models import ScoringScheme
from results import scheduling
from results.engine.reading import lock_event
from results.models import DrawLot
from results.services.publishing import OFFICERS_ONLY


@transaction.atomic
def record_draw(*, actor, event: Event, lots: list[dict]) -> list[DrawLot]:
    """Record the lots drawn to break ties in an event that forbids shared places (lower
    lot wins); replaces earlier lots of the same entries. The event is then recomputed."""
    event = lock_event(event.pk)
    require(manages_event(actor, event), OFFICERS_ONLY)
    scheme = ScoringScheme.objects.filter(event=event).first()
    if scheme is None or scheme.shared_places:
        raise ValidationError({"lots": [_("This event allows shared places: no draw is needed.")]})
    if not lots:
        raise ValidationError({"lots": [_("Give at least one lot.")]})
    reg_ids = [lot["registration"] for lot in lots]
    numbers = [lot["lot"] for lot in lots]
    if len(set(reg_ids)) != len(reg_ids) or len(set(numbers)) != len(numbers):
        raise ValidationError({"lots": [_("Each entry and each lot number may appear once.")]})
    known = set(
        Registration.objects.filter(event=event, pk__in=reg_ids).values_list("id", flat=True)
    )
    if unknown := sorted(set(reg_ids) - known):
        raise ValidationError({"lots": [_("Not entries of this event: %s") % unknown]})
    DrawLot.objects.filter(event=event, registration_id__in=reg_ids).delete()
    created = DrawLot.objects.bulk_create(
        [
            DrawLot(event=event, registration_id=r, lot=n, recorded_by=actor)
            for r, n in zip(reg_ids, numbers, strict=True)
        ]
    )
    # inside the transaction: the request is made once per transaction, run after commit
    scheduling.request_recompute(event.pk)
    return created
