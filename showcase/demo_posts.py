"""Demo step part (see showcase/demo.py): posts of every kind in the demo series 长三角…, with
likes from demo workers' accounts.

A correspondent (`correspondent_demo`, password as every demo account) is appointed by
`officer_sh` for a work unit of the Shanghai union; posts go through the services as in real
use (written, submitted, one returned with its reason, published, one scheduled for
tomorrow); publication times are then spread over the last weeks so "hot" and "latest"
differ. Likers are demo workers given accounts here (`demo_member_NNN`, no usable password).
Idempotent: with the demo posts there, nothing is done.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from contests.demo import SERIES
from contests.models import Achievement, ContestSeries
from core.models import User
from scoring import hot
from showcase.models import Correspondent, Post
from showcase.services import hot as hot_scores
from showcase.services import likes, posts
from unions.demo import DEMO_PASSWORD
from workers.models import Worker

LIKERS = 80
POSTS = [
    (
        "news",
        "长三角燃气行业职业技能竞赛在沪开幕",
        "来自沪苏浙皖的选手齐聚上海，同台竞技。\n\n本次竞赛由上海航天工会承办，覆盖燃气行业约十万名职工。",
    ),
    (
        "exemplary",
        "金牌职工：一线管道工的二十年",
        "他扎根燃气管网一线二十年，练就“听声辨漏”的绝活。\n\n在本届竞赛中获得金牌职工称号。",
    ),
    (
        "skill_tip",
        "燃气管道带压开孔的五个要点",
        "一、作业前核对管径与压力；二、检查开孔机密封；三、控制进给速度；四、全程监测浓度；五、做好应急预案。",
    ),
    (
        "news",
        "G60科创走廊九城市工会签署竞赛合作协议",
        "九城市工会将联合举办系列劳动和技能竞赛，推动职工技能提升。",
    ),
    (
        "skill_tip",
        "焊工理论考试高频考点梳理",
        "整理了近年焊工理论考试中的高频考点，供参赛职工练兵使用。",
    ),
    (
        "exemplary",
        "环淀山湖协同区的“金牌班组”",
        "这个班组五年来完成技术革新十余项，被评为金牌班组。",
    ),
    (
        "news",
        "长三角职工劳动和技能竞赛成果发布",
        "竞赛共评出先进集体、金牌班组、金牌职工和十佳职工创新成果。",
    ),
]
RETURNED = ("skill_tip", "安全用气小知识（待补充）", "冬季用气注意事项。")
SCHEDULED = ("news", "下周：长三角竞赛颁奖典礼预告", "颁奖典礼将于下周在上海举行，敬请关注。")


def _likers() -> list[User]:
    existing = list(User.objects.filter(username__startswith="demo_member_").order_by("id"))
    if existing:
        return existing
    workers = list(
        Worker.objects.filter(user__isnull=True).select_related("employer").order_by("id")[:LIKERS]
    )
    made = []
    for i, worker in enumerate(workers, start=1):
        user = User(username=f"demo_member_{i:03d}")
        user.set_unusable_password()
        user.save()
        Worker.objects.filter(pk=worker.pk).update(user=user)
        made.append(user)
    return made


def load(*, out, options) -> None:
    series = ContestSeries.objects.filter(name=SERIES).order_by("year").first()
    officer = User.objects.filter(username="officer_sh", officer__isnull=False).first()
    if series is None or officer is None:
        out.write("   no demo series or officer_sh: no showcase posts")
        return
    if Post.objects.filter(series=series).exists():
        return
    union = officer.officer.union
    contests = list(series.contests.filter(host_union__path__startswith=union.path))
    unit = (
        Achievement.objects.filter(employer__union__path__startswith=union.path)
        .select_related("employer")
        .first()
    )
    employer = unit.employer if unit else union.employers.order_by("id").first()
    if employer is None:
        out.write("   no work unit in the Shanghai union: no showcase posts")
        return
    writer, created = User.objects.get_or_create(username="correspondent_demo")
    if created:
        writer.set_password(DEMO_PASSWORD)
        writer.save()
    if not Correspondent.objects.active().filter(user=writer, employer=employer).exists():
        Correspondent.objects.create(user=writer, employer=employer, appointed_by=officer)
    rng = random.Random(f"{options.get('seed', 2019)}-showcase")
    contest = contests[0] if contests else None
    common = {"employer": employer, "series": series, "contest": contest}

    published = []
    items = [*POSTS]
    if unit is not None:
        items.insert(2, ("achievement", f"竞赛成果：{unit.title}", unit.summary or unit.title))
    for kind, title, body in items:
        extra = {"achievement": unit} if kind == "achievement" else {}
        post = posts.create_post(actor=writer, kind=kind, title=title, body=body, **common, **extra)
        posts.submit_post(actor=writer, post=post)
        published.append(posts.publish_post(actor=officer, post=post))
    kind, title, body = RETURNED
    post = posts.create_post(actor=writer, kind=kind, title=title, body=body, **common)
    posts.submit_post(actor=writer, post=post)
    posts.return_post(actor=officer, post=post, reason="请补充具体做法和配图后再提交。")
    kind, title, body = SCHEDULED
    post = posts.create_post(actor=writer, kind=kind, title=title, body=body, **common)
    posts.submit_post(actor=writer, post=post)
    posts.publish_post(actor=officer, post=post, publish_at=timezone.now() + dt.timedelta(days=1))

    # Spread the publication times over the last three weeks (newest first in the list).
    now = timezone.now()
    for n, post in enumerate(published):
        when = now - dt.timedelta(days=n * 3, hours=rng.randint(0, 12))
        base = hot.time_part(when)
        Post.objects.filter(pk=post.pk).update(published_at=when, hot_base=base, hot_score=base)
    likers = _likers()
    total = 0
    for n, post in enumerate(published):
        share = [0.9, 0.6, 0.5, 0.3, 0.25, 0.15, 0.1, 0.05][n % 8]
        for user in likers:
            if rng.random() < share:
                likes.like(actor=user, post_id=post.pk)
                total += 1
    hot_scores.refresh_scores()  # the hot order follows the likes at once, not within seconds
    out.write(
        f"   {len(published)} showcase posts published (one returned, one scheduled),"
        f" {total} likes from {len(likers)} demo members"
    )
