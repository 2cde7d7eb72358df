"""Reads for the public site. Only published (is_public) snapshots ever leave here.

Leaderboard rows are read with `values()` of public columns only (masked name, never the
full name), one indexed range scan on (snapshot, position) per page.
"""

import datetime as dt
import math
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from contests.models import Contest, ContestSeries, Event, Registration, RegistrationMember
from core.formatting import duration
from judging.models import Criterion
from public import cache
from public.models import Objection
from results.models import AwardRow, AwardSnapshot, ResultRow, ResultSnapshot
from results.reasons import reason_text
from results.selectors import NEEDS_DRAW, tie_columns
from scoring.records import DECIDED_DRAW, DECIDED_TOTAL, TIME
from unions import names
from unions.models import Employer, Region, Union

PAGE_SIZE = 50
PRIZE_LIMIT = 100
PUBLIC_ROW_FIELDS = (
    "position",
    "rank",
    "bib",
    "masked_name",
    "employer_name",
    "employer_kind",
    "region_name",
    "total",
    "tier",
    "complete",
)
PUBLIC_AWARD_FIELDS = (
    "id",
    "kind",
    "rank",
    "masked_name",
    "employer_name",
    "employer_id",
    "score",
    "reason",
)
# What a leaderboard page reads besides the public columns to say what decided a tie;
# `explain_ties` turns them into one public `tie_break` cell and drops them.
TIE_FIELDS = ("decided_by", "criteria", "registration_id")
PROVISIONAL, NOTICE, FINAL = "provisional", "notice", "final"
VISIBLE = [s for s in Contest.STATUS_ORDER if s != Contest.Status.DRAFT]
FILTER_KEYS = ("region", "union", "employer_kind", "tier", "q")


def event_meta(event_id: int) -> dict[str, Any] | None:
    """What every leaderboard request needs before its rows, from the cache in one round trip
    (event, published snapshot, open objections); rebuilt when the event's version moves."""

    def build():
        event = (
            Event.objects.select_related("contest")
            .filter(pk=event_id, contest__status__in=VISIBLE)
            .first()
        )
        if event is None:
            return {"missing": True}
        snap = public_snapshot(event_id)
        return {
            "id": event.pk,
            "name": event.name,
            "contest_id": event.contest_id,
            "notice_days": event.contest.notice_days,
            "open_objections": Objection.objects.filter(
                event_id=event_id, status=Objection.Status.OPEN
            ).count(),
            "snapshot": None
            if snap is None
            else {
                "id": snap.pk,
                "version": snap.version,
                "published_at": snap.published_at,
                "entries": snap.entries,
            },
        }

    meta = cache.data(f"event-meta:{event_id}", build, ("e", event_id), ttl=cache.PAGE_TTL)
    return None if meta.get("missing") else meta


def meta_notice(meta: dict[str, Any]) -> dict[str, Any]:
    snap = meta["snapshot"]
    return notice_state(
        snap["published_at"] if snap else None, meta["notice_days"], meta["open_objections"]
    )


def public_snapshot(event_id: int) -> ResultSnapshot | None:
    return (
        ResultSnapshot.objects.filter(event_id=event_id, is_public=True, published_at__isnull=False)
        .only("id", "event_id", "entries", "ranked", "published_at", "version")
        .first()
    )


def public_awards(contest_id: int) -> AwardSnapshot | None:
    return AwardSnapshot.objects.filter(
        contest_id=contest_id, is_public=True, published_at__isnull=False
    ).first()


def notice_state(
    published_at: dt.datetime | None, notice_days: int, open_objections: int = 0, now=None
) -> dict[str, Any]:
    """公示: published results are in notice for N days, and stay so while objections are open."""
    if published_at is None:
        return {"state": PROVISIONAL, "ends": None, "open_objections": open_objections}
    ends = published_at + dt.timedelta(days=notice_days)
    now = now or timezone.now()
    state = NOTICE if (now < ends or open_objections) else FINAL
    return {"state": state, "ends": ends, "open_objections": open_objections}


def event_notice(event: Event, snapshot: ResultSnapshot | None) -> dict[str, Any]:
    open_count = Objection.objects.filter(event=event, status=Objection.Status.OPEN).count()
    return notice_state(
        snapshot.published_at if snapshot else None, event.contest.notice_days, open_count
    )


def contest_notice(contest: Contest) -> dict[str, Any]:
    """The contest's state: final only when every event's published results are final."""
    published = list(
        ResultSnapshot.objects.filter(
            event__contest=contest, is_public=True, published_at__isnull=False
        ).values_list("published_at", flat=True)
    )
    open_count = Objection.objects.filter(
        event__contest=contest, status=Objection.Status.OPEN
    ).count()
    return notice_state(max(published) if published else None, contest.notice_days, open_count)


def contest_counts(contest_id: int) -> dict[str, Any]:
    """Units, workers, entries and awards of a contest (approved entries only).

    An entry is one registration: a worker in an individual event, a team in a team event,
    an achievement; so `entries` = individual + team + achievement entries (`entries_by_kind`).
    Workers are the distinct people taking part, team members included: a contest with team
    events has more workers than entries, and the report words both so they agree.
    """
    entries = Registration.objects.filter(
        contest_id=contest_id, status=Registration.Status.APPROVED
    )
    workers = (
        RegistrationMember.objects.filter(
            registration__contest_id=contest_id,
            registration__status=Registration.Status.APPROVED,
            active=True,
        )
        .values("worker_id")
        .distinct()
        .count()
    )
    by_kind = dict(entries.values_list("event__kind").annotate(n=Count("id")).order_by())
    public = ResultSnapshot.objects.filter(
        event__contest_id=contest_id, is_public=True
    ).values_list("pk", flat=True)
    awards = AwardRow.objects.filter(
        snapshot__contest_id=contest_id, snapshot__is_public=True
    ).count() + sum(tiered_rows(pk).count() for pk in public)
    return {
        "units": entries.values("employer_id").distinct().count(),
        "workers": workers,
        "entries": sum(by_kind.values()),
        "entries_by_kind": {k.value: by_kind.get(k.value, 0) for k in Event.Kind},
        "awards": awards,
    }


def home_data() -> list[dict[str, Any]]:
    """Series with their public contests (not drafts) and counts; cached by the site version."""

    def build():
        out = []
        contests = (
            Contest.objects.exclude(status=Contest.Status.DRAFT)
            .select_related("division", "host_union")
            .order_by("series_id", "id")
        )
        by_series: dict[int, list] = {}
        for c in contests:
            by_series.setdefault(c.series_id, []).append(
                {
                    "id": c.pk,
                    "name": c.name,
                    "status": c.status,
                    "host_union": c.host_union.name,
                    "division": c.division.name if c.division else "",
                    "counts": contest_counts(c.pk),
                }
            )
        for s in ContestSeries.objects.filter(pk__in=by_series):
            out.append({"id": s.pk, "name": s.name, "year": s.year, "contests": by_series[s.pk]})
        return out

    return cache.data("home", build, cache.SITE)


def rows_for(snapshot_id: int):
    return ResultRow.objects.filter(snapshot_id=snapshot_id)


def leaderboard_page(
    qs,
    *,
    filtered: bool,
    page: int = 1,
    after: int | None = None,
    before: int | None = None,
    size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """One page by keyset on `position` (an index range scan at any depth).

    Positions run 1..n without gaps, so an unfiltered page number maps straight to a position
    range; filtered pages move with after/before (the last/first position shown).
    """
    if before is not None:
        rows = list(
            qs.filter(position__lt=before)
            .order_by("-position")
            .values(*PUBLIC_ROW_FIELDS, *TIE_FIELDS)[: size + 1]
        )
        has_prev = len(rows) > size
        rows = rows[:size][::-1]
        has_next = True
    else:
        if after is None:
            after = (page - 1) * size if not filtered else 0
        rows = list(
            qs.filter(position__gt=after)
            .order_by("position")
            .values(*PUBLIC_ROW_FIELDS, *TIE_FIELDS)[: size + 1]
        )
        has_next = len(rows) > size
        rows = rows[:size]
        has_prev = after > 0
    return {
        "rows": rows,
        "has_next": has_next,
        "has_prev": has_prev and bool(rows),
        "first": rows[0]["position"] if rows else None,
        "last": rows[-1]["position"] if rows else None,
    }


def explain_ties(event_id: int, rows: list[dict[str, Any]]) -> bool:
    """Give each leaderboard row its `tie_break` cell: on rows tied on total with a
    neighbour, the value that decided the place (the scheme's tie-break criterion with the
    row's score on it, the completion time, the drawn lot) or that the place is shared;
    blank where the total alone decided. Drops the TIE_FIELDS read for it (the engine's
    `decided_by`, the criteria scores, the entry). True when any row is tied on total."""
    shown = Counter(row["total"] for row in rows)
    tied = []
    for row in rows:
        decided = row.pop("decided_by", "") or ""
        criteria = row.pop("criteria", None) or {}
        registration_id = row.pop("registration_id", None)
        row["tie_break"] = ""
        if row["total"] is None or decided == DECIDED_TOTAL:
            continue
        # a tie-break item decided it (its rival may be on the next page), or it shares
        # its place with a row shown here
        if decided or shown[row["total"]] > 1:
            tied.append((row, decided, criteria, registration_id))
    if not tied:
        return False
    names = dict(Criterion.objects.filter(event_id=event_id).values_list("code", "name"))
    extra = tie_columns(event_id, [t[3] for t in tied])
    for row, decided, criteria, registration_id in tied:
        seconds, lot = extra.get(registration_id, (None, None))
        if decided in criteria:
            text = f"{names.get(decided, decided)} {criteria[decided]}"
        elif decided == TIME:
            text = _("completion time %(time)s") % {"time": duration(seconds, empty="—")}
        elif decided == DECIDED_DRAW:
            text = _("draw: lot %(lot)s") % {"lot": lot}
        elif decided == NEEDS_DRAW:
            text = _("shared, draw pending")
        else:
            text = _("shared place")
        row["tie_break"] = text
    return True


def distribution(snapshot_id: int, bins: int = 10) -> list[dict[str, Any]]:
    """Histogram of totals; a snapshot's rows never change, so it is cached by snapshot id."""

    def build():
        qs = rows_for(snapshot_id).filter(total__isnull=False)
        bounds = qs.aggregate(lo=Min("total"), hi=Max("total"))
        lo, hi = bounds["lo"], bounds["hi"]
        if lo is None:
            return []
        # Whole-mark bounds around the totals: the last bin ends at the best total (100 for
        # a perfect score, never 101) and holds it (the last bin is closed).
        lo, hi = Decimal(math.floor(lo)), Decimal(math.ceil(hi))
        if hi <= lo:
            hi = lo + 1
        width = max((hi - lo) / bins, Decimal("0.01"))
        edges = [lo + width * i for i in range(bins + 1)]
        agg = {
            f"b{i}": Count(
                "id",
                filter=Q(total__gte=edges[i])
                & (Q(total__lt=edges[i + 1]) if i < bins - 1 else Q()),
            )
            for i in range(bins)
        }
        counts = qs.aggregate(**agg)
        return [
            {"lo": float(edges[i]), "hi": float(edges[i + 1]), "count": counts[f"b{i}"]}
            for i in range(bins)
        ]

    return cache.data(f"dist:{snapshot_id}", build)


def tier_positions(snapshot_id: int) -> dict[str, tuple[int, int]]:
    """First and last position of each award tier of a snapshot.

    Tiers follow rank order, so a tier's rows are consecutive positions and a tier is a
    range of the (snapshot, position) index. The engine records the ranges in the
    snapshot's stats; older snapshots get them from one grouped scan. Cached by snapshot
    id (a snapshot's rows never change).
    """

    def build():
        stats = (
            ResultSnapshot.objects.filter(pk=snapshot_id).values_list("stats", flat=True).first()
        ) or {}
        if "tier_positions" in stats:
            return {t: (a, b) for t, (a, b) in stats["tier_positions"].items()}
        return {
            t: (a, b)
            for t, a, b in rows_for(snapshot_id)
            .exclude(tier="")
            .values("tier")
            .annotate(a=Min("position"), b=Max("position"))
            .values_list("tier", "a", "b")
        }

    return cache.data(f"tier-positions:{snapshot_id}", build)


def worker_registrations(worker_id: int):
    """The entries a worker takes part in: their own, and every team entry they are a
    member of (an active member row) or lead."""
    return Registration.objects.filter(
        Q(members__worker_id=worker_id, members__active=True)
        | Q(team__leader_id=worker_id, status__in=Registration.ACTIVE)
    ).distinct()


def worker_public_rows(worker_id: int):
    """A worker's own published result rows: individual entries and their teams' entries.

    Looked up entry by entry through (snapshot, bib), the index every published snapshot
    has, instead of filtering every public row of every event by worker.
    """
    entries = list(worker_registrations(worker_id).values_list("event_id", "bib", "pk"))
    public = dict(
        ResultSnapshot.objects.filter(
            event_id__in={event_id for event_id, _bib, _pk in entries}, is_public=True
        ).values_list("event_id", "pk")
    )
    where = Q()
    for event_id, bib, pk in entries:
        if event_id in public:
            where |= Q(snapshot_id=public[event_id], bib=bib, registration_id=pk)
    if not where:
        return ResultRow.objects.none()
    return ResultRow.objects.filter(where)


def tiered_rows(snapshot_id: int):
    """The rows of a snapshot that won an award tier: the first positions."""
    spans = tier_positions(snapshot_id)
    last = max((b for _a, b in spans.values()), default=0)
    return rows_for(snapshot_id).filter(position__lte=last).exclude(tier="")


def tiers(snapshot_id: int) -> list[str]:
    """A snapshot's award tiers in the scheme's order (best first).

    Tiers follow rank order, so the scheme's order is the order of the tiers' first
    positions; never the names' order (一等奖, 三等奖, 二等奖 sort wrongly as text).
    """
    spans = tier_positions(snapshot_id)
    return sorted(spans, key=lambda t: spans[t][0])


def tier_order(snapshot_ids) -> list[str]:
    """The award tiers of several snapshots (a contest's events) in their schemes' order:
    each tier at its best place in any event's order, ties by first appearance."""
    best: dict[str, int] = {}
    for snapshot_id in snapshot_ids:
        for index, tier in enumerate(tiers(snapshot_id)):
            best[tier] = min(best.get(tier, index), index)
    return sorted(best, key=best.__getitem__)


def english_names() -> dict[str, str]:
    """Chinese name → English name of every region and union that has one (cached)."""

    def build():
        names: dict[str, str] = {}
        for model in (Union, Region):
            for name, name_en in model.objects.exclude(name_en="").values_list("name", "name_en"):
                names.setdefault(name, name_en)
        return names

    return cache.data("english-names", build, cache.SITE)


def in_language(value) -> str:
    """A union's or region's name in the reader's language (unions.names), also when given
    as the Chinese name stored on result rows."""
    return names.in_language(value, english_names=english_names)


def filter_options() -> dict[str, list]:
    """Regions and unions to filter by (provinces/cities; federations and industry unions)."""

    def build():
        return {
            "regions": [
                (r.code, in_language(r))
                for r in Region.objects.filter(level__in=["province", "city"]).only(
                    "code", "name", "name_en"
                )
            ],
            "unions": [
                (u.code, in_language(u))
                for u in Union.objects.filter(kind__in=["provincial", "city", "industry"]).only(
                    "code", "name", "name_en"
                )
            ],
            "employer_kinds": [(k.value, str(k.label)) for k in Employer.Kind],
        }

    # Labels are translated: one cached copy per language.
    return cache.data(f"filter-options:{get_language()}", build, cache.SITE)


def award_summary(contest: Contest) -> dict[str, Any]:
    """How many awards of each kind and, per event, winners per tier (in the scheme's
    order): what the contest page shows instead of every list (they are on the awards page)."""
    snap = public_awards(contest.pk)
    counts = (
        dict(AwardRow.objects.filter(snapshot=snap).values_list("kind").annotate(n=Count("id")))
        if snap is not None
        else {}
    )
    kinds = [(str(k.label), counts[k.value]) for k in AwardRow.Kind if counts.get(k.value)]
    prizes = []
    for event in contest.events.order_by("id"):
        s = public_snapshot(event.pk)
        if s is None:
            continue
        spans = tier_positions(s.pk)
        summary = [(t, spans[t][1] - spans[t][0] + 1) for t in tiers(s.pk)]
        if summary:
            prizes.append({"event_id": event.pk, "event": event.name, "tiers": summary})
    return {"published": bool(kinds or prizes), "kinds": kinds, "prizes": prizes}


def award_lists(contest: Contest) -> dict[str, Any]:
    """Contest awards (gold workers, gold teams, collectives, top-ten) and prizes per event."""
    snap = public_awards(contest.pk)
    groups: dict[str, list] = {}
    if snap is not None:
        for row in (
            AwardRow.objects.filter(snapshot=snap)
            .order_by("kind", "rank", "id")
            .values(*PUBLIC_AWARD_FIELDS, "reason_code", "reason_params")
        ):
            code, params = row.pop("reason_code"), row.pop("reason_params")
            row["reason"] = reason_text(code, params, row["reason"])
            groups.setdefault(row["kind"], []).append(row)
        # Two work units may share a name: the region tells them apart.
        regions = dict(
            Employer.objects.filter(
                pk__in={r["employer_id"] for rows in groups.values() for r in rows}
            ).values_list("pk", "region__name")
        )
        for rows in groups.values():
            for row in rows:
                row["region_name"] = regions.get(row["employer_id"], "")
    kinds = [(k.value, str(k.label), groups.get(k.value, [])) for k in AwardRow.Kind]
    prizes = []
    for event in contest.events.order_by("id"):
        s = public_snapshot(event.pk)
        if s is None:
            continue
        # The first PRIZE_LIMIT winners by position; a big event's full list is its
        # leaderboard filtered by tier (one indexed scan), not a 100,000-row page.
        rows = list(
            tiered_rows(s.pk).order_by("position").values(*PUBLIC_ROW_FIELDS)[: PRIZE_LIMIT + 1]
        )
        if rows:
            prizes.append(
                {
                    "event_id": event.pk,
                    "event": event.name,
                    "rows": rows[:PRIZE_LIMIT],
                    "more": len(rows) > PRIZE_LIMIT,
                }
            )
    return {
        "published": snap is not None or bool(prizes),
        "published_at": snap.published_at if snap else None,
        "kinds": kinds,
        "prizes": prizes,
    }
