"""Benchmark of the online showcase (issue 15, "Speed"), on PostgreSQL + Redis.

World: BENCH_POSTS published posts (default 100,000) with BENCH_LIKES likes (default
1,000,000, skewed: a few posts get thousands) from 2,000 accounts, loaded by COPY with
`like_count` and `hot_score` set as the services would; then against gunicorn with 2 sync
workers on loopback, BENCH_LIKERS members (default 50), each with an API token:

1. `showcase_like_*`: every member likes posts it has not liked yet
   (`POST /api/v1/showcase/posts/<id>/like/`, the whole stack: token, rate-limit check off
   (GJ_RATE_LIMITS=false, the bench is one member per connection at machine speed), the
   insert … on conflict do nothing, the count and score update), closed loop; each like is
   a post the member has not liked, spread over all posts (the worst case for the
   database: nearly every like touches pages no like touched before).
2. `showcase_like_hot_post_*`: all members on ONE post at once, each alternating like and
   unlike: every request changes the same row (the row-lock contention case).
3. `showcase_feed_hot_*`: anonymous GET /showcase/?order=hot (the first page: cached in
   Redis for TTL seconds and answered by public.fastpath in front of Django, from the
   worker's own memory for up to a second after each Redis read, so this is the cached
   path); `showcase_feed_hot_page2_*`: page 2, never cached, the indexed query and the
   render every time.

Likes come with API tokens, so after each member's first like (Django: the token checked
and remembered) they are answered by core.hotpath: one prepared statement. The load is wrk
(bench/loadgen.py), closed loop.

Afterwards every count is checked exact (sum of like_count = like rows; no post differs).
Prints `bench: NAME VALUE UNIT` lines and removes what it created.
Run: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_showcase.py
Options (environment): BENCH_POSTS, BENCH_LIKES, BENCH_LIKERS, BENCH_SECONDS (5),
BENCH_CLIENT_PROCS (2, the Python client only).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import loadgen  # noqa: E402
from bench_training import setup_django  # noqa: E402
from django_setup import report  # noqa: E402
from loadgen import raw  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "100000"))
LIKES = int(os.environ.get("BENCH_LIKES", "1000000"))
LIKERS = int(os.environ.get("BENCH_LIKERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ACCOUNTS = 2000  # the accounts behind the loaded likes
UNITS = 100


def _like_counts(rng: random.Random) -> list[int]:
    """Likes per post: skewed (Zipf-like), each at most ACCOUNTS, about LIKES in all."""
    weights = [1 / (r + 1) ** 0.7 for r in range(POSTS)]
    rng.shuffle(weights)
    scale = LIKES / sum(weights)
    return [min(ACCOUNTS, int(w * scale + rng.random())) for w in weights]


def build(tag: str) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from contests.models import ContestSeries
    from core.models import User
    from core.tokens import issue_token
    from scoring import hot
    from unions.models import Employer, Region, Union

    started = time.monotonic()
    rng = random.Random(15)
    now = timezone.now()
    with transaction.atomic():
        region = Region.objects.order_by("id").first()
        union = Union.objects.create(
            code=f"BS{tag}", name=f"基准展示工会{tag}", kind=Union.Kind.CITY, region=region,
            path=Union.path_for(f"BS{tag}", None),
        )  # fmt: skip
        series = ContestSeries.objects.create(name=f"基准网上展示{tag}", year=2018)
        units = Employer.objects.bulk_create(
            [
                Employer(name=f"基准单位{tag}-{i}", kind=Employer.Kind.STATE_OWNED,
                         union=union, region=region)
                for i in range(UNITS)
            ]
        )  # fmt: skip
        password = make_password(None)
        accounts = User.objects.bulk_create(
            [User(username=f"bs_{tag}_a{i}", password=password) for i in range(ACCOUNTS)],
            batch_size=2000,
        )
        members = User.objects.bulk_create(
            [User(username=f"bs_{tag}_m{i}", password=password) for i in range(LIKERS)]
        )
        counts = _like_counts(rng)
        buf = io.StringIO()
        author = members[0].pk
        for i, n in enumerate(counts):
            published = now - dt.timedelta(seconds=rng.randrange(90 * 86400))
            unit = units[i % UNITS]
            buf.write(
                f"{'news' if i % 4 else 'skill_tip'}\t基准稿件{i}\t<p>基准正文{i}</p>\t{union.pk}\t"
                f"{unit.pk}\t{region.pk}\t{series.pk}\tpublished\t\t{author}\t"
                f"{published.isoformat()}\t{n}\t0\t{hot.score(n, published)!r}\t"
                f"{hot.time_part(published)!r}\t"
                f"{published.isoformat()}\t{published.isoformat()}\n"
            )
        cols = ("kind, title, body, union_id, employer_id, region_id, series_id, status,"
                " return_reason, author_id, published_at, like_count, comment_count,"
                " hot_score, hot_base, created_at, updated_at")  # fmt: skip
        with connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")  # no FK triggers
            with cur.copy(f"COPY showcase_post ({cols}) FROM STDIN") as copy:
                copy.write(buf.getvalue())
            cur.execute("SELECT id FROM showcase_post WHERE union_id = %s ORDER BY id", [union.pk])
            post_ids = [r[0] for r in cur.fetchall()]
            buf = io.StringIO()
            at = now.isoformat()
            total = 0
            for pid, n in zip(post_ids, counts, strict=True):
                first = rng.randrange(ACCOUNTS)
                for j in range(n):
                    account = accounts[(first + j) % ACCOUNTS]
                    buf.write(f"{pid}\t{account.pk}\t{units[account.pk % UNITS].pk}\t{at}\n")
                total += n
            with cur.copy(
                "COPY showcase_like (post_id, user_id, employer_id, created_at) FROM STDIN"
            ) as copy:
                copy.write(buf.getvalue())
    with connection.cursor() as cur:
        # Vacuumed as autovacuum would soon after a bulk load (hint bits, visibility map),
        # so that it does not start in the middle of a measurement.
        cur.execute("VACUUM (ANALYZE) showcase_post")
        cur.execute("VACUUM (ANALYZE) showcase_like")
        # The load written out now, not by a checkpoint in the middle of a measurement.
        cur.execute("CHECKPOINT")
    tokens = [issue_token(user=m, name="bench")[1] for m in members]
    print(
        f"# set up {len(post_ids)} posts and {total} likes in {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return {"tag": tag, "union": union, "series": series, "post_ids": post_ids,
            "tokens": tokens, "users": [u.pk for u in accounts + members], "likes": total}  # fmt: skip


def cleanup(world: dict) -> None:
    from django.db import connection, transaction

    from core.models import User
    from unions.models import Employer

    union = world["union"]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "DELETE FROM showcase_like WHERE post_id IN"
            " (SELECT id FROM showcase_post WHERE union_id = %s)",
            [union.pk],
        )
        cur.execute("DELETE FROM showcase_postlog WHERE post_id IN"
                    " (SELECT id FROM showcase_post WHERE union_id = %s)", [union.pk])  # fmt: skip
        cur.execute("DELETE FROM showcase_post WHERE union_id = %s", [union.pk])
        User.objects.filter(pk__in=world["users"]).delete()
        Employer.objects.filter(union=union).delete()
        world["series"].delete()
        union.delete()


def check_counts(world: dict) -> int:
    """Posts whose like_count differs from their like rows (must be 0); raises when the
    totals differ."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT COALESCE(SUM(p.like_count), 0),"
            " (SELECT COUNT(*) FROM showcase_like l JOIN showcase_post q ON q.id = l.post_id"
            "  WHERE q.union_id = %s)"
            " FROM showcase_post p WHERE p.union_id = %s",
            [world["union"].pk, world["union"].pk],
        )
        counted, rows = cur.fetchone()
        cur.execute(
            "SELECT COUNT(*) FROM showcase_post p LEFT JOIN (SELECT post_id, COUNT(*) n FROM"
            " showcase_like GROUP BY post_id) l ON l.post_id = p.id"
            " WHERE p.union_id = %s AND p.like_count <> COALESCE(l.n, 0)",
            [world["union"].pk],
        )
        wrong = cur.fetchone()[0]
    if counted != rows or wrong:
        raise SystemExit(
            f"counts not exact: sum(like_count)={counted}, likes={rows}, {wrong} posts differ"
        )
    return rows


# --- the load -------------------------------------------------------------------------


def _measured(name: str, clients: list[list[bytes]], port: int, unit: str, warm=None) -> None:
    loadgen.load(port, warm or clients, seconds=1)  # warm both workers (connections, caches)
    got = loadgen.load(port, clients, seconds=SECONDS)
    if got.failed:
        raise SystemExit(f"{name}: {got.failed} of {got.answered} requests failed")
    report(f"{name}_{LIKERS}c_rps", got.rate, unit)
    report(f"{name}_{LIKERS}c_p50", got.p50, "ms")
    report(f"{name}_{LIKERS}c_p99", got.p99, "ms")


def bench(world: dict) -> None:
    os.environ["GJ_RATE_LIMITS"] = "false"
    port = loadgen.free_port()
    proc = loadgen.start_gunicorn(port)
    print(f"# load generator: {loadgen.GENERATOR}", flush=True)
    try:
        rng = random.Random(50)
        ids = world["post_ids"]
        tokens = world["tokens"]
        # The ceiling on this machine now: a trivial Redis-backed view through Django.
        _measured("showcase_redis_view", [[raw("GET", "/bench/redis/")]] * LIKERS, port, "req/s")
        # 1. likes of posts not liked before: each member its own shuffled share of posts.
        clients = []
        for i, token in enumerate(tokens):
            mine = ids[i :: len(tokens)]
            rng.shuffle(mine)
            clients.append(
                [raw("POST", f"/api/v1/showcase/posts/{pid}/like/", token, b"") for pid in mine]
            )
        # Warmed with each member's last post only (its token checked and remembered): the
        # measured run's likes are all new, none a repeat of the warm-up's.
        _measured("showcase_like", clients, port, "likes/s", warm=[[c[-1]] for c in clients])
        # 2. one hot post: like, unlike, like, … by every member at once.
        path = f"/api/v1/showcase/posts/{ids[0]}/like/"
        clients = [[raw("POST", path, t, b""), raw("DELETE", path, t, b"")] for t in tokens]
        _measured("showcase_like_hot_post", clients, port, "changes/s")
        # 3. the anonymous hot feed: first page (cached) and page 2 (never cached).
        for name, url in (("feed_hot", "/showcase/?order=hot"),
                          ("feed_hot_page2", "/showcase/?order=hot&page=2")):  # fmt: skip
            _measured(f"showcase_{name}", [[raw("GET", url)]] * LIKERS, port, "req/s")
    finally:
        loadgen.stop_gunicorn(proc)
    rows = check_counts(world)
    report("showcase_likes_exact_after_run", rows, "likes")


def main() -> None:
    setup_django()
    print(f"# load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    world = build(uuid.uuid4().hex[:6])
    try:
        check_counts(world)
        bench(world)
    finally:
        cleanup(world)
    print(f"# load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
