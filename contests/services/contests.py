"""Contests: created and edited by officers of the host union; the status only moves forward."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.fields import CONTEST_FIELDS
from contests.models import Contest, ContestSeries, Division
from contests.services.checks import OUTSIDE_SUBTREE, required_text
from contests.signals import contest_changed
from core.access import check, manages_contest, manages_union, require
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


def check_status_step(old: str, new: str) -> None:
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
    if status not in Contest.STATUS_ORDER:
        errors["status"] = [_("Unknown status.")]
    check_contest(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    contest_changed.send(sender=Contest, contest_id=contest.pk, event_id=None, series_id=None)
    return contest


@transaction.atomic
def update_contest(*, actor: User, contest: Contest, **changes: Any) -> Contest:
    """Officers of the host union (or above) edit a contest; the status only moves forward."""
    contest = Contest.objects.select_for_update().select_related("host_union").get(pk=contest.pk)
    check(manages_contest, actor, contest)
    # The award rules have no form field yet; code may set them through here.
    unknown = set(changes) - {*CONTEST_FIELDS, "awards_config"}
    if unknown:
        raise ValidationError({f: [_("This field cannot be changed.")] for f in sorted(unknown)})
    if "status" in changes:
        check_status_step(contest.status, changes["status"])
    if "host_union" in changes:
        require(manages_union(actor, changes["host_union"]), OUTSIDE_SUBTREE)
    if "series" in changes and changes["series"] != contest.series and contest.events.exists():
        raise ValidationError({"series": [_("This contest already has events; it cannot move.")]})
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        if field == "name":
            value = required_text(value, "name", errors)
        setattr(contest, field, value)
    check_contest(contest, errors)
    if errors:
        raise ValidationError(errors)
    contest.save()
    contest_changed.send(sender=Contest, contest_id=contest.pk, event_id=None, series_id=None)
    return contest
