"""Appointing correspondents (通讯员) for work units, and ending an appointment. The row is the
record: who appointed whom for which unit and when, who revoked it and when."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import check, manages_union, require
from core.models import User
from showcase.access import manages_correspondent
from showcase.models import Correspondent
from unions.models import Employer


def appoint(*, actor: User, user: User, employer: Employer) -> Correspondent:
    """Make `user` a correspondent of `employer` (an officer of the unit's union)."""
    require(manages_union(actor, employer.union), manages_correspondent.denial)
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    try:
        with transaction.atomic():
            return Correspondent.objects.create(user=user, employer=employer, appointed_by=actor)
    except IntegrityError:
        raise ValidationError(
            {"user": _("This member is already a correspondent of this unit.")}
        ) from None


def revoke(*, actor: User, correspondent: Correspondent) -> Correspondent:
    check(manages_correspondent, actor, correspondent)
    with transaction.atomic():
        current = Correspondent.objects.select_for_update().get(pk=correspondent.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.revoked_by = actor
            current.save(update_fields=["revoked_at", "revoked_by"])
    return current
