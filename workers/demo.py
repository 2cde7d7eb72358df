"""Demo step: workers of every demo work unit, with valid ID numbers and some teams."""

import datetime as dt
import random

from django.db import transaction
from tqdm import tqdm

from core.models import User
from core.validators import make_id_number
from unions.demo import DEMO_PASSWORD
from unions.models import Employer
from workers.models import Team, Worker

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红晓兵玉兰海峰鹏辉飞斌"
OCCUPATIONS = ["燃气管道工", "燃气输配工", "焊工", "电工", "钳工", "数控车工", "仪表维修工"]


@transaction.atomic
def load(*, out, options) -> None:
    wanted = options["workers"]
    have = Worker.objects.count()
    if have >= wanted:
        out.write(f"   {have} workers already")
        _demo_account(out)
        return
    rng = random.Random(options.get("seed", 2019) + have)
    employers = list(Employer.objects.select_related("region"))
    batch: list[Worker] = []
    for n in tqdm(range(have, wanted), desc="workers", unit="worker", disable=None):
        employer = employers[n % len(employers)]
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 35 * 365))
        region = employer.region.code
        # Serial digits keep ID numbers unique: 4 region digits + 2 digits + date + serial.
        id_number = make_id_number(f"{region[:4]}{n // 1000 % 100:02d}", birth, n % 1000)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        batch.append(
            Worker(
                name=name,
                id_number=id_number,
                birth_date=birth,
                sex="M" if int(id_number[16]) % 2 else "F",
                phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                employer=employer,
                occupation=rng.choice(OCCUPATIONS),
                skill_grade=rng.choices([5, 4, 3, 2, 1], [10, 30, 35, 20, 5])[0],
            )
        )
    Worker.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
    if not Team.objects.exists():
        for employer in employers:
            members = list(Worker.objects.filter(employer=employer).order_by("id")[:12])
            for t in range(len(members) // 4):
                group = members[t * 4 : t * 4 + 4]
                team = Team.objects.create(
                    name=f"{employer.name}第{t + 1}班组", employer=employer, leader=group[0]
                )
                team.members.set(group)
    out.write(f"   {Worker.objects.count()} workers, {Team.objects.count()} teams")
    _demo_account(out)


def _demo_account(out) -> None:
    """A worker a visitor can log in as (`worker_demo`): the first demo worker, who leads
    a team, so "my entries" and "my results" have something to show."""
    if User.objects.filter(username="worker_demo").exists():
        return
    worker = (
        Worker.objects.filter(user__isnull=True, led_teams__isnull=False).order_by("id").first()
    )
    if worker is None:
        return
    user = User.objects.create_user(username="worker_demo", password=DEMO_PASSWORD)
    Worker.objects.filter(pk=worker.pk).update(user=user)
    out.write(f"   worker_demo logs in as {worker.name}")
