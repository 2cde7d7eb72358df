"""Who may enter an event, and when: the eligibility rules in one place.

An event admits workers by union (and those below), region, kind of work unit, skill grade
and age on the contest day; a group entry (team or achievement) needs members of one work
unit who are each eligible, a team within the event's sizes; and each work unit has at most
the event's quota of active entries. `contests.services.register` applies these rules to
every entry; the entry page shows the same reasons before a worker tries.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contests.models import Contest, Event, Registration
from core.validators import age_on, mask_name
from unions.models import Employer
from workers.models import SkillGrade, Worker


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

    def group_problems(self, members: list[Worker], employer: Employer, *, team: bool) -> list[str]:
        """Every reason these members may not enter together for the work unit `employer`
        (a team when `team`, else an achievement's authors)."""
        event = self.event
        problems: list[str] = []
        if not members:
            problems.append(_("An entry needs at least one member."))
        if team:
            size = len(members)
            if event.min_team_size is not None and size < event.min_team_size:
                problems.append(
                    _("A team needs at least %(n)d members (this one has %(size)d).")
                    % {"n": event.min_team_size, "size": size}
                )
            if event.max_team_size is not None and size > event.max_team_size:
                problems.append(
                    _("A team has at most %(n)d members (this one has %(size)d).")
                    % {"n": event.max_team_size, "size": size}
                )
        strangers = [m for m in members if m.employer_id != employer.pk]
        if strangers:
            problems.append(
                _("Members must work for the entry's work unit %(employer)s (not: %(names)s).")
                % {
                    "employer": employer.name,
                    "names": "、".join(mask_name(m.name) for m in strangers),
                }
            )
        for member in members:
            for reason in self.worker_problems(member, employer=member.employer):
                problems.append(
                    _("Member %(name)s is not eligible: %(reason)s")
                    % {"name": mask_name(member.name), "reason": reason}
                )
        return problems

    def quota_problem(self, employer: Employer) -> str | None:
        """Why the work unit may enter no more entries (its quota is full), or None.

        Read it while holding the quota lock of (event, work unit), see `register`: the count
        and the insert that follows must not interleave with another entry's.
        """
        quota = self.event.quota_per_employer
        if quota is None:
            return None
        used = Registration.objects.filter(
            event=self.event, employer=employer, status__in=Registration.ACTIVE
        ).count()
        if used < quota:
            return None
        return _("The quota of %(employer)s for this event is full (%(n)d entries).") % {
            "employer": employer.name,
            "n": quota,
        }


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
