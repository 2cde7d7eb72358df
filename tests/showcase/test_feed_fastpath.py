"""The showcase's anonymous feed (first page, hot or latest) served by public.fastpath in
front of Django, under the feed cache's version: a publish makes it miss at once."""

import pytest
from django.test import Client

from showcase.services import posts
from tests.conftest import clear_cache
from tests.factories import EmployerFactory, OfficerFactory
from tests.public.test_fastpath import app, call  # noqa: F401  (the fixture)
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.mark.parametrize("query", ["", "order=hot", "order=latest"])
def test_a_cached_feed_page_is_served_without_django(app, query):  # noqa: F811
    post = PostFactory(title="班组比武")
    first = call(app, "/showcase/", query=query)
    second = call(app, "/showcase/", query=query)
    assert app.app.calls == 1
    assert second[0] == "200 OK" and second[2] == first[2]
    assert post.title in second[2].decode()
    for header in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert second[1].get(header) == first[1].get(header) and first[1].get(header)


def test_a_published_post_makes_the_cached_feed_miss(
    app,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    PostFactory(title="旧的动态")
    call(app, "/showcase/")
    unit = EmployerFactory()
    officer = OfficerFactory(union=unit.union).user
    fields = {"kind": "news", "title": "刚发布的动态", "body": "<p>正文</p>", "employer": unit}
    draft = posts.create_post(actor=officer, **fields)
    with django_capture_on_commit_callbacks(execute=True):
        posts.publish_post(actor=officer, post=draft)
    body = call(app, "/showcase/")[2].decode()
    assert app.app.calls == 2
    assert "刚发布的动态" in body


def test_a_logged_in_feed_is_neither_served_nor_stored(app):  # noqa: F811
    PostFactory()
    browser = Client()
    browser.force_login(OfficerFactory().user)
    session = f"sessionid={browser.cookies['sessionid'].value}"
    call(app, "/showcase/")
    assert "/accounts/logout/" in call(app, "/showcase/", cookie=session)[2].decode()
    assert app.app.calls == 2
    assert "/accounts/logout/" not in call(app, "/showcase/")[2].decode()
    assert app.app.calls == 2


@pytest.mark.parametrize("query", ["page=2", "order=hot&page=1", "x=1"])
def test_other_feed_pages_reach_django(app, query):  # noqa: F811
    PostFactory()
    call(app, "/showcase/", query=query)
    call(app, "/showcase/", query=query)
    assert app.app.calls == 2


def test_the_feed_entry_lives_the_feed_caches_ttl(app, monkeypatch):  # noqa: F811
    from public import cache as public_cache
    from showcase.selectors import feed_cache

    kept = []
    monkeypatch.setattr(public_cache, "_set", lambda key, value, ttl: kept.append((key, ttl)))
    PostFactory()
    call(app, "/showcase/")
    assert [ttl for key, ttl in kept if key.startswith("public:f:")] == [feed_cache.TTL]
