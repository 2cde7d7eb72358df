"""Entries (registrations): made, decided (one by one or in all-or-nothing batches),
withdrawn, timed, disqualified and reinstated.

`register` is the one path by which an entry is made (API, web page, admin, demo all call
it), so every rule of `contests.eligibility` is applied here, each reported on its own
field. Two rules need the database rather than a read-then-write check, because 100,000
workers may register at once:

- the per-work-unit quota: entries of one work unit in one event are counted and inserted
  while holding a lock on that (event, work unit) pair — a transaction-scoped advisory lock
  on PostgreSQL (other work units and events don't wait), and on SQLite the IMMEDIATE
  transactions of config.settings serialise every writer anyway;
- "a worker entered twice": `RegistrationMember` has a partial unique index on
  (event, worker) over active rows; the insert either wins or raises IntegrityError, which
  becomes the 400.

Disqualifying, reinstating or withdrawing an entry, or recording its completion time,
changes its event's results; contests sits below results, so it announces the change
(`contests.signals.registration_changed`) and results listens. Every decision on an entry
(approved, rejected, withdrawn, disqualified, reinstated) also changes what the public pages
count, so it announces `contests.signals.contest_changed` (public drops its cached pages):
once per event of a decision, a batch of a thousand entries announcing once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.eligibility import EventRules, registration_problem
from contests.models import (
    Achievement,
    Contest,
    Event,
    Registration,
    RegistrationLog,
    RegistrationMember,
)
from contests.services.checks import required_text
from contests.signals import contest_changed, registration_changed
from core.access import check, manages_contest, manages_event_or_chief, manages_union
from core.models import User
from core.validators import mask_name
from unions.models import Employer
from workers.models import Team, Worker

REASON_MAX_LENGTH = 500  # reject_reason and RegistrationLog.reason


def _lock_quota(event: Event, employer: Employer) -> None:
    """Serialise entries of one work unit in one event until this transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [event.pk, employer.pk])
    # SQLite: the transaction is IMMEDIATE (config.settings), so writers are serialised.


def _may_enter_for(actor: User, user_ids: Iterable[int | None], employer: Employer) -> bool:
    if actor.pk in set(user_ids):
        return True
    return manages_union(actor, employer.union)


@transaction.atomic
def register(
    *,
    actor: User,
    event: Event,
    worker: Worker | None = None,
    team: Team | None = None,
    achievement: Achievement | None = None,
) -> Registration:
    """Enter a worker, a team or an achievement in an event: a pending entry, or a 400.

    Who may: the worker themself, the team's leader, an author of the achievement, or an
    officer whose union subtree holds the entrant's work unit.
    """
    event = Event.objects.select_related("contest__host_union").get(pk=event.pk)
    given = {
        name: value
        for name, value in (("worker", worker), ("team", team), ("achievement", achievement))
        if value is not None
    }
    expected = {
        Event.Kind.INDIVIDUAL: "worker",
        Event.Kind.TEAM: "team",
        Event.Kind.ACHIEVEMENT: "achievement",
    }[event.kind]
    if list(given) != [expected]:
        raise ValidationError(
            {
                expected: [
                    _("A %(kind)s event takes exactly one %(field)s.")
                    % {"kind": event.get_kind_display(), "field": expected}
                ]
            }
        )

    # Who the entrants are, and which work unit the entry counts for.
    if worker is not None:
        worker = Worker.objects.select_related("employer__union", "employer__region").get(
            pk=worker.pk
        )
        employer, members, leaders = worker.employer, [worker], [worker.user_id]
    elif team is not None:
        team = Team.objects.select_related("employer__union", "employer__region", "leader").get(
            pk=team.pk
        )
        employer = team.employer
        members = list(team.members.select_related("employer__union", "employer__region"))
        if team.leader is not None and team.leader not in members:
            members.append(team.leader)
        leaders = [team.leader.user_id] if team.leader else []
    else:
        achievement = Achievement.objects.select_related("employer__union", "employer__region").get(
            pk=achievement.pk
        )
        employer = achievement.employer
        members = list(achievement.authors.select_related("employer__union", "employer__region"))
        leaders = [a.user_id for a in members]
    if not _may_enter_for(actor, leaders, employer):
        raise PermissionDenied(
            _("You may enter only yourself, your team, or your union's workers.")
        )

    problem = registration_problem(event.contest)
    if problem:
        raise ValidationError({"event": [problem]})

    rules = EventRules(event)
    if worker is not None:
        problems = rules.worker_problems(worker)
    else:
        problems = rules.group_problems(members, employer, team=team is not None)
    if problems:
        raise ValidationError({expected: problems})

    # Duplicates: for several members, name the ones already entered. The unique index
    # below is what guarantees it (and is all a single worker's entry needs).
    if len(members) > 1:
        taken = RegistrationMember.objects.filter(
            event=event, worker__in=members, active=True
        ).select_related("worker")
        if taken:
            raise ValidationError({expected: [_duplicate_message(w.worker for w in taken)]})

    if event.quota_per_employer is not None:
        _lock_quota(event, employer)
        problem = rules.quota_problem(employer)
        if problem:
            raise ValidationError({expected: [problem]})

    registration = Registration.objects.create(
        event=event,
        contest=event.contest,
        worker=worker,
        team=team,
        achievement=achievement,
        employer=employer,
        entered_by=actor if actor.is_authenticated else None,
    )
    try:
        # No savepoint needed: on a clash the ValidationError leaves this atomic block, so
        # the whole transaction (the registration row too) is rolled back.
        RegistrationMember.objects.bulk_create(
            RegistrationMember(registration=registration, event=event, worker=m) for m in members
        )
    except IntegrityError:
        # An earlier or concurrent entry of the same worker holds the unique index.
        raise ValidationError({expected: [_duplicate_message(members)]}) from None
    return registration


def _duplicate_message(workers: Iterable[Worker]) -> str:
    names = "、".join(mask_name(w.name) for w in workers)
    return _("Already entered in this event: %(names)s.") % {"names": names}


@transaction.atomic
def create_achievement(
    *, actor: User, title: str, summary: str = "", authors: Iterable[Worker]
) -> Achievement:
    """An innovation achievement, credited to the work unit of its (first) authors."""
    authors = list(dict.fromkeys(authors))
    errors: dict[str, list[str]] = {}
    title = required_text(title, "title", errors)
    if not authors:
        errors["authors"] = [_("An achievement has at least one author.")]
    elif len({a.employer_id for a in authors}) > 1:
        errors["authors"] = [_("All authors must work for the same work unit.")]
    if errors:
        raise ValidationError(errors)
    employer = Employer.objects.select_related("union").get(pk=authors[0].employer_id)
    if not _may_enter_for(actor, [a.user_id for a in authors], employer):
        raise PermissionDenied(_("You may submit only your own achievements."))
    achievement = Achievement.objects.create(title=title, summary=summary or "", employer=employer)
    achievement.authors.set(authors)
    return achievement


@transaction.atomic
def register_achievement(
    *,
    actor: User,
    event: Event,
    title: str,
    summary: str = "",
    authors: Iterable[Worker],
) -> Registration:
    """Submit an achievement and enter it in one step, both or neither."""
    achievement = create_achievement(actor=actor, title=title, summary=summary, authors=authors)
    return register(actor=actor, event=event, achievement=achievement)


def _reason(reason: str, missing: str) -> str:
    """The reason a decision is given with: required, at most 500 characters."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [missing]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": [_("At most %(n)d characters.") % {"n": REASON_MAX_LENGTH}]}
        )
    return reason


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related(
            "contest__host_union", "event", "employer", "worker", "team__leader", "achievement"
        )
        .get(pk=registration.pk)
    )


def _announce(registrations: Iterable[Registration]) -> None:
    """Entries were decided: the public counts of their contests changed. Sent once per
    event, inside the transaction (the listener waits for the commit)."""
    for contest_id, event_id in sorted({(r.contest_id, r.event_id) for r in registrations}):
        contest_changed.send(
            sender=Registration, contest_id=contest_id, event_id=event_id, series_id=None
        )


@transaction.atomic
def approve_registration(*, actor: User, registration: Registration) -> Registration:
    """Approve a pending entry and give it the contest's next bib number."""
    registration = _approve(actor, registration)
    _announce([registration])
    return registration


def _approve(actor: User, registration: Registration) -> Registration:
    registration = _locked(registration)
    check(manages_contest, actor, registration.contest)
    if registration.status != Registration.Status.PENDING:
        raise _status_problem(
            registration, _("Only a pending entry can be approved (this one is %(status)s).")
        )
    # The contest row lock makes the counter a sequence: bibs unique without retries.
    contest = Contest.objects.select_for_update().get(pk=registration.contest_id)
    contest.last_bib += 1
    contest.save(update_fields=["last_bib"])
    registration.status = Registration.Status.APPROVED
    registration.bib = contest.last_bib
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "bib", "decided_at"])
    return registration


@transaction.atomic
def reject_registration(*, actor: User, registration: Registration, reason: str) -> Registration:
    """Reject a pending entry with a reason; its place (quota, the worker) is freed."""
    registration = _reject(actor, registration, reason)
    _announce([registration])
    return registration


def _reject(actor: User, registration: Registration, reason: str) -> Registration:
    reason = _reason(reason, _("Give a reason for the rejection."))
    registration = _locked(registration)
    check(manages_contest, actor, registration.contest)
    if registration.status != Registration.Status.PENDING:
        raise _status_problem(
            registration, _("Only a pending entry can be rejected (this one is %(status)s).")
        )
    registration.status = Registration.Status.REJECTED
    registration.reject_reason = reason
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "reject_reason", "decided_at"])
    registration.members.update(active=False)
    return registration


def may_withdraw(user: User, registration: Registration) -> bool:
    """The worker entered, the team's leader, or an author of the achievement."""
    if not (user and user.is_authenticated):
        return False
    if registration.worker_id is not None:
        return registration.worker.user_id == user.pk
    if registration.team_id is not None:
        leader = registration.team.leader
        return leader is not None and leader.user_id == user.pk
    return registration.achievement.authors.filter(user=user).exists()


# Contest statuses in which judging has started: an entry can no longer be withdrawn.
JUDGING_STARTED = (Contest.Status.JUDGING, Contest.Status.PUBLISHED)


def _event_marked(event_id: int) -> bool:
    """Whether any mark is recorded in the event (read through the entries' `marks`
    relation: contests imports nothing of judging)."""
    return Registration.objects.filter(event_id=event_id, marks__isnull=False).exists()


def withdrawal_problem(registration: Registration) -> str | None:
    """Why the entry cannot be withdrawn now (by anyone), or None.

    Withdrawal closes when judging starts: once the contest is in judging (or published),
    or as soon as any mark is recorded for the entry's event. After that an entry leaves
    the results only by a decision of the organisers (disqualification)."""
    if registration.status not in Registration.ACTIVE:
        return _("This entry is %(status)s; there is nothing to withdraw.") % {
            "status": registration.get_status_display()
        }
    if registration.contest.status in JUDGING_STARTED or _event_marked(registration.event_id):
        return _("Judging has started; entries can no longer be withdrawn.")
    return None


def can_withdraw(user: User, registration: Registration) -> bool:
    """Whether the page offers `user` the withdraw button for this entry."""
    return may_withdraw(user, registration) and withdrawal_problem(registration) is None


@transaction.atomic
def withdraw_registration(*, actor: User, registration: Registration) -> Registration:
    """The entrant withdraws (until judging starts); quota and worker are freed."""
    registration = _locked(registration)
    if not may_withdraw(actor, registration):
        raise PermissionDenied(_("Only the entrant (or the team leader) may withdraw an entry."))
    problem = withdrawal_problem(registration)
    if problem:
        raise ValidationError({"status": [problem]})
    counted = registration.status == Registration.Status.APPROVED
    registration.status = Registration.Status.WITHDRAWN
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    registration.members.update(active=False)
    if counted:
        # An approved entry leaves its event: whoever keeps results recomputes them.
        registration_changed.send(sender=Registration, event_id=registration.event_id)
    _announce([registration])
    return registration


@transaction.atomic
def set_completion_seconds(
    *, actor: User, registration: Registration, completion_seconds: int | None
) -> Registration:
    """Record an entry's completion time (a tie-break): host officers or the chief judge.
    Logged (the audit, and publishing notices results computed before it) and announced."""
    registration = _locked(registration)
    check(manages_event_or_chief, actor, registration.event)
    if completion_seconds is not None and completion_seconds < 0:
        raise ValidationError({"completion_seconds": [_("A time cannot be negative.")]})
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError(
            {"completion_seconds": [_("Only approved entries have a completion time.")]}
        )
    if registration.completion_seconds == completion_seconds:
        return registration
    registration.completion_seconds = completion_seconds
    registration.save(update_fields=["completion_seconds"])
    RegistrationLog.objects.create(
        registration=registration,
        action=RegistrationLog.Action.TIME,
        actor=actor,
        reason="" if completion_seconds is None else str(completion_seconds),
    )
    # A tie-break changed: whoever keeps results recomputes them.
    registration_changed.send(sender=Registration, event_id=registration.event_id)
    return registration


def _status_problem(registration: Registration, message: str) -> ValidationError:
    return ValidationError({"status": [message % {"status": registration.get_status_display()}]})


def _set_disqualified(
    actor: User, registration: Registration, disqualified: bool, reason: str
) -> Registration:
    registration.disqualified = disqualified
    registration.save(update_fields=["disqualified"])
    RegistrationLog.objects.create(
        registration=registration,
        action=(
            RegistrationLog.Action.DISQUALIFY if disqualified else RegistrationLog.Action.REINSTATE
        ),
        actor=actor,
        reason=reason,
    )
    # The entry leaves (or rejoins) the ranking: whoever keeps results recomputes them.
    registration_changed.send(sender=Registration, event_id=registration.event_id)
    _announce([registration])
    return registration


@transaction.atomic
def disqualify_registration(
    *, actor: User, registration: Registration, reason: str
) -> Registration:
    """Disqualify an approved entry, with a reason. It keeps its bib and its marks (judges
    stop marking it) and is never ranked; `reinstate_registration` undoes it."""
    registration = _locked(registration)
    check(manages_contest, actor, registration.contest)
    reason = _reason(reason, _("Give a reason for the disqualification."))
    if registration.status != Registration.Status.APPROVED:
        raise _status_problem(
            registration, _("Only an approved entry can be disqualified (this one is %(status)s).")
        )
    if registration.disqualified:
        raise ValidationError({"status": [_("This entry is already disqualified.")]})
    return _set_disqualified(actor, registration, True, reason)


@transaction.atomic
def reinstate_registration(*, actor: User, registration: Registration, reason: str) -> Registration:
    """Lift a disqualification, with a reason: the entry is ranked again."""
    registration = _locked(registration)
    check(manages_contest, actor, registration.contest)
    reason = _reason(reason, _("Give a reason for the reinstatement."))
    if not registration.disqualified:
        raise ValidationError({"status": [_("This entry is not disqualified.")]})
    return _set_disqualified(actor, registration, False, reason)


def entry_label(registration: Registration) -> str:
    """How an entry is named in a message to an officer: its number and entrant, the
    worker's name masked (the message may reach officers outside the worker's union)."""
    if registration.worker_id is not None:
        entrant = mask_name(registration.worker.name)
    elif registration.team_id is not None:
        entrant = registration.team.name
    else:
        entrant = registration.achievement.title
    return _("#%(id)s %(entrant)s") % {"id": registration.pk, "entrant": entrant}


@transaction.atomic
def _decide_all(
    registrations: Iterable[Registration], decide: Callable[[Registration], Registration]
) -> list[Registration]:
    """Decide every entry or none: each refusal is collected (its savepoint rolled back),
    and one refusal rolls the whole batch back with a message naming every refused entry.
    Entries are taken in id order, so two batches lock rows in the same order."""
    decided, refused = [], []
    for registration in sorted(registrations, key=lambda r: r.pk):
        try:
            with transaction.atomic():
                decided.append(decide(registration))
        except (ValidationError, PermissionDenied) as exc:
            problems = " ".join(getattr(exc, "messages", None) or [str(exc)])
            refused.append(f"{entry_label(registration)}: {problems}")
    if refused:
        raise ValidationError(
            {
                "registrations": [
                    _("Nothing was changed. These entries could not be decided: %(entries)s")
                    % {"entries": "; ".join(refused)}
                ]
            }
        )
    _announce(decided)
    return decided


def approve_registrations(
    *, actor: User, registrations: Iterable[Registration]
) -> list[Registration]:
    """Approve several pending entries in one transaction: all of them, or none."""
    return _decide_all(registrations, lambda r: _approve(actor, r))


def reject_registrations(
    *, actor: User, registrations: Iterable[Registration], reason: str
) -> list[Registration]:
    """Reject several pending entries with one reason in one transaction: all, or none."""
    reason = _reason(reason, _("Give a reason for the rejection."))
    return _decide_all(registrations, lambda r: _reject(actor, r, reason))
