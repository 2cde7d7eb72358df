"""Demo step (the last): this year's contests of the Shanghai aerospace union, one at each
stage of a contest's life, so that each demo account lands on something to do.

The 2019 series (contests.demo, judging.demo, results.demo) is history: published, its
judges' work submitted. Here 上海航天工会 (officer_ht; officer_sh sees it too, from the union
above) runs one contest in draft, one open for registration with entries to decide, one
in judging (judge01 has entries left to mark, and one entry's marks diverge), one computed
but not published, one in public notice with worker_demo's objection open, and one final.
worker_demo enters most of them, alone and with their team.

Everything is written through the services an officer, a worker or a judge would call
(contests, judging, results, public), so the data obeys the same rules; the marks are
drawn by judging.demo's model. Only the dates are then moved as data: a contest cannot
be entered after registration closes, nor published weeks ago, so each is built with its
window around now and its timeline then shifted into the past (`_backdate`).

Idempotent: a contest that exists is not built again; each later phase (computing,
publishing, the objection) runs only while its result is missing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from celery import current_app
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from contests import services as contests
from contests.demo import REJECT_REASONS
from contests.models import Contest, ContestSeries, Event, Registration
from core.models import User
from judging import demo as judging_demo
from judging import services as judging
from judging.models import Judge, JudgeAssignment, Mark, MarkLog
from public import services as public
from public.models import Objection
from results import services as results
from results.models import AwardSnapshot, ResultSnapshot
from unions.models import Union
from workers.models import Team, Worker

SERIES = "上海航天“航天杯”职工技能竞赛"
HOST, ENTRANTS = "SH-HT", "SH"  # the host union, and the union whose workers may enter
INDIVIDUAL, TEAM, ACHIEVEMENT = Event.Kind.INDIVIDUAL, Event.Kind.TEAM, Event.Kind.ACHIEVEMENT
ENTRIES = {INDIVIDUAL: 36, TEAM: 8, ACHIEVEMENT: 8}  # at most, per event
OBJECTION = "对本人操作技能评分有疑问，申请复核评分记录。"
ACHIEVEMENTS = ["舱段精密装配工装改进", "焊缝质量在线监测方法", "复合材料构件无损检测流程优化"]


@dataclass(frozen=True)
class Plan:
    """One contest: its stage, events and dates (days from today; negative: past)."""

    stage: str
    name: str
    events: tuple[tuple[str, str], ...]
    opens: int
    closes: int
    contest_day: int
    published: int | None = None  # days since the results were published

    @property
    def entered(self) -> bool:
        return self.stage != "draft"

    @property
    def closed(self) -> bool:
        return self.stage not in ("draft", "open")


PLANS = (
    Plan("draft", "航天杯·复合材料成型工技能竞赛", (("复合材料成型工", INDIVIDUAL),), 20, 50, 60),
    Plan("open", "航天杯·电子设备装接工技能竞赛",
         (("电子设备装接工", INDIVIDUAL), ("电装班组赛", TEAM)), -10, 20, 35),
    Plan("judging", "航天杯·数控铣工技能竞赛",
         (("数控铣工", INDIVIDUAL), ("数控加工班组赛", TEAM)), -45, -15, -3),
    Plan("computed", "航天杯·装配钳工技能竞赛",
         (("装配钳工", INDIVIDUAL), ("航天职工创新成果", ACHIEVEMENT)), -60, -30, -12),
    Plan("notice", "航天杯·焊工技能竞赛",
         (("焊工", INDIVIDUAL), ("焊接班组赛", TEAM)), -75, -45, -30, published=2),
    Plan("final", "航天杯·无损检测员技能竞赛",
         (("无损检测员", INDIVIDUAL),), -150, -120, -100, published=90),
)  # fmt: skip


@dataclass
class Cast:
    """Who acts in the demo, and the workers and teams that may enter."""

    host: Union
    officer: User  # officer_ht: runs the contests
    entering: User  # officer_sh: enters the workers of the Shanghai unions
    judges: list[Judge]  # judge01 … judge12
    workers: list[Worker]
    teams: list[Team]
    me: Worker | None  # worker_demo's worker, who enters for themself and their team
    rng: random.Random = field(default_factory=random.Random)  # drawn anew for each contest

    @property
    def judge01(self) -> Judge:
        return self.judges[0]


def load(*, out, options) -> None:
    seed = options.get("seed", 2019)
    cast = _cast()
    if cast is None:
        out.write("   no demo officers or judges: skipped")
        return
    # Looked up by name alone: a run in January leaves December's demo as it is.
    series = ContestSeries.objects.filter(name=SERIES).order_by("-year").first()
    if series is None:
        series = contests.create_series(
            actor=cast.officer,
            name=SERIES,
            year=timezone.localdate().year,
            organisers=[cast.host],
            description="上海航天工会组织的年度职工技能竞赛，面向全市职工。",
        )
    with _tasks_in_process():
        for plan in PLANS:
            cast.rng = random.Random(f"{seed}-{plan.stage}")
            contest = Contest.objects.filter(series=series, name=plan.name).first()
            if contest is None:
                contest = _build(plan, series, cast)
            _finish(plan, contest, cast)
            out.write(f"   {contest.name}: {plan.stage}")


def _cast() -> Cast | None:
    users = {u.username: u for u in User.objects.filter(username__in=["officer_ht", "officer_sh"])}
    judges = list(
        Judge.objects.filter(user__username__startswith="judge")
        .select_related("user")
        .order_by("user__username")
    )
    host = Union.objects.filter(code=HOST).first()
    if len(users) < 2 or len(judges) < 12 or host is None:
        return None
    region = Union.objects.get(code=ENTRANTS).path
    conflicted = {j.employer_id for j in judges if j.employer_id}  # judges mark no colleague
    me = Worker.objects.filter(user__username="worker_demo").first()
    workers = (
        Worker.objects.filter(employer__union__path__startswith=region)
        .exclude(employer__in=conflicted)
        .exclude(pk=getattr(me, "pk", None))
        .select_related("employer")
        .order_by("id")
    )
    teams = (
        Team.objects.filter(employer__union__path__startswith=region)
        .exclude(employer__in=conflicted)
        .exclude(leader=me)
        .order_by("id")
    )
    return Cast(
        host=host,
        officer=users["officer_ht"],
        entering=users["officer_sh"],
        judges=judges,
        workers=list(workers),
        teams=list(teams),
        me=me,
    )


@contextmanager
def _tasks_in_process() -> Iterator[None]:
    """Run Celery tasks here, now. Marks changed schedule a recomputation of their event
    (results.scheduling); on a worker it could run after the demo publishes and leave a
    newer, unpublished snapshot (the event back in "computed"). In process it runs when the
    marks commit, before the demo computes and publishes."""
    conf = current_app.conf
    before = conf.task_always_eager
    conf.task_always_eager = True
    try:
        yield
    finally:
        conf.task_always_eager = before


def _at(days: int, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@transaction.atomic
def _build(plan: Plan, series: ContestSeries, cast: Cast) -> Contest:
    """The contest with its events, schemes, entries, panels and marks, as of now."""
    now = timezone.now()
    dates = {
        "registration_opens": _at(plan.opens),
        "registration_closes": _at(plan.closes, 17),
        "contest_date": timezone.localdate() + dt.timedelta(days=plan.contest_day),
    }
    if plan.closed:  # entered while open, moved to its real dates below
        window = {
            "registration_opens": now - dt.timedelta(days=1),
            "registration_closes": now + dt.timedelta(days=1),
            "contest_date": timezone.localdate() + dt.timedelta(days=2),
        }
    else:
        window = dates
    contest = contests.create_contest(
        actor=cast.officer,
        series=series,
        host_union=cast.host,
        name=plan.name,
        description="面向全市职工的航天特色工种技能竞赛，以赛促学、以赛促训。",
        status=Contest.Status.DRAFT if plan.stage == "draft" else Contest.Status.OPEN,
        **window,
    )
    entrants = Union.objects.filter(code=ENTRANTS)
    for name, kind in plan.events:
        extra = {"min_team_size": 3, "max_team_size": 5} if kind == TEAM else {}
        event = contests.create_event(
            actor=cast.officer,
            contest=contest,
            name=name,
            kind=kind,
            min_age=18,
            eligible_unions=entrants,
            **extra,
        )
        scheme = judging_demo.scheme_for(kind)
        judging.replace_scheme(
            actor=cast.officer,
            event=event,
            criteria=scheme.criteria,
            tie_break=scheme.tie_break,
            # A scheme being prepared has no award tiers yet.
            award_tiers=[] if plan.stage == "draft" else judging_demo.PRIZES,
        )
        if plan.entered:
            _enter(event, plan, cast)
    if plan.closed:
        # One status step at a time (Contest.STATUS_STEPS): closed, then judging.
        contests.update_contest(
            actor=cast.officer, contest=contest, status=Contest.Status.CLOSED, **dates
        )
        contests.update_contest(actor=cast.officer, contest=contest, status=Contest.Status.JUDGING)
        for n, event in enumerate(contest.events.order_by("id")):
            _judge(event, plan, cast, first=n == 0)
        # Entered and decided two days before registration closed; marked the day after
        # the contest.
        entered = now - dates["registration_closes"] + dt.timedelta(days=2)
        _shift(Registration.objects.filter(contest=contest), entered, "created_at", "decided_at")
        judged = now - _at(plan.contest_day + 1, 15)
        _shift(Mark.objects.filter(event__contest=contest), judged, "created_at", "updated_at")
        _shift(MarkLog.objects.filter(event__contest=contest), judged, "at")
        submitted = JudgeAssignment.objects.filter(
            event__contest=contest, submitted_at__isnull=False
        )
        _shift(submitted, judged, "submitted_at")
    opened = dates["registration_opens"] - dt.timedelta(days=14)
    Contest.objects.filter(pk=contest.pk).update(created_at=opened)
    return contest


def _attempt(make) -> Registration | None:
    """An entry through the one path for entries, or None where a rule refuses it."""
    try:
        return make()
    except ValidationError:
        return None


def _enter(event: Event, plan: Plan, cast: Cast) -> None:
    """Entries by officer_sh for workers and teams of the Shanghai unions, and worker_demo's
    own; then the host's decisions: all decided once registration closes, about a third
    still pending while it is open."""
    rng, want, me = cast.rng, ENTRIES[event.kind], cast.me
    mine: list[Registration | None] = []
    theirs: list[Registration | None] = []
    if event.kind == INDIVIDUAL:
        if me is not None:
            mine.append(_attempt(lambda: contests.register(actor=me.user, event=event, worker=me)))
        for w in rng.sample(cast.workers, min(want, len(cast.workers))):
            theirs.append(_attempt(lambda w=w: contests.register(
                actor=cast.entering, event=event, worker=w)))  # fmt: skip
    elif event.kind == TEAM:
        team = me.led_teams.first() if me is not None else None
        if team is not None:
            mine.append(_attempt(lambda: contests.register(actor=me.user, event=event, team=team)))
        for t in rng.sample(cast.teams, min(want, len(cast.teams))):
            theirs.append(_attempt(lambda t=t: contests.register(
                actor=cast.entering, event=event, team=t)))  # fmt: skip
    else:
        by_unit: dict[int, list[Worker]] = {}
        for w in cast.workers:
            by_unit.setdefault(w.employer_id, []).append(w)
        units = rng.sample(sorted(by_unit), min(want, len(by_unit)))
        for n, unit in enumerate(units):
            authors = by_unit[unit][: 1 + n % 3]
            theirs.append(_attempt(lambda n=n, authors=authors: contests.register_achievement(
                actor=cast.entering, event=event, authors=authors,
                title=f"{authors[0].employer.name}{ACHIEVEMENTS[n % len(ACHIEVEMENTS)]}",
                summary="在生产一线提出并实施的职工技术创新成果。")))  # fmt: skip
    for reg in filter(None, mine):  # worker_demo's wait while registration is open
        if plan.closed:
            contests.approve_registration(actor=cast.officer, registration=reg)
    for reg in filter(None, theirs):
        roll = rng.random()
        if roll < (0.9 if plan.closed else 0.55):
            contests.approve_registration(actor=cast.officer, registration=reg)
        elif plan.closed or roll >= 0.9:
            reason = rng.choice(REJECT_REASONS)
            contests.reject_registration(actor=cast.officer, registration=reg, reason=reason)


def _panel(
    event: Event, plan: Plan, cast: Cast, *, first: bool
) -> tuple[list[Judge], Judge | None]:
    """The event's judges, chief first, from judge02 … judge12 in turn (judge02 chairs the
    contest in judging); there judge01 too, still marking (returned second)."""
    size = judging_demo.panel_size(judging_demo.scheme_for(event.kind))
    others = cast.judges[1:]
    start = ((PLANS.index(plan) - 2) * 4 + (0 if first else 5)) % len(others)
    panel = (others[start:] + others[:start])[:size]
    if plan.stage == "judging" and first:
        return [panel[0], cast.judge01, *panel[1 : size - 1]], cast.judge01
    return panel, None


def _judge(event: Event, plan: Plan, cast: Cast, *, first: bool) -> None:
    """Judges assigned, completion times and marks recorded, marks submitted and confirmed.

    On the event still in judging, judge01 has marked two entries in five and not
    submitted, and the first entry's practical marks diverge."""
    scheme = judging_demo.scheme_for(event.kind)
    panel, marking = _panel(event, plan, cast, first=first)
    for n, judge in enumerate(panel):
        # The judges are the Shanghai union's pool (judging.demo): its officer seats them
        # (core.access.manages_judge); the host's officer runs everything else.
        judging.assign_judge(actor=cast.entering, event=event, judge=judge, chief=n == 0)
    entries = list(event.registrations.filter(status=Registration.Status.APPROVED).order_by("bib"))
    if "time" in scheme.tie_break:
        for reg in entries:
            seconds = cast.rng.randrange(1800, 3600)
            contests.set_completion_seconds(
                actor=cast.officer, registration=reg, completion_seconds=seconds
            )
    done = len(entries) * 2 // 5
    for n, reg in enumerate(entries):
        level = judging_demo.entrant_level(cast.rng)
        for data in scheme.criteria:
            judges = judging_demo.markers(data, panel)
            diverge = marking is not None and n == 0
            values = judging_demo.entry_marks(cast.rng, data, level, len(judges), diverge=diverge)
            for judge, value in zip(judges, values, strict=True):
                if judge is marking and n >= done:
                    continue
                judging.record_mark(
                    actor=judge.user, registration=reg, criterion_code=data.code, value=value
                )
    for judge in panel:
        if judge is not marking:
            # A measurement criterion is the chief's alone: the others' sheets keep blanks.
            judging.submit_marks(actor=judge.user, event=event, confirm_incomplete=True)
    judging.confirm_marks(actor=panel[0].user, event=event)


def _shift(rows, by: dt.timedelta, *fields: str) -> None:
    rows.update(**{f: F(f) - by for f in fields})


def _finish(plan: Plan, contest: Contest, cast: Cast) -> None:
    """What follows the marks: computing, publishing, the objection; each once."""
    if plan.stage == "computed" and not AwardSnapshot.objects.filter(contest=contest).exists():
        for event in contest.events.order_by("id"):
            results.compute_event(event_id=event.pk)
        results.compute_awards(contest_id=contest.pk)
    if plan.published is not None and contest.status != Contest.Status.PUBLISHED:
        with transaction.atomic():
            for event in contest.events.order_by("id"):
                results.compute_event(event_id=event.pk)
            results.publish_contest(actor=cast.officer, contest=contest)
            # Published `plan.published` days ago.
            by = dt.timedelta(days=plan.published)
            _shift(ResultSnapshot.objects.filter(event__contest=contest), by,
                   "created_at", "published_at")  # fmt: skip
            _shift(AwardSnapshot.objects.filter(contest=contest), by, "created_at", "published_at")
        contest.refresh_from_db()
    if plan.stage == "notice" and cast.me is not None:
        entry = Registration.objects.filter(
            contest=contest, worker=cast.me, status=Registration.Status.APPROVED
        ).first()
        if (
            entry
            and not Objection.objects.filter(registration=entry, filed_by=cast.me.user).exists()
        ):
            public.file_objection(actor=cast.me.user, registration=entry, reason=OBJECTION)
