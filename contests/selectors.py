"""Reads for contests and entries, each cut to what the reader may see.

Series, divisions and (non-draft) contests and their events are public: they are what the
site lists. Drafts are visible only to officers of the host union's subtree. Entries are
personal: officers see those of contests hosted in their subtree or of workers of their
subtree (names masked by the serializer); a worker sees the entries they take part in.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from contests.models import (
    Contest,
    ContestSeries,
    Division,
    Event,
    Registration,
    RegistrationMember,
)
from core.models import User
from core.scope import ALL, officer_path
from unions.models import Region, Union


def series_list() -> QuerySet[ContestSeries]:
    return ContestSeries.objects.prefetch_related(
        Prefetch("organisers", queryset=Union.objects.only("id"))
    )


def division_list() -> QuerySet[Division]:
    return Division.objects.prefetch_related(
        Prefetch("lead_unions", queryset=Union.objects.only("id")),
        Prefetch("regions", queryset=Region.objects.only("id")),
    )


def managed_series(user: User | None) -> QuerySet[ContestSeries]:
    """Series the officer co-organises: one of the organisers lies in their subtree (who
    may edit it, contests.services.update_series)."""
    return ContestSeries.objects.filter(_managed("organised_series", user))


def managed_divisions(user: User | None) -> QuerySet[Division]:
    """Divisions one of whose lead unions lies in the officer's subtree."""
    return Division.objects.filter(_managed("led_divisions", user)).select_related("series")


def _managed(relation: str, user: User | None) -> Q:
    prefix = officer_path(user)
    if prefix is None:
        return Q(pk__in=[])
    unions = Union.objects.filter(**{relation: OuterRef("pk")})
    if prefix != ALL:
        unions = unions.filter(path__startswith=prefix)
    return Q(Exists(unions))


def _visible_contests(user: User | None) -> Q:
    prefix = officer_path(user)
    if prefix == ALL:
        return Q()
    visible = ~Q(status=Contest.Status.DRAFT)
    if prefix is not None:
        visible |= Q(host_union__path__startswith=prefix)
    return visible


def contest_list(*, user: User | None) -> QuerySet[Contest]:
    return Contest.objects.filter(_visible_contests(user)).select_related("host_union")


def event_list(*, user: User | None) -> QuerySet[Event]:
    visible = _visible_contests(user)
    contests = Contest.objects.filter(visible).values("id")
    return (
        Event.objects.filter(contest__in=contests)
        .select_related("contest")
        .prefetch_related(
            Prefetch("eligible_unions", queryset=Union.objects.only("id", "name", "path")),
            Prefetch("eligible_regions", queryset=Region.objects.only("id", "name", "path")),
        )
    )


def open_events() -> QuerySet[Event]:
    """Events of contests open for registration (the public contests page)."""
    return (
        Event.objects.filter(contest__status=Contest.Status.OPEN)
        .select_related("contest__host_union", "contest__series", "contest__division")
        .prefetch_related("eligible_unions", "eligible_regions")
        .order_by("contest__registration_closes", "contest_id", "id")
    )


def registration_list(*, user: User | None) -> QuerySet[Registration]:
    """Entries the user may read: officer scope plus their own as an entrant."""
    qs = Registration.objects.select_related(
        "worker", "team", "achievement", "employer", "contest", "event"
    )
    if not (user and user.is_authenticated):
        return qs.none()
    prefix = officer_path(user)
    if prefix == ALL:
        return qs
    own = Exists(RegistrationMember.objects.filter(registration=OuterRef("pk"), worker__user=user))
    scope = own
    if prefix is not None:
        scope = (
            Q(contest__host_union__path__startswith=prefix)
            | Q(employer__union__path__startswith=prefix)
            | own
        )
    return qs.filter(scope)


def entries_of(*, user: User) -> QuerySet[Registration]:
    """The entries a worker takes part in (the "my entries" page)."""
    return (
        Registration.objects.filter(members__worker__user=user)
        .select_related("event", "contest", "worker", "team__leader", "achievement")
        .distinct()
        .order_by("-created_at")
    )


# The queue's status filter: the statuses of an entry, plus approved-but-disqualified.
DISQUALIFIED = "disqualified"
QUEUE_STATUSES = [*Registration.Status.choices, (DISQUALIFIED, _("disqualified"))]


def registration_queue(
    *,
    user: User,
    contest: Contest | None = None,
    event: Event | None = None,
    status: str = "",
    union: Union | None = None,
    employer=None,
    search: str = "",
) -> QuerySet[Registration]:
    """Entries of the contests an officer runs, oldest first, with their members, filtered.

    `union` takes the union's subtree (the entry's work unit lies in it); `search` matches a
    bib, a team's name, an achievement's title, or the name of a member whose union the
    officer manages (other workers' names are masked to them, so they are not searchable
    either).
    """
    members = RegistrationMember.objects.select_related("worker__employer__union").order_by("id")
    qs = (
        Registration.objects.restrict(user)
        .select_related(
            "event", "contest", "employer__union", "worker__employer__union", "team", "achievement"
        )
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("id")
    )
    if contest is not None:
        qs = qs.filter(contest=contest)
    if event is not None:
        qs = qs.filter(event=event)
    if status == DISQUALIFIED:
        qs = qs.filter(status=Registration.Status.APPROVED, disqualified=True)
    elif status:
        qs = qs.filter(status=status)
    if union is not None:
        qs = qs.filter(employer__union__path__startswith=union.path)
    if employer is not None:
        qs = qs.filter(employer=employer)
    text = (search or "").strip()
    if text:
        named = RegistrationMember.objects.filter(
            registration=OuterRef("pk"), worker__name__icontains=text
        )
        prefix = officer_path(user) or ALL  # None sees no entries at all (restrict)
        if prefix != ALL:
            named = named.filter(worker__employer__union__path__startswith=prefix)
        match = (
            Q(team__name__icontains=text) | Q(achievement__title__icontains=text) | Exists(named)
        )
        if text.isdigit():
            match |= Q(bib=int(text))
        qs = qs.filter(match)
    return qs
