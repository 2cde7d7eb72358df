"""The panel: judge accounts, their assignment to events, and whether every entry can get
enough eligible judges (a judge never marks an entry of their own work unit).

A conflict of interest (a judge of the same work unit as an entry) does not refuse the
assignment: the judge is never shown that entry and may not mark it (judging.services.marks),
and `coverage_warnings` says where that leaves an entry short of judges. Most panels are
drawn from the host union's own work units, so refusing the judge outright would leave many
events without a panel.

Judge accounts are changed here only (created, password reset, deactivated); there is no
audit model for accounts yet, so each change is logged (who, whom, when) to this module's
logger.
"""

from __future__ import annotations

import logging
import secrets
from collections import Counter

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from contests.models import Event, Registration
from core.access import check, manages_judge, manages_union, require
from core.models import User
from judging.models import Criterion, Judge, JudgeAssignment, Mark
from judging.services.access import require_event_officer
from unions.models import Employer, Union

log = logging.getLogger(__name__)

_NAMED_UNITS = 5  # work units named in a coverage warning; the rest are counted
# Passwords handed over on paper or read out: no look-alikes (0/O, 1/l/I).
_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
_PASSWORD_LENGTH = 12


def _checked_password(password: str, user: User) -> str:
    """The password if Django's validators accept it for this user, else a ValidationError
    on the `password` field."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    return password


def generate_password(user: User | None = None) -> str:
    """A random password that the validators accept, to be shown to the officer once."""
    while True:
        password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _i in range(_PASSWORD_LENGTH))
        try:
            return _checked_password(password, user or User())
        except ValidationError:  # pragma: no cover - 12 random characters are strong
            continue


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
    if employer is not None:
        # The judge's work unit (never marked by them) lies in the officer's subtree too.
        require(
            manages_union(actor, employer.union),
            _("This work unit belongs to a union outside your union subtree."),
        )
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": [_("This field is required.")]})
    if not (name or "").strip():
        raise ValidationError({"name": [_("This field is required.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This username is taken.")]})
    user = User(username=username)
    user.set_password(_checked_password(password, user))
    try:
        with transaction.atomic():
            user.save()
            judge = Judge.objects.create(
                user=user, name=name.strip(), union=union, employer=employer
            )
    except IntegrityError:
        raise ValidationError({"username": [_("This username is taken.")]}) from None
    log.info("judge account %s created by %s", username, actor.username)
    return judge


def _require_manages_judge(actor: User, judge: Judge) -> None:
    check(manages_judge, actor, judge)


def reset_judge_password(*, actor: User, judge: Judge, password: str | None = None) -> str:
    """Give the judge's account a new password: the one given (checked by the validators)
    or, when none is, a generated one. Returns it, for the officer to hand over once; the
    judge's open sessions end (Django ties them to the password)."""
    _require_manages_judge(actor, judge)
    user = judge.user
    password = _checked_password(password, user) if password else generate_password(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    log.info("judge %s: password reset by %s", user.username, actor.username)
    return password


def set_judge_active(*, actor: User, judge: Judge, active: bool) -> Judge:
    """Deactivate (no sign-in, open sessions end) or reactivate a judge's account. The
    judge's assignments and marks stay: they belong to the events' records."""
    _require_manages_judge(actor, judge)
    user = judge.user
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        log.info(
            "judge %s %s by %s",
            user.username,
            "reactivated" if active else "deactivated",
            actor.username,
        )
    return judge


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
    # Only a judge of the officer's own subtree (union and work unit) joins the panel.
    _require_manages_judge(actor, judge)
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


def remove_judge(*, actor: User, event: Event, judge: Judge) -> list[str]:
    """Take a judge off the event's panel; refused once the judge has marked any of its
    entries (the marks would lose their judge's assignment). Returns the coverage warnings
    of the panel that remains."""
    require_event_officer(actor, event)
    with transaction.atomic():
        # The judge's mark writers hold this row lock until they commit (access.lock_assignment).
        assignment = (
            JudgeAssignment.objects.select_for_update().filter(event=event, judge=judge).first()
        )
        if assignment is None:
            raise ValidationError({"judge": [_("This judge is not on the event's panel.")]})
        if Mark.objects.filter(event=event, judge=judge).exists():
            raise ValidationError(
                {
                    "judge": [
                        _("This judge has marked entries of this event and stays on its panel.")
                    ]
                }
            )
        assignment.delete()
    return coverage_warnings(event)


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
