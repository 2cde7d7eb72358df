"""Demo step of studios' work: for every studio (the studios step makes them in the four
provinces), two innovation topics with their research projects and results, some applied,
with patents and a benefit; the exhibition 长三角职工创新成果展 (curated by the Shanghai union)
with its sections; one or two results entered in the demo series' achievement event.

Idempotent: a studio that has topics is done; the exhibition is found by its title; a result
already entered is not entered again. Without studios there is nothing to record (said so).
All writes go through innovation.services, as an officer of the studio's union (or the
superuser), so the demo is audited like any other change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from contests.models import Contest, Event
from core.models import User
from innovation.models import Exhibition, InnovationResult, Patent, Studio
from innovation.patents import check_digit
from innovation.services import exhibitions as exhibition_services
from innovation.services import results as result_services
from innovation.services import work as work_services
from unions.models import Union
from workers.models import Worker

EXHIBITION_TITLE = "长三角职工创新成果展"
SECTIONS = ["智能制造与数字化", "节能降耗与安全生产", "工艺改进与质量提升"]
# (topic, [(project, [(result, applied, benefit yuan a year or None, basis, patent kinds)])])
WORK = [
    (
        "燃气管网智能巡检",
        [
            (
                "地下管网泄漏声波定位",
                [
                    (
                        "管网泄漏声波定位仪",
                        True,
                        Decimal("860000"),
                        "每年减少漏损气量及抢修费用",
                        "12",
                    )
                ],
            ),
            ("巡检数据移动采集", [("巡检数据移动采集终端", False, None, "", "2")]),
        ],
    ),
    (
        "关键工序降本增效",
        [
            (
                "数控刀具寿命预警",
                [
                    (
                        "数控车床刀具寿命预警系统",
                        True,
                        Decimal("320000"),
                        "每年节约刀具及停机损失",
                        "1",
                    ),
                    ("快速换型工装", True, Decimal("150000"), "每年节约换型工时折算", ""),
                ],
            ),
        ],
    ),
]
ENTERED = 2  # results entered in the achievement event


def _actor(union: Union) -> User | None:
    ancestors = [p for p in union.path.strip("/").split("/") if p]
    return (
        User.objects.filter(officer__union__code__in=ancestors, is_active=True)
        .order_by("id")
        .first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    )


def _patent_number(studio: Studio, n: int, kind: str) -> str:
    digits = f"{2020 + n % 4}{kind}{(studio.pk * 10 + n) % 10_000_000:07d}"
    return f"ZL{digits}.{check_digit(digits)}"


def _record(studio: Studio, actor: User) -> int:
    authors = list(
        Worker.objects.filter(employer_id=studio.employer_id).order_by("-skill_grade", "id")[:3]
    )
    n_results = 0
    patent_n = 0
    for t, (topic_title, projects) in enumerate(WORK):
        topic = work_services.create_topic(
            actor=actor,
            studio=studio,
            title=topic_title,
            status="ongoing" if t else "concluded",
            started_on=dt.date(2019 + t, 3, 1),
            ended_on=None if t else dt.date(2022, 6, 30),
        )
        for p, (project_title, results) in enumerate(projects):
            project = work_services.create_project(
                actor=actor,
                topic=topic,
                title=project_title,
                status="completed",
                started_on=dt.date(2019 + t, 5 + p, 1),
                ended_on=dt.date(2021 + t, 5 + p, 1),
            )
            for r, (title, applied, benefit, basis, kinds) in enumerate(results):
                achieved = dt.date(2021 + t, 6 + p + r, 15)
                result = result_services.create_result(
                    actor=actor,
                    studio=studio,
                    project=project,
                    title=title,
                    summary="由工作室成员在生产一线提出并实施的技术创新成果。",
                    authors=authors[: 1 + (r + p) % len(authors)] if authors else [],
                    achieved_on=achieved,
                    applied=applied,
                    applied_on=achieved + dt.timedelta(days=90) if applied else None,
                    benefit_yuan=benefit,
                    benefit_basis=basis,
                )
                n_results += 1
                for kind in kinds:
                    patent_n += 1
                    number = _patent_number(studio, patent_n, kind)
                    if not Patent.objects.filter(number=number).exists():
                        result_services.add_patent(actor=actor, result=result, number=number)
    return n_results


def _exhibition(out) -> None:
    shanghai = Union.objects.filter(code="SH").first()
    if shanghai is None:
        out.write("   no Shanghai union: exhibition skipped")
        return
    actor = _actor(shanghai)
    if actor is None:
        out.write("   no officer of the Shanghai union: exhibition skipped")
        return
    exhibition = Exhibition.objects.filter(title=EXHIBITION_TITLE).first()
    if exhibition is None:
        exhibition = exhibition_services.create_exhibition(
            actor=actor,
            union=shanghai,
            title=EXHIBITION_TITLE,
            description="沪苏浙皖四地职工创新工作室的优秀创新成果联展。",
        )
    sections = list(exhibition.sections.all())
    for title in SECTIONS[len(sections) :]:
        sections.append(
            exhibition_services.add_section(actor=actor, exhibition=exhibition, title=title)
        )
    if not exhibition.items.exists():
        # Applied results first, one per studio, spread over the sections.
        chosen = _one_per_studio()
        for n, result in enumerate(list(chosen)[:24]):
            exhibition_services.add_item(
                actor=actor, section=sections[n % len(sections)], result=result
            )
    if exhibition.items.exists() and exhibition.published_at is None:
        exhibition_services.set_published(actor=actor, exhibition=exhibition, published=True)
    out.write(
        f"   exhibition {EXHIBITION_TITLE}: {exhibition.sections.count()} sections, "
        f"{exhibition.items.count()} results"
    )


def _one_per_studio() -> list[InnovationResult]:
    seen: set[int] = set()
    found = []
    for result in InnovationResult.objects.filter(applied=True).order_by("studio_id", "id"):
        if result.studio_id not in seen:
            seen.add(result.studio_id)
            found.append(result)
    return found


def _enter(out) -> None:
    # An achievement event open for entries, else the demo series' own (closed in the demo:
    # the contest services then refuse and nothing is entered, as it should be).
    events = Event.objects.filter(kind=Event.Kind.ACHIEVEMENT).select_related("contest")
    now = timezone.now()
    event = (
        events.filter(
            contest__status=Contest.Status.OPEN,
            contest__registration_opens__lte=now,
            contest__registration_closes__gt=now,
        )
        .order_by("id")
        .first()
        or events.filter(contest__series__year=2019).order_by("id").first()
    )
    if event is None:
        out.write("   no achievement event: no result entered")
        return
    if InnovationResult.objects.filter(contest_achievement__registrations__event=event).exists():
        out.write("   results already entered in the achievement event")
        return
    entered = 0
    studios: set[int] = set()  # one result a studio: a worker enters an event once
    candidates = (
        InnovationResult.objects.filter(contest_achievement__isnull=True, applied=True)
        .exclude(authors=None)
        .select_related("studio__union")
    )
    for result in candidates.order_by("id")[:50]:
        if entered >= ENTERED:
            break
        if result.studio_id in studios:
            continue
        actor = _actor(result.studio.union)
        if actor is None:
            continue
        try:
            result_services.enter_result_in_contest(actor=actor, result=result, event=event)
        except (ValidationError, PermissionDenied):
            continue
        studios.add(result.studio_id)
        entered += 1
    out.write(f"   {entered} results entered in {event.contest.name} · {event.name}")
    if not entered:
        out.write("   (its registration is closed or no author may enter: none entered)")


def load(*, out, options) -> None:
    studios = list(
        Studio.objects.filter(~Q(pk__in=Studio.objects.filter(topics__isnull=False).values("pk")))
        .select_related("union", "employer")
        .order_by("id")
    )
    if not Studio.objects.exists():
        out.write("   no innovation studios yet: topics, projects and results skipped")
    recorded = 0
    for studio in studios:
        actor = _actor(studio.union)
        if actor is None:
            continue
        recorded += _record(studio, actor)
    out.write(f"   innovation results: {recorded} recorded for {len(studios)} studios")
    _exhibition(out)
    _enter(out)
