"""Penalties: marks deducted from an entry's total, recorded by host officers or the chief
judge."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Registration
from core.access import check, manages_event_or_chief
from core.models import User
from judging.models import Penalty
from judging.signals import marks_changed


def record_penalty(
    *, actor: User, registration: Registration, marks: Decimal, reason: str
) -> Penalty:
    """A deduction from the entry's total (marks off, not a percentage), with its reason."""
    check(manages_event_or_chief, actor, registration.event)
    if marks is None or marks <= 0:
        raise ValidationError({"marks": [_("A penalty deducts a positive number of marks.")]})
    if marks > 100:
        raise ValidationError({"marks": [_("A penalty cannot exceed the 100-mark total.")]})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the penalty.")]})
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError({"registration": [_("Only approved entries can be penalised.")]})
    with transaction.atomic():
        penalty = Penalty.objects.create(
            registration=registration, marks=marks, reason=reason, recorded_by=actor
        )
        marks_changed.send(sender=Penalty, event_id=registration.event_id)
    return penalty
