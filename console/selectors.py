"""Reads of the console's own pages: each contest's stage and what needs doing next on it.

A contest's stage is not stored anywhere: it follows from the contest's status, its events'
result snapshots (results.models) and open objections (public.models). The status covers the
first two stages (draft, registration open); after that each event is judging, computed
(complete results not yet published), in public notice or final, and the contest is at the
stage of its least advanced event (events without entries do not hold it back).

Unmarked entries and divergent marks are read from the event's current snapshot, which the
results engine recomputes after every change of marks (results.scheduling); an event with
approved entries and no snapshot yet has all of them unmarked.

`dashboard(user)` reads every contest of the officer's subtree in three queries, however
many contests and events there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Event, Registration
from core.models import User
from judging.models import Criterion, JudgeAssignment
from public.models import Objection
from public.selectors import NOTICE, notice_state
from results.models import ResultSnapshot

DRAFT, OPEN, JUDGING, COMPUTED, IN_NOTICE, FINAL = (
    "draft",
    "open",
    "judging",
    "computed",
    "notice",
    "final",
)
STAGES = (
    (DRAFT, pgettext_lazy("contest stage", "Draft")),
    (OPEN, _("Registration open")),
    (JUDGING, _("Being judged")),
    (COMPUTED, _("Computed, not published")),
    (IN_NOTICE, _("In public notice")),
    (FINAL, pgettext_lazy("contest stage", "Final")),
)
_ORDER = [code for code, _label in STAGES]

# What needs doing, each with the page that resolves it (console.views.dashboard links them).
NO_EVENTS, OPEN_REGISTRATION, NO_SCHEME = "no_events", "open_registration", "no_scheme"
PENDING, UNMARKED, DIVERGENT = "pending", "unmarked", "divergent"
DRAW, TO_PUBLISH = "draw", "to_publish"
OBJECTIONS, NOTICE_ENDS = "objections", "notice_ends"


@dataclass
class Todo:
    kind: str
    count: int | None = None
    event: Event | None = None
    date: dt.datetime | None = None
    url: str | None = None  # set by the view


@dataclass
class ContestStage:
    contest: Contest
    stage: str
    pending: int = 0
    open_objections: int = 0
    notice_ends: dt.datetime | None = None
    todos: list[Todo] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def count_of(queryset: QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `outer` field is the outer row's pk:
    counts of several relations on one row without multiplying joins."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def marked_entries() -> QuerySet[Registration]:
    """The entries judges mark: approved, with a bib, not disqualified."""
    return Registration.objects.filter(
        status=Registration.Status.APPROVED, bib__isnull=False, disqualified=False
    )


def _open_objections() -> QuerySet[Objection]:
    return Objection.objects.filter(status=Objection.Status.OPEN)


def _pending() -> QuerySet[Registration]:
    return Registration.objects.filter(status=Registration.Status.PENDING)


def with_counts(contests: QuerySet[Contest]) -> QuerySet[Contest]:
    """Contests, each with its pending entries and open objections counted."""
    return contests.select_related("host_union", "series", "division").annotate(
        pending=count_of(_pending(), "contest"),
        open_objections=count_of(_open_objections(), "event__contest"),
    )


def events_with_counts(contests: QuerySet[Contest] | list[int]) -> QuerySet[Event]:
    """Events of these contests with their entries, judges, scheme and objections counted."""
    return (
        Event.objects.filter(contest__in=contests)
        .annotate(
            entries=count_of(marked_entries(), "event"),
            pending=count_of(_pending(), "event"),
            judges=count_of(JudgeAssignment.objects.all(), "event"),
            open_objections=count_of(_open_objections(), "event"),
            has_scheme=Exists(Criterion.objects.filter(event=OuterRef("pk"))),
        )
        .order_by("contest_id", "id")
    )


def _snapshots(event_ids: list[int]) -> dict[int, dict[str, ResultSnapshot]]:
    """Each event's current and public snapshot (the same one once it is published)."""
    found: dict[int, dict[str, ResultSnapshot]] = {}
    rows = ResultSnapshot.objects.filter(
        Q(is_current=True) | Q(is_public=True), event_id__in=event_ids
    )
    for snap in rows.defer("fingerprint"):
        slot = found.setdefault(snap.event_id, {})
        if snap.is_current:
            slot["current"] = snap
        if snap.is_public:
            slot["public"] = snap
    return found


def event_stage(
    event: Event, snapshots: dict[str, ResultSnapshot], notice_days: int, now: dt.datetime
) -> tuple[str, dt.datetime | None]:
    """An event's stage after registration, and when its notice period ends (if public)."""
    current, public = snapshots.get("current"), snapshots.get("public")
    if public is not None and (current is None or current.pk == public.pk):
        state = notice_state(public.published_at, notice_days, event.open_objections, now)
        return (IN_NOTICE if state["state"] == NOTICE else FINAL), state["ends"]
    if current is not None and current.complete:
        return COMPUTED, None
    return JUDGING, None


def _event_todos(event: Event, stage: str, current: ResultSnapshot | None) -> list[Todo]:
    todos = []
    if not event.has_scheme:
        todos.append(Todo(NO_SCHEME, event=event))
    elif stage == JUDGING and event.entries:
        stats = (current.stats or {}) if current is not None else {}
        unmarked = stats.get("incomplete", 0) if current is not None else event.entries
        if unmarked:
            todos.append(Todo(UNMARKED, count=unmarked, event=event))
        if stats.get("divergent"):
            todos.append(Todo(DIVERGENT, count=stats["divergent"], event=event))
        if stats.get("needs_draw"):
            todos.append(Todo(DRAW, count=stats["needs_draw"], event=event))
    if stage == COMPUTED:
        todos.append(Todo(TO_PUBLISH, event=event))
    return todos


def stage_of(
    contest: Contest,
    events: list[Event],
    snapshots: dict[int, dict[str, ResultSnapshot]],
    now: dt.datetime | None = None,
) -> ContestStage:
    """The contest's stage and to-do list, from its events (annotated by
    `events_with_counts`) and their snapshots."""
    now = now or timezone.now()
    item = ContestStage(
        contest=contest,
        stage=DRAFT,
        pending=getattr(contest, "pending", 0),
        open_objections=getattr(contest, "open_objections", 0),
    )
    if not events:
        item.todos.append(Todo(NO_EVENTS))
    if item.pending:
        item.todos.append(Todo(PENDING, count=item.pending))
    if contest.status in (Contest.Status.DRAFT, Contest.Status.OPEN):
        item.stage = contest.status
        if contest.status == Contest.Status.DRAFT and events:
            item.todos.append(Todo(OPEN_REGISTRATION))
        item.todos += [Todo(NO_SCHEME, event=e) for e in events if not e.has_scheme]
        return item
    stages = []
    for event in events:
        snaps = snapshots.get(event.pk, {})
        stage, ends = event_stage(event, snaps, contest.notice_days, now)
        item.todos += _event_todos(event, stage, snaps.get("current"))
        if stage == IN_NOTICE and ends and (item.notice_ends is None or ends > item.notice_ends):
            item.notice_ends = ends
        if event.entries or snaps:
            stages.append(stage)
    item.stage = min(stages, key=_ORDER.index) if stages else JUDGING
    if item.open_objections:
        item.todos.append(Todo(OBJECTIONS, count=item.open_objections))
    if item.stage == IN_NOTICE and item.notice_ends:
        item.todos.append(Todo(NOTICE_ENDS, date=item.notice_ends))
    return item


def dashboard(user: User, now: dt.datetime | None = None) -> list[tuple[str, str, list]]:
    """The officer's contests grouped by stage, in stage order: (code, label, items)."""
    contests = list(
        with_counts(Contest.objects.restrict(user)).order_by("-registration_opens", "-id")
    )
    events: dict[int, list[Event]] = {c.pk: [] for c in contests}
    for event in events_with_counts([c.pk for c in contests]):
        events[event.contest_id].append(event)
    snapshots = _snapshots([e.pk for group in events.values() for e in group])
    groups: dict[str, list[ContestStage]] = {code: [] for code in _ORDER}
    for contest in contests:
        item = stage_of(contest, events[contest.pk], snapshots, now)
        groups[item.stage].append(item)
    return [(code, label, groups[code]) for code, label in STAGES]


def contest_stage(contest: Contest, now: dt.datetime | None = None) -> ContestStage:
    """One contest's stage and to-dos (the contest page), its counted events included."""
    counted = with_counts(Contest.objects.filter(pk=contest.pk)).get()
    events = list(events_with_counts([contest.pk]))
    item = stage_of(counted, events, _snapshots([e.pk for e in events]), now)
    item.events = events
    return item
