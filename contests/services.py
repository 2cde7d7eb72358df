"""Writes for contest series, divisions, contests, events and entries (registrations).

`register` is the one path by which an entry is made (API, web page, admin, demo all call
it), so every rule of the issue lives here, each reported on its own field. Two rules need
the database rather than a read-then-write check, because 100,000 workers may register at
once:

- the per-work-unit quota: entries of one work unit in one event are counted and inserted
  while holding a lock on that (event, work unit) pair — a transaction-scoped advisory lock
  on PostgreSQL (other work units and events don't wait), and on SQLite the IMMEDIATE
  transactions of config.settings serialise every writer anyway;
- "a worker entered twice": `RegistrationMember` has a partial unique index on
  (event, worker) over active rows; the insert either wins or raises IntegrityError, which
  becomes the 400.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contests.models import (
    Achievement,
    Contest,
    ContestSeries,
    Division,
    Event,
    Registration,
    RegistrationMember,
)
from core.models import User
from core.scope import is_officer, manages_union
from core.validators import age_on, mask_name
from unions.models import Employer, Region, Union
from workers.models import SkillGrade, Team, Worker

_UNSET: Any = object()


def _require_officer(actor: User) -> None:
    if not is_officer(actor):
        raise PermissionDenied(_("Only union officers may do this."))


def _require_manages(actor: User, union: Union) -> None:
    if not manages_union(actor, union):
        raise PermissionDenied(_("This union is outside your union subtree."))


def _require_manages_any(actor: User, unions: Iterable[Union], field: str) -> None:
    unions = list(unions)
    if not unions:
        raise ValidationError({field: [_("Choose at least one union.")]})
    if not any(manages_union(actor, u) for u in unions):
        raise PermissionDenied(_("None of these unions is in your union subtree."))


def _required_text(value: str | None, field: str, errors: dict[str, list[str]]) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = [_("This field is required.")]
    return text


# --- Series and divisions --------------------------------------------------------------------


@transaction.atomic
def create_series(
    *,
    actor: User,
    name: str,
    year: int,
    organisers: Iterable[Union],
    description: str = "",
) -> ContestSeries:
    """A series co-organised by several unions; the actor must manage one of them."""
    organisers = list(organisers)
    errors: dict[str, list[str]] = {}
    name = _required_text(name, "name", errors)
    if not 1949 <= int(year) <= 2100:
        errors["year"] = [_("Enter a plausible year.")]
    if errors:
        raise ValidationError(errors)
    _require_manages_any(actor, organisers, "organisers")
    series = ContestSeries.objects.create(name=name, year=year, description=description or "")
    series.organisers.set(organisers)
    return series


@transaction.atomic
def update_series(
    *,
    actor: User,
    series: ContestSeries,
    name: str | None = None,
    year: int | None = None,
    organisers: Iterable[Union] | None = None,
    description: str | None = None,
) -> ContestSeries:
    _require_manages_any(actor, series.organisers.all(), "organisers")
    errors: dict[str, list[str]] = {}
    if name is not None:
        series.name = _required_text(name, "name", errors)
    if year is not None:
        if not 1949 <= int(year) <= 2100:
            errors["year"] = [_("Enter a plausible year.")]
        series.year = year
    if description is not None:
        series.description = description
    if errors:
        raise ValidationError(errors)
    series.save()
    if organisers is not None:
        organisers = list(organisers)
        _require_manages_any(actor, organisers, "organisers")
        series.organisers.set(organisers)
    return series


@transaction.atomic
def create_division(
    *,
    actor: User,
    series: ContestSeries,
    name: str,
    lead_unions: Iterable[Union],
    regions: Iterable[Region] = (),
    description: str = "",
) -> Division:
    """A division (赛区) of a series, led by unions; the actor must manage one of them."""
    lead_unions = list(lead_unions)
    errors: dict[str, list[str]] = {}
    name = _required_text(name, "name", errors)
    if errors:
        raise ValidationError(errors)
    _require_manages_any(actor, lead_unions, "lead_unions")
    division = Division.objects.create(series=series, name=name, description=description or "")
    division.lead_unions.set(lead_unions)
    division.regions.set(list(regions))
    return division


@transaction.atomic
def update_division(
    *,
    actor: User,
    division: Division,
    series: ContestSeries | None = None,
    name: str | None = None,
    lead_unions: Iterable[Union] | None = None,
    regions: Iterable[Region] | None = None,
    description: str | None = None,
) -> Division:
    _require_manages_any(actor, division.lead_unions.all(), "lead_unions")
    errors: dict[str, list[str]] = {}
    if series is not None and series != division.series:
        if division.contests.exists():
            errors["series"] = [_("This division already has contests; it cannot move.")]
        division.series = series
    if name is not None:
        division.name = _required_text(name, "name", errors)
    if description is not None:
        division.description = description
    if errors:
        raise ValidationError(errors)
    division.save()
    if lead_unions is not None:
        lead_unions = list(lead_unions)
        _require_manages_any(actor, lead_unions, "lead_unions")
        division.lead_unions.set(lead_unions)
    if regions is not None:
        division.regions.set(list(regions))
    return division


# --- Contests --------------------------------------------------------------------------------


def _check_contest(contest: Contest, errors: dict[str, list[str]]) -> None:
    if contest.division_id is not None and contest.division.series_id != contest.series_id:
        errors["division"] = [_("This division belongs to another series.")]
    opens, closes = contest.registration_opens, contest.registration_closes
    if opens is None:
        errors["registration_opens"] = [_("This field is required.")]
    if closes is None:
        errors["registration_closes"] = [_("This field is required.")]
    if opens and closes and closes <= opens:
        errors["registration_closes"] = [_("Registration must close after it opens.")]
    if contest.contest_date and closes and contest.contest_date < timezone.localdate(closes):
        errors["contest_date"] = [_("The contest day cannot come before registration closes.")]


def _check_status_step(old: str, new: str) -> None:
    order = Contest.STATUS_ORDER
    if new not in order:
        raise ValidationError({"status": [_("Unknown status.")]})
    if order.index(new) < order.index(old):
        raise ValidationError(
            {
                "status": [
                    _(
                        "A contest's status only moves forward (draft → open → closed → judging"
                        " → published); it cannot go back from %(old)s to %(new)s."
                    )
                    % {"old": old, "new": new}
                ]
            }
        )


@transaction.atomic
def create_contest(
    *,
    actor: User,
    series: ContestSeries,
    host_union: Union,
    name: str,
    registration_opens: dt.datetime,
    registration_closes: dt.datetime,
    division: Division | None = None,
    description: str = "",
    contest_date: dt.date | None = None,
    status: str = Contest.Status.DRAFT,
    notice_days: int | None = None,
    leaderboard_frozen: bool = False,
) -> Contest:
    _require_manages(actor, host_union)
    errors: dict[str, list[str]] = {}
    contest = Contest(
        series=series,
        division=division,
        host_union=host_union,
        name=_required_text(name, "name", errors),
        description=description or "",
        registration_opens=registration_opens,
        registration_closes=registration_closes,
        contest_date=contest_date,
        status=status,
        leaderboard_frozen=leaderboard_frozen,
    )
    if notice_days is not None:
        contest.notice_days = notice_days
    if status not in Contest.STATUS_ORDER:
        errors["status"] = [_("Unknown status.")]
    _check_contest(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    return contest


@transaction.atomic
def update_contest(*, actor: User, contest: Contest, **changes: Any) -> Contest:
    """Officers of the host union (or above) edit a contest; the status only moves forward."""
    contest = Contest.objects.select_for_update().select_related("host_union").get(pk=contest.pk)
    _require_manages(actor, contest.host_union)
    allowed = {
        "series",
        "division",
        "host_union",
        "name",
        "description",
        "registration_opens",
        "registration_closes",
        "contest_date",
        "status",
        "notice_days",
        "leaderboard_frozen",
        "awards_config",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({f: [_("This field cannot be changed.")] for f in sorted(unknown)})
    if "status" in changes:
        _check_status_step(contest.status, changes["status"])
    if "host_union" in changes:
        _require_manages(actor, changes["host_union"])
    if "series" in changes and changes["series"] != contest.series and contest.events.exists():
        raise ValidationError({"series": [_("This contest already has events; it cannot move.")]})
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        if field == "name":
            value = _required_text(value, "name", errors)
        setattr(contest, field, value)
    _check_contest(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    return contest


@transaction.atomic
def set_contest_status(*, actor: User, contest: Contest, status: str) -> Contest:
    return update_contest(actor=actor, contest=contest, status=status)


# --- Events ----------------------------------------------------------------------------------

_EVENT_FIELDS = (
    "contest",
    "name",
    "kind",
    "description",
    "employer_kinds",
    "min_skill_grade",
    "max_skill_grade",
    "min_age",
    "max_age",
    "min_team_size",
    "max_team_size",
    "quota_per_employer",
)


def _check_event(event: Event, errors: dict[str, list[str]]) -> None:
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
    _require_manages(actor, contest.host_union)
    unknown = set(fields) - set(_EVENT_FIELDS)
    if unknown:
        raise ValidationError({f: [_("Unknown field.")] for f in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    event = Event(contest=contest, name=_required_text(name, "name", errors), kind=kind, **fields)
    _check_event(event, errors)
    if errors:
        raise ValidationError(errors)
    event.save()
    event.eligible_unions.set(list(eligible_unions))
    event.eligible_regions.set(list(eligible_regions))
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
    _require_manages(actor, event.contest.host_union)
    unknown = set(changes) - set(_EVENT_FIELDS)
    if unknown:
        raise ValidationError({f: [_("Unknown field.")] for f in sorted(unknown)})
    if "contest" in changes and changes["contest"] != event.contest:
        if event.registrations.exists():
            raise ValidationError({"contest": [_("This event has entries; it cannot move.")]})
        _require_manages(actor, changes["contest"].host_union)
    if "kind" in changes and changes["kind"] != event.kind and event.registrations.exists():
        raise ValidationError({"kind": [_("This event has entries; its kind is fixed.")]})
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        if field == "name":
            value = _required_text(value, "name", errors)
        setattr(event, field, value)
    _check_event(event, errors)
    if errors:
        raise ValidationError(errors)
    event.save()
    if eligible_unions is not None:
        event.eligible_unions.set(list(eligible_unions))
    if eligible_regions is not None:
        event.eligible_regions.set(list(eligible_regions))
    return event


# --- Eligibility -----------------------------------------------------------------------------


def contest_day(contest: Contest) -> dt.date:
    """The day ages are taken on: the contest day, or the day registration closes."""
    return contest.contest_date or timezone.localdate(contest.registration_closes)


class EventRules:
    """An event's eligibility rules, loaded once (the union and region paths included)."""

    def __init__(self, event: Event):
        self.event = event
        self.union_paths = [(u.path, u.name) for u in event.eligible_unions.all()]
        self.region_paths = [(r.path, r.name) for r in event.eligible_regions.all()]
        self.day = contest_day(event.contest)

    def worker_problems(self, worker: Worker, employer: Employer | None = None) -> list[str]:
        """Every reason this worker may not enter, each its own message (empty: eligible)."""
        event = self.event
        employer = employer or worker.employer
        problems: list[str] = []
        if self.union_paths and not any(
            employer.union.path.startswith(p) for p, _n in self.union_paths
        ):
            problems.append(
                _(
                    "This event is open only to workers of these unions (and those below them): "
                    "%(unions)s."
                )
                % {"unions": "、".join(n for _p, n in self.union_paths)}
            )
        if self.region_paths and not any(
            employer.region.path.startswith(p) for p, _n in self.region_paths
        ):
            problems.append(
                _("This event is open only to work units in these regions: %(regions)s.")
                % {"regions": "、".join(n for _p, n in self.region_paths)}
            )
        if event.employer_kinds and employer.kind not in event.employer_kinds:
            labels = [str(Employer.Kind(k).label) for k in event.employer_kinds]
            problems.append(
                _("This event is open only to these kinds of work unit: %(kinds)s.")
                % {"kinds": "、".join(labels)}
            )
        grade = worker.skill_grade
        if event.min_skill_grade is not None and grade > event.min_skill_grade:
            problems.append(
                _("The lowest skill grade admitted is %(grade)s.")
                % {"grade": SkillGrade(event.min_skill_grade).label}
            )
        if event.max_skill_grade is not None and grade < event.max_skill_grade:
            problems.append(
                _("The highest skill grade admitted is %(grade)s.")
                % {"grade": SkillGrade(event.max_skill_grade).label}
            )
        age = age_on(worker.birth_date, self.day)
        if event.min_age is not None and age < event.min_age:
            problems.append(
                _("Entrants must be at least %(n)d years old on the contest day (%(day)s).")
                % {"n": event.min_age, "day": date_format(self.day)}
            )
        if event.max_age is not None and age > event.max_age:
            problems.append(
                _("Entrants must be at most %(n)d years old on the contest day (%(day)s).")
                % {"n": event.max_age, "day": date_format(self.day)}
            )
        return problems


def eligibility_problems(*, event: Event, worker: Worker) -> list[str]:
    """Why a worker may not enter an event individually (the web page shows these)."""
    return EventRules(event).worker_problems(worker)


def registration_problem(contest: Contest, now: dt.datetime | None = None) -> str | None:
    """Why nobody can enter this contest now, or None."""
    now = now or timezone.now()
    if contest.status != Contest.Status.OPEN:
        return _("Registration for this contest is not open (status: %(status)s).") % {
            "status": contest.get_status_display()
        }
    if now < contest.registration_opens:
        return _("Registration opens at %(when)s.") % {
            "when": date_format(timezone.localtime(contest.registration_opens), "DATETIME_FORMAT")
        }
    if now >= contest.registration_closes:
        return _("Registration closed at %(when)s.") % {
            "when": date_format(timezone.localtime(contest.registration_closes), "DATETIME_FORMAT")
        }
    return None


# --- Entries ---------------------------------------------------------------------------------


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
        if problems:
            raise ValidationError({"worker": problems})
    else:
        field = expected
        errors: list[str] = []
        if not members:
            errors.append(_("An entry needs at least one member."))
        if team is not None:
            size = len(members)
            if event.min_team_size is not None and size < event.min_team_size:
                errors.append(
                    _("A team needs at least %(n)d members (this one has %(size)d).")
                    % {"n": event.min_team_size, "size": size}
                )
            if event.max_team_size is not None and size > event.max_team_size:
                errors.append(
                    _("A team has at most %(n)d members (this one has %(size)d).")
                    % {"n": event.max_team_size, "size": size}
                )
        strangers = [m for m in members if m.employer_id != employer.pk]
        if strangers:
            errors.append(
                _("Members must work for the entry's work unit %(employer)s (not: %(names)s).")
                % {
                    "employer": employer.name,
                    "names": "、".join(mask_name(m.name) for m in strangers),
                }
            )
        for member in members:
            for reason in rules.worker_problems(member, employer=member.employer):
                errors.append(
                    _("Member %(name)s is not eligible: %(reason)s")
                    % {"name": mask_name(member.name), "reason": reason}
                )
        if errors:
            raise ValidationError({field: errors})

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
        used = Registration.objects.filter(
            event=event, employer=employer, status__in=Registration.ACTIVE
        ).count()
        if used >= event.quota_per_employer:
            raise ValidationError(
                {
                    expected: [
                        _("The quota of %(employer)s for this event is full (%(n)d entries).")
                        % {"employer": employer.name, "n": event.quota_per_employer}
                    ]
                }
            )

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
    title = _required_text(title, "title", errors)
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


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related(
            "contest__host_union", "event", "employer", "worker", "team__leader", "achievement"
        )
        .get(pk=registration.pk)
    )


def _require_host_officer(actor: User, registration: Registration) -> None:
    if not manages_union(actor, registration.contest.host_union):
        raise PermissionDenied(_("Only officers of the hosting union may decide on entries."))


@transaction.atomic
def approve_registration(*, actor: User, registration: Registration) -> Registration:
    """Approve a pending entry and give it the contest's next bib number."""
    registration = _locked(registration)
    _require_host_officer(actor, registration)
    if registration.status != Registration.Status.PENDING:
        raise ValidationError(
            {
                "status": [
                    _("Only a pending entry can be approved (this one is %(status)s).")
                    % {"status": registration.get_status_display()}
                ]
            }
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
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason for the rejection.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most %(n)d characters.") % {"n": 500}]})
    registration = _locked(registration)
    _require_host_officer(actor, registration)
    if registration.status != Registration.Status.PENDING:
        raise ValidationError(
            {
                "status": [
                    _("Only a pending entry can be rejected (this one is %(status)s).")
                    % {"status": registration.get_status_display()}
                ]
            }
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


@transaction.atomic
def withdraw_registration(*, actor: User, registration: Registration) -> Registration:
    """The entrant withdraws (until registration closes); quota and worker are freed."""
    registration = _locked(registration)
    if not may_withdraw(actor, registration):
        raise PermissionDenied(_("Only the entrant (or the team leader) may withdraw an entry."))
    if registration.status not in Registration.ACTIVE:
        raise ValidationError(
            {
                "status": [
                    _("This entry is %(status)s; there is nothing to withdraw.")
                    % {"status": registration.get_status_display()}
                ]
            }
        )
    if timezone.now() >= registration.contest.registration_closes:
        raise ValidationError(
            {"status": [_("Registration has closed; entries can no longer be withdrawn.")]}
        )
    registration.status = Registration.Status.WITHDRAWN
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    registration.members.update(active=False)
    return registration


def is_chief_judge(user: User, event_id: int) -> bool:
    if not (user and user.is_authenticated):
        return False
    from judging.models import JudgeAssignment

    return JudgeAssignment.objects.filter(event_id=event_id, chief=True, judge__user=user).exists()


@transaction.atomic
def set_completion_seconds(
    *, actor: User, registration: Registration, completion_seconds: int | None
) -> Registration:
    """Record an entry's completion time (a tie-break): host officers or the chief judge."""
    registration = _locked(registration)
    if not (
        manages_union(actor, registration.contest.host_union)
        or is_chief_judge(actor, registration.event_id)
    ):
        raise PermissionDenied(
            _("Only officers of the hosting union or the event's chief judge may do this.")
        )
    if completion_seconds is not None and completion_seconds < 0:
        raise ValidationError({"completion_seconds": [_("A time cannot be negative.")]})
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError(
            {"completion_seconds": [_("Only approved entries have a completion time.")]}
        )
    registration.completion_seconds = completion_seconds
    registration.save(update_fields=["completion_seconds"])
    return registration
