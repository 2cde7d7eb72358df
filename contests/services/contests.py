"""Contests: created and edited by officers of the host union; the status moves along the
allowed steps only (`Contest.STATUS_STEPS`), checked here for every caller."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contests.fields import CONTEST_FIELDS
from contests.models import Contest, ContestSeries, Division
from contests.services.checks import OUTSIDE_SUBTREE, required_text
from contests.signals import contest_changed
from core.access import check, leads_division, manages_contest, manages_union, require
from core.models import User
from unions.models import Union


def check_contest(contest: Contest, errors: dict[str, list[str]]) -> None:
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


def _status_label(status: str) -> str:
    return str(Contest.Status(status).label) if status in Contest.STATUS_ORDER else status


def check_status_step(old: str, new: str, *, publishing: bool = False) -> None:
    """Refuse any status change but the allowed steps (`Contest.STATUS_STEPS`): one step
    forward at a time, and `published` only by publishing the results (`publishing=True`,
    results.services.publish_contest). Staying where it is is no change."""
    if new not in Contest.STATUS_ORDER:
        raise ValidationError({"status": [_("Unknown status.")]})
    if new == old:
        return
    if new == Contest.PUBLISHED_BY_PUBLISHING and not publishing:
        raise ValidationError(
            {
                "status": [
                    _(
                        "A contest becomes published by publishing its results (the results"
                        " page), not by changing its status."
                    )
                ]
            }
        )
    if new not in Contest.STATUS_STEPS.get(old, ()):
        allowed = Contest.STATUS_STEPS.get(old, ())
        raise ValidationError(
            {
                "status": [
                    _(
                        "A contest's status moves one step at a time (draft → open → closed →"
                        " judging → published); from %(old)s it can go only to: %(allowed)s."
                    )
                    % {
                        "old": _status_label(old),
                        "allowed": ", ".join(_status_label(a) for a in allowed) or "—",
                    }
                ]
            }
        )


# Statuses in which results may be published: judging has started (entries can neither
# come nor go any more, contests.services.entries.withdrawal_problem).
PUBLISHABLE = (Contest.Status.JUDGING, Contest.Status.PUBLISHED)


def publishing_problem(contest: Contest, now: dt.datetime | None = None) -> str:
    """Why the contest's results may not be published now, or "": never while its
    registration window is still open, nor before judging has started."""
    now = now or timezone.now()
    if contest.status in (Contest.Status.DRAFT, Contest.Status.OPEN) or (
        now < contest.registration_closes
    ):
        return _(
            "Registration for %(contest)s is still open (until %(when)s); results can be"
            " published only after it closes."
        ) % {
            "contest": contest.name,
            "when": date_format(timezone.localtime(contest.registration_closes), "DATETIME_FORMAT"),
        }
    if contest.status not in PUBLISHABLE:
        return _("%(contest)s: results can be published once judging has started.") % {
            "contest": contest.name
        }
    return ""


def check_initial_status(status: str, errors: dict[str, list[str]]) -> None:
    """A contest is created as a draft or open for registration; the rest comes by steps."""
    if status not in Contest.INITIAL_STATUSES:
        errors["status"] = [
            _("A new contest starts as %(statuses)s.")
            % {"statuses": " / ".join(_status_label(s) for s in Contest.INITIAL_STATUSES)}
        ]


def check_division(contest: Contest, errors: dict[str, list[str]]) -> None:
    """Contests go only into divisions their host union leads (or lies below a lead of)."""
    if contest.division_id is not None and not leads_division(contest.host_union, contest.division):
        errors["division"] = [
            _("%(union)s does not lead this division; its contests cannot go into it.")
            % {"union": contest.host_union.name}
        ]


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
    require(manages_union(actor, host_union), OUTSIDE_SUBTREE)
    errors: dict[str, list[str]] = {}
    contest = Contest(
        series=series,
        division=division,
        host_union=host_union,
        name=required_text(name, "name", errors),
        description=description or "",
        registration_opens=registration_opens,
        registration_closes=registration_closes,
        contest_date=contest_date,
        status=status,
        leaderboard_frozen=leaderboard_frozen,
    )
    if notice_days is not None:
        contest.notice_days = notice_days
    check_initial_status(status, errors)
    check_contest(contest, errors)
    check_division(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    contest_changed.send(sender=Contest, contest_id=contest.pk, event_id=None, series_id=None)
    return contest


def _closing_now(contest: Contest, changes: dict[str, Any]) -> None:
    """Closing registration before its planned end closes the window now, so the window
    says what holds (publishing and the public pages read it)."""
    if changes["status"] != Contest.Status.CLOSED or contest.status != Contest.Status.OPEN:
        return
    now = timezone.now()
    opens = changes.get("registration_opens", contest.registration_opens)
    closes = changes.get("registration_closes", contest.registration_closes)
    if opens < now < closes:
        changes["registration_closes"] = now


@transaction.atomic
def update_contest(*, actor: User, contest: Contest, **changes: Any) -> Contest:
    """Officers of the host union (or above) edit a contest; the status takes allowed steps."""
    contest = Contest.objects.select_for_update().select_related("host_union").get(pk=contest.pk)
    check(manages_contest, actor, contest)
    # The award rules have no form field yet; code may set them through here.
    unknown = set(changes) - {*CONTEST_FIELDS, "awards_config"}
    if unknown:
        raise ValidationError({f: [_("This field cannot be changed.")] for f in sorted(unknown)})
    if "status" in changes:
        check_status_step(contest.status, changes["status"])
        _closing_now(contest, changes)
    if "host_union" in changes:
        require(manages_union(actor, changes["host_union"]), OUTSIDE_SUBTREE)
    if "series" in changes and changes["series"] != contest.series and contest.events.exists():
        raise ValidationError({"series": [_("This contest already has events; it cannot move.")]})
    errors: dict[str, list[str]] = {}
    placed = (contest.division_id, contest.host_union_id)
    for field, value in changes.items():
        if field == "name":
            value = required_text(value, "name", errors)
        setattr(contest, field, value)
    check_contest(contest, errors)
    if (contest.division_id, contest.host_union_id) != placed:
        check_division(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    contest_changed.send(sender=Contest, contest_id=contest.pk, event_id=None, series_id=None)
    return contest
