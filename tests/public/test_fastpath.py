"""The WSGI fast path (public.fastpath) in front of Django for the hottest anonymous pages."""

import io
import json

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from core import cache as core_cache
from public import cache, fastpath
from public.fastpath import PublicFastPath
from results.models import ResultRow


class CountingApp:
    """Django behind the fast path, counting the requests that reach it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def app():
    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield PublicFastPath(CountingApp())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call(app, path, *, query="", cookie=None, method="GET", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **extra,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    result = app(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    headers = {}
    for k, v in seen["headers"]:
        headers.setdefault(k.lower(), []).append(v)
    return seen["status"], headers, body


def _rename_first_row(published, new_masked: str):
    ResultRow.objects.filter(pk=published["rows"][0].pk).update(masked_name=new_masked)


def test_api_first_page_is_served_without_django_on_the_second_request(app, published):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    first = call(app, path)
    second = call(app, path)
    assert app.app.calls == 1
    assert second[0] == "200 OK"
    assert second[2] == first[2]
    assert second[1]["content-type"] == ["application/json"]
    assert second[1]["content-length"] == [str(len(second[2]))]
    assert second[1]["x-frame-options"] == first[1]["x-frame-options"]
    assert json.loads(second[2])["results"][0]["position"] == 1


def test_awards_api_and_html_are_served_from_the_fast_path(app, published):
    contest = published["contest"]
    for path in (
        f"/api/v1/public/contests/{contest.pk}/awards/",
        f"/contests/{contest.pk}/awards/",
    ):
        call(app, path)
        status, _headers, body = call(app, path)
        assert status == "200 OK"
        assert body
    assert app.app.calls == 2


def test_html_page_from_the_fast_path_is_the_same_for_every_visitor(app, published):
    """No CSRF token and no cookie: the language switch is a plain link."""
    path = f"/events/{published['events'][0].pk}/leaderboard/"
    first = call(app, path)
    _status, headers, body = call(app, path, cookie="csrftoken=" + "a" * 32)
    assert app.app.calls == 1
    assert headers["content-type"] == ["text/html; charset=utf-8"]
    assert body == first[2]
    assert "set-cookie" not in headers and "set-cookie" not in first[1]
    assert b"csrfmiddlewaretoken" not in body
    assert f'href="/en{path}"'.encode() in body


def test_bump_makes_the_fast_path_miss(app, published):
    event = published["events"][0]
    for path in (
        f"/api/v1/public/events/{event.pk}/leaderboard/",
        f"/events/{event.pk}/leaderboard/",
    ):
        call(app, path)
        _rename_first_row(published, "王*新")
        assert "王*新" not in call(app, path)[2].decode()
        cache.bump(event_id=event.pk)
        assert "王*新" in call(app, path)[2].decode()
        _rename_first_row(published, "王*旧")
        cache.bump(event_id=event.pk)
        call(app, path)
    assert app.app.calls == 6


def test_contest_bump_makes_the_awards_miss(app, published):
    contest = published["contest"]
    path = f"/api/v1/public/contests/{contest.pk}/awards/"
    call(app, path)
    call(app, path)
    cache.bump(contest_id=contest.pk)
    call(app, path)
    assert app.app.calls == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"query": "employer_kind=foreign"},
        {"cookie": "sessionid=abc"},
        {"cookie": "csrftoken=" + "a" * 32 + "; messages=xyz"},
        {"HTTP_AUTHORIZATION": "Token abc"},
        {"method": "HEAD"},
    ],
)
def test_requests_outside_the_fast_path_reach_django(app, published, kwargs):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    call(app, path)  # stored for anonymous visitors
    call(app, path, **kwargs)
    call(app, path, **kwargs)
    assert app.app.calls == 3


def test_a_logged_in_page_is_neither_served_nor_stored(app, published, officer_a):
    path = f"/contests/{published['contest'].pk}/awards/"
    browser = Client()
    browser.force_login(officer_a)
    session = f"sessionid={browser.cookies['sessionid'].value}"
    assert "/accounts/logout/" in call(app, path, cookie=session)[2].decode()
    anonymous = call(app, path)[2].decode()
    again = call(app, path)[2].decode()
    assert app.app.calls == 2  # the logged-in answer was not kept for anyone
    assert "/accounts/logout/" not in anonymous
    assert "/accounts/logout/" not in again
    assert "/accounts/logout/" in call(app, path, cookie=session)[2].decode()
    assert app.app.calls == 3


def test_fast_path_pages_carry_no_full_names(app, published):
    event, contest = published["events"][0], published["contest"]
    paths = [
        f"/events/{event.pk}/leaderboard/",
        f"/en/events/{event.pk}/leaderboard/",
        f"/api/v1/public/events/{event.pk}/leaderboard/",
        f"/api/v1/public/contests/{contest.pk}/awards/",
        f"/contests/{contest.pk}/awards/",
    ]
    names = [r.display_name for r in published["rows"]]
    for path in paths:
        call(app, path)
        body = call(app, path)[2].decode()
        assert not any(name in body for name in names), path
    assert app.app.calls == len(paths)


def test_english_and_chinese_pages_are_stored_apart(app, published):
    path = f"/events/{published['events'][0].pk}/leaderboard/"
    zh = call(app, path)
    en = call(app, "/en" + path)
    assert zh[1]["content-language"] == ["zh-hans"]
    assert en[1]["content-language"] == ["en"]
    assert call(app, "/en" + path)[1]["content-language"] == ["en"]
    assert app.app.calls == 2


def test_filtered_html_leaderboard_is_kept_per_query(app, published):
    path = f"/events/{published['events'][0].pk}/leaderboard/"
    foreign = call(app, path, query="employer_kind=foreign")
    again = call(app, path, query="employer_kind=foreign")
    other = call(app, path, query="employer_kind=state_owned")
    assert app.app.calls == 2
    assert again[2] == foreign[2]
    assert other[2] != foreign[2]


@pytest.mark.parametrize("query", ["utm_source=x", "employer_kind=foreign&x=1", "page"])
def test_html_leaderboard_with_an_unknown_query_reaches_django(app, published, query):
    path = f"/events/{published['events'][0].pk}/leaderboard/"
    call(app, path, query=query)
    call(app, path, query=query)
    assert app.app.calls == 2


def test_a_host_not_allowed_reaches_django(app, published):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    call(app, path)
    status = call(app, path, HTTP_HOST="evil.example")[0]
    assert status.startswith("400")
    assert app.app.calls == 2


def test_plain_http_is_redirected_by_django_when_ssl_is_required(app, published, settings):
    settings.SECURE_SSL_REDIRECT = True
    app = PublicFastPath(CountingApp())  # Django's middleware reads the setting when built
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    for _ in range(2):
        status, headers, _body = call(app, path)
        assert status.startswith("301")
        assert headers["location"][0].startswith("https://")
    for _ in range(2):
        assert call(app, path, **{"wsgi.url_scheme": "https"})[0] == "200 OK"
    assert app.app.calls == 3  # both plain ones, and the first secure one


def test_a_page_read_from_redis_is_then_served_from_the_workers_memory(app, published, monkeypatch):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    call(app, path)
    call(app, path)  # from Redis, and kept in this process
    reads = []
    real = cache.lookup_under
    monkeypatch.setattr(cache, "lookup_under", lambda *a: reads.append(a) or real(*a))
    status, _headers, body = call(app, path)
    assert status == "200 OK" and json.loads(body)["results"]
    assert reads == [] and app.app.calls == 1


def test_the_workers_copy_lasts_about_a_second(app, published, monkeypatch):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    call(app, path)
    call(app, path)
    reads = []
    real = cache.lookup_under
    monkeypatch.setattr(cache, "lookup_under", lambda *a: reads.append(a) or real(*a))
    later = core_cache.time.monotonic() + fastpath.LOCAL_SECONDS + 0.01
    monkeypatch.setattr(core_cache.time, "monotonic", lambda: later)
    call(app, path)  # the copy expired: Redis again (same versions, so the same entry)
    assert len(reads) == 1 and app.app.calls == 1
