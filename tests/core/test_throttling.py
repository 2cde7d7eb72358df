"""Rate limits and login lockouts (core/throttling.py): on only in these tests, each test
counting under its own cache key prefix."""

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from core.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Str0ng-pass!"
TOKEN = "/api/v1/auth/token/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def limits(settings):
    """The limits on, small, counted under a key prefix of this test's own in the configured
    cache (Redis when REDIS_URL is set): no clearing a cache other tests share."""
    settings.GJ_RATE_LIMITS = {
        "enabled": True,
        "login_failures": 3,
        "login_address_failures": 8,
        "login_cooloff_minutes": 15,
        "anon": "5/min",
        "signup": "2/hour",
    }
    default = settings.CACHES["default"]
    settings.CACHES = {"default": default | {"KEY_PREFIX": f"throttle-test-{uuid.uuid4().hex}"}}
    return settings.GJ_RATE_LIMITS


@pytest.fixture
def user(db):
    return UserFactory(username="zhangsan")


def wrong(client, url, username="zhangsan", times=1, **extra):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong-guess"}, **extra)
    return response


def test_token_login_locks_the_account_after_repeated_failures(limits, user):
    api = APIClient()
    assert wrong(api, TOKEN, times=3).status_code == 400
    response = api.post(TOKEN, {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 429
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60


def test_the_account_lockout_holds_from_another_address(limits, user):
    wrong(APIClient(), TOKEN, times=3)
    response = APIClient().post(
        TOKEN, {"username": "ZhangSan", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 429


def test_a_right_password_before_the_limit_forgets_the_failures(limits, user):
    limits["anon"] = "100/min"
    api = APIClient()
    wrong(api, TOKEN, times=2)
    assert api.post(TOKEN, {"username": "zhangsan", "password": PASSWORD}).status_code == 200
    wrong(api, TOKEN, times=2)
    assert api.post(TOKEN, {"username": "zhangsan", "password": PASSWORD}).status_code == 200


def test_the_site_login_page_answers_a_locked_account_with_a_page_saying_when(limits, user):
    client = Client()
    assert wrong(client, "/en/accounts/login/", times=3).status_code == 200
    response = client.post("/en/accounts/login/", {"username": "zhangsan", "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in page and "try again after" in page
    assert '<header class="site">' in page  # the site's layout
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_locked_too(limits, user):
    client = Client()
    wrong(client, "/admin/login/", times=3)
    response = client.post("/admin/login/", {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_count_across_the_login_paths(limits, user):
    wrong(Client(), "/accounts/login/", times=2)
    wrong(APIClient(), TOKEN)
    response = APIClient().post(TOKEN, {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 429


def test_an_address_guessing_many_accounts_is_locked(limits, user):
    api = APIClient()
    for n in range(8):
        wrong(api, TOKEN, username=f"someone{n}")
    assert api.post(TOKEN, {"username": "zhangsan", "password": PASSWORD}).status_code == 429
    other = APIClient().post(
        TOKEN, {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert other.status_code == 200


def test_a_forged_forwarded_for_header_does_not_make_a_new_address(limits, user):
    api = APIClient()
    for n in range(8):
        wrong(api, TOKEN, username=f"someone{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = api.post(
        TOKEN,
        {"username": "zhangsan", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert response.status_code == 429


def test_anonymous_api_reads_are_throttled_with_retry_after(limits, user):
    api = APIClient()
    for _ in range(5):
        assert api.get("/api/v1/regions/").status_code == 200
    response = api.get("/api/v1/regions/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    api.force_authenticate(user)
    assert api.get("/api/v1/regions/").status_code == 200  # signed-in callers: not this limit


def test_api_signups_are_throttled_per_address(limits):
    api = APIClient()
    for _ in range(2):
        assert api.post("/api/v1/auth/register/", {"username": "x"}).status_code == 400
    response = api.post("/api/v1/auth/register/", {"username": "x"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_page_signups_are_throttled_per_address_with_a_page(limits):
    client = Client()
    for _ in range(2):
        assert client.post("/en/signup/", {"username": "x"}).status_code == 200
    response = client.post("/en/signup/", {"username": "x"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/en/signup/").status_code == 200  # reading the form is not an attempt


def test_a_raised_limit_lets_a_whole_workshop_sign_up(limits):
    limits["signup"] = "100/hour"
    client = Client()
    assert all(client.post("/en/signup/", {}).status_code == 200 for _ in range(10))


def test_limits_are_off_unless_enabled(limits, settings, user):
    settings.GJ_RATE_LIMITS = settings.GJ_RATE_LIMITS | {"enabled": False, "login_failures": 1}
    wrong(APIClient(), TOKEN, times=3)
    assert (
        APIClient().post(TOKEN, {"username": "zhangsan", "password": PASSWORD}).status_code == 200
    )


@pytest.fixture
def dead_redis(limits):
    """The Redis cache path, pointing at a port nothing listens on."""
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    with override_settings(CACHES=dead):
        yield


def test_limits_fail_open_and_log_when_redis_is_down(dead_redis, user, caplog):
    api = APIClient()
    with caplog.at_level(logging.WARNING, logger="gongjiang.throttling"):
        assert wrong(api, TOKEN, times=5).status_code == 400
        assert api.post(TOKEN, {"username": "zhangsan", "password": PASSWORD}).status_code == 200
        assert all(api.get("/api/v1/regions/").status_code == 200 for _ in range(7))
        assert wrong(Client(), "/en/accounts/login/").status_code == 200
    assert "the cache is unreachable" in caplog.text


def test_page_signup_fails_open_when_redis_is_down(dead_redis, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="gongjiang.throttling"):
        assert all(client.post("/en/signup/", {}).status_code == 200 for _ in range(4))
    assert "signup throttle not applied" in caplog.text
    assert not User.objects.exists()


def settings_value(expression: str, **env: str) -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_limit_is_set_from_the_environment():
    result = settings_value(
        "sorted(settings.GJ_RATE_LIMITS.items())",
        GJ_LOGIN_FAILURES="4",
        GJ_LOGIN_ADDRESS_FAILURES="200",
        GJ_LOGIN_COOLOFF_MINUTES="30",
        GJ_THROTTLE_ANON="1000/min",
        GJ_THROTTLE_SIGNUP="500/hour",
        GJ_THROTTLE_SHOWCASE_COMMENT="7/min",
        GJ_THROTTLE_SHOWCASE_REPORT="20/hour",
        GJ_RATE_LIMITS="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(
        [
            ("anon", "1000/min"),
            ("enabled", True),
            ("login_address_failures", 200),
            ("login_cooloff_minutes", 30),
            ("login_failures", 4),
            ("showcase_comment", "7/min"),
            ("showcase_report", "20/hour"),
            ("signup", "500/hour"),
        ]
    )


@pytest.mark.parametrize(
    "name,value",
    [("GJ_THROTTLE_ANON", "lots"), ("GJ_THROTTLE_SIGNUP", "0/hour"), ("GJ_LOGIN_FAILURES", "0")],
)
def test_a_bad_limit_stops_start_up_naming_the_variable(name, value):
    result = settings_value("1", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
