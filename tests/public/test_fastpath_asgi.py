"""The fast path in front of Django's ASGI application, and API answers kept per language
(WSGI and ASGI alike)."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from public.fastpath import AsgiPublicFastPath, PublicFastPath
from tests.public.test_fastpath import CountingApp, call


class CountingAsgiApp:
    """Django's ASGI handler behind the fast path, counting the requests that reach it."""

    def __init__(self):
        self.django = ASGIHandler()
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await self.django(scope, receive, send)


@pytest.fixture
def signals_kept_off():
    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def asgi(signals_kept_off):
    return AsgiPublicFastPath(CountingAsgiApp())


@pytest.fixture
def wsgi(signals_kept_off):
    return PublicFastPath(CountingApp())


def acall(app, path, *, host="testserver", language=None):
    headers = [(b"host", host.encode())]
    if language:
        headers.append((b"accept-language", language.encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent, requests = [], [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client never disconnects

    async def send(message):
        sent.append(message)

    async_to_sync(app)(scope, receive, send)
    headers = {k.decode().lower(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_asgi_api_first_page_is_served_without_django_on_the_second_request(asgi, published):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    first = acall(asgi, path)
    second = acall(asgi, path)
    assert asgi.app.calls == 1
    assert second[0] == 200 and second[2] == first[2]
    assert second[1]["content-length"] == str(len(second[2]))
    assert json.loads(second[2])["results"][0]["position"] == 1


def test_asgi_html_awards_are_served_from_the_fast_path(asgi, published):
    path = f"/contests/{published['contest'].pk}/awards/"
    first = acall(asgi, path)
    second = acall(asgi, path)
    assert asgi.app.calls == 1
    assert second[1]["content-type"] == "text/html; charset=utf-8"
    assert second[2] == first[2] and "set-cookie" not in second[1]


def test_asgi_host_not_allowed_reaches_django(asgi, published):
    path = f"/api/v1/public/events/{published['events'][0].pk}/leaderboard/"
    acall(asgi, path)
    assert acall(asgi, path, host="evil.example")[0] == 400
    assert asgi.app.calls == 2


def test_wsgi_api_answers_are_kept_per_language(wsgi, published):
    path = f"/api/v1/public/contests/{published['contest'].pk}/awards/"
    for _ in range(2):
        zh = call(wsgi, path)
        en = call(wsgi, path, HTTP_ACCEPT_LANGUAGE="en")
    assert wsgi.app.calls == 2
    assert zh[1]["content-language"] == ["zh-hans"] and en[1]["content-language"] == ["en"]
    labels = [json.loads(r[2])["awards"][0]["label"] for r in (zh, en)]
    assert labels == ["金牌职工", "gold worker"]


def test_asgi_api_answers_are_kept_per_language(asgi, published):
    path = f"/api/v1/public/contests/{published['contest'].pk}/awards/"
    for _ in range(2):
        zh = acall(asgi, path, language="zh-CN")
        en = acall(asgi, path, language="en-US,en;q=0.8")
    assert asgi.app.calls == 2
    assert (zh[1]["content-language"], en[1]["content-language"]) == ("zh-hans", "en")
