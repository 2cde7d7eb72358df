"""The panel: judge accounts, their assignment to events, and whether every entry can get
enough eligible judges (a judge never marks an entry of their own work unit)."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from core.access import manages_union, require
from core.models import User
from judging.models import Criterion, Judge, JudgeAssignment
from judging.services.access import require_event_officer
from unions.models import Employer, Union

_NAMED_UNITS = 5  # work units named in a coverage warning; the rest are counted


def create_judge(
    *,
    actor: User,
    username: str,
    password: str,
    name: str,
    union: Union,
    employer: Employer | None = None,
) -> Judge:
    """A login account with a judge profile, owned by a union the officer manages."""
    require(manages_union(actor, union), _("You do not manage this union."))
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": [_("This field is required.")]})
    if not (name or "").strip():
        raise ValidationError({"name": [_("This field is required.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This username is taken.")]})
    user = User(username=username)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            return Judge.objects.create(
                user=user, name=name.strip(), union=union, employer=employer
            )
    except IntegrityError:
        raise ValidationError({"username": [_("This username is taken.")]}) from None


def assign_judge(
    *,
    actor: User,
    event: Event,
    judge: Judge,
    chief: bool = False,
    criteria: list[str] | None = None,
) -> tuple[JudgeAssignment, list[str]]:
    """Assign (or re-assign) a judge to the event; returns the assignment and warnings.

    A new chief judge replaces the previous one (an event has one 裁判长). The warnings
    tell the officer which entries would lack enough eligible judges on a criterion, since
    a judge never marks an entry of their own work unit.
    """
    require_event_officer(actor, event)
    criteria = list(dict.fromkeys(criteria or []))
    if criteria:
        known = set(Criterion.objects.filter(event=event).values_list("code", flat=True))
        unknown = [c for c in criteria if c not in known]
        if unknown:
            raise ValidationError(
                {
                    "criteria": [
                        _("Not criteria of this event: %(codes)s") % {"codes": ", ".join(unknown)}
                    ]
                }
            )
    with transaction.atomic():
        Event.objects.select_for_update(no_key=True).filter(pk=event.pk).first()
        if chief:
            JudgeAssignment.objects.filter(event=event, chief=True).exclude(judge=judge).update(
                chief=False
            )
        assignment, _created = JudgeAssignment.objects.update_or_create(
            event=event, judge=judge, defaults={"chief": chief, "criteria": criteria}
        )
    return assignment, coverage_warnings(event)


def coverage_warnings(event: Event) -> list[str]:
    """Entries left with fewer eligible judges than a criterion requires; one message per
    criterion, naming the work units concerned.

    Set-based: entries are counted per work unit in one query; a judge is eligible for an
    entry unless they belong to its work unit, so per criterion the eligible count for
    unit U is (judges on the criterion) - (those of them employed by U).
    """
    crits = list(Criterion.objects.filter(event=event).values_list("code", "judges_required"))
    per_unit = dict(
        Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        .values("employer_id")
        .annotate(n=Count("id"))
        .values_list("employer_id", "n")
    )
    if not crits or not per_unit:
        return []
    assignments = list(
        JudgeAssignment.objects.filter(event=event).values_list("criteria", "judge__employer_id")
    )
    short_by_criterion = []
    for code, required in crits:
        on_crit = [emp for codes, emp in assignments if not codes or code in codes]
        by_unit = Counter(on_crit)
        short = sorted(
            (unit_id, n, len(on_crit) - by_unit.get(unit_id, 0))
            for unit_id, n in per_unit.items()
            if len(on_crit) - by_unit.get(unit_id, 0) < required
        )
        if short:
            short_by_criterion.append((code, required, short))
    named = {u for _code, _req, short in short_by_criterion for u, _n, _e in short[:_NAMED_UNITS]}
    names = dict(Employer.objects.filter(pk__in=named).values_list("id", "name"))
    warnings = []
    for code, required, short in short_by_criterion:
        units = ", ".join(
            _("%(unit)s (%(eligible)s eligible)")
            % {"unit": names.get(unit_id, unit_id), "eligible": eligible}
            for unit_id, _n, eligible in short[:_NAMED_UNITS]
        )
        if len(short) > _NAMED_UNITS:
            units += _(" and %(n)s more work units") % {"n": len(short) - _NAMED_UNITS}
        warnings.append(
            _(
                "Criterion %(code)s needs %(required)s judges per entry; %(entries)s entries "
                "have fewer eligible judges: %(units)s."
            )
            % {
                "code": code,
                "required": required,
                "entries": sum(n for _u, n, _e in short),
                "units": units,
            }
        )
    return warnings
