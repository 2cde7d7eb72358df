"""Likes: once per member, unlike, exact counts and hot score, rate limit, only public posts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone

from scoring import hot
from showcase.models import Like, Post, PostStatus
from showcase.services import hot as hot_scores
from showcase.services import likes
from tests.factories import UserFactory, WorkerFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_a_like_counts_once_and_the_hot_score_follows():
    post = PostFactory()
    member = UserFactory()
    first = likes.like(actor=member, post_id=post.pk)
    second = likes.like(actor=member, post_id=post.pk)
    assert (first.count, first.changed) == (1, True)
    assert (second.count, second.changed) == (1, False)
    hot_scores.refresh_scores()
    post.refresh_from_db()
    assert post.like_count == 1 == Like.objects.filter(post=post).count()
    assert post.hot_score == pytest.approx(hot.score(1, post.published_at))


def test_ten_likes_give_the_score_of_ten():
    post = PostFactory()
    for _ in range(10):
        likes.like(actor=UserFactory(), post_id=post.pk)
    hot_scores.refresh_scores()
    post.refresh_from_db()
    assert post.hot_score == pytest.approx(hot.score(10, post.published_at))


def test_unlike_takes_the_like_back_and_a_second_unlike_changes_nothing():
    post = PostFactory()
    member = UserFactory()
    likes.like(actor=member, post_id=post.pk)
    assert likes.unlike(actor=member, post_id=post.pk).count == 0
    again = likes.unlike(actor=member, post_id=post.pk)
    assert (again.count, again.changed) == (0, False)
    hot_scores.refresh_scores()
    post.refresh_from_db()
    assert post.like_count == 0
    assert post.hot_score == pytest.approx(hot.score(0, post.published_at))


def test_the_likers_unit_is_kept_on_the_like():
    worker = WorkerFactory(user=UserFactory())
    post = PostFactory()
    likes.like(actor=worker.user, post_id=post.pk)
    assert Like.objects.get().employer_id == worker.employer_id


def test_an_anonymous_visitor_cannot_like():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        likes.like(actor=AnonymousUser(), post_id=PostFactory().pk)


@pytest.mark.parametrize(
    "status,hours",
    [(PostStatus.DRAFT, None), (PostStatus.SUBMITTED, None), (PostStatus.PUBLISHED, 5)],
)
def test_a_post_that_is_not_public_cannot_be_liked(status, hours):
    when = timezone.now() + timezone.timedelta(hours=hours) if hours else None
    post = PostFactory(status=status, published_at=when)
    with pytest.raises(Post.DoesNotExist):
        likes.like(actor=UserFactory(), post_id=post.pk)
    assert not Like.objects.exists()


@override_settings(GJ_SHOWCASE_LIKES_PER_MINUTE=3)
def test_a_member_liking_too_often_is_stopped(settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": True}
    member = UserFactory()
    posts = PostFactory.create_batch(4)
    for post in posts[:3]:
        likes.like(actor=member, post_id=post.pk)
    with pytest.raises(likes.TooManyLikesError):
        likes.like(actor=member, post_id=posts[3].pk)
    assert Like.objects.count() == 3


def test_recount_restores_the_count_from_the_rows():
    post = PostFactory()
    likes.like(actor=UserFactory(), post_id=post.pk)
    Post.objects.filter(pk=post.pk).update(like_count=99)
    assert likes.recount(post_id=post.pk) == 1
