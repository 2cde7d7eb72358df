"""Backups: a `pg_dump` of a computed, published contest restored into a fresh database (the
procedure of docs/operations.md) gives identical public results, and the restored database
goes on working (its sequences came along: a recomputation writes new rows)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

from results import services as results
from results.models import ResultSnapshot
from tests.conftest import clear_cache
from tests.factories import ContestFactory, EventFactory
from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

pytestmark = pytest.mark.postgres

PUBLIC = (
    "/api/v1/events/{event}/results/",
    "/api/v1/public/events/{event}/leaderboard/",
    "/api/v1/public/contests/{contest}/awards/",
    "/api/v1/contests/{contest}/awards/",
)
MARKS = (
    {"T": [100, 100, 100], "P": [10, 10, 10, 10, 10]},
    {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]},
    {"T": [70, 75, 80], "P": [6, 7, 7, 8, 6]},
)


def _client_env() -> tuple[list[str], dict[str, str]]:
    """libpq options and environment for the pg_* programs, from Django's settings."""
    s = connection.settings_dict
    args = ["-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432)]
    args += ["-U", s.get("USER") or "postgres"]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _public_answers(ids: dict) -> dict[str, object]:
    client = Client()
    answers = {}
    for url in PUBLIC:
        response = client.get(url.format(**ids), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, (url, response.content[:300])
        answers[url] = response.json()
    return answers


@pytest.fixture
def no_shared_cache(settings):
    """Answers from the database each time: a cache would hide which database answered."""
    settings.REDIS_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.django_db(transaction=True)
def test_a_restored_dump_of_a_computed_contest_gives_identical_public_results(
    union_tree, officer_a, no_shared_cache, tmp_path: Path
):

    contest = ContestFactory(host_union=union_tree[0], status="judging")
    judges = [JudgeFactory() for _ in range(5)]
    for kind in range(2):
        event = EventFactory(contest=contest)
        _, crits = make_scheme(event, award_tiers="medals")
        for marks in MARKS[kind:]:
            give_marks(EntryFactory(event=event), crits, marks, judges)
        results.compute_event(event_id=event.pk)
    results.publish_contest(actor=officer_a, contest=contest, override_reason="test")
    ids = {"event": event.pk, "contest": contest.pk}
    before = _public_answers(ids)
    assert before["/api/v1/events/{event}/results/"]["results"]

    args, env = _client_env()
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    dump = tmp_path / "gongjiang.dump"
    subprocess.run(["pg_dump", *args, "-Fc", "-f", str(dump), source], env=env, check=True)
    subprocess.run(["dropdb", *args, "--if-exists", restored], env=env, check=True)
    subprocess.run(["createdb", *args, restored], env=env, check=True)
    default = connections["default"]
    try:
        subprocess.run(
            ["pg_restore", *args, "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
            env=env,
            check=True,
        )
        default.close()
        default.settings_dict["NAME"] = restored
        clear_cache()
        assert _public_answers(ids) == before
        # the restored database is a working one: its sequences came along
        newest = ResultSnapshot.objects.order_by("-pk").first()
        last = ResultSnapshot.objects.get(event=event, is_current=True)
        again = results.compute_event(event_id=event.pk)
        assert again.pk > newest.pk and again.version == last.version + 1
        assert again.fingerprint == last.fingerprint
    finally:
        default.close()
        default.settings_dict["NAME"] = source
        subprocess.run(["dropdb", *args, "--if-exists", restored], env=env, check=True)
