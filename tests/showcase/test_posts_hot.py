"""The hot order follows the likes (showcase.services.hot): a like moves the count at once
and the score at the next refresh, which beat runs and the hot feed runs when it is due."""

import pytest
from django.conf import settings

from scoring import hot
from showcase.models import Post
from showcase.services import hot as hot_scores
from showcase.services import likes
from tests.conftest import clear_cache
from tests.factories import UserFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()


def _score(post) -> float:
    return Post.objects.values_list("hot_score", flat=True).get(pk=post.pk)


def test_a_like_moves_the_count_at_once_and_the_score_at_the_refresh():
    post = PostFactory(like_count=1)  # one like and none score the same: log10(max(n, 1))
    before = _score(post)
    assert likes.like(actor=UserFactory(), post_id=post.pk).count == 2
    assert _score(post) == before
    assert hot_scores.refresh_scores() == 1
    assert _score(post) == pytest.approx(hot.score(2, post.published_at))


def test_a_refresh_changes_only_posts_whose_likes_moved():
    PostFactory.create_batch(3, like_count=5)
    liked = PostFactory(like_count=1)
    likes.like(actor=UserFactory(), post_id=liked.pk)
    assert hot_scores.refresh_scores() == 1
    assert hot_scores.refresh_scores() == 0


def test_the_refresh_runs_at_most_once_in_its_interval():
    post = PostFactory(like_count=1)
    assert hot_scores.refresh_if_due() == 0
    likes.like(actor=UserFactory(), post_id=post.pk)
    assert hot_scores.refresh_if_due() is None
    assert _score(post) == pytest.approx(hot.score(1, post.published_at))


def test_the_hot_feed_brings_the_scores_up_to_date_before_it_reads(client):
    cold = PostFactory(title="后来居上")
    PostFactory(title="原本领先", like_count=3)
    for _ in range(30):
        likes.like(actor=UserFactory(), post_id=cold.pk)
    body = client.get("/showcase/?order=hot").content.decode()
    assert body.index("后来居上") < body.index("原本领先")


def test_beat_refreshes_the_scores():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-hot-scores"]
    assert entry["task"] == "showcase.refresh_hot_scores"
    assert entry["schedule"] <= hot_scores.REFRESH_SECONDS
    from showcase.tasks import refresh_hot_scores

    post = PostFactory(like_count=1)
    likes.like(actor=UserFactory(), post_id=post.pk)
    assert refresh_hot_scores.delay().get()["changed"] == 1
