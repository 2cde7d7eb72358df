"""Reads of the results engine: which snapshot a user may see, and its rows."""

from __future__ import annotations

from django.db.models import QuerySet

from contests.models import Contest, Event
from results.models import AwardSnapshot, ResultRow, ResultSnapshot


def result_snapshot(event: Event, *, provisional: bool) -> ResultSnapshot | None:
    """The published snapshot, or (provisional, officers) the current one."""
    flag = {"is_current": True} if provisional else {"is_public": True}
    return ResultSnapshot.objects.filter(event=event, **flag).first()


def result_rows(snapshot: ResultSnapshot | None) -> QuerySet[ResultRow]:
    """Ranked entries by rank, incomplete ones last: the snapshot's `position` order."""
    if snapshot is None:
        return ResultRow.objects.none()
    return ResultRow.objects.filter(snapshot=snapshot).order_by("position")


def award_snapshot(contest: Contest, *, provisional: bool) -> AwardSnapshot | None:
    flag = {"is_current": True} if provisional else {"is_public": True}
    return AwardSnapshot.objects.filter(contest=contest, **flag).first()
