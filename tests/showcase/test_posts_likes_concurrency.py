"""Many members like one post at once: on PostgreSQL the count stays exact and each member
likes once (real threads with their own connections, released together by a barrier)."""

import threading

import pytest
from django.db import connection

from scoring import hot
from showcase.models import Like
from showcase.services import hot as hot_scores
from showcase.services import likes
from tests.factories import UserFactory
from tests.showcase.factories import PostFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(targets):
    barrier = threading.Barrier(len(targets))
    errors = []

    def wrap(target):
        try:
            barrier.wait(timeout=30)
            target()
        except Exception as exc:  # re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_concurrent_likes_of_one_post_keep_the_count_exact(settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": False}
    post = PostFactory()
    members = UserFactory.create_batch(20)

    def liker(member):
        def target():
            for _ in range(3):  # the same member three times at once with the others
                likes.like(actor=member, post_id=post.pk)

        return target

    run_together([liker(m) for m in members] + [liker(m) for m in members[:10]])
    hot_scores.refresh_scores()
    post.refresh_from_db()
    assert post.like_count == 20 == Like.objects.filter(post=post).count()
    assert post.hot_score == pytest.approx(hot.score(20, post.published_at))


def test_concurrent_likes_and_unlikes_end_exact(settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": False}
    post = PostFactory()
    members = UserFactory.create_batch(16)
    for m in members[:8]:
        likes.like(actor=m, post_id=post.pk)

    def flip(member, liked):
        def target():
            if liked:
                likes.unlike(actor=member, post_id=post.pk)
            else:
                likes.like(actor=member, post_id=post.pk)

        return target

    run_together([flip(m, i < 8) for i, m in enumerate(members)])
    post.refresh_from_db()
    assert post.like_count == 8 == Like.objects.filter(post=post).count()
    assert not Like.objects.filter(user__in=members[:8]).exists()
