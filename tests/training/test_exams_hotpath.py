"""Answer saves on the hot path (core.hotpath, training.hotpath): a remembered token's save is
written by one prepared statement in front of Django, with the answer Django would give;
whatever it does not write (after the deadline, another person's attempt, a malformed
answer, a revoked token) is Django's to refuse, and nothing is written then."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from config.wsgi import django_application
from core.hotpath import HotApiPath
from core.tokens import issue_token, revoke_tokens
from tests.training.exams_fixtures import (
    ready_test,
)
from tests.wsgi_client import Spy, call
from training import hotpath
from training.models import Attempt, AttemptItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting(union_tree, officer_a):
    test, regs = ready_test(union_tree, officer_a)
    user = regs[0].worker.user
    client = APIClient()
    client.force_authenticate(user)
    attempt = client.post(f"/api/v1/training/tests/{test.pk}/start/").json()
    _token, key = issue_token(user=user, name="phone")
    spy = Spy(django_application)
    return {
        "app": HotApiPath(spy, hotpath.ROUTES),
        "spy": spy,
        "key": key,
        "user": user,
        "other": regs[1].worker.user,
        "attempt": attempt,
        "url": f"/api/v1/training/attempts/{attempt['id']}/answer/",
    }


def _item(sitting, kind: str) -> dict:
    return next(i for i in sitting["attempt"]["items"] if i["kind"] == kind)


def _save(sitting, body, key=None):
    return call(sitting["app"], "POST", sitting["url"], token=key or sitting["key"], body=body)


def _given(sitting, position: int):
    return AttemptItem.objects.get(attempt_id=sitting["attempt"]["id"], position=position).given


def test_the_hot_route_is_the_answer_api_route():
    path = reverse("training-attempt-answer", args=[77])
    assert hotpath.ROUTES[0].pattern.match(path)[1] == "77"


def test_a_remembered_tokens_save_is_answered_before_django(sitting):
    fill = _item(sitting, "fill")
    first = _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    second = _save(sitting, {"position": fill["position"], "given": ["丙烷"]})
    assert (first.status_code, second.status_code) == (200, 200)
    assert sitting["spy"].calls == 1
    assert second.json()["given"] == ["丙烷"] and second.json()["position"] == fill["position"]
    assert set(second.json()) == set(first.json())
    assert _given(sitting, fill["position"]) == ["丙烷"]


def test_a_save_after_the_deadline_is_refused_and_writes_nothing(sitting):
    fill = _item(sitting, "fill")
    _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    Attempt.objects.update(deadline=timezone.now() - dt.timedelta(seconds=1))
    response = _save(sitting, {"position": fill["position"], "given": ["丙烷"]})
    assert response.status_code == 400
    assert _given(sitting, fill["position"]) == ["乙烷"]


def test_another_persons_save_is_refused(sitting):
    fill = _item(sitting, "fill")
    _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    _t, other_key = issue_token(user=sitting["other"], name="phone")
    body = {"position": fill["position"], "given": ["丙烷"]}
    _save(sitting, body, key=other_key)  # Django remembers the other's token and refuses
    assert _save(sitting, body, key=other_key).status_code == 403
    assert _given(sitting, fill["position"]) == ["乙烷"]


@pytest.mark.parametrize(
    "body",
    [{"position": 99, "given": ["A"]}, {"position": "1", "given": ["A"]}, [1, 2], {"given": 1}],
)
def test_a_malformed_save_is_a_400_and_writes_nothing(sitting, body):
    fill = _item(sitting, "fill")
    _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    assert _save(sitting, body).status_code == 400
    assert AttemptItem.objects.filter(given__isnull=False).count() == 1


def test_a_revoked_token_stops_the_next_save(sitting):
    fill = _item(sitting, "fill")
    _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    revoke_tokens(user=sitting["user"])
    assert _save(sitting, {"position": fill["position"], "given": ["丙烷"]}).status_code == 401
    assert _given(sitting, fill["position"]) == ["乙烷"]


def test_the_answer_key_never_reaches_the_hot_answer(sitting):
    fill = _item(sitting, "fill")
    _save(sitting, {"position": fill["position"], "given": ["乙烷"]})
    body = _save(sitting, {"position": fill["position"], "given": ["丙烷"]}).content.decode()
    assert '"answer"' not in body and '"explanation"' not in body
