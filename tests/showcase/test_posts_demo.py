"""The showcase posts demo step: posts of each kind in the demo series with likes, one
returned and one scheduled, idempotent; nothing without the demo series."""

import io

import pytest

from contests.demo import SERIES
from scoring import hot
from showcase import demo_posts
from showcase.access import public_posts
from showcase.models import Like, Post, PostKind, PostStatus
from tests.factories import EmployerFactory, OfficerFactory, SeriesFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def test_without_the_demo_series_nothing_is_made():
    out = io.StringIO()
    demo_posts.load(out=out, options={})
    assert not Post.objects.exists() and "no demo series" in out.getvalue()


def test_posts_of_each_kind_with_likes_once(settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": False}
    series = SeriesFactory(name=SERIES)
    unit = EmployerFactory()
    series.organisers.add(unit.union)
    OfficerFactory(union=unit.union, user__username="officer_sh")
    for _ in range(30):
        WorkerFactory(employer=unit, user=None)
    demo_posts.load(out=io.StringIO(), options={})
    shown = public_posts().filter(series=series)
    kinds = set(shown.values_list("kind", flat=True))
    assert kinds >= {PostKind.NEWS, PostKind.EXEMPLARY, PostKind.SKILL_TIP}
    assert Post.objects.filter(status=PostStatus.RETURNED).exists()
    assert Post.objects.filter(status=PostStatus.PUBLISHED).count() == shown.count() + 1
    assert Like.objects.exists()
    for post in shown:
        assert post.like_count == Like.objects.filter(post=post).count()
        assert post.hot_score == pytest.approx(hot.score(post.like_count, post.published_at))
    counts = (Post.objects.count(), Like.objects.count())
    demo_posts.load(out=io.StringIO(), options={})
    assert (Post.objects.count(), Like.objects.count()) == counts
