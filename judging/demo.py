"""Demo step: judges, scoring schemes and the panel's marks for the 2019 series' events.

Runs after contests.demo. Every event of the series with approved entries and no scoring
scheme yet gets one (`SCHEMES`): individual events the common Chinese vocational scheme
(theory 30 % measured once + practical 70 % by five judges, highest and lowest dropped),
team events a theory test and three aspects marked by three experts, innovation events four
aspects marked by three experts. Judges come from work units without entries in the event
(no conflict of interest). Marks are drawn as in a real contest (`entry_marks`), written in
bulk with their audit rows, submitted and confirmed by the chief judge; a few entries are
left divergent so the status page has something to show. The schemes and the marks' model
serve console.demo too, which marks this year's contests through the services.
Idempotent: an event that already has a scheme is left alone; no events, nothing to do.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from contests.demo import demo_contests
from contests.models import Event, Registration
from core.models import User
from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, ScoringScheme
from judging.services import CriterionData
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


@dataclass(frozen=True)
class DemoScheme:
    criteria: list[CriterionData]
    tie_break: list[str]


def _criterion(
    code: str,
    name: str,
    weight: int,
    *,
    kind: str = "judgement",
    aggregation: str = "mean",
    judges: int = 1,
    top: int = 100,
    step: str = "0.5",
    limit: str | None = None,
) -> CriterionData:
    numbers = {"weight": weight, "max_mark": top, "step": step, "divergence_limit": limit}
    return CriterionData(
        code=code,
        name=name,
        kind=kind,
        aggregation=aggregation,
        judges_required=judges,
        **{key: None if n is None else Decimal(n) for key, n in numbers.items()},
    )


def _judged(code: str, name: str, weight: int, *, limit: str = "2") -> CriterionData:
    """A criterion three experts mark out of 10 in tenths; the mean counts."""
    return _criterion(code, name, weight, judges=3, top=10, step="0.1", limit=limit)


_THEORY = _criterion("T", "理论知识", 30, kind="measurement")
_PRACTICAL = _criterion("P", "操作技能", 70, aggregation="trimmed_mean", judges=5, limit="15")
SCHEMES = {
    # The common Chinese vocational scheme: theory 30 % measured once, practical 70 % by
    # five judges, highest and lowest dropped.
    Event.Kind.INDIVIDUAL: DemoScheme([_THEORY, _PRACTICAL], ["time", "P", "T"]),
    # A team contest: the team's theory test, then three aspects of the team's work.
    Event.Kind.TEAM: DemoScheme(
        [
            replace(_THEORY, weight=Decimal(20)),
            _judged("Q", "工艺质量", 40),
            _judged("S", "安全文明生产", 20),
            _judged("C", "团队协作", 20),
        ],
        ["Q", "S"],
    ),
    # An innovation achievement, reviewed by three experts on four aspects.
    Event.Kind.ACHIEVEMENT: DemoScheme(
        [
            _judged("N", "创新性", 30, limit="2.5"),
            _judged("U", "实用性", 30, limit="2.5"),
            _judged("B", "经济和社会效益", 25, limit="2.5"),
            _judged("E", "推广价值", 15, limit="2.5"),
        ],
        ["N", "B"],
    ),
}


def scheme_for(kind: str) -> DemoScheme:
    return SCHEMES[kind]


# How marks are drawn. Each entrant has a level (a share of the full mark) from a normal
# distribution: most between 0.70 and 0.86, a few near the top, almost none perfect, as in
# a real contest. Each criterion tests the entrant a little differently, and each judge
# sees the same work a little differently; a measurement is taken once. The scales are
# fine (tenths of 10, halves of 100): levels drawn uniformly and marked in whole marks out
# of 3 put most totals on a few values, with a dozen teams tied at 100.
LEVEL_MEAN, LEVEL_SD = 0.78, 0.08
CRITERION_SD, JUDGE_SD = 0.05, 0.025


def entrant_level(rng: random.Random) -> float:
    return min(max(rng.gauss(LEVEL_MEAN, LEVEL_SD), 0.3), 1.0)


def _on_scale(c: CriterionData, share: float) -> Decimal:
    """A share of the full mark as a mark on the criterion's scale (clipped, on its step)."""
    step = c.step or Decimal("0.01")
    raw = Decimal(str(min(max(share, 0.0), 1.0))) * c.max_mark
    return min((raw / step).quantize(Decimal(1)) * step, c.max_mark)


def markers(c: CriterionData, panel: list[Judge]) -> list[Judge]:
    """Who marks the criterion: the chief (first) alone when one mark is required."""
    return panel[: c.judges_required]


def entry_marks(
    rng: random.Random, c: CriterionData, level: float, n: int, *, diverge: bool = False
) -> list[Decimal]:
    """The n judges' marks of one entry on one criterion. `diverge` spreads the marks kept
    after aggregation by 1.6 times the divergence limit, for the panel to review."""
    seen = level + rng.gauss(0, CRITERION_SD)
    if diverge and c.divergence_limit is not None and n >= 3:
        gap = float(c.divergence_limit) * 0.8 / float(c.max_mark)
        half = n // 2
        centre = min(max(seen, half * gap), 1 - half * gap)
        return [_on_scale(c, centre + k * gap) for k in range(-half, n - half)]
    if c.kind == Criterion.Kind.MEASUREMENT:
        return [_on_scale(c, seen)] * n
    return [_on_scale(c, seen + rng.gauss(0, JUDGE_SD)) for _ in range(n)]


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


def panel_size(scheme: DemoScheme) -> int:
    return max(c.judges_required for c in scheme.criteria)


@transaction.atomic
def _load_event(event: Event, pool: list[Judge], rng: random.Random, now) -> int:
    scheme = scheme_for(event.kind)
    criteria = [
        Criterion(event=event, position=i, **asdict(c)) for i, c in enumerate(scheme.criteria)
    ]
    Criterion.objects.bulk_create(criteria)
    ScoringScheme.objects.create(
        event=event, tie_break=scheme.tie_break, award_tiers=PRIZES, shared_places=True
    )
    entries = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.APPROVED, bib__isnull=False
        ).values_list("id", "employer_id")
    )
    units = {unit for _id, unit in entries}
    eligible = [j for j in pool if j.employer_id is None or j.employer_id not in units]
    if not eligible:
        return 0
    start = event.pk % len(eligible)
    panel = (eligible[start:] + eligible[:start])[: panel_size(scheme)]
    JudgeAssignment.objects.bulk_create(
        [
            JudgeAssignment(event=event, judge=j, chief=i == 0, submitted_at=now)
            for i, j in enumerate(panel)
        ]
    )
    if "time" in scheme.tie_break:  # completion times break ties; keep any recorded ones
        Registration.objects.filter(event=event, completion_seconds__isnull=True).update(
            completion_seconds=1800 + (F("id") * 7919) % 1800
        )
    marks: list[Mark] = []
    for reg_id, _unit in entries:
        level = entrant_level(rng)
        diverge = rng.random() < 0.02  # a few entries for the panel to review
        for data, criterion in zip(scheme.criteria, criteria, strict=True):
            judges = markers(data, panel)
            values = entry_marks(rng, data, level, len(judges), diverge=diverge)
            marks += [
                Mark(event=event, registration_id=reg_id, criterion=criterion, judge=judge,
                     value=value, locked=True, confirmed=True)
                for judge, value in zip(judges, values, strict=True)
            ]  # fmt: skip
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
            contest__in=demo_contests(),
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
