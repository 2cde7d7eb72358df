"""Writes of studios: register a studio, edit it, its members, and the grant of a level.

Every write is permission-checked before any work (innovation.access), atomic, and audited
in `AuditEntry` (who, what, the values before and after, the reason). `Studio.level` is
maintained here only: the highest level of the studio's grants (`grant_level`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.access import check, manages_union, require
from core.models import User
from innovation.access import manages_studio
from innovation.models.studios import (
    LEVEL_ORDER,
    Studio,
    StudioLevel,
    StudioLevelGrant,
    StudioMember,
)
from innovation.services.audit import record
from innovation.services.work import clean_text
from unions.models import Employer, Union
from workers.models import Worker

LEADER_ROLE = "领衔人"
REASON_MAX = 500
EDITABLE = ("name", "employer", "leader", "leader_titles", "field", "founded_on", "description")
LIMITS = {"name": 200, "leader_titles": 200, "field": 100, "description": 4000, "role": 50}


def clean_studio(*, union: Union, values: dict[str, Any]) -> dict[str, Any]:
    """The studio's fields checked together: errors keyed by field, all at once."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for field in ("name", "field"):
        if field in values:
            cleaned[field] = clean_text(
                errors, field, values[field], limit=LIMITS[field], required=True
            )
    for field in ("leader_titles", "description"):
        if field in values:
            cleaned[field] = clean_text(
                errors,
                field,
                values[field],
                limit=LIMITS[field],
                multiline=field == "description",
            )
    employer: Employer | None = cleaned.get("employer")
    leader: Worker | None = cleaned.get("leader")
    if employer is not None and not employer.union.path.startswith(union.path):
        errors.setdefault("employer", []).append(
            _("The work unit belongs to a union outside the studio's union.")
        )
    if leader is not None and employer is not None and leader.employer_id != employer.pk:
        errors.setdefault("leader", []).append(_("The leader works at another unit."))
    founded = cleaned.get("founded_on")
    if founded is not None and founded > dt.date.today():
        errors.setdefault("founded_on", []).append(_("The founding date is in the future."))
    name = cleaned.get("name")
    if employer is not None and name and "name" not in errors:
        clash = Studio.objects.filter(employer=employer, name=name)
        if values.get("_pk"):
            clash = clash.exclude(pk=values["_pk"])
        if clash.exists():
            errors.setdefault("name", []).append(_("This unit already has a studio so named."))
    if errors:
        raise ValidationError(errors)
    cleaned.pop("_pk", None)
    return cleaned


@transaction.atomic
def register_studio(
    *,
    actor: User,
    union: Union,
    name: str,
    employer: Employer,
    leader: Worker,
    field: str,
    founded_on: dt.date,
    leader_titles: str = "",
    description: str = "",
    reason: str = "",
) -> Studio:
    """A new studio of `union`; its leader is its first member (role 领衔人)."""
    require(manages_union(actor, union), _("Only officers of this union may register studios."))
    values = clean_studio(
        union=union,
        values={
            "name": name,
            "employer": employer,
            "leader": leader,
            "field": field,
            "founded_on": founded_on,
            "leader_titles": leader_titles,
            "description": description,
        },
    )
    studio = Studio.objects.create(union=union, **values)
    StudioMember.objects.create(
        studio=studio, worker=leader, role=LEADER_ROLE, joined_on=founded_on
    )
    record(
        actor=actor,
        union=union,
        studio=studio,
        action="studio.register",
        subject=studio.name,
        new={"union": union, **values},
        reason=reason,
    )
    return studio


@transaction.atomic
def edit_studio(*, actor: User, studio: Studio, reason: str = "", **changes: Any) -> Studio:
    """Change some of the studio's own fields (not its union, not its level)."""
    check(manages_studio, actor, studio)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in unknown})
    current = {field: getattr(studio, field) for field in EDITABLE}
    values = clean_studio(union=studio.union, values={**current, **changes, "_pk": studio.pk})
    changed = {f: values[f] for f in EDITABLE if values[f] != current[f]}
    if not changed:
        return studio
    for field, value in changed.items():
        setattr(studio, field, value)
    studio.save(update_fields=list(changed))
    if "leader" in changed:
        StudioMember.objects.get_or_create(
            studio=studio,
            worker=changed["leader"],
            defaults={"role": LEADER_ROLE, "joined_on": dt.date.today()},
        )
    record(
        actor=actor,
        union=studio.union,
        studio=studio,
        action="studio.edit",
        subject=studio.name,
        old={f: current[f] for f in changed},
        new=changed,
        reason=reason,
    )
    return studio


@transaction.atomic
def add_member(
    *,
    actor: User,
    studio: Studio,
    worker: Worker,
    role: str,
    joined_on: dt.date | None = None,
    reason: str = "",
) -> StudioMember:
    check(manages_studio, actor, studio)
    errors: dict[str, list[str]] = {}
    role = clean_text(errors, "role", role, limit=LIMITS["role"], required=True)
    if not manages_union(actor, worker.employer.union):
        errors.setdefault("worker", []).append(_("This worker is outside your union."))
    elif studio.members.filter(worker=worker).exists():
        errors.setdefault("worker", []).append(_("This worker is already a member."))
    if errors:
        raise ValidationError(errors)
    member = StudioMember.objects.create(
        studio=studio, worker=worker, role=role, joined_on=joined_on or dt.date.today()
    )
    record(
        actor=actor,
        union=studio.union,
        studio=studio,
        action="member.add",
        subject=studio.name,
        new={"worker": worker.pk, "role": role, "joined_on": member.joined_on},
        reason=reason,
    )
    return member


@transaction.atomic
def remove_member(*, actor: User, member: StudioMember, reason: str = "") -> None:
    studio = member.studio
    check(manages_studio, actor, studio)
    if member.worker_id == studio.leader_id:
        raise ValidationError({"worker": _("The leader stays a member; change the leader first.")})
    record(
        actor=actor,
        union=studio.union,
        studio=studio,
        action="member.remove",
        subject=studio.name,
        old={"worker": member.worker_id, "role": member.role, "joined_on": member.joined_on},
        reason=reason,
    )
    member.delete()


def highest_level(levels) -> str | None:
    ranked = sorted(levels, key=LEVEL_ORDER.__getitem__)
    return ranked[-1] if ranked else None


@transaction.atomic
def grant_level(
    *,
    actor: User | None,
    studio: Studio,
    level: str,
    union: Union,
    granted_on: dt.date,
    rating=None,
    reason: str = "",
) -> StudioLevelGrant:
    """Record a level granted to the studio (the rating services call this on a review that
    finds every criterion met) and raise `Studio.level` to the highest grant."""
    if level not in StudioLevel.values:
        raise ValidationError({"level": _("Unknown level.")})
    grant = StudioLevelGrant.objects.create(
        studio=studio, level=level, union=union, granted_on=granted_on, rating=rating
    )
    old_level = studio.level
    studio.level = highest_level(studio.level_grants.values_list("level", flat=True))
    studio.save(update_fields=["level"])
    record(
        actor=actor,
        union=studio.union,
        studio=studio,
        action="level.grant",
        subject=studio.name,
        old={"level": old_level},
        new={"level": studio.level, "granted": level, "union": union, "granted_on": granted_on},
        reason=reason,
    )
    return grant
