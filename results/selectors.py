"""Reads of the results engine: which snapshot a user may see, and its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from contests.models import Contest, Event, Registration
from core.scope import officer_path
from results.models import AwardSnapshot, DrawLot, ResultRow, ResultSnapshot

#: `ResultRow.decided_by` of tied entries waiting for a draw (results.engine writes it).
NEEDS_DRAW = "needs_draw"


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


def full_name_test(user) -> Callable[[str | None], bool]:
    """Whether the user may see the full name of an entrant whose work unit's union has this
    path: personal data, so officers see it for their own union subtree only (a superuser
    for every union); everyone else gets the masked name."""
    prefix = officer_path(user)
    if prefix is None:
        return lambda path: False
    return lambda path: bool(path) and path.startswith(prefix)


def tie_columns(event_id: int, registration_ids: Iterable[int]) -> dict[int, tuple]:
    """(completion time in seconds, drawn lot) of these entries of the event: what besides
    the criteria can decide a tie (the snapshot's rows record the criteria and which one
    decided, not the time or the lot)."""
    ids = list(registration_ids)
    lots = dict(
        DrawLot.objects.filter(event_id=event_id, registration_id__in=ids).values_list(
            "registration_id", "lot"
        )
    )
    times = Registration.objects.filter(event_id=event_id, pk__in=ids).values_list(
        "pk", "completion_seconds"
    )
    return {pk: (seconds, lots.get(pk)) for pk, seconds in times}


def awaiting_draw(snapshot: ResultSnapshot) -> dict[int, list[ResultRow]]:
    """The tied entries a draw must separate (rows flagged `needs_draw`), by shared rank."""
    groups: dict[int, list[ResultRow]] = {}
    for row in result_rows(snapshot).filter(decided_by=NEEDS_DRAW):
        groups.setdefault(row.rank, []).append(row)
    return groups


def events_state(contest: Contest) -> list[dict]:
    """Each event of the contest with its current and its public snapshot (either may be
    None): what computing and publishing the contest will work on."""
    snapshots: dict[tuple[int, str], ResultSnapshot] = {}
    for snapshot in ResultSnapshot.objects.filter(event__contest=contest).filter(
        Q(is_current=True) | Q(is_public=True)
    ):
        if snapshot.is_current:
            snapshots[snapshot.event_id, "current"] = snapshot
        if snapshot.is_public:
            snapshots[snapshot.event_id, "public"] = snapshot
    return [
        {
            "event": event,
            "current": snapshots.get((event.pk, "current")),
            "public": snapshots.get((event.pk, "public")),
        }
        for event in contest.events.order_by("id")
    ]
