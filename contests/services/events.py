"""Events (项目) of a contest, with the eligibility rules and quota they are configured with
(the rules themselves are applied in `contests.eligibility`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.fields import EVENT_ELIGIBILITY_LISTS, EVENT_FIELDS
from contests.models import Contest, Event
from contests.services.checks import required_text
from contests.signals import contest_changed
from core.access import check, manages_contest, manages_event
from core.models import User
from unions.models import Employer, Region, Union
from workers.models import SkillGrade

# The event's own columns; the eligibility lists are keyword arguments of their own.
_EVENT_COLUMNS = frozenset(EVENT_FIELDS) - set(EVENT_ELIGIBILITY_LISTS)


def check_event(event: Event, errors: dict[str, list[str]]) -> None:
    if event.kind not in Event.Kind.values:
        errors["kind"] = [_("Unknown event kind.")]
    kinds = event.employer_kinds or []
    if not isinstance(kinds, list) or any(k not in Employer.Kind.values for k in kinds):
        errors["employer_kinds"] = [
            _("Choose work unit kinds among: %(kinds)s.")
            % {"kinds": ", ".join(Employer.Kind.values)}
        ]
    for field in ("min_skill_grade", "max_skill_grade"):
        value = getattr(event, field)
        if value is not None and value not in SkillGrade.values:
            errors[field] = [_("Choose a skill grade from 1 (highest) to 5.")]
    lo, hi = event.min_skill_grade, event.max_skill_grade
    if lo is not None and hi is not None and lo < hi and "max_skill_grade" not in errors:
        # Codes run backwards: the lowest grade admitted has the larger code.
        errors["max_skill_grade"] = [
            _("The highest grade admitted must not be below the lowest grade admitted.")
        ]
    if event.min_age is not None and event.max_age is not None and event.min_age > event.max_age:
        errors["max_age"] = [_("The maximum age must not be below the minimum age.")]
    lo_t, hi_t = event.min_team_size, event.max_team_size
    if event.kind != Event.Kind.TEAM and (lo_t is not None or hi_t is not None):
        errors["min_team_size"] = [_("Team sizes apply to team events only.")]
    if lo_t is not None and lo_t < 1:
        errors["min_team_size"] = [_("A team has at least one member.")]
    if lo_t is not None and hi_t is not None and lo_t > hi_t:
        errors["max_team_size"] = [_("The maximum team size must not be below the minimum.")]
    if event.quota_per_employer is not None and event.quota_per_employer < 1:
        errors["quota_per_employer"] = [_("A quota admits at least one entry.")]


@transaction.atomic
def create_event(
    *,
    actor: User,
    contest: Contest,
    name: str,
    kind: str = Event.Kind.INDIVIDUAL,
    eligible_unions: Iterable[Union] = (),
    eligible_regions: Iterable[Region] = (),
    **fields: Any,
) -> Event:
    check(manages_contest, actor, contest)
    unknown = set(fields) - _EVENT_COLUMNS
    if unknown:
        raise ValidationError({f: [_("Unknown field.")] for f in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    event = Event(contest=contest, name=required_text(name, "name", errors), kind=kind, **fields)
    check_event(event, errors)
    if errors:
        raise ValidationError(errors)
    event.save()
    event.eligible_unions.set(list(eligible_unions))
    event.eligible_regions.set(list(eligible_regions))
    contest_changed.send(
        sender=Event, contest_id=event.contest_id, event_id=event.pk, series_id=None
    )
    return event


@transaction.atomic
def update_event(
    *,
    actor: User,
    event: Event,
    eligible_unions: Iterable[Union] | None = None,
    eligible_regions: Iterable[Region] | None = None,
    **changes: Any,
) -> Event:
    event = Event.objects.select_related("contest__host_union").get(pk=event.pk)
    check(manages_event, actor, event)
    unknown = set(changes) - _EVENT_COLUMNS
    if unknown:
        raise ValidationError({f: [_("Unknown field.")] for f in sorted(unknown)})
    if "contest" in changes and changes["contest"] != event.contest:
        if event.registrations.exists():
            raise ValidationError({"contest": [_("This event has entries; it cannot move.")]})
        check(manages_contest, actor, changes["contest"])
    if "kind" in changes and changes["kind"] != event.kind and event.registrations.exists():
        raise ValidationError({"kind": [_("This event has entries; its kind is fixed.")]})
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        if field == "name":
            value = required_text(value, "name", errors)
        setattr(event, field, value)
    check_event(event, errors)
    if errors:
        raise ValidationError(errors)
    event.save()
    if eligible_unions is not None:
        event.eligible_unions.set(list(eligible_unions))
    if eligible_regions is not None:
        event.eligible_regions.set(list(eligible_regions))
    contest_changed.send(
        sender=Event, contest_id=event.contest_id, event_id=event.pk, series_id=None
    )
    return event
