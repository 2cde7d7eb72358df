"""Benchmark of the results engine on PostgreSQL: the Celery task against raw SQL.

Run: ``DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_results.py``
(``BENCH_FULL=1`` adds 400,000 entries and contest awards over 50 events).

Builds (once; reused by later runs) an event with 100,000 approved entries x 10 marks
(theory: 5 judges, mean; practical: 5 judges, drop highest and lowest) with COPY, then times

(a) ``compute_event_results`` end to end through Redis and a real worker process (read the
    marks, score and rank with the scoring rules, COPY the snapshot rows, make it current), plus the
    publish of that snapshot;
(b) one hand-written SQL statement with window functions computing the same totals and
    ranks (trimmed means, RANK()), materialised into a temporary table;

and prints ``bench: results_task_100k S s``, ``bench: results_sql_100k S s`` and
``bench: results_task_vs_sql R x``. The SQL totals are checked against the task's rows.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from contests.models import Contest, ContestSeries, Event, Registration  # noqa: E402
from core.models import User  # noqa: E402
from judging.models import Criterion, Judge, Mark, ScoringScheme  # noqa: E402
from results import services, tasks  # noqa: E402
from results.models import ResultSnapshot  # noqa: E402
from unions.models import Employer, Region, Union  # noqa: E402
from workers.models import Worker  # noqa: E402

BENCH_UNION = "BENCH"
SQL = """
CREATE TEMP TABLE bench_sql_results ON COMMIT DROP AS
WITH per_criterion AS (
    SELECT m.registration_id,
           c.code,
           c.weight * CASE
               WHEN c.aggregation = 'trimmed_mean' AND count(*) >= 3
                   THEN (sum(m.value) - max(m.value) - min(m.value)) / (count(*) - 2)
               ELSE sum(m.value) / count(*)
           END / c.max_mark AS weighted,
           count(*) >= c.judges_required AS enough
    FROM judging_mark m
    JOIN judging_criterion c ON c.id = m.criterion_id
    WHERE m.event_id = %(event)s
    GROUP BY m.registration_id, c.id
), totals AS (
    SELECT r.id AS registration_id,
           round(greatest(sum(pc.weighted) - coalesce(max(p.marks), 0), 0), 2) AS total,
           bool_and(pc.enough) AND count(pc.code) = %(criteria)s AS complete
    FROM contests_registration r
    JOIN per_criterion pc ON pc.registration_id = r.id
    LEFT JOIN (
        SELECT registration_id, sum(marks) AS marks FROM judging_penalty GROUP BY 1
    ) p ON p.registration_id = r.id
    WHERE r.event_id = %(event)s AND r.status = 'approved'
    GROUP BY r.id
)
SELECT registration_id, total,
       CASE WHEN complete THEN RANK() OVER (PARTITION BY complete ORDER BY total DESC) END AS rank
FROM totals
"""


def log(message: str) -> None:
    print(f"   {message}", file=sys.stderr, flush=True)


def copy_rows(table: str, columns: list[str], rows) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def base() -> tuple[Union, Employer, ContestSeries, list[Judge], User]:
    region = Region.objects.order_by("path").first()
    union, _ = Union.objects.get_or_create(
        code=BENCH_UNION,
        defaults={"name": "基准测试工会", "kind": "city", "region": region, "path": "/BENCH/"},
    )
    employer, _ = Employer.objects.get_or_create(
        name="基准测试燃气公司", union=union, defaults={"kind": "state_owned", "region": region}
    )
    series, _ = ContestSeries.objects.get_or_create(name="基准测试系列", year=2019)
    root, _ = User.objects.get_or_create(username="bench-root", defaults={"is_superuser": True})
    judges = []
    for i in range(5):
        user, _ = User.objects.get_or_create(username=f"bench-judge-{i}")
        judge, _ = Judge.objects.get_or_create(
            user=user, defaults={"name": f"裁判{i}", "union": union}
        )
        judges.append(judge)
    return union, employer, series, judges, root


def build_event(name: str, entries: int, contest: Contest | None = None, seed: int = 1) -> Event:
    """An event with `entries` approved entries x 10 marks, made with COPY; reused if it
    already exists with that many entries."""
    union, employer, series, judges, _root = base()
    if contest is None:
        contest, _ = Contest.objects.get_or_create(
            name=f"基准测试竞赛 {name}",
            defaults={
                "series": series,
                "host_union": union,
                "registration_opens": timezone.now() - timezone.timedelta(days=30),
                "registration_closes": timezone.now() - timezone.timedelta(days=1),
                "status": "judging",
            },
        )
    event = Event.objects.filter(contest=contest, name=name).first()
    if event is not None and Registration.objects.filter(event=event).count() == entries:
        return event
    started = time.monotonic()
    with transaction.atomic():
        if event is not None:
            Mark.objects.filter(event=event).delete()
            ResultSnapshot.objects.filter(event=event).delete()
            Registration.objects.filter(event=event).delete()
            event.delete()
        event = Event.objects.create(contest=contest, name=name)
        ScoringScheme.objects.create(
            event=event, tie_break=["time", "P", "T"], award_tiers="prizes_10_20_30",
            promotion="top5",
        )  # fmt: skip
        theory = Criterion.objects.create(
            event=event, code="T", name="理论知识", weight=30, max_mark=100,
            aggregation="mean", judges_required=5, position=0,
        )  # fmt: skip
        practical = Criterion.objects.create(
            event=event, code="P", name="操作技能", weight=70, max_mark=10,
            aggregation="trimmed_mean", judges_required=5, position=1,
        )  # fmt: skip
        now = timezone.now()
        rng = random.Random(seed)
        tag = f"{event.pk:05d}"
        copy_rows(
            Worker._meta.db_table,
            ["name", "id_number", "birth_date", "sex", "phone", "employer_id", "occupation",
             "skill_grade", "created_at", "updated_at"],
            (
                (f"工人{i}", f"B{tag}{i:012d}", "1990-05-17", "M", "", employer.pk, "燃气管道工",
                 rng.randint(1, 5), now, now)
                for i in range(entries)
            ),
        )  # fmt: skip
        worker_ids = list(
            Worker.objects.filter(id_number__startswith=f"B{tag}")
            .order_by("id")
            .values_list("id", flat=True)
        )
        last_bib = Contest.objects.get(pk=contest.pk).last_bib
        copy_rows(
            Registration._meta.db_table,
            ["event_id", "contest_id", "worker_id", "employer_id", "status", "reject_reason",
             "bib", "completion_seconds", "disqualified", "created_at"],
            (
                (event.pk, contest.pk, w, employer.pk, "approved", "", last_bib + i + 1,
                 rng.randint(1200, 3600), False, now)
                for i, w in enumerate(worker_ids)
            ),
        )  # fmt: skip
        Contest.objects.filter(pk=contest.pk).update(last_bib=last_bib + entries)
        reg_ids = list(
            Registration.objects.filter(event=event).order_by("id").values_list("id", flat=True)
        )
        theory_pool = [f"{n / 2:.2f}" for n in range(80, 201)]
        practical_pool = [f"{n / 10:.2f}" for n in range(50, 101)]

        def marks():
            for reg in reg_ids:
                for judge in judges:
                    yield (event.pk, reg, theory.pk, judge.pk, rng.choice(theory_pool), True,
                           True, now, now)  # fmt: skip
                    yield (event.pk, reg, practical.pk, judge.pk, rng.choice(practical_pool),
                           True, True, now, now)  # fmt: skip

        copy_rows(
            Mark._meta.db_table,
            ["event_id", "registration_id", "criterion_id", "judge_id", "value", "locked",
             "confirmed", "created_at", "updated_at"],
            marks(),
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE judging_mark; ANALYZE contests_registration")
    log(f"built {name}: {entries} entries x 10 marks in {time.monotonic() - started:.1f}s")
    return event


def time_task(event: Event, worker, root: User) -> float:
    # Start from a pruned table, as in steady operation (the task prunes after itself).
    services.prune_snapshots(event_id=event.pk, keep=0)
    started = time.monotonic()
    result = tasks.compute_event_results.apply_async((event.pk,), queue=worker.queue)
    outcome = result.get(timeout=600)
    services.publish_event(actor=root, event=event, override_reason="bench")
    elapsed = time.monotonic() - started
    assert outcome.get("version"), outcome
    log(f"task end to end {elapsed:.2f}s, of which computing in the worker {outcome['seconds']}s")
    # let the worker finish its housekeeping (prune task) before anything else is timed
    deadline = time.monotonic() + 120
    while ResultSnapshot.objects.filter(event=event).count() > 3 and time.monotonic() < deadline:
        time.sleep(0.5)
    return elapsed


def time_sql(event: Event, jit: bool) -> tuple[float, int]:
    """Seconds of the SQL statement, and how many of its totals differ from the task's.

    Timed with PostgreSQL's JIT on and off; the caller keeps the faster (the SQL's best)."""
    snapshot = ResultSnapshot.objects.get(event=event, is_current=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL jit = {'on' if jit else 'off'}")
        started = time.monotonic()
        cursor.execute(SQL, {"event": event.pk, "criteria": 2})
        elapsed = time.monotonic() - started
        cursor.execute(
            "SELECT count(*) FROM bench_sql_results s JOIN results_resultrow r "
            "ON r.registration_id = s.registration_id AND r.snapshot_id = %s "
            "WHERE r.total IS DISTINCT FROM s.total",
            [snapshot.pk],
        )
        differing = cursor.fetchone()[0]
    return elapsed, differing


def best_of(n: int, run) -> float:
    return min(run() for _ in range(n))


def main() -> None:
    if not settings.IS_POSTGRES or not settings.REDIS_URL:
        print("bench_results needs DATABASE_URL (PostgreSQL) and REDIS_URL", file=sys.stderr)
        sys.exit(2)
    from config.celery import app
    from tests.celery_worker import WorkerProcess

    app.conf.task_always_eager = False
    call_command("migrate", verbosity=0)
    _union, _employer, _series, _judges, root = base()
    sizes = [100_000] + ([400_000] if os.environ.get("BENCH_FULL") == "1" else [])
    worker = WorkerProcess(concurrency=1).start()
    try:
        worker.wait_ready()
        for size in sizes:
            label = f"{size // 1000}k"
            event = build_event(f"bench-{label}", size)
            task_s = best_of(2, lambda event=event: time_task(event, worker, root))
            sql_s, differing = time_sql(event, jit=True)
            sql_s = min(sql_s, time_sql(event, jit=False)[0])
            if differing:
                log(f"WARNING: {differing} totals differ between the task and the SQL")
            print(f"bench: results_task_{label} {task_s:.2f} s")
            print(f"bench: results_sql_{label} {sql_s:.2f} s")
            print(f"bench: results_task_vs_sql_{label} {task_s / sql_s:.2f} x")
            if size == 100_000:
                print(f"bench: results_task_vs_sql {task_s / sql_s:.2f} x")
        if os.environ.get("BENCH_FULL") == "1":
            contest = awards_contest()
            started = time.monotonic()
            services.compute_awards(contest_id=contest.pk)
            print(f"bench: results_awards_50_events {time.monotonic() - started:.2f} s")
    finally:
        worker.stop()


def awards_contest() -> Contest:
    """A contest of 50 events x 2,000 entries, each computed, for the awards timing."""
    union, _employer, series, _judges, _root = base()
    contest, _ = Contest.objects.get_or_create(
        name="基准测试竞赛 awards-50",
        defaults={
            "series": series,
            "host_union": union,
            "registration_opens": timezone.now() - timezone.timedelta(days=30),
            "registration_closes": timezone.now() - timezone.timedelta(days=1),
            "status": "judging",
        },
    )
    for i in range(50):
        event = build_event(f"awards-{i:02d}", 2_000, contest=contest, seed=i)
        if not ResultSnapshot.objects.filter(event=event, is_current=True).exists():
            services.compute_event(event_id=event.pk)
    return contest


if __name__ == "__main__":
    main()
