"""Benchmark of online theory tests (issue 14, "Speed and scale"), on PostgreSQL + Redis.

1. Answer saves: 200 test takers, each with their own running attempt of 100 questions and
   their own API token, save answers (`POST /api/v1/training/attempts/<id>/answer/`, the
   whole stack: HTTP, token authentication, ownership, deadline, validation, the write)
   against gunicorn with 2 sync workers on loopback (BENCH_GUNICORN: the worker class of
   docs/operations.md; `-w 2 -k gthread --threads 4` measured worse on 2 cores), loaded by
   wrk (bench/loadgen.py). Two readings:
   - closed loop (`training_save_*`): every taker sends its next save as soon as the last
     one is answered: the saturation rate; its latency is mostly the queue (200 requests in
     flight on 2 workers: by Little's law p50 ≈ 200 / rate);
   - paced (`training_save_paced_*`): each taker thinks a random time around
     TAKERS / BENCH_SAVE_RATE seconds (118 ms: 200 takers would offer 1,700 saves/s if
     answers took no time; thinking plus waiting for each answer, they carry somewhat
     fewer, and the carried rate is the figure, to be set against the target's 1,500)
     between an answer and its next save, as people reading questions do; p99 is the
     latency at that rate. Through nginx in front of the same gunicorn, as in
     production (bench/loadgen.py says why: a sync worker must not wait for a thinker).
   For comparison, the same closed-loop client against a trivial Redis-backed Django view
   (`training_redis_view_*`, bench/redis_view_wsgi.py): the ceiling on this machine.
2. Grading: BENCH_GRADE_ATTEMPTS submitted attempts (default 2,000; the issue's 100,000 is
   10,000,000 items, too long to set up on a 2-core machine for `make bench`) of 100
   questions each, set up by COPY, graded by training.services.grading.grade_test (items,
   attempt scores, the criterion's marks with their audit rows), against one hand-written SQL
   statement grading the same items and attempt totals by the same rules. Each runs inside
   a transaction rolled back afterwards, on the same ungraded rows (VACUUM in between).

Prints `bench: NAME VALUE UNIT` lines and removes what it created.
Run: DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_training.py
Options (environment): BENCH_SECONDS (default 5), BENCH_TAKERS (200), BENCH_SAVE_RATE
(1700), BENCH_GRADE_ATTEMPTS (2000), BENCH_GUNICORN ("-w 2 -k
config.serving.SyncWorker"), BENCH_CLIENT_PROCS (2,
the Python client when wrk is missing).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import loadgen
from loadgen import raw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
TAKERS = int(os.environ.get("BENCH_TAKERS", "200"))
SAVE_RATE = float(os.environ.get("BENCH_SAVE_RATE", "1700"))
GRADE_ATTEMPTS = int(os.environ.get("BENCH_GRADE_ATTEMPTS", "2000"))
QUESTIONS = 100
BANK = 400
OPTIONS = [{"key": k, "text": f"选项{k}"} for k in "ABCD"]


def report(name: str, value: float, unit: str) -> None:
    print(f"bench: {name} {value:.6g} {unit}", flush=True)


def setup_django() -> None:
    from django_setup import setup

    # Tokens are bound to the password hash under SECRET_KEY: the same key here and in gunicorn.
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

    setup()


# --- the world --------------------------------------------------------------------------


def _bank(union) -> list[tuple[int, str, list, list]]:
    """BANK questions of the four kinds: (version id, kind, option keys, answer)."""
    from training.models import Question, QuestionVersion

    rng = random.Random(14)
    kinds = ["single"] * 4 + ["multiple"] * 3 + ["true_false"] * 2 + ["fill"]
    questions = Question.objects.bulk_create(
        [Question(union=union, kind=kinds[i % len(kinds)]) for i in range(BANK)]
    )
    versions = []
    for i, q in enumerate(questions):
        if q.kind == "single":
            options, answer = OPTIONS, [rng.choice("ABCD")]
        elif q.kind == "multiple":
            options, answer = OPTIONS, sorted(rng.sample("ABCD", rng.randint(2, 3)))
        elif q.kind == "true_false":
            options, answer = [], [rng.random() < 0.5]
        else:
            options, answer = [], ["甲烷", "CH4"]
        versions.append(
            QuestionVersion(
                question=q,
                stem=f"基准题{i}",
                options=options,
                answer=answer,
                explanation="解析",
                occupation="燃气管道工",
            )
        )
    versions = QuestionVersion.objects.bulk_create(versions)
    for q, v in zip(questions, versions, strict=True):
        q.current = v
    Question.objects.bulk_update(questions, ["current"])
    return [(v.pk, q.kind, [o["key"] for o in v.options], v.answer) for q, v in zip(questions, versions, strict=True)]  # fmt: skip


def _given(rng: random.Random, kind: str, keys: list, answer: list):
    """A plausible answer: mostly right, sometimes wrong, partial or (rarely) blank."""
    r = rng.random()
    if r < 0.05:
        return None
    right = r < 0.7
    if kind == "single":
        return answer if right else [rng.choice([k for k in keys if k not in answer])]
    if kind == "multiple":
        if right:
            return answer
        return answer[:1] if r < 0.85 else sorted(set(answer[:1]) | {rng.choice(keys)})
    if kind == "true_false":
        return answer if right else [not answer[0]]
    return [rng.choice(["甲烷", "ＣＨ４", " ch4 "])] if right else ["乙烷"]


def build(tag: str) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from contests.models import Contest, ContestSeries, Event, Registration, RegistrationMember
    from core.models import User
    from core.tokens import issue_token
    from judging.models import Criterion, ScoringScheme
    from training.models import Attempt, OnlineTest, TestSection
    from unions.models import Employer, Region, Union
    from workers.models import Worker

    started = time.monotonic()
    rng = random.Random(2018)
    now = timezone.now()
    n = GRADE_ATTEMPTS + TAKERS
    with transaction.atomic():
        region = Region.objects.order_by("id").first()
        union = Union.objects.create(
            code=f"BT{tag}", name=f"基准练兵工会{tag}", kind=Union.Kind.CITY, region=region,
            path=Union.path_for(f"BT{tag}", None),
        )  # fmt: skip
        employer = Employer.objects.create(
            name=f"基准燃气公司{tag}", kind=Employer.Kind.STATE_OWNED, union=union, region=region
        )
        series = ContestSeries.objects.create(name=f"基准网上练兵{tag}", year=2018)
        contest = Contest.objects.create(
            series=series, host_union=union, name=f"基准网上练兵{tag}",
            status=Contest.Status.JUDGING, registration_opens=now - dt.timedelta(days=30),
            registration_closes=now - dt.timedelta(days=20), contest_date=now.date(),
        )  # fmt: skip
        event = Event.objects.create(contest=contest, name="燃气管道工")
        ScoringScheme.objects.create(event=event)
        criterion = Criterion.objects.create(
            event=event, code="T", name="理论知识", weight=30, max_mark=100,
            kind="measurement", judges_required=1, position=0,
        )  # fmt: skip
        bank = _bank(union)
        # The takers' accounts: an unusable password (no hashing cost), tokens below.
        password = make_password(None)
        users = User.objects.bulk_create(
            [User(username=f"bt_{tag}_{i}", password=password) for i in range(TAKERS)]
        )
        workers = Worker.objects.bulk_create(
            [
                Worker(
                    name=f"考生{i}", id_number=f"T{tag}{i:011d}"[:18],
                    birth_date=dt.date(1990, 1, 1), sex="M", employer=employer,
                    user=users[i] if i < TAKERS else None,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )  # fmt: skip
        regs = Registration.objects.bulk_create(
            [
                Registration(event=event, contest=contest, worker=w, employer=employer,
                             status=Registration.Status.APPROVED, bib=i + 1)
                for i, w in enumerate(workers)
            ],
            batch_size=2000,
        )  # fmt: skip
        RegistrationMember.objects.bulk_create(
            [
                RegistrationMember(registration=r, event=event, worker=w)
                for r, w in zip(regs, workers, strict=True)
            ],
            batch_size=2000,
        )
        common = {"event": event, "criterion": criterion, "minutes": 90, "status": "ready",
                  "shuffle_questions": True, "shuffle_options": False}  # fmt: skip
        live = OnlineTest.objects.create(
            title="基准考试（进行中）", opens_at=now - dt.timedelta(minutes=10),
            closes_at=now + dt.timedelta(hours=2), **common,
        )  # fmt: skip
        closed = OnlineTest.objects.create(
            title="基准考试（已结束）", opens_at=now - dt.timedelta(hours=3),
            closes_at=now - dt.timedelta(minutes=5), **common,
        )  # fmt: skip
        for test in (live, closed):
            TestSection.objects.create(test=test, count=QUESTIONS, points=Decimal(1))
        live_attempts = Attempt.objects.bulk_create(
            [Attempt(test=live, registration=r, deadline=now + dt.timedelta(hours=1))
             for r in regs[:TAKERS]]
        )  # fmt: skip
        graded_attempts = Attempt.objects.bulk_create(
            [
                Attempt(test=closed, registration=r, state=Attempt.State.SUBMITTED,
                        deadline=now - dt.timedelta(minutes=30),
                        submitted_at=now - dt.timedelta(minutes=40))
                for r in regs[TAKERS:]
            ],
            batch_size=2000,
        )  # fmt: skip
        # Items by COPY: the live attempts unanswered, the closed ones answered.
        answered_at = (now - dt.timedelta(minutes=45)).isoformat()
        payloads: dict[int, list[tuple[int, object]]] = {}
        buf = io.StringIO()
        for attempt in live_attempts + graded_attempts:
            is_live = attempt.test_id == live.pk
            todo = payloads.setdefault(attempt.pk, []) if is_live else None
            for position, (version_id, kind, keys, answer) in enumerate(
                rng.sample(bank, QUESTIONS), start=1
            ):
                if is_live:
                    given = None
                    todo.append((position, _given(rng, kind, keys, answer) or answer[:1]))
                else:
                    given = _given(rng, kind, keys, answer)
                buf.write(
                    f"{attempt.pk}\t{position}\t{version_id}\t{json.dumps(keys)}\t1.00\t"
                    + (
                        "\\N\t\\N"
                        if given is None
                        else f"{json.dumps(given, ensure_ascii=False)}\t{answered_at}"
                    )
                    + "\t\\N\n"
                )
        cols = "attempt_id, position, version_id, option_order, points, given, answered_at, score"
        with (
            connection.cursor() as cur,
            cur.copy(f"COPY training_attemptitem ({cols}) FROM STDIN") as copy,
        ):
            copy.write(buf.getvalue())
    with connection.cursor() as cur:
        # Vacuumed as autovacuum would soon after a bulk load (hint bits, visibility map),
        # so that it does not start in the middle of a measurement.
        cur.execute("VACUUM (ANALYZE) training_attemptitem")
        cur.execute("VACUUM (ANALYZE) training_attempt")
        # The load written out now, not by a checkpoint in the middle of a measurement.
        cur.execute("CHECKPOINT")
    tokens = [issue_token(user=u, name="bench")[1] for u in users]
    takers = [
        (token, attempt.pk, payloads[attempt.pk])
        for token, attempt in zip(tokens, live_attempts, strict=True)
    ]
    print(
        f"# set up {len(graded_attempts) + len(live_attempts)} attempts,"
        f" {(len(graded_attempts) + len(live_attempts)) * QUESTIONS} items"
        f" in {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return {"tag": tag, "union": union, "series": series, "event": event, "contest": contest,
            "live": live, "closed": closed, "takers": takers, "users": [u.pk for u in users]}  # fmt: skip


def cleanup(world: dict) -> None:
    from django.db import connection, transaction

    from contests.models import Contest, Event, Registration, RegistrationMember
    from core.models import User
    from judging.models import Criterion, Judge, Mark, MarkLog, ScoringScheme
    from training.models import OnlineTest, Question, QuestionVersion
    from unions.models import Employer
    from workers.models import Worker

    event, union = world["event"], world["union"]
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "DELETE FROM training_attemptitem WHERE attempt_id IN (SELECT a.id FROM"
                " training_attempt a JOIN training_onlinetest t ON a.test_id = t.id"
                " WHERE t.event_id = %s)",
                [event.pk],
            )
            cur.execute(
                "DELETE FROM training_attempt WHERE test_id IN"
                " (SELECT id FROM training_onlinetest WHERE event_id = %s)",
                [event.pk],
            )
        MarkLog.objects.filter(event=event).delete()
        Mark.objects.filter(event=event).delete()
        judges = Judge.objects.filter(union=union)
        system_users = list(judges.values_list("user_id", flat=True))
        judges.delete()
        OnlineTest.objects.filter(event=event).delete()
        Criterion.objects.filter(event=event).delete()
        ScoringScheme.objects.filter(event=event).delete()
        RegistrationMember.objects.filter(event=event).delete()
        Registration.objects.filter(event=event).delete()
        Event.objects.filter(pk=event.pk).delete()
        Contest.objects.filter(host_union=union).delete()
        world["series"].delete()
        Worker.objects.filter(employer__union=union).delete()
        Employer.objects.filter(union=union).delete()
        Question.objects.filter(union=union).update(current=None)
        QuestionVersion.objects.filter(question__union=union).delete()
        Question.objects.filter(union=union).delete()
        User.objects.filter(pk__in=world["users"] + system_users).delete()
        union.delete()


# --- the load -------------------------------------------------------------------------


def _measured(name: str, port: int, clients: list[list[bytes]], unit: str, think_ms: float = 0):
    got = loadgen.load(port, clients, seconds=SECONDS, think_ms=think_ms)
    if got.failed:
        raise SystemExit(f"{name}: {got.failed} of {got.answered} requests failed")
    report(f"{name}_rps", got.rate, unit)
    report(f"{name}_p50", got.p50, "ms")
    report(f"{name}_p99", got.p99, "ms")


def bench_saves(world: dict) -> None:
    from training.models import AttemptItem

    port = loadgen.free_port()
    proc = loadgen.start_gunicorn(port)
    print(f"# load generator: {loadgen.GENERATOR}", flush=True)
    try:
        redis = [[raw("GET", "/bench/redis/")]] * TAKERS
        loadgen.load(port, redis, seconds=1)  # warm both workers
        _measured(f"training_redis_view_{TAKERS}c", port, redis, "req/s")
        takers = [
            [
                raw("POST", f"/api/v1/training/attempts/{attempt_id}/answer/", token,
                    json.dumps({"position": p, "given": g}).encode())
                for p, g in payloads
            ]
            for token, attempt_id, payloads in world["takers"]
        ]  # fmt: skip
        loadgen.load(port, takers, seconds=1)  # each token checked once, the sheets read
        _measured(f"training_save_{TAKERS}c", port, takers, "saves/s")
        # Paced: each taker thinks about TAKERS / SAVE_RATE seconds between two answers.
        think = TAKERS / SAVE_RATE * 1000
        _measured(f"training_save_paced_{SAVE_RATE:.0f}", port, takers, "saves/s", think)
    finally:
        loadgen.stop_gunicorn(proc)
    saved = AttemptItem.objects.filter(
        attempt__test=world["live"], given__isnull=False
    ).count()  # fmt: skip
    if not saved:
        raise SystemExit("no answer was written")


# --- grading ----------------------------------------------------------------------------

# The same rules as scoring.quiz, in SQL: single choice and true/false right or nothing,
# multiple choice all = full, some right and none wrong = half, fill-in normalised
# (NFKC, case-folded, spaces collapsed) against the accepted list. Then attempt totals.
GRADE_SQL = r"""
WITH graded AS (
    UPDATE training_attemptitem i SET score = ROUND(i.points * CASE
        WHEN i.given IS NULL OR jsonb_typeof(i.given) <> 'array' THEN 0
        WHEN q.kind IN ('single', 'true_false') THEN
            CASE WHEN i.given = v.answer THEN 1 ELSE 0 END
        WHEN q.kind = 'multiple' THEN CASE
            WHEN jsonb_array_length(i.given) = 0 THEN 0
            WHEN i.given @> v.answer AND v.answer @> i.given THEN 1
            WHEN v.answer @> i.given THEN 0.5 ELSE 0 END
        WHEN q.kind = 'fill' THEN CASE WHEN jsonb_array_length(i.given) = 1 AND EXISTS (
            SELECT 1 FROM jsonb_array_elements_text(v.answer) a(t)
            WHERE lower(btrim(regexp_replace(normalize(a.t, NFKC), '\s+', ' ', 'g')))
                = lower(btrim(regexp_replace(normalize(i.given->>0, NFKC), '\s+', ' ', 'g')))
        ) THEN 1 ELSE 0 END
        ELSE 0 END, 2)
    FROM training_attempt a, training_questionversion v, training_question q
    WHERE a.test_id = %s AND i.attempt_id = a.id AND v.id = i.version_id AND q.id = v.question_id
    RETURNING i.attempt_id, i.score
)
UPDATE training_attempt t SET score = s.total
FROM (SELECT attempt_id, SUM(score) AS total FROM graded GROUP BY attempt_id) s
WHERE t.id = s.attempt_id
"""


class _RollbackError(Exception):
    pass


def _timed_rolled_back(fn) -> tuple[float, object]:
    from django.db import transaction

    out = {}
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            out["result"] = fn()
            out["seconds"] = time.perf_counter() - t0
            raise _RollbackError
    except _RollbackError:
        pass
    return out["seconds"], out["result"]


def _vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE training_attemptitem")
        cur.execute("VACUUM ANALYZE training_attempt")


def bench_grading(world: dict) -> None:
    from django.db import connection

    from training.services.grading import grade_test

    test = world["closed"]
    label = f"{GRADE_ATTEMPTS // 1000}k" if GRADE_ATTEMPTS % 1000 == 0 else str(GRADE_ATTEMPTS)

    def sql():
        with connection.cursor() as cur:
            cur.execute(GRADE_SQL, [test.pk])
            cur.execute(
                "SELECT SUM(i.score) FROM training_attemptitem i JOIN training_attempt a"
                " ON a.id = i.attempt_id WHERE a.test_id = %s",
                [test.pk],
            )
            return cur.fetchone()[0]

    def service():
        result = grade_test(test_id=test.pk)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT SUM(i.score) FROM training_attemptitem i JOIN training_attempt a"
                " ON a.id = i.attempt_id WHERE a.test_id = %s",
                [test.pk],
            )
            return result, cur.fetchone()[0]

    # The service first, on rows as COPY left them; the SQL after a VACUUM (free space in
    # the pages from the rolled-back update): if anything, the comparison favours the SQL.
    _vacuum()
    seconds, (result, total) = _timed_rolled_back(service)
    _vacuum()
    sql_seconds, sql_total = _timed_rolled_back(sql)
    _vacuum()
    # Every approved entrant gets a mark: the takers of the live test never sat this one (0).
    if result["attempts"] != GRADE_ATTEMPTS or result["created"] != GRADE_ATTEMPTS + TAKERS:
        raise SystemExit(f"grading missed attempts: {result}")
    if total != sql_total:
        raise SystemExit(f"the service and the SQL disagree: {total} vs {sql_total} points")
    report(f"grade_{label}_attempts_seconds", seconds, "s")
    report(f"grade_{label}_attempts_sql_seconds", sql_seconds, "s")
    report(f"grade_{label}_attempts_vs_sql", seconds / sql_seconds, "x")
    report(f"grade_{label}_attempts_items_per_s", GRADE_ATTEMPTS * QUESTIONS / seconds, "items/s")


def main() -> None:
    setup_django()
    print(f"# load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    world = build(uuid.uuid4().hex[:6])
    try:
        bench_saves(world)
        bench_grading(world)
    finally:
        cleanup(world)
    print(f"# load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
