"""Demo step: the seed's 2019 Yangtze River Delta contest series, with entries.

The series is co-organised by the four provincial unions; its divisions are the G60
Science and Technology Innovation Corridor (9 places), the Dianshan Lake area (4 places)
and the gas industry, whose skill promotion contest is hosted by the Shanghai aerospace
union. Entries are written in bulk (thousands of workers), but each is checked with the
same eligibility rules as `contests.services.register` (contests.eligibility), quotas and
one-entry-per-event included. Idempotent: a second run adds only what is missing.
The contests end in `judging`; the results step publishes them.
"""

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from tqdm import tqdm

from contests.eligibility import EventRules
from contests.models import (
    Achievement,
    Contest,
    ContestSeries,
    Division,
    Event,
    Registration,
    RegistrationMember,
)
from unions.models import Employer, Region, Union
from workers.models import Team, Worker

SERIES = "长三角地区职工劳动和技能竞赛"
YEAR = 2019
G60 = ["310117", "330400", "330100", "330700", "320500", "330500", "341800", "340200", "340100"]
DIANSHAN = ["310118", "320583", "330421", "320509"]

# (key, name, host union code, division name, [events])
# event: (name, kind, {rules}, region codes or None)
CONTESTS = [
    (
        "gas",
        "首届长三角燃气行业职业技能晋级赛",
        "SH-HT",
        "燃气行业",
        [
            ("燃气管网运行工", "individual", {"min_age": 18, "max_age": 55}, None),
            (
                "燃气用户安装检修工",
                "individual",
                {
                    "employer_kinds": ["state_owned", "non_public", "foreign"],
                    "min_skill_grade": 5,
                    "max_skill_grade": 2,
                    "quota_per_employer": 25,
                },
                None,
            ),
            ("燃气应急抢修班组赛", "team", {"min_team_size": 3, "max_team_size": 5}, None),
        ],
    ),
    (
        "g60",
        "G60科创走廊职工技能竞赛",
        "SH-SJ",
        "G60科创走廊",
        [
            ("数控车工", "individual", {"min_age": 18, "max_age": 50}, G60),
            ("职工创新成果", "achievement", {}, G60),
        ],
    ),
    (
        "dianshan",
        "环淀山湖战略协同区职工劳动竞赛",
        "SH-QP",
        "环淀山湖战略协同区",
        [
            ("电工", "individual", {"min_skill_grade": 4}, DIANSHAN),
            ("金牌班组赛", "team", {"min_team_size": 2, "max_team_size": 6}, DIANSHAN),
        ],
    ),
]
DIVISIONS = [
    ("G60科创走廊", ["SH-SJ", "ZJ-JX", "ZJ-HZ", "JS-SZ", "AH-XC"], G60),
    ("环淀山湖战略协同区", ["SH-QP", "JS-SZ-KS", "ZJ-JX-JS", "JS-SZ-WJ"], DIANSHAN),
    ("燃气行业", ["SH-HT", "SH-GAS"], []),
]
ACHIEVEMENTS = [
    "燃气管道带压封堵装置",
    "数控车床刀具寿命预警系统",
    "地下管网泄漏智能巡检机器人",
    "焊缝缺陷快速识别方法",
    "调压站远程监控改造",
    "新型阀门快速更换工装",
]
REJECT_REASONS = ["报名材料不全", "所在单位未盖章确认", "工种与报名项目不符"]


def demo_contests() -> QuerySet[Contest]:
    """The contests of the 2019 series: the only ones the judging and results steps judge
    and publish, so that running the demo again never touches an officer's own contest."""
    return Contest.objects.filter(series__name=SERIES, series__year=YEAR)


def _when(month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(YEAR, month, day, 9, 0))


def _decide(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.90:
        return Registration.Status.APPROVED
    return Registration.Status.PENDING if roll < 0.96 else Registration.Status.REJECTED


@transaction.atomic
def load(*, out, options) -> None:
    unions = {u.code: u for u in Union.objects.all()}
    if "SH-HT" not in unions:
        out.write("   no demo unions: skipped")
        return
    rng = random.Random(options.get("seed", 2019))
    regions = {r.code: r for r in Region.objects.all()}

    series, _ = ContestSeries.objects.get_or_create(
        name=SERIES,
        year=YEAR,
        defaults={
            "description": "上海、江苏、浙江、安徽四省市总工会于2019年一季度联合启动的"
            "长三角地区职工劳动和技能竞赛系列活动。"
        },
    )
    series.organisers.set([unions[c] for c in ("SH", "JS", "ZJ", "AH")])
    divisions = {}
    for name, leads, places in DIVISIONS:
        divisions[name], _ = Division.objects.get_or_create(series=series, name=name)
        divisions[name].lead_unions.set([unions[c] for c in leads])
        divisions[name].regions.set([regions[c] for c in places])

    events: list[Event] = []
    for _key, name, host, division, event_specs in CONTESTS:
        contest, created = Contest.objects.get_or_create(
            series=series,
            name=name,
            defaults={
                "division": divisions[division],
                "host_union": unions[host],
                "registration_opens": _when(3, 1),
                "registration_closes": _when(4, 15),
                "contest_date": dt.date(YEAR, 5, 18),
                "status": Contest.Status.JUDGING,
            },
        )
        for ev_name, kind, rules, places in event_specs:
            event, created = Event.objects.get_or_create(
                contest=contest, name=ev_name, defaults={"kind": kind, **rules}
            )
            if created and places:
                event.eligible_regions.set([regions[c] for c in places])
            events.append(event)
    out.write(f"   series with {len(divisions)} divisions, {len(events)} events")

    counters = {c.pk: c.last_bib for c in Contest.objects.filter(series=series)}
    pending_regs: list[Registration] = []
    pending_members: list[list[int]] = []
    taken: dict[int, set[int]] = {e.pk: set() for e in events}
    for event_id, worker_id in RegistrationMember.objects.filter(
        event__in=events, active=True
    ).values_list("event_id", "worker_id"):
        taken[event_id].add(worker_id)
    used = Counter(
        Registration.objects.filter(event__in=events, status__in=Registration.ACTIVE).values_list(
            "event_id", "employer_id"
        )
    )
    rules = {e.pk: EventRules(e) for e in events}
    now = timezone.now()

    def add(event: Event, employer: Employer, member_ids: list[int], **entrant) -> bool:
        if any(w in taken[event.pk] for w in member_ids):
            return False
        quota = event.quota_per_employer
        if quota is not None and used[(event.pk, employer.pk)] >= quota:
            return False
        status = _decide(rng)
        reg = Registration(
            event=event, contest_id=event.contest_id, employer=employer, status=status, **entrant
        )
        if status == Registration.Status.APPROVED:
            counters[event.contest_id] += 1
            reg.bib = counters[event.contest_id]
        if status != Registration.Status.PENDING:
            reg.decided_at = now
        if status == Registration.Status.REJECTED:
            reg.reject_reason = rng.choice(REJECT_REASONS)
        else:
            taken[event.pk].update(member_ids)
            used[(event.pk, employer.pk)] += 1
        pending_regs.append(reg)
        pending_members.append(member_ids)
        return True

    individual = [e for e in events if e.kind == Event.Kind.INDIVIDUAL]
    # Anyone with an entry of any status is done: a second run must not re-enter the rejected.
    already = set(
        RegistrationMember.objects.filter(event__in=individual).values_list("worker_id", flat=True)
    )
    workers = Worker.objects.select_related("employer__union", "employer__region").order_by("id")
    for worker in tqdm(
        workers.iterator(chunk_size=2000),
        total=workers.count(),
        desc="entries",
        unit="worker",
        disable=None,
    ):
        # Most workers enter one individual event; which ones is fixed by their id.
        if worker.pk in already or (worker.pk * 2654435761) % 100 >= 88:
            continue
        choices = [e for e in individual if not rules[e.pk].worker_problems(worker)]
        rng.shuffle(choices)
        for event in choices:
            if add(event, worker.employer, [worker.pk], worker=worker):
                break

    for event in (e for e in events if e.kind == Event.Kind.TEAM):
        entered = Registration.objects.filter(event=event).values("team_id")
        teams = Team.objects.exclude(pk__in=entered).select_related(
            "employer__union", "employer__region"
        )
        for team in teams.prefetch_related("members__employer__union", "members__employer__region"):
            members = list(team.members.all())
            if rules[event.pk].group_problems(members, team.employer, team=True):
                continue
            add(event, team.employer, [m.pk for m in members], team=team)

    for event in (e for e in events if e.kind == Event.Kind.ACHIEVEMENT):
        if Registration.objects.filter(event=event).exists():
            continue
        employers = Employer.objects.select_related("union", "region").order_by("id")
        for n, employer in enumerate(employers):
            authors = [
                w
                for w in Worker.objects.filter(employer=employer).order_by("-skill_grade", "id")[:6]
                if not rules[event.pk].worker_problems(w, employer=employer)
                and w.pk not in taken[event.pk]
            ][: 1 + n % 3]
            if not authors:
                continue
            achievement = Achievement.objects.create(
                title=f"{employer.name}{ACHIEVEMENTS[n % len(ACHIEVEMENTS)]}",
                summary="在生产一线提出并实施的职工技术创新成果。",
                employer=employer,
            )
            achievement.authors.set(authors)
            add(event, employer, [a.pk for a in authors], achievement=achievement)

    created = Registration.objects.bulk_create(pending_regs, batch_size=2000)
    RegistrationMember.objects.bulk_create(
        (
            RegistrationMember(
                registration_id=reg.pk,
                event_id=reg.event_id,
                worker_id=w,
                active=reg.status in Registration.ACTIVE,
            )
            for reg, ids in zip(created, pending_members, strict=True)
            for w in ids
        ),
        batch_size=5000,
    )
    for contest_id, last in counters.items():
        top = Registration.objects.filter(contest_id=contest_id).aggregate(m=Max("bib"))["m"] or 0
        Contest.objects.filter(pk=contest_id).update(last_bib=max(last, top))
    by_status = Counter(str(r.status) for r in created)
    out.write(
        f"   {len(created)} new entries ({dict(by_status)}); "
        f"{Registration.objects.filter(event__in=events).count()} in all"
    )
    _open_contest(unions=unions, out=out)


def _open_contest(*, unions: dict[str, Union], out) -> None:
    """This year's contest of the series, open for registration now, so that a visitor of
    the demo can sign up and enter (the 2019 contests are long closed)."""
    today = timezone.localdate()
    series, _ = ContestSeries.objects.get_or_create(
        name=SERIES,
        year=today.year,
        defaults={"description": "长三角地区职工劳动和技能竞赛系列活动（本年度）。"},
    )
    series.organisers.set([unions[c] for c in ("SH", "JS", "ZJ", "AH")])
    now = timezone.now()
    contest, created = Contest.objects.get_or_create(
        series=series,
        name=f"{today.year}年长三角地区职工焊工技能竞赛",
        defaults={
            "host_union": unions["SH"],
            "registration_opens": now - dt.timedelta(days=7),
            "registration_closes": now + dt.timedelta(days=60),
            "contest_date": today + dt.timedelta(days=75),
            "status": Contest.Status.OPEN,
        },
    )
    if created:
        Event.objects.create(contest=contest, name="焊工", kind="individual", min_age=18)
        Event.objects.create(
            contest=contest,
            name="焊接班组赛",
            kind="team",
            min_team_size=2,
            max_team_size=6,
        )
    out.write(f"   {contest.name}: open for registration")
