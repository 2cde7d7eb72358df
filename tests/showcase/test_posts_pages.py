"""Public pages of the showcase: feeds (hot, latest, filters, per series/contest/union), the
post page, likes through the page, images; nothing unpublished or not yet due is shown."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from showcase.models import PostImage, PostStatus
from showcase.selectors import feed_cache
from showcase.views import feed as feed_views
from tests.conftest import clear_cache
from tests.factories import ContestFactory, SeriesFactory, UserFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()


def hidden_posts():
    later = timezone.now() + timezone.timedelta(days=1)
    return [
        PostFactory(title="草稿稿件", status=PostStatus.DRAFT, published_at=None),
        PostFactory(title="待审稿件", status=PostStatus.SUBMITTED, published_at=None),
        PostFactory(title="退回稿件", status=PostStatus.RETURNED, published_at=None),
        PostFactory(title="撤下稿件", status=PostStatus.WITHDRAWN),
        PostFactory(title="定时稿件", publish_at=later, published_at=later),
    ]


def test_no_unpublished_or_scheduled_post_reaches_any_public_page(client):
    series = SeriesFactory()
    contest = ContestFactory(series=series)
    hidden = hidden_posts()
    for post in hidden:
        post.series, post.contest = series, contest
        post.save()
    shown = PostFactory(title="已发稿件", series=series, contest=contest)
    pages = [
        "/showcase/",
        "/showcase/?order=latest",
        f"/showcase/series/{series.pk}/",
        f"/showcase/contests/{contest.pk}/",
        f"/showcase/unions/{hidden[0].union.pk}/",
        f"/showcase/?unit={hidden[0].employer_id}",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert not any(p.title in body for p in hidden), url
    assert "已发稿件" in client.get(f"/showcase/series/{series.pk}/").content.decode()
    for post in hidden:
        assert client.get(f"/showcase/posts/{post.pk}/").status_code == 404
    assert client.get(f"/showcase/posts/{shown.pk}/").status_code == 200


def test_hot_orders_by_score_and_latest_by_time(client):
    three_hours_ago = timezone.now() - timezone.timedelta(hours=3)
    PostFactory(title="旧而热", published_at=three_hours_ago, like_count=100)
    PostFactory(title="新而冷")
    hot = client.get("/showcase/?order=hot").content.decode()
    latest = client.get("/showcase/?order=latest").content.decode()
    assert hot.index("旧而热") < hot.index("新而冷")
    assert latest.index("新而冷") < latest.index("旧而热")


def test_filters_by_kind_unit_and_region(client):
    PostFactory(title="新闻甲", kind="news")
    tip = PostFactory(title="技巧乙", kind="skill_tip")
    assert "新闻甲" not in client.get("/showcase/?kind=skill_tip").content.decode()
    body = client.get(f"/showcase/?unit={tip.employer_id}").content.decode()
    assert "技巧乙" in body and "新闻甲" not in body
    assert "技巧乙" in client.get("/showcase/?region=310000").content.decode()
    assert "技巧乙" not in client.get("/showcase/?region=320000").content.decode()


def test_bad_filter_values_are_ignored_not_errors(client):
    PostFactory(title="照常")
    response = client.get("/showcase/?kind=<x>&unit=abc&region=zz&page=-4&order=drop")
    assert response.status_code == 200 and "照常" in response.content.decode()


def test_the_anonymous_first_page_is_cached_until_a_post_is_published(client):
    PostFactory(title="第一篇")
    client.get("/showcase/")
    PostFactory(title="第二篇")
    assert "第二篇" not in client.get("/showcase/").content.decode()  # the cached page
    feed_cache.invalidate()  # what publishing does
    assert "第二篇" in client.get("/showcase/").content.decode()


def test_a_member_likes_through_the_page_once(client):
    post = PostFactory()
    client.force_login(UserFactory())
    url = f"/showcase/posts/{post.pk}/like/"
    client.post(url, HTTP_HX_REQUEST="true")
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert 'data-count="1"' in response.content.decode()
    post.refresh_from_db()
    assert post.like_count == 1
    response = client.post(url, {"action": "unlike"}, HTTP_HX_REQUEST="true")
    assert 'data-count="0"' in response.content.decode()


def test_an_anonymous_like_goes_to_the_login_page(client):
    post = PostFactory()
    response = client.post(f"/showcase/posts/{post.pk}/like/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_liking_a_hidden_post_is_not_found(client):
    post = PostFactory(status=PostStatus.SUBMITTED, published_at=None)
    client.force_login(UserFactory())
    assert client.post(f"/showcase/posts/{post.pk}/like/").status_code == 404


def test_the_post_page_shows_the_sanitised_body_and_counts(client):
    post = PostFactory(body="<p>干净</p>", like_count=7)
    body = client.get(f"/showcase/posts/{post.pk}/").content.decode()
    assert "干净" in body and ">7<" in body


def _image(post, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "JPEG")
    name = default_storage.save(f"showcase/{post.pk}/t.jpg", ContentFile(buf.getvalue()))
    return PostImage.objects.create(post=post, name=name, width=10, height=10, size=1)


def test_an_image_of_a_hidden_post_is_not_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    shown = _image(PostFactory(), settings, tmp_path)
    hidden = _image(PostFactory(status=PostStatus.DRAFT, published_at=None), settings, tmp_path)
    assert client.get(f"/showcase/images/{shown.pk}/")["Content-Type"] == "image/jpeg"
    assert client.get(f"/showcase/images/{hidden.pk}/").status_code == 404


def test_a_members_feed_shows_new_counts_through_the_card_cache(client):
    post = PostFactory(title="计数稿件")
    client.force_login(UserFactory())
    assert '♥ <span class="sc-like-count">0</span>' in client.get("/showcase/").content.decode()
    client.post(f"/showcase/posts/{post.pk}/like/")
    body = client.get("/showcase/").content.decode()
    assert '♥ <span class="sc-like-count">1</span>' in body


def test_a_members_feed_reads_the_posts_text_only_for_cards_not_cached(client):
    PostFactory(title="缓存卡片")
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as first:
        assert "缓存卡片" in client.get("/showcase/").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "缓存卡片" in client.get("/showcase/").content.decode()
    assert any('"body"' in q["sql"] for q in first.captured_queries)
    assert not any('"body"' in q["sql"] for q in again.captured_queries)


def test_a_post_withdrawn_between_the_feeds_two_reads_has_no_card(client, monkeypatch):
    PostFactory(title="留下的稿件")
    gone = PostFactory(title="撤下的稿件")
    client.force_login(UserFactory())
    real = feed_views.card_posts
    monkeypatch.setattr(
        feed_views,
        "card_posts",
        lambda ids: {pk: post for pk, post in real(ids).items() if pk != gone.pk},
    )
    body = client.get("/showcase/?order=latest").content.decode()
    assert "留下的稿件" in body and "撤下的稿件" not in body


def test_a_scheduled_post_appears_when_its_time_comes(client, monkeypatch):
    later = timezone.now() + timezone.timedelta(hours=3)
    post = PostFactory(title="定时发布", publish_at=later, published_at=later)
    assert "定时发布" not in client.get("/showcase/?order=latest").content.decode()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(hours=4))
    clear_cache()
    assert "定时发布" in client.get("/showcase/?order=latest").content.decode()
    assert client.get(f"/showcase/posts/{post.pk}/").status_code == 200


def test_english_feeds_name_the_union_and_the_regions_in_english(client):
    post = PostFactory()
    post.union.name_en = "Union of the Post"
    post.union.save()
    feed = client.get(f"/en/showcase/unions/{post.union.pk}/").content.decode()
    assert "<h1>Union of the Post</h1>" in feed
    assert post.union.name not in feed
    assert ">Shanghai</option>" in client.get("/en/showcase/").content.decode()
    assert ">上海市</option>" in client.get("/showcase/").content.decode()
