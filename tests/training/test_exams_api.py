"""API of online tests: a phone app's sitting without the key, server-side deadline, owner
only, shaped answers; officers' progress and statistics in their subtree only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.training.exams_fixtures import (
    KEY_SECRET,
    ready_test,
)
from training.models import Attempt, AttemptItem

pytestmark = pytest.mark.django_db
BASE = "/api/v1/training"


@pytest.fixture
def ready(union_tree, officer_a):
    test, regs = ready_test(union_tree, officer_a)
    return test, regs


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _no_key(response):
    body = response.content.decode()
    assert KEY_SECRET not in body
    assert "甲烷" not in body
    assert '"answer"' not in body and '"explanation"' not in body


def test_sitting_through_the_api_never_shows_the_key(ready):
    test, regs = ready
    client = _client(regs[0].worker.user)
    listing = client.get(f"{BASE}/tests/")
    assert [t["id"] for t in listing.json()["results"]] == [test.pk]
    started = client.post(f"{BASE}/tests/{test.pk}/start/")
    assert started.status_code == 200
    _no_key(started)
    attempt = started.json()
    assert len(attempt["items"]) == 5
    item = next(i for i in attempt["items"] if i["kind"] == "fill")
    saved = client.post(
        f"{BASE}/attempts/{attempt['id']}/answer/",
        {"position": item["position"], "given": ["乙烷"]},
        format="json",
    )
    assert saved.status_code == 200
    _no_key(saved)
    again = client.get(f"{BASE}/attempts/{attempt['id']}/")
    _no_key(again)
    assert next(i for i in again.json()["items"] if i["kind"] == "fill")["given"] == ["乙烷"]
    submitted = client.post(f"{BASE}/attempts/{attempt['id']}/submit/")
    assert submitted.status_code == 200
    _no_key(submitted)
    _no_key(client.get(f"{BASE}/attempts/{attempt['id']}/"))


def test_api_answers_after_the_deadline_are_a_400_and_change_nothing(ready):
    test, regs = ready
    client = _client(regs[0].worker.user)
    attempt = client.post(f"{BASE}/tests/{test.pk}/start/").json()
    Attempt.objects.update(deadline=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(
        f"{BASE}/attempts/{attempt['id']}/answer/", {"position": 1, "given": None}, format="json"
    )
    assert response.status_code == 400
    assert client.post(f"{BASE}/attempts/{attempt['id']}/submit/").status_code == 400
    assert Attempt.objects.get().state == Attempt.State.STARTED
    assert client.get(f"{BASE}/attempts/{attempt['id']}/").json()["state"] == "expired"


def test_api_refuses_another_persons_attempt_and_malformed_answers(ready):
    test, regs = ready
    owner = _client(regs[0].worker.user)
    attempt = owner.post(f"{BASE}/tests/{test.pk}/start/").json()
    other = _client(regs[1].worker.user)
    url = f"{BASE}/attempts/{attempt['id']}/answer/"
    assert other.post(url, {"position": 1, "given": ["A"]}, format="json").status_code == 403
    assert other.get(f"{BASE}/attempts/{attempt['id']}/").status_code == 403
    for body in (
        {"position": 99, "given": ["A"]},
        {"position": "1", "given": ["A"]},
        {"position": 1, "given": "A"},
        {"position": 1, "given": [["A"]]},
        [1, 2],
    ):
        assert owner.post(url, body, format="json").status_code == 400
    assert not AttemptItem.objects.filter(given__isnull=False).exists()


def test_officer_progress_and_statistics_stay_in_the_subtree(ready, officer_a, officer_c):
    test, regs = ready
    _client(regs[0].worker.user).post(f"{BASE}/tests/{test.pk}/start/")
    progress = _client(officer_a).get(f"{BASE}/tests/{test.pk}/progress/")
    assert progress.status_code == 200
    assert progress.json()["started"] == 1 and progress.json()["not_started"] == 1
    assert _client(officer_c).get(f"{BASE}/tests/{test.pk}/progress/").status_code == 404
    assert _client(officer_c).get(f"{BASE}/tests/{test.pk}/statistics/").status_code == 404
    assert _client(regs[0].worker.user).get(f"{BASE}/tests/{test.pk}/progress/").status_code == 403
