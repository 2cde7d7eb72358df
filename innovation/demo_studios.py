"""Demo step part (see innovation/demo.py): innovation studios in Shanghai, Jiangsu, Zhejiang
and Anhui, one at each level (enterprise, city, province, national demonstration) and one
still without a level in each province; their seven-haves ratings with reviews (every level
a studio holds was granted on a rating all of whose criteria were met; the studio without a
level was found short of one criterion and is revising); reviewers; and the Yangtze Delta
alliance of model-worker and craftsman studios with the studios of all four.

Idempotent: a studio already registered under its name at its unit is left as it is, a
rating already opened is not opened again, the alliance is founded once.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from core.models import User
from innovation.models.alliances import Alliance
from innovation.models.ratings import Rating, RatingStandard, RatingStatus
from innovation.models.studios import Studio, StudioLevel
from innovation.services import alliances as alliance_services
from innovation.services import ratings as rating_services
from innovation.services import studios as studio_services
from unions.demo import DEMO_PASSWORD
from unions.models import Employer, Union
from workers.models import Worker

ALLIANCE_SLUG = "yrd-studios"
ALLIANCE_NAME = "长三角劳模工匠创新工作室联盟"
# province code → (the city union whose units host the studios, the province's reviewer)
PROVINCES = {
    "SH": ("SH-PD", "reviewer_sh", "沪评审专家"),
    "JS": ("JS-SZ", "reviewer_js", "苏评审专家"),
    "ZJ": ("ZJ-HZ", "reviewer_zj", "浙评审专家"),
    "AH": ("AH-HF", "reviewer_ah", "皖评审专家"),
}
# (level reached or None, leader's titles, field, founded)
STUDIOS = [
    (StudioLevel.NATIONAL, "全国劳动模范、大国工匠", "燃气管网运行", dt.date(2012, 4, 28)),
    (StudioLevel.PROVINCE, "省劳动模范", "焊接工艺", dt.date(2015, 5, 1)),
    (StudioLevel.CITY, "市工匠", "智能装备维修", dt.date(2017, 3, 12)),
    (StudioLevel.ENTERPRISE, "技术能手", "数控加工", dt.date(2019, 9, 1)),
    (None, "首席技师", "仪表检修", dt.date(2021, 6, 18)),
]
LEVELS = list(StudioLevel.values)  # lowest first
STATEMENTS = {
    "model-worker-leads": "工作室由{titles}{name}领衔。",
    "innovation-team": "创新团队 12 人，其中高级技师 3 人、技师 5 人。",
    "venue": "独立活动场地 120 平方米，设研讨区、实训区和成果展示区。",
    "equipment": "配备实训台架、检测仪器等设施设备 40 余台套。",
    "rules": "建立例会、课题立项、成果评审和激励等工作制度。",
    "funding": "企业每年列支专项经费 30 万元，工会配套 5 万元。",
    "results": "近三年完成创新成果 8 项，获授权专利 5 项，推广应用 6 项。",
}


def _reviewer(username: str, name: str, union: Union, admin: User) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if not user.studio_reviewer_posts.filter(union=union).exists():
        rating_services.appoint_reviewer(
            actor=admin, union=union, user=user, name=name, expertise="职工技术创新"
        )
    return user


def _leader(employer: Employer) -> Worker | None:
    return Worker.objects.filter(employer=employer, led_studios__isnull=True).order_by("id").first()


def _rate(*, admin, reviewer, studio, level, year, unmet=()) -> None:
    """One rating of the studio for `level` in `year`, filled, submitted and reviewed."""
    standard = RatingStandard.objects.get(code="seven-haves")
    if Rating.objects.filter(studio=studio, year=year, level_sought=level).exists():
        return
    province = Union.objects.get(code=studio.union.path.strip("/").split("/")[0])
    union = studio.union if LEVELS.index(level) < 2 else province
    rating = rating_services.open_rating(
        actor=admin, studio=studio, standard=standard, level_sought=level, year=year, union=union
    )
    for assessment in rating.assessments.select_related("criterion"):
        text = STATEMENTS.get(assessment.criterion.code, "已具备。")
        rating_services.save_assessment(
            actor=admin,
            assessment=assessment,
            statement=text.format(titles=studio.leader_titles, name="工作室负责人"),
        )
    rating_services.submit_rating(actor=admin, rating=rating)
    verdicts = {
        c.pk: (c.code not in unmet, "经费来源未落实，需提供预算批复。" if c.code in unmet else "")
        for c in standard.criteria.all()
    }
    rating_services.review_rating(
        actor=reviewer if union == province else admin,
        rating=rating,
        verdicts=verdicts,
        comments="材料齐全，符合标准。" if not unmet else "请补充经费保障材料后重新提交。",
        granted_on=dt.date(year, 11, 20),
    )


def _province(code: str, admin: User, out) -> list[Studio]:
    city_code, username, reviewer_name = PROVINCES[code]
    province = Union.objects.filter(code=code).first()
    city = Union.objects.filter(code=city_code).first()
    if province is None or city is None:
        return []
    reviewer = _reviewer(username, reviewer_name, province, admin)
    employers = list(Employer.objects.filter(union=city).order_by("id"))
    studios = []
    for i, (level, titles, field, founded) in enumerate(STUDIOS):
        if not employers:
            break
        employer = employers[i % len(employers)]
        name = f"{employer.name}{field}创新工作室"
        studio = Studio.objects.filter(employer=employer, name=name).first()
        if studio is None:
            leader = _leader(employer)
            if leader is None:
                continue
            studio = studio_services.register_studio(
                actor=admin,
                union=city,
                name=name,
                employer=employer,
                leader=leader,
                field=field,
                founded_on=founded,
                leader_titles=titles,
                description=f"以{titles}为带头人，围绕{field}开展技术攻关和人才培养。",
            )
            for member in Worker.objects.filter(employer=employer).exclude(pk=leader.pk)[:5]:
                studio_services.add_member(
                    actor=admin, studio=studio, worker=member, role="骨干成员", joined_on=founded
                )
        studios.append(studio)
        if level is None:
            _rate(admin=admin, reviewer=reviewer, studio=studio, level="enterprise",
                  year=2025, unmet={"funding"})  # fmt: skip
            continue
        for rank, step in enumerate(LEVELS[: LEVELS.index(level) + 1]):
            _rate(admin=admin, reviewer=reviewer, studio=studio, level=step,
                  year=max(founded.year + 1, 2016) + 2 * rank)  # fmt: skip
    return studios


def _demo_leader(studios: list[Studio], out) -> None:
    """A login for the leader of the Shanghai studio that is revising (`studio_leader_demo`)."""
    revising = next(
        (s for s in studios if s.ratings.filter(status=RatingStatus.REVISE).exists()), None
    )
    if revising is None or User.objects.filter(username="studio_leader_demo").exists():
        return
    leader = revising.leader
    if leader.user_id is not None:
        return
    user = User.objects.create_user(username="studio_leader_demo", password=DEMO_PASSWORD)
    Worker.objects.filter(pk=leader.pk).update(user=user)
    out.write(f"   studio_leader_demo leads {revising.name}")


@transaction.atomic
def load(*, out, options) -> None:
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    if admin is None:
        out.write("   no superuser: studios skipped")
        return
    by_province = {code: _province(code, admin, out) for code in PROVINCES}
    studios = [s for group in by_province.values() for s in group]
    if by_province.get("SH"):
        _demo_leader(by_province["SH"], out)
    alliance = Alliance.objects.filter(slug=ALLIANCE_SLUG).first()
    unions = list(Union.objects.filter(code__in=PROVINCES))
    if alliance is None and unions:
        alliance = alliance_services.found_alliance(
            actor=admin,
            slug=ALLIANCE_SLUG,
            name=ALLIANCE_NAME,
            convener=next((u for u in unions if u.code == "SH"), unions[0]),
            unions=unions,
            founded_on=dt.date(2019, 8, 20),
            description="上海、江苏、浙江、安徽四地工会共同发起，推动劳模工匠创新工作室"
            "跨区域交流合作、联合攻关和成果共享。",
        )
    if alliance is not None:
        for studio in studios:
            alliance_services.join_alliance(
                actor=admin, alliance=alliance, studio=studio, joined_on=dt.date(2019, 8, 20)
            )
    out.write(
        f"   {Studio.objects.count()} studios, {Rating.objects.count()} ratings, "
        f"{Alliance.objects.count()} alliance(s)"
    )
