"""Load benchmark of the public site: gunicorn (2 sync workers, config.serving) on PostgreSQL + Redis.

Builds (once; reused on later runs) a published 400,000-entry snapshot with COPY, starts
gunicorn on loopback, and drives it with wrk (8 connections; a Python multi-process client
when wrk is missing). Prints `bench: NAME VALUE UNIT` lines: req/s, p50 and p99 for the first
leaderboard page (HTML and API, cached), filtered and deep pages (API, built per request) and
the award lists. Cached first pages and award lists are answered by public.fastpath (the WSGI
layer of config/wsgi.py) straight from Redis; the filtered and deep API pages go through Django.

Run: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_public.py
Options (environment): BENCH_SECONDS (default 5), BENCH_PORT (default 8765), BENCH_KEEP=1
keeps the synthetic contest afterwards (it is dropped by default: the demo shares the DB).
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = 400_000
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONNECTIONS = 8
BENCH_CONTEST = "基准测试：长三角燃气行业职业技能竞赛（400,000人）"


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench_public needs DATABASE_URL=postgres://... and REDIS_URL")
    if not os.environ.get("REDIS_URL"):
        sys.exit("bench_public needs REDIS_URL")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_snapshot() -> tuple[int, int]:
    """(event id, contest id) of the synthetic published event, built by COPY if missing."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from contests.models import Contest, ContestSeries, Event
    from core.validators import mask_name
    from results.models import AwardRow, AwardSnapshot, ResultRow, ResultSnapshot
    from unions.models import Region, Union

    contest = Contest.objects.filter(name=BENCH_CONTEST).first()
    if contest is not None:
        event = contest.events.first()
        snap = ResultSnapshot.objects.filter(event=event, is_public=True).first()
        if snap and ResultRow.objects.filter(snapshot=snap).count() == ROWS:
            return event.pk, contest.pk
    rng = random.Random(2019)
    started = time.monotonic()
    with transaction.atomic():
        sh = Region.objects.get(code="310000")
        host, _ = Union.objects.get_or_create(
            code="BENCH-HT",
            defaults={
                "name": "上海航天工会（基准）",
                "kind": "industry",
                "region": sh,
                "path": "/BENCH-HT/",
            },
        )
        series, _ = ContestSeries.objects.get_or_create(
            name="长三角地区职工劳动和技能竞赛（基准）", year=2019
        )
        now = timezone.now()
        contest, _ = Contest.objects.get_or_create(
            name=BENCH_CONTEST,
            defaults={
                "series": series,
                "host_union": host,
                "status": "published",
                "registration_opens": now - dt.timedelta(days=60),
                "registration_closes": now - dt.timedelta(days=30),
            },
        )
        event, _ = Event.objects.get_or_create(contest=contest, name="燃气管道工（基准）")
        ResultSnapshot.objects.filter(event=event).delete()
        snap = ResultSnapshot.objects.create(
            event=event,
            version=1,
            is_current=True,
            is_public=True,
            complete=True,
            entries=ROWS,
            ranked=ROWS,
            published_at=now,
        )
        regions = list(Region.objects.filter(level="city").values_list("name", "path")) or [
            (sh.name, sh.path)
        ]
        kinds = ["non_public", "foreign", "state_owned", "public_institution"]
        employers = [
            (10_000 + i, f"第{i}号单位", kinds[i % 4], *regions[i % len(regions)])
            for i in range(2000)
        ]
        surnames, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
        totals = sorted((round(rng.uniform(40, 100), 2) for _ in range(ROWS)), reverse=True)
        buf = io.StringIO()
        rank = 0
        for pos, total in enumerate(totals, start=1):
            if pos == 1 or total != totals[pos - 2]:
                rank = pos
            emp = employers[rng.randrange(len(employers))]
            name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
            tier = (
                "一等奖"
                if pos <= ROWS // 100
                else "二等奖"
                if pos <= ROWS // 100 * 3
                else ("三等奖" if pos <= ROWS // 100 * 6 else "")
            )
            buf.write(
                f"{snap.pk}\t{pos}\t{pos}\t{pos}\t{rank}\t{total}\t{total}\t{{}}\t0\t{tier}\t\\N\t"
                f"\tt\t{name}\t{mask_name(name)}\t{emp[0]}\t{emp[1]}\t{emp[2]}\t{emp[3]}\t{emp[4]}"
                f"\t/BENCH-HT/\t{pos}\t\\N\n"
            )
        cols = (
            "snapshot_id, position, registration_id, bib, rank, total, standardised, criteria,"
            " penalties, tier, promotion, decided_by, complete, display_name, masked_name,"
            " employer_id, employer_name, employer_kind, region_name, region_path,"
            " union_path, worker_id, team_id"
        )
        with (
            connection.cursor() as cur,
            cur.copy(f"COPY results_resultrow ({cols}) FROM STDIN") as copy,
        ):
            copy.write(buf.getvalue())
        AwardSnapshot.objects.filter(contest=contest).delete()
        awards = AwardSnapshot.objects.create(
            contest=contest, version=1, is_current=True, is_public=True, published_at=now
        )
        AwardRow.objects.bulk_create(
            AwardRow(
                snapshot=awards,
                kind=kind,
                rank=r,
                display_name=f"获奖者{r}",
                masked_name=f"获*{r}",
                employer_name=employers[r][1],
                reason="成绩优异",
            )
            for kind in ("gold_worker", "gold_team", "advanced_collective")
            for r in range(1, 51)
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE results_resultrow")
    print(f"# built {ROWS} rows in {time.monotonic() - started:.1f}s", flush=True)
    from public import cache

    cache.bump(event_id=event.pk, contest_id=contest.pk)
    return event.pk, contest.pk


def start_gunicorn() -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
    }
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "-k",
            "config.serving.SyncWorker",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{PORT}/api/v1/public/events/0/leaderboard/", timeout=1
            )
        except urllib.error.HTTPError:
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("gunicorn did not start")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m|h)$", text)
    if m is None:
        raise SystemExit(f"unreadable wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def run_wrk(url: str) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"non-2xx answers from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # Anchored: a "+/- Stdev" column such as "83.50%" must not be read as the median.
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    return rps, p50, p99


def _client(url: str, deadline: float, queue) -> None:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    times = []
    while time.monotonic() < deadline:
        t = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise SystemExit(f"{resp.status} from {url}")
        times.append((time.perf_counter() - t) * 1000)
    queue.put(times)


def run_python(url: str) -> tuple[float, float, float]:
    import multiprocessing as mp

    queue = mp.Queue()
    deadline = time.monotonic() + SECONDS
    procs = [mp.Process(target=_client, args=(url, deadline, queue)) for _ in range(CONNECTIONS)]
    for p in procs:
        p.start()
    times = sorted(t for _ in procs for t in queue.get())
    for p in procs:
        p.join()
    return len(times) / SECONDS, times[len(times) // 2], times[int(len(times) * 0.99)]


def main() -> None:
    setup_django()
    event_id, contest_id = build_snapshot()
    base = f"http://127.0.0.1:{PORT}"
    cases = [
        ("leaderboard_html_first", f"/events/{event_id}/leaderboard/"),
        ("leaderboard_api_first", f"/api/v1/public/events/{event_id}/leaderboard/"),
        (
            "leaderboard_html_filtered_cached",
            f"/events/{event_id}/leaderboard/?employer_kind=foreign",
        ),
        (
            "leaderboard_api_filtered",
            f"/api/v1/public/events/{event_id}/leaderboard/?employer_kind=foreign",
        ),
        (
            "leaderboard_api_filtered_deep",
            f"/api/v1/public/events/{event_id}/leaderboard/?employer_kind=foreign&after=350000",
        ),
        (
            "leaderboard_api_tier",
            f"/api/v1/public/events/{event_id}/leaderboard/?tier=三等奖&after=20000",
        ),
        ("leaderboard_api_deep", f"/api/v1/public/events/{event_id}/leaderboard/?page=7000"),
        ("awards_api", f"/api/v1/public/contests/{contest_id}/awards/"),
        ("awards_html", f"/contests/{contest_id}/awards/"),
    ]
    runner = run_wrk if shutil.which("wrk") else run_python
    print(
        f"# load generator: {'wrk' if runner is run_wrk else 'python'}; "
        f"{CONNECTIONS} connections, {SECONDS}s per case",
        flush=True,
    )
    proc = start_gunicorn()
    try:
        for name, path in cases:
            url = base + urllib.request.quote(path, safe="/?=&")
            urllib.request.urlopen(url, timeout=30).read()
            if runner is run_wrk:  # warm both workers (imports, connections, cache) first
                subprocess.run(
                    ["wrk", "-t2", f"-c{CONNECTIONS}", "-d1s", url], capture_output=True, check=True
                )
            rps, p50, p99 = runner(url)
            print(f"bench: public_{name}_rps {rps:.0f} req/s")
            print(f"bench: public_{name}_p50 {p50:.2f} ms")
            print(f"bench: public_{name}_p99 {p99:.2f} ms", flush=True)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        if os.environ.get("BENCH_KEEP") != "1":
            drop_bench_data(contest_id)


def drop_bench_data(contest_id: int) -> None:
    """Leave the database as found (the demo shares it): rows by SQL, the rest by the ORM."""
    from django.db import connection, transaction

    from contests.models import Contest
    from public import cache

    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "DELETE FROM results_resultrow WHERE snapshot_id IN (SELECT s.id FROM"
                " results_resultsnapshot s JOIN contests_event e ON s.event_id = e.id"
                " WHERE e.contest_id = %s)",
                [contest_id],
            )
        contest = Contest.objects.get(pk=contest_id)
        series = contest.series
        contest.delete()
        if not series.contests.exists():
            series.delete()
    cache.bump(contest_id=contest_id)


if __name__ == "__main__":
    main()
