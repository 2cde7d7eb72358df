"""Benchmark: online registration through the API on PostgreSQL, with concurrent clients.

Run: ``DATABASE_URL=postgres://... .venv/bin/python bench/bench_registration.py``
(options: --workers 2000 --employers 40 --quota 40 --clients 8 --duplicates 200).

Builds its own union, work units, workers and an open contest (removed afterwards), then
`--clients` threads, each with its own database connection and DRF APIClient, POST
/api/v1/registrations/ for every worker (signed in as that worker), plus `--duplicates`
repeated requests for workers already sent. The quota per work unit is below its number of
workers, so requests race for the last places. Prints

    bench: registration_rate X req/s
    bench: registration_p95 X ms

and checks: every 201 is stored (no lost entry), no worker entered twice, no work unit
over its quota; exits 1 if any is violated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from contests.models import (  # noqa: E402
    Contest,
    ContestSeries,
    Event,
    Registration,
    RegistrationMember,
)
from core.models import User  # noqa: E402
from core.validators import make_id_number  # noqa: E402
from unions.models import Employer, Region, Union  # noqa: E402
from workers.models import Worker  # noqa: E402

CODE = "BENCH-REG"


def cleanup() -> None:
    union = Union.objects.filter(code=CODE).first()
    if union is None:
        return
    contests = Contest.objects.filter(host_union=union)
    RegistrationMember.objects.filter(event__contest__in=contests).delete()
    Registration.objects.filter(contest__in=contests).delete()
    series = list(ContestSeries.objects.filter(contests__in=contests).distinct())
    Event.objects.filter(contest__in=contests).delete()
    contests.delete()
    for s in series:
        s.delete()
    workers = Worker.objects.filter(employer__union=union)
    user_ids = list(workers.values_list("user_id", flat=True))
    workers.delete()
    User.objects.filter(pk__in=user_ids).delete()
    Employer.objects.filter(union=union).delete()
    union.delete()


def build(n_workers: int, n_employers: int, quota: int) -> tuple[Event, list[Worker]]:
    region = Region.objects.get(code="310000")
    union = Union.objects.create(
        code=CODE, name="基准测试工会", kind=Union.Kind.INDUSTRY, region=region, path=f"/{CODE}/"
    )
    employers = Employer.objects.bulk_create(
        Employer(name=f"基准单位{i}", kind=Employer.Kind.STATE_OWNED, region=region, union=union)
        for i in range(n_employers)
    )
    users = [User(username=f"bench-reg-{i}") for i in range(n_workers)]
    for u in users:
        u.set_unusable_password()
    users = User.objects.bulk_create(users, batch_size=2000)
    birth = dt.date(1990, 1, 1)
    workers = Worker.objects.bulk_create(
        (
            Worker(
                user=u,
                name=f"基准{i}",
                # Beijing prefixes: never those of the demo's Yangtze River Delta workers.
                id_number=make_id_number(f"11{i // 1000 % 100:02d}01", birth, i % 1000),
                birth_date=birth,
                sex="M",
                employer=employers[i % n_employers],
                skill_grade=3,
            )
            for i, u in enumerate(users)
        ),
        batch_size=2000,
    )
    series = ContestSeries.objects.create(name="基准测试系列", year=2019)
    now = timezone.now()
    contest = Contest.objects.create(
        series=series,
        host_union=union,
        name="基准测试竞赛",
        registration_opens=now - dt.timedelta(hours=1),
        registration_closes=now + dt.timedelta(days=1),
        status=Contest.Status.OPEN,
    )
    event = Event.objects.create(contest=contest, name="基准测试项目", quota_per_employer=quota)
    return event, workers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2000)
    parser.add_argument("--employers", type=int, default=40)
    parser.add_argument("--quota", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duplicates", type=int, default=200)
    args = parser.parse_args()
    if not settings.IS_POSTGRES:
        print("bench_registration needs PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    # The in-process test client talks to "testserver" over plain HTTP.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 400s are expected

    cleanup()
    event, workers = build(args.workers, args.employers, args.quota)
    connection.close()
    rng = random.Random(2019)
    jobs = [(w.pk, w.user) for w in workers]
    rng.shuffle(jobs)
    jobs += [rng.choice(jobs) for _ in range(args.duplicates)]
    lock = threading.Lock()
    cursor = iter(jobs)
    results: list[tuple[int, int, float, int | None]] = []  # worker, status, seconds, id
    errors: list[str] = []

    def client_loop() -> None:
        client = APIClient()
        mine = []
        try:
            while True:
                with lock:
                    job = next(cursor, None)
                if job is None:
                    break
                worker_id, user = job
                client.force_authenticate(user=user)
                started = time.perf_counter()
                response = client.post(
                    "/api/v1/registrations/",
                    {"event": event.pk, "worker": worker_id},
                    format="json",
                )
                took = time.perf_counter() - started
                body = response.json() if response.status_code in (201, 400) else {}
                if response.status_code not in (201, 400):
                    errors.append(f"HTTP {response.status_code}: {response.content[:200]!r}")
                mine.append((worker_id, response.status_code, took, body.get("id")))
        finally:
            connection.close()
            with lock:
                results.extend(mine)

    threads = [threading.Thread(target=client_loop) for _ in range(args.clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    latencies = sorted(r[2] for r in results)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"bench: registration_rate {len(results) / elapsed:.1f} req/s")
    print(f"bench: registration_p95 {p95:.1f} ms")
    print(f"bench: registration_median {statistics.median(latencies) * 1000:.1f} ms")

    problems = list(errors[:5])
    accepted = {r[3]: r[0] for r in results if r[1] == 201}
    stored = dict(Registration.objects.filter(event=event).values_list("id", "worker_id"))
    if set(accepted) != set(stored):
        problems.append(f"lost or phantom entries: {len(accepted)} accepted, {len(stored)} stored")
    twice = [w for w, n in Counter(stored.values()).items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} workers entered twice")
    per_employer = Counter(
        Registration.objects.filter(event=event, status__in=Registration.ACTIVE).values_list(
            "employer_id", flat=True
        )
    )
    over = [e for e, n in per_employer.items() if n > args.quota]
    if over:
        problems.append(f"{len(over)} work units over their quota of {args.quota}")
    expected = min(args.workers, args.employers * args.quota)
    if len(stored) != expected:
        problems.append(f"expected {expected} entries (quotas filled), stored {len(stored)}")
    print(
        f"bench: registration_accepted {len(stored)} entries "
        f"({len(results) - len(accepted)} refused of {len(results)} requests)"
    )
    cleanup()
    for p in problems:
        print(f"bench_registration: FAILED: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
