"""Reads for a contest's audit page: who changed what, old and new, and why, newest first.

Each app records its own changes (judging.MarkLog for every mark written, submitted,
unlocked or confirmed; penalties and draws with who recorded them; result snapshots with who
published them and the reason for an override; objections with their answers; entries with
their decision). This module reads them as one list: one UNION query of (kind, time, id)
ordered by time and cut to the page, then each kind's rows of that page loaded in one query.
Disqualifications carry no time today, so they come last.

Names: judges and officers are named (they are the officer's colleagues); an entrant is
named only to officers of the entrant's work unit's union subtree, everyone else sees the
bib (core.access.manages_union).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import CharField, DateTimeField, F, QuerySet, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Registration, RegistrationLog
from core.access import manages_union
from core.models import User
from judging.models import MarkLog, Penalty
from public.models import Objection
from results.models import AwardSnapshot, DrawLot, ResultSnapshot

PAGE_SIZE = 25


@dataclass
class AuditEntry:
    kind: str
    at: dt.datetime | None
    actor: str
    action: str
    event: str = ""
    entry: str = ""
    old: str = ""
    new: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Source:
    """One kind of recorded change: its rows for a contest, when each happened, and how a
    page's rows are loaded and shown."""

    kind: str
    label: str
    rows: Callable[[Contest], QuerySet]
    time: str
    load: Callable[[QuerySet], QuerySet]
    show: Callable[[object, User], AuditEntry]


def _person(user: User | None) -> str:
    """A judge by the name on their judge record, anyone else by their account's name."""
    if user is None:
        return "—"
    judge = getattr(user, "judge", None)
    if judge is not None:
        return judge.name
    return user.get_full_name() or user.username


def entrant(registration: Registration, viewer: User) -> str:
    """The bib (or the entry's number before it has one), and the entrant's name for an
    officer of the entrant's work unit's union subtree."""
    label = f"#{registration.bib}" if registration.bib else f"({registration.pk})"
    if registration.team_id is not None:
        return f"{label} {registration.team.name}"
    if registration.achievement_id is not None:
        return f"{label} {registration.achievement.title}"
    if registration.worker_id is not None and manages_union(viewer, registration.employer.union):
        return f"{label} {registration.worker.name}"
    return label


_ENTRY = ("registration__team", "registration__achievement", "registration__worker")
_ENTRY_UNION = "registration__employer__union"


def _number(value) -> str:
    return "" if value is None else str(value)


def _mark(log: MarkLog, viewer: User) -> AuditEntry:
    what = log.get_action_display()
    if log.judge is not None and log.judge.user_id != log.actor_id:
        what = f"{what} · {log.judge.name}"  # whose mark, when someone else acted on it
    # Submitting, confirming and unlocking keep the value: it is shown once, as the new one.
    changed = log.action in (MarkLog.Action.CREATE, MarkLog.Action.CHANGE)
    return AuditEntry(
        kind="mark",
        at=log.at,
        actor=_person(log.actor),
        action=f"{what} · {log.criterion_code}" if log.criterion_code else what,
        event=log.event.name,
        entry=entrant(log.registration, viewer),
        old=_number(log.old_value) if changed else "",
        new=_number(log.new_value),
        reason=log.reason,
    )


def _marks(actions: tuple[str, ...]) -> Callable[[Contest], QuerySet]:
    return lambda contest: MarkLog.objects.filter(event__contest=contest, action__in=actions)


def _load_marks(qs: QuerySet) -> QuerySet:
    return qs.select_related(
        "event", "judge", "actor__judge", "registration__employer__union", *_ENTRY
    )


def _publication(snapshot: ResultSnapshot, viewer: User) -> AuditEntry:
    if snapshot.override_reason:
        action = _("Results published by override (version %(n)d)")
    else:
        action = _("Results published (version %(n)d)")
    return AuditEntry(
        kind="override" if snapshot.override_reason else "publication",
        at=snapshot.published_at,
        actor=_person(snapshot.published_by),
        action=action % {"n": snapshot.version},
        event=snapshot.event.name,
        reason=snapshot.override_reason,
    )


def _awards(snapshot: AwardSnapshot, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="publication",
        at=snapshot.published_at,
        actor="—",
        action=_("Contest awards published (version %(n)d)") % {"n": snapshot.version},
    )


def _penalty(penalty: Penalty, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="penalty",
        at=penalty.at,
        actor=_person(penalty.recorded_by),
        action=_("Penalty recorded"),
        event=penalty.registration.event.name,
        entry=entrant(penalty.registration, viewer),
        new=f"−{penalty.marks}",
        reason=penalty.reason,
    )


def _draw(lot: DrawLot, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="draw",
        at=lot.at,
        actor=_person(lot.recorded_by),
        action=_("Draw recorded"),
        event=lot.event.name,
        entry=entrant(lot.registration, viewer),
        new=str(lot.lot),
    )


def _decision(registration: Registration, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="registration",
        at=registration.decided_at,
        # Who decided is not recorded on the entry; a withdrawal is the entrant's own.
        actor="—",
        action=_("Entry %(status)s") % {"status": registration.get_status_display()},
        event=registration.event.name,
        entry=entrant(registration, viewer),
        new=registration.get_status_display(),
        reason=registration.reject_reason,
    )


# The log also records completion times (shown on the entry's page), not disqualifications.
_DISQUALIFICATION_ACTIONS = (RegistrationLog.Action.DISQUALIFY, RegistrationLog.Action.REINSTATE)


def _disqualified(log: RegistrationLog, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="disqualification",
        at=log.at,
        actor=_person(log.actor),
        action=_("Entry %(action)s") % {"action": log.get_action_display()},
        event=log.registration.event.name,
        entry=entrant(log.registration, viewer),
        reason=log.reason,
    )


def _objection(objection: Objection, viewer: User) -> AuditEntry:
    return AuditEntry(
        kind="objection",
        at=objection.answered_at,
        actor=_person(objection.answered_by),
        action=_("Objection %(status)s") % {"status": objection.get_status_display()},
        event=objection.event.name,
        entry=entrant(objection.registration, viewer),
        new=objection.get_status_display(),
        reason=objection.answer,
    )


def _entries(qs: QuerySet) -> QuerySet:
    return qs.select_related("event", "employer__union", "team", "achievement", "worker")


_published = dict(published_at__isnull=False)
SOURCES: tuple[Source, ...] = (
    Source(
        "mark",
        _("Marks"),
        _marks((MarkLog.Action.CREATE, MarkLog.Action.CHANGE)),
        "at",
        _load_marks,
        _mark,
    ),
    Source(
        "submission",
        _("Submissions and confirmations"),
        _marks((MarkLog.Action.LOCK, MarkLog.Action.CONFIRM)),
        "at",
        _load_marks,
        _mark,
    ),
    Source("unlock", _("Unlocks"), _marks((MarkLog.Action.UNLOCK,)), "at", _load_marks, _mark),
    Source(
        "publication",
        _("Publications"),
        lambda c: ResultSnapshot.objects.filter(event__contest=c, override_reason="", **_published),
        "published_at",
        lambda qs: qs.select_related("event", "published_by__judge"),
        _publication,
    ),
    Source(
        "override",
        _("Publication overrides"),
        lambda c: ResultSnapshot.objects.filter(event__contest=c, **_published).exclude(
            override_reason=""
        ),
        "published_at",
        lambda qs: qs.select_related("event", "published_by__judge"),
        _publication,
    ),
    Source(
        "awards",
        _("Award publications"),
        lambda c: AwardSnapshot.objects.filter(contest=c, **_published),
        "published_at",
        lambda qs: qs,
        _awards,
    ),
    Source(
        "penalty",
        _("Penalties"),
        lambda c: Penalty.objects.filter(registration__contest=c),
        "at",
        lambda qs: qs.select_related(
            "recorded_by__judge", "registration__event", _ENTRY_UNION, *_ENTRY
        ),
        _penalty,
    ),
    Source(
        "draw",
        pgettext_lazy("audit kind", "Draws"),
        lambda c: DrawLot.objects.filter(event__contest=c),
        "at",
        lambda qs: qs.select_related("event", "recorded_by__judge", _ENTRY_UNION, *_ENTRY),
        _draw,
    ),
    Source(
        "registration",
        _("Entry decisions"),
        lambda c: Registration.objects.filter(contest=c, decided_at__isnull=False),
        "decided_at",
        _entries,
        _decision,
    ),
    Source(
        "objection",
        _("Objection answers"),
        lambda c: Objection.objects.filter(event__contest=c, answered_at__isnull=False),
        "answered_at",
        lambda qs: qs.select_related("event", "answered_by__judge", _ENTRY_UNION, *_ENTRY),
        _objection,
    ),
    Source(
        "disqualification",
        _("Disqualifications"),
        lambda c: RegistrationLog.objects.filter(
            registration__contest=c, action__in=_DISQUALIFICATION_ACTIONS
        ),
        "at",
        lambda qs: qs.select_related("actor__judge", "registration__event", _ENTRY_UNION, *_ENTRY),
        _disqualified,
    ),
)
KINDS = [(s.kind, s.label) for s in SOURCES]
_BY_KIND = {s.kind: s for s in SOURCES}
# Submitting and confirming write one row per mark, thousands per event: they are listed
# when asked for, not among all changes, where they would bury the rest.
_ALL = [s for s in SOURCES if s.kind != "submission"]


def _keys(source: Source, contest: Contest) -> QuerySet:
    """(kind, time, id) of the source's rows: the columns every source shares."""
    time = F(source.time) if source.time else Value(None, output_field=DateTimeField())
    return (
        source.rows(contest)
        .order_by()
        .annotate(a_kind=Value(source.kind, output_field=CharField()), a_at=time, a_id=F("pk"))
        .values_list("a_kind", "a_at", "a_id")
    )


def audit_page(contest: Contest, viewer: User, *, kind: str = "", page: int | str = 1) -> Page:
    """One page of the contest's audit trail (one kind, or all but submissions), newest
    first; the page's `object_list` holds AuditEntry rows."""
    sources = [_BY_KIND[kind]] if kind in _BY_KIND else _ALL
    keys = _keys(sources[0], contest)
    if len(sources) > 1:
        keys = keys.union(*(_keys(s, contest) for s in sources[1:]), all=True)
    keys = keys.order_by(F("a_at").desc(nulls_last=True), "-a_kind", "-a_id")
    result = Paginator(keys, PAGE_SIZE).get_page(page)
    wanted: dict[str, list[int]] = {}
    for source_kind, _at, pk in result.object_list:
        wanted.setdefault(source_kind, []).append(pk)
    loaded = {
        (k, obj.pk): obj
        for k, ids in wanted.items()
        for obj in _BY_KIND[k].load(_BY_KIND[k].rows(contest).filter(pk__in=ids))
    }
    result.object_list = [
        _BY_KIND[k].show(loaded[(k, pk)], viewer)
        for k, _at, pk in result.object_list
        if (k, pk) in loaded
    ]
    return result
