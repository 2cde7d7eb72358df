"""API tokens (core/tokens.py): one per client, expiring, revoked by a password change,
by deactivation and by their owner."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken
from tests.core.test_throttling import settings_value
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Str0ng-pass!"
TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/auth/tokens/"


@pytest.fixture
def user(db):
    return UserFactory(username="zhangsan")


def log_in(username="zhangsan", password=PASSWORD, agent="phone") -> str:
    response = APIClient().post(
        TOKEN, {"username": username, "password": password}, HTTP_USER_AGENT=agent
    )
    assert response.status_code == 200, response.data
    return response.data["token"]


def with_token(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_the_token_answer_keeps_its_shape_and_says_when_it_expires(user, settings):
    settings.GJ_TOKEN_DAYS = 30
    response = APIClient().post(TOKEN, {"username": "zhangsan", "password": PASSWORD})
    assert set(response.data) == {"token", "expires"}
    assert len(response.data["token"]) == 40
    expires = dt.datetime.fromisoformat(response.json()["expires"])
    assert abs(expires - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)


def test_only_a_hash_of_the_key_is_stored(user):
    key = log_in()
    stored = ApiToken.objects.get(user=user)
    assert key not in {stored.digest, stored.prefix} and stored.prefix == key[:8]


def test_a_token_is_refused_once_expired_and_then_deleted(user):
    key = log_in()
    assert with_token(key).get(ME).status_code == 200
    ApiToken.objects.update(expires=timezone.now() - dt.timedelta(seconds=1))
    response = with_token(key).get(ME)
    assert response.status_code == 401
    assert not ApiToken.objects.exists()


def test_the_lifetime_follows_the_setting(user, settings):
    settings.GJ_TOKEN_DAYS = 2
    log_in()
    lifetime = ApiToken.objects.get().expires - timezone.now()
    assert dt.timedelta(days=1, hours=23) < lifetime <= dt.timedelta(days=2)


def test_the_lifetime_is_set_from_the_environment():
    result = settings_value("settings.GJ_TOKEN_DAYS", GJ_TOKEN_DAYS="7")
    assert result.stdout.strip() == "7", result.stderr


def test_each_client_gets_its_own_token(user):
    phone, laptop = log_in(agent="phone"), log_in(agent="laptop")
    assert phone != laptop
    assert with_token(phone).get(ME).status_code == 200
    assert with_token(laptop).get(ME).status_code == 200


def test_a_password_change_revokes_every_token(user):
    keys = [log_in(), log_in()]
    user.set_password("Another-pass-2020!")
    user.save()
    assert [with_token(key).get(ME).status_code for key in keys] == [401, 401]
    assert not ApiToken.objects.exists()


def test_a_password_change_on_the_site_revokes_every_token(user):
    key = log_in()
    client = Client()
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-pass-2020!",
            "new_password2": "Another-pass-2020!",
        },
    )
    assert response.status_code == 302
    assert with_token(key).get(ME).status_code == 401


def test_deactivation_revokes_every_token(user):
    key = log_in()
    user.is_active = False
    user.save()
    assert with_token(key).get(ME).status_code == 401
    assert not ApiToken.objects.exists()


def test_a_new_token_after_a_password_change_works(user):
    log_in()
    user.set_password("Another-pass-2020!")
    user.save()
    key = log_in(password="Another-pass-2020!")
    assert with_token(key).get(ME).status_code == 200


def test_a_client_revokes_its_own_token_and_the_others_stay(user):
    phone, laptop = log_in(agent="phone"), log_in(agent="laptop")
    assert with_token(phone).delete(TOKEN).status_code == 204
    assert with_token(phone).get(ME).status_code == 401
    assert with_token(laptop).get(ME).status_code == 200


def test_a_user_lists_their_own_tokens_only(user):
    log_in(agent="phone")
    laptop = log_in(agent="laptop")
    UserFactory(username="lisi")
    log_in(username="lisi")
    rows = with_token(laptop).get(ME).data
    assert sorted(row["name"] for row in rows) == ["laptop", "phone"]
    assert [row["current"] for row in rows if row["name"] == "laptop"] == [True]
    assert all(
        set(row) == {"id", "prefix", "name", "created", "expires", "current"} for row in rows
    )


def test_a_user_revokes_one_of_their_tokens_but_not_anothers(user):
    phone, laptop = log_in(agent="phone"), log_in(agent="laptop")
    UserFactory(username="lisi")
    other = log_in(username="lisi", agent="lisi")
    others_id = ApiToken.objects.get(user__username="lisi").pk
    phone_id = ApiToken.objects.get(name="phone").pk
    assert with_token(laptop).delete(f"{ME}{others_id}/").status_code == 404
    assert with_token(other).get(ME).status_code == 200
    assert with_token(laptop).delete(f"{ME}{phone_id}/").status_code == 204
    assert with_token(phone).get(ME).status_code == 401


def test_a_user_revokes_all_their_tokens(user):
    phone, laptop = log_in(agent="phone"), log_in(agent="laptop")
    assert with_token(laptop).delete(ME).status_code == 204
    assert [with_token(k).get(ME).status_code for k in (phone, laptop)] == [401, 401]


def test_revoking_needs_a_login(user):
    assert APIClient().delete(TOKEN).status_code == 401
    assert APIClient().get(ME).status_code == 401
