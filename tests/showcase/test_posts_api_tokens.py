"""Liking with an API token: the process remembers a checked token
(core.api.authentication), yet revoking it, changing the password, deactivating the account
or the token's expiry stops the very next like, and nothing is written then."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken
from core.tokens import issue_token, revoke_tokens
from showcase.models import Like
from tests.factories import UserFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def liker():
    user = UserFactory()
    token, key = issue_token(user=user, name="phone")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return {"user": user, "token": token, "api": api, "posts": PostFactory.create_batch(2)}


def _like(liker, n: int):
    return liker["api"].post(f"/api/v1/showcase/posts/{liker['posts'][n].pk}/like/")


def _liked(liker) -> int:
    return Like.objects.filter(user=liker["user"]).count()


def test_a_remembered_token_likes_with_one_read_before_the_write(liker):
    assert _like(liker, 0).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = _like(liker, 1)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "likes": 1, "changed": True}
    sql = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert "core_apitoken" in sql[0] and "core_apitoken" not in " ".join(sql[1:])
    assert len(sql) == (1 if connection.vendor == "postgresql" else 2) + 1
    assert _liked(liker) == 2


def test_a_revoked_token_stops_the_next_like(liker):
    assert _like(liker, 0).status_code == 200
    revoke_tokens(user=liker["user"])
    assert _like(liker, 1).status_code == 401
    assert _liked(liker) == 1


def test_a_changed_password_stops_the_next_like(liker):
    assert _like(liker, 0).status_code == 200
    liker["user"].set_password("another-password-77")
    liker["user"].save()
    assert _like(liker, 1).status_code == 401
    assert _liked(liker) == 1
    assert not ApiToken.objects.filter(user=liker["user"]).exists()


def test_a_deactivated_account_stops_the_next_like(liker):
    assert _like(liker, 0).status_code == 200
    liker["user"].is_active = False
    liker["user"].save(update_fields=["is_active"])
    assert _like(liker, 1).status_code == 401
    assert _liked(liker) == 1


def test_an_expired_token_stops_the_next_like(liker):
    assert _like(liker, 0).status_code == 200
    past = timezone.now() - dt.timedelta(seconds=1)
    ApiToken.objects.filter(pk=liker["token"].pk).update(expires=past)
    assert _like(liker, 1).status_code == 401
    assert _liked(liker) == 1


def test_an_unknown_token_is_refused(liker):
    liker["api"].credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert _like(liker, 0).status_code == 401
    assert _liked(liker) == 0
