"""/api/v1/showcase/posts/: public reads of published posts only; like and unlike."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from showcase.models import Like, PostStatus
from tests.conftest import clear_cache
from tests.factories import UserFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/showcase/posts/"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()


def hidden_posts():
    later = timezone.now() + timezone.timedelta(hours=2)
    return [
        PostFactory(status=PostStatus.DRAFT, published_at=None),
        PostFactory(status=PostStatus.SUBMITTED, published_at=None),
        PostFactory(status=PostStatus.RETURNED, published_at=None),
        PostFactory(status=PostStatus.WITHDRAWN),
        PostFactory(publish_at=later, published_at=later),
    ]


def test_the_list_and_detail_show_only_public_posts():
    hidden = hidden_posts()
    shown = PostFactory()
    api = APIClient()
    for order in ("hot", "latest"):
        ids = [p["id"] for p in api.get(BASE, {"order": order}).json()["results"]]
        assert ids == [shown.pk]
    for post in hidden:
        assert api.get(f"{BASE}{post.pk}/").status_code == 404
        ids = [p["id"] for p in api.get(BASE, {"unit": post.employer_id}).json()["results"]]
        assert ids == []
    detail = api.get(f"{BASE}{shown.pk}/").json()
    assert detail["title"] == shown.title and detail["body_html"] == shown.body


def test_the_list_names_no_author():
    PostFactory()
    card = APIClient().get(BASE).json()["results"][0]
    assert "author" not in card and "username" not in str(card)


def test_bad_filters_are_400_with_the_field():
    response = APIClient().get(BASE, {"page": "x", "kind": "bad"})
    assert response.status_code == 400
    assert "page" in response.json() or "kind" in str(response.json())


def test_like_twice_counts_once_and_delete_unlikes():
    post = PostFactory()
    api = APIClient()
    api.force_authenticate(UserFactory())
    first = api.post(f"{BASE}{post.pk}/like/").json()
    second = api.post(f"{BASE}{post.pk}/like/").json()
    assert first == {"liked": True, "likes": 1, "changed": True}
    assert second == {"liked": True, "likes": 1, "changed": False}
    assert api.delete(f"{BASE}{post.pk}/like/").json()["likes"] == 0
    assert not Like.objects.exists()


def test_an_anonymous_like_is_refused():
    post = PostFactory()
    assert APIClient().post(f"{BASE}{post.pk}/like/").status_code in (401, 403)


def test_liking_a_hidden_post_is_404():
    api = APIClient()
    api.force_authenticate(UserFactory())
    for post in hidden_posts():
        assert api.post(f"{BASE}{post.pk}/like/").status_code == 404
    assert not Like.objects.exists()


def test_liking_too_often_is_429_with_retry_after(settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": True}
    settings.GJ_SHOWCASE_LIKES_PER_MINUTE = 2
    posts = PostFactory.create_batch(3)
    api = APIClient()
    api.force_authenticate(UserFactory())
    for post in posts[:2]:
        api.post(f"{BASE}{post.pk}/like/")
    response = api.post(f"{BASE}{posts[2].pk}/like/")
    assert response.status_code == 429 and response["Retry-After"]
