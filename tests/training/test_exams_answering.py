"""The answer save's fast path (training.services.answering): one UPDATE that re-checks the
rules, a cached sheet, and API tokens remembered by the process but checked again in the
write, so revoking a token, changing the password or deactivating the user stops the very
next save."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from contests.models import RegistrationMember
from core.tokens import issue_token, revoke_tokens
from tests.training.exams_fixtures import (
    ready_test,
)
from training.models import AttemptItem
from training.services import attempts

pytestmark = pytest.mark.django_db
BASE = "/api/v1/training"


@pytest.fixture
def sitting(union_tree, officer_a):
    test, regs = ready_test(union_tree, officer_a)
    worker = regs[0].worker
    attempt = attempts.start_attempt(worker=worker, test=test)
    tf = attempt.items.get(version__question__kind="true_false")
    _token, key = issue_token(user=worker.user, name="phone")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return {"attempt": attempt, "position": tf.position, "client": client, "regs": regs}


def _save(sitting, given):
    return sitting["client"].post(
        f"{BASE}/attempts/{sitting['attempt'].pk}/answer/",
        {"position": sitting["position"], "given": given},
        format="json",
    )


def _given(sitting):
    return AttemptItem.objects.get(attempt=sitting["attempt"], position=sitting["position"]).given


def test_a_repeated_save_is_one_query(sitting):
    assert _save(sitting, [True]).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert _save(sitting, [False]).status_code == 200
    assert len(queries) == 1
    assert _given(sitting) == [False]


def test_a_changed_password_stops_the_next_save(sitting):
    assert _save(sitting, [True]).status_code == 200
    user = sitting["regs"][0].worker.user
    user.set_password("another-password-77")
    user.save()
    assert _save(sitting, [False]).status_code == 401
    assert _given(sitting) == [True]


def test_a_revoked_token_stops_the_next_save(sitting):
    assert _save(sitting, [True]).status_code == 200
    revoke_tokens(user=sitting["regs"][0].worker.user)
    assert _save(sitting, [False]).status_code == 401
    assert _given(sitting) == [True]


def test_a_deactivated_user_stops_the_next_save(sitting):
    assert _save(sitting, [True]).status_code == 200
    user = sitting["regs"][0].worker.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _save(sitting, [False]).status_code == 401
    assert _given(sitting) == [True]


def test_a_member_taken_off_the_entry_is_refused_though_the_sheet_lists_them(sitting):
    assert _save(sitting, [True]).status_code == 200
    RegistrationMember.objects.filter(registration=sitting["regs"][0]).update(active=False)
    assert _save(sitting, [False]).status_code == 403
    assert _given(sitting) == [True]


def test_an_empty_answer_clears_the_saved_one(sitting):
    assert _save(sitting, [True]).status_code == 200
    response = _save(sitting, [])
    assert response.status_code == 200
    assert response.json()["answered_at"] is None
    assert _given(sitting) is None


def test_an_unknown_attempt_is_a_404(sitting):
    response = sitting["client"].post(
        f"{BASE}/attempts/999999/answer/", {"position": 1, "given": [True]}, format="json"
    )
    assert response.status_code == 404
