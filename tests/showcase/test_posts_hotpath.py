"""Likes on the hot path (core.hotpath, showcase.hotpath): a remembered token's like is answered
in front of Django by one statement, with Django's own headers and body; everything the
hot path does not write (a second like, a revoked token, a session, a bad host, a database
error) is Django's to answer, and gets Django's answer."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from config.wsgi import django_application
from core.hotpath import HotApiPath
from core.tokens import issue_token, revoke_tokens
from showcase import hotpath
from showcase.models import Like, Post
from tests.factories import UserFactory
from tests.showcase.factories import PostFactory
from tests.wsgi_client import Spy, call

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    spy = Spy(django_application)
    return spy, HotApiPath(spy, hotpath.ROUTES)


@pytest.fixture
def liker():
    user = UserFactory()
    _token, key = issue_token(user=user, name="phone")
    return {"user": user, "key": key, "posts": PostFactory.create_batch(3)}


def _like(app, liker, n: int, method: str = "POST", **environ):
    path = f"/api/v1/showcase/posts/{liker['posts'][n].pk}/like/"
    return call(app, method, path, token=liker["key"], **environ)


def test_the_hot_route_is_the_like_api_route():
    path = reverse("showcase-post-like", args=[123])
    assert hotpath.ROUTES[0].pattern.match(path)[1] == "123"


def test_a_remembered_tokens_like_is_answered_before_django(site, liker):
    spy, app = site
    first = _like(app, liker, 0)  # Django: checks and remembers the token
    second = _like(app, liker, 1)
    assert (first.status_code, second.status_code) == (200, 200)
    assert spy.calls == 1
    assert second.json() == {"liked": True, "likes": 1, "changed": True}
    assert Like.objects.filter(user=liker["user"]).count() == 2
    assert Post.objects.get(pk=liker["posts"][1].pk).like_count == 1


def test_the_hot_answer_carries_djangos_headers(site, liker):
    _spy, app = site
    first = _like(app, liker, 0)
    second = _like(app, liker, 1)
    skip = {"Content-Length"}
    assert {k: v for k, v in second.headers.items() if k not in skip} == {
        k: v for k, v in first.headers.items() if k not in skip
    }


def test_an_unlike_is_answered_before_django_once_django_answered_one(site, liker):
    spy, app = site
    for n in range(3):
        _like(app, liker, n)
    _like(app, liker, 0, "DELETE")  # the first DELETE: Django
    calls = spy.calls
    response = _like(app, liker, 1, "DELETE")
    assert spy.calls == calls
    assert response.json() == {"liked": False, "likes": 0, "changed": True}
    assert Like.objects.filter(user=liker["user"]).count() == 1


def test_a_second_like_is_djangos_and_changes_nothing(site, liker):
    spy, app = site
    _like(app, liker, 0)
    _like(app, liker, 1)
    again = _like(app, liker, 1)
    assert spy.calls == 2
    assert again.json() == {"liked": True, "likes": 1, "changed": False}
    assert Post.objects.get(pk=liker["posts"][1].pk).like_count == 1


def test_a_revoked_token_stops_the_next_like(site, liker):
    _spy, app = site
    _like(app, liker, 0)
    revoke_tokens(user=liker["user"])
    assert _like(app, liker, 1).status_code == 401
    assert Like.objects.filter(user=liker["user"]).count() == 1


def test_a_deactivated_account_stops_the_next_like(site, liker):
    _spy, app = site
    _like(app, liker, 0)
    liker["user"].is_active = False
    liker["user"].save(update_fields=["is_active"])
    assert _like(app, liker, 1).status_code == 401
    assert Like.objects.filter(user=liker["user"]).count() == 1


def test_a_request_with_a_cookie_is_djangos(site, liker):
    spy, app = site
    _like(app, liker, 0)
    _like(app, liker, 1, HTTP_COOKIE="sessionid=abc")
    assert spy.calls == 2


def test_a_host_django_refuses_is_refused(site, liker):
    spy, app = site
    _like(app, liker, 0)
    response = _like(app, liker, 1, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert spy.calls == 2
    assert Like.objects.filter(user=liker["user"]).count() == 1


def test_a_post_that_is_not_public_is_a_404(site, liker):
    _spy, app = site
    _like(app, liker, 0)
    Post.objects.filter(pk=liker["posts"][1].pk).update(status="draft")
    assert _like(app, liker, 1).status_code == 404
    assert Like.objects.filter(user=liker["user"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_database_error_hands_the_like_to_django(site, liker, monkeypatch):
    spy, app = site
    _like(app, liker, 0)

    def broken(**kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(hotpath.likes, "change_if_allowed", broken)
    response = _like(app, liker, 1)
    assert response.status_code == 200
    assert spy.calls == 2
    assert Like.objects.filter(user=liker["user"]).count() == 2


def test_each_language_gets_the_headers_django_gave_in_it(site, liker):
    spy, app = site
    english = _like(app, liker, 0, HTTP_ACCEPT_LANGUAGE="en")
    _like(app, liker, 1, HTTP_ACCEPT_LANGUAGE="zh-hans")  # the first in Chinese: Django
    again = _like(app, liker, 2, HTTP_ACCEPT_LANGUAGE="en")
    assert spy.calls == 2
    assert again.headers["Content-Language"] == english.headers["Content-Language"] == "en"
