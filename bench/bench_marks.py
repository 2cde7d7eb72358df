"""Benchmark: marks written per second through the API by several concurrent judges.

Run: ``DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_marks.py``
(options: ``--judges 8 --entries 100 --workers 3``). It builds a throw-away event in the
database named by DATABASE_URL (a vocational scheme: theory + practical, every judge on
both criteria), starts gunicorn on a free local port, and lets each judge post its marks
(``POST /api/v1/marks/`` with its token, one keep-alive HTTP connection per judge) from
its own thread, all judges at once. Every request goes through the whole stack: HTTP,
token authentication, permission checks, the service with its row locks and audit row.
Afterwards it checks that every mark and every audit row arrived, prints

    bench: marks_rate N marks/s
    bench: marks_p95 N ms

and deletes what it created.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(tag: str, judges: int, entries: int) -> dict:
    """One contest, one event, the judges with tokens and the approved entries."""
    from django.utils import timezone

    from contests.models import Contest, ContestSeries, Event, Registration
    from core.models import User
    from core.tokens import issue_token
    from judging.models import Criterion, Judge, JudgeAssignment, ScoringScheme
    from unions.models import Employer, Officer, Region, Union
    from workers.models import Worker

    region = Region.objects.order_by("id").first()
    union = Union.objects.create(
        code=f"B{tag}", name=f"基准工会{tag}", kind=Union.Kind.CITY, region=region,
        path=Union.path_for(f"B{tag}", None),
    )  # fmt: skip
    officer = User.objects.create(username=f"bench_officer_{tag}")
    Officer.objects.create(user=officer, union=union)
    employer = Employer.objects.create(
        name=f"基准机械厂{tag}", kind=Employer.Kind.STATE_OWNED, union=union, region=region
    )
    series = ContestSeries.objects.create(name=f"基准竞赛{tag}", year=2019)
    now = timezone.now()
    contest = Contest.objects.create(
        series=series, host_union=union, name=f"基准竞赛{tag}", status=Contest.Status.JUDGING,
        registration_opens=now - timedelta(days=10), registration_closes=now - timedelta(days=1),
        contest_date=date.today(),
    )  # fmt: skip
    event = Event.objects.create(contest=contest, name="燃气管道工")
    ScoringScheme.objects.create(event=event)
    Criterion.objects.bulk_create(
        [
            Criterion(event=event, code="T", name="理论知识", weight=30, max_mark=100,
                      kind="measurement", judges_required=1, position=0),
            Criterion(event=event, code="P", name="操作技能", weight=70, max_mark=100,
                      aggregation="trimmed_mean", judges_required=judges, step=Decimal("0.5"),
                      position=1),
        ]
    )  # fmt: skip
    workers = Worker.objects.bulk_create(
        [
            Worker(name=f"选手{i}", id_number=f"B{tag}{i:011d}"[:18], birth_date=date(1990, 1, 1),
                   sex="M", employer=employer)
            for i in range(entries)
        ]
    )  # fmt: skip
    regs = Registration.objects.bulk_create(
        [
            Registration(event=event, contest=contest, worker=w, employer=employer,
                         status=Registration.Status.APPROVED, bib=i + 1)
            for i, w in enumerate(workers)
        ]
    )  # fmt: skip
    tokens = []
    for i in range(judges):
        user = User.objects.create(username=f"bench_judge_{tag}_{i}")
        judge = Judge.objects.create(user=user, name=f"裁判{i}", union=union)
        JudgeAssignment.objects.create(event=event, judge=judge, chief=i == 0)
        tokens.append(issue_token(user=user)[1])
    return {"event": event, "union": union, "series": series, "tokens": tokens,
            "registrations": [r.pk for r in regs]}  # fmt: skip


def cleanup(world: dict) -> None:
    from contests.models import Contest, Event, Registration, RegistrationMember
    from core.models import User
    from judging.models import Criterion, Judge, JudgeAssignment, Mark, MarkLog, ScoringScheme
    from unions.models import Employer, Officer
    from workers.models import Worker

    event, union = world["event"], world["union"]
    MarkLog.objects.filter(event=event).delete()
    Mark.objects.filter(event=event).delete()
    JudgeAssignment.objects.filter(event=event).delete()
    judges = Judge.objects.filter(union=union)
    users = list(judges.values_list("user_id", flat=True))
    judges.delete()
    Criterion.objects.filter(event=event).delete()
    ScoringScheme.objects.filter(event=event).delete()
    RegistrationMember.objects.filter(event=event).delete()
    Registration.objects.filter(event=event).delete()
    Event.objects.filter(pk=event.pk).delete()
    Contest.objects.filter(host_union=union).delete()
    world["series"].delete()
    Worker.objects.filter(employer__union=union).delete()
    Employer.objects.filter(union=union).delete()
    users += list(Officer.objects.filter(union=union).values_list("user_id", flat=True))
    Officer.objects.filter(union=union).delete()
    User.objects.filter(pk__in=users).delete()
    union.delete()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers),
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=dict(os.environ),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            time.sleep(1)  # the workers boot after the arbiter binds
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def judge_thread(port, token, registrations, start, latencies, failures):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    start.wait()
    for i, reg in enumerate(registrations):
        for code, value in (("P", 60 + (i % 80) / 2), ("T", 50 + i % 50)):
            body = json.dumps({"registration": reg, "criterion": code, "value": str(value)})
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/marks/", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - t0)
            if response.status != 201:
                failures.append(response.status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--judges", type=int, default=8)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench_marks needs DATABASE_URL=postgres://...")
    setup_django()
    tag = uuid.uuid4().hex[:6]
    world = build(tag, args.judges, args.entries)
    port = free_port()
    server = None
    try:
        server = start_server(port, args.workers)
        start = threading.Event()
        latencies: list[float] = []
        failures: list[int] = []
        threads = [
            threading.Thread(
                target=judge_thread,
                args=(port, token, world["registrations"], start, latencies, failures),
            )
            for token in world["tokens"]
        ]
        for t in threads:
            t.start()
        t0 = time.perf_counter()
        start.set()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        from judging.models import Mark, MarkLog

        written = Mark.objects.filter(event=world["event"]).count()
        logged = MarkLog.objects.filter(event=world["event"]).count()
        expected = args.judges * args.entries * 2
        if failures or written != expected or logged != expected:
            raise SystemExit(
                f"lost writes: {len(failures)} failed, {written} marks, {logged} log rows, "
                f"{expected} expected"
            )
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"bench: marks_rate {written / elapsed:.0f} marks/s")
        print(f"bench: marks_p95 {p95 * 1000:.1f} ms")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cleanup(world)


if __name__ == "__main__":
    main()
