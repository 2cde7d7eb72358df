"""Demo step: judges, scoring schemes and the panel's marks for every demo event.

Runs after contests.demo. Every event with approved entries and no scoring scheme yet gets
one: individual events the common Chinese vocational scheme (theory 30 % measured once +
practical 70 % by five judges, highest and lowest dropped), team and innovation events a
WorldSkills-style judgement scheme (marks 0-3 by three experts, re-mark when they differ by
more than 1). Judges come from work units without entries in the event (no conflict of
interest). Marks are written in bulk with their audit rows, submitted and confirmed by the
chief judge; a few entries are left divergent so the status page has something to show.
Idempotent: an event that already has a scheme is left alone; no events, nothing to do.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from contests.models import Event, Registration
from core.models import User
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, ScoringScheme
from unions.models import Employer, Union

DEMO_PASSWORD = "gongjiang-demo"
JUDGE_NAMES = [
    "陈国强",
    "李建华",
    "王志刚",
    "张丽萍",
    "刘海涛",
    "杨振宇",
    "赵文静",
    "黄立新",
    "周明辉",
    "吴晓燕",
    "徐卫东",
    "孙建军",
]
BATCH = 5000
PRIZES = [
    {"name": "一等奖", "share": "0.1"},
    {"name": "二等奖", "share": "0.2"},
    {"name": "三等奖", "share": "0.3"},
]


def _vocational() -> list[Criterion]:
    return [
        Criterion(code="T", name="理论知识", weight=30, max_mark=100, kind="measurement",
                  aggregation="mean", judges_required=1, step=Decimal("0.5"), position=0),
        Criterion(code="P", name="操作技能", weight=70, max_mark=100, kind="judgement",
                  aggregation="trimmed_mean", judges_required=5, divergence_limit=15,
                  step=Decimal("0.5"), position=1),
    ]  # fmt: skip


def _worldskills() -> list[Criterion]:
    aspects = [("S", "安全规范"), ("Q", "工艺质量"), ("I", "创新与效率"), ("D", "文档与表达")]
    return [
        Criterion(code=code, name=name, weight=25, max_mark=3, kind="judgement",
                  aggregation="mean", judges_required=3, divergence_limit=1, step=1,
                  position=i)
        for i, (code, name) in enumerate(aspects)
    ]  # fmt: skip


def _judges_union(events: list[Event]) -> Union:
    """The lowest union above every host union (officers of it manage the panel); the
    root of the first host union when the hosts share no ancestor."""
    segments = [e.contest.host_union.path.strip("/").split("/") for e in events]
    common: list[str] = []
    for parts in zip(*segments, strict=False):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    path = "/" + "/".join(common or segments[0][:1]) + "/"
    return Union.objects.get(path=path)


def _judges(events: list[Event]) -> list[Judge]:
    """Twelve judge accounts judge01..judge12 (password: the demo password)."""
    existing = list(Judge.objects.filter(user__username__startswith="judge").order_by("id"))
    if len(existing) >= len(JUDGE_NAMES):
        return existing
    union = _judges_union(events)
    entrant_units = Registration.objects.filter(employer=OuterRef("pk"))
    free_units = list(
        Employer.objects.filter(~Exists(entrant_units)).order_by("id")[: len(JUDGE_NAMES)]
    )
    password = make_password(DEMO_PASSWORD)
    judges = []
    for i, name in enumerate(JUDGE_NAMES, 1):
        user, _created = User.objects.get_or_create(
            username=f"judge{i:02d}", defaults={"password": password}
        )
        unit = free_units[i - 1] if i - 1 < len(free_units) else None
        judge, _created = Judge.objects.get_or_create(
            user=user, defaults={"name": name, "union": union, "employer": unit}
        )
        judges.append(judge)
    return judges


def _value(rng: random.Random, skill: float, top: int, step: Decimal) -> Decimal:
    raw = min(max(rng.gauss(skill * top, top * 0.06), 0), top)
    return (Decimal(str(raw)) / step).quantize(Decimal(1)) * step


@transaction.atomic
def _load_event(event: Event, pool: list[Judge], rng: random.Random, now) -> int:
    vocational = event.kind == Event.Kind.INDIVIDUAL
    criteria = _vocational() if vocational else _worldskills()
    for c in criteria:
        c.event = event
    Criterion.objects.bulk_create(criteria)
    ScoringScheme.objects.create(
        event=event,
        tie_break=["time", "P", "T"] if vocational else ["Q", "S"],
        award_tiers=PRIZES,
        shared_places=True,
    )
    entries = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.APPROVED, bib__isnull=False
        ).values_list("id", "employer_id")
    )
    units = {unit for _id, unit in entries}
    eligible = [j for j in pool if j.employer_id is None or j.employer_id not in units]
    panel_size = 5 if vocational else 3
    if not eligible:
        return 0
    start = event.pk % len(eligible)
    panel = (eligible[start:] + eligible[:start])[:panel_size]
    JudgeAssignment.objects.bulk_create(
        [
            JudgeAssignment(event=event, judge=j, chief=i == 0, submitted_at=now)
            for i, j in enumerate(panel)
        ]
    )
    if vocational:  # completion times break ties ("time" first); keep any recorded ones
        Registration.objects.filter(event=event, completion_seconds__isnull=True).update(
            completion_seconds=1800 + (F("id") * 7919) % 1800
        )
    marks: list[Mark] = []
    for reg_id, _unit in entries:
        skill = rng.uniform(0.55, 0.95)
        diverge = rng.random() < 0.02
        for c in criteria:
            markers = panel[:1] if c.judges_required == 1 else panel[: c.judges_required]
            top = int(c.max_mark)
            values = [_value(rng, skill, top, Decimal(c.step)) for _ in markers]
            if diverge and c.divergence_limit is not None and len(values) >= 3:
                if vocational:  # the marks kept after trimming spread by 25 (limit 15)
                    values = [Decimal(v) for v in (60, 65, 80, 90, 95)]
                else:
                    values[0], values[1] = Decimal(3), Decimal(1)
                diverge = False
            for judge, value in zip(markers, values, strict=True):
                marks.append(
                    Mark(event=event, registration_id=reg_id, criterion=c, judge=judge,
                         value=value, locked=True, confirmed=True)
                )  # fmt: skip
    Mark.objects.bulk_create(marks, batch_size=BATCH)
    _log_in_bulk(event, chief_user_id=panel[0].user_id, at=now)
    return len(marks)


def _log_in_bulk(event: Event, *, chief_user_id: int, at) -> None:
    """The audit rows of the demo marks (created, submitted, confirmed), written by the
    database in one INSERT ... SELECT per action instead of 3 x N Python objects."""
    log, mark = MarkLog._meta.db_table, Mark._meta.db_table
    crit, judge = Criterion._meta.db_table, Judge._meta.db_table
    sql = (
        f"INSERT INTO {log} (event_id, mark_id, registration_id, criterion_code, judge_id,"
        f" actor_id, action, old_value, new_value, reason, at)"
        f" SELECT m.event_id, m.id, m.registration_id, c.code, m.judge_id,"
        f" {{actor}}, %s, {{old}}, m.value, '', %s"
        f" FROM {mark} m JOIN {crit} c ON c.id = m.criterion_id"
        f" JOIN {judge} j ON j.id = m.judge_id WHERE m.event_id = %s ORDER BY m.id"
    )
    with connection.cursor() as cursor:
        for action, actor, old in (
            ("create", "j.user_id", "NULL"),
            ("lock", "j.user_id", "m.value"),
            ("confirm", str(int(chief_user_id)), "m.value"),
        ):
            cursor.execute(sql.format(actor=actor, old=old), [action, at, event.pk])


def load(*, out, options) -> None:
    events = list(
        Event.objects.filter(
            Exists(
                Registration.objects.filter(
                    event=OuterRef("pk"), status=Registration.Status.APPROVED
                )
            ),
            scheme__isnull=True,
        )
        .select_related("contest__host_union")
        .order_by("id")
    )
    if not events:
        out.write("   no events to judge")
        return
    pool = _judges(events)
    rng = random.Random(options.get("seed", 2019))
    now = timezone.now()
    total = sum(_load_event(event, pool, rng, now) for event in events)
    out.write(f"   {len(events)} events judged by {len(pool)} judges, {total} marks")
