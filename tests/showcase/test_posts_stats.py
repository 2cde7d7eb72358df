"""Showcase figures (showcase.selectors.stats): public posts only, by kind, likes and comments
from the post rows, units by kind; like farming by unit and by new accounts."""

import pytest
from django.utils import timezone

from showcase.models import Like, PostStatus
from showcase.selectors import stats
from tests.factories import EmployerFactory, UnionFactory, UserFactory
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_union_figures_count_public_posts_of_the_subtree_only():
    union = UnionFactory()
    unit = EmployerFactory(union=UnionFactory(parent=union), kind="non_public")
    PostFactory(employer=unit, kind="news", like_count=3, comment_count=1)
    PostFactory(employer=unit, kind="skill_tip", like_count=2)
    PostFactory(employer=unit, status=PostStatus.SUBMITTED, published_at=None, like_count=9)
    PostFactory(kind="news", like_count=100)  # another union
    figures = stats.union_figures(union)
    by_kind = {k["kind"]: k["count"] for k in figures["posts_by_kind"]}
    assert figures["posts"] == 2 and by_kind["news"] == 1 and by_kind["skill_tip"] == 1
    assert (figures["likes"], figures["comments"], figures["units"]) == (5, 1, 1)
    assert figures["units_by_kind"][0]["kind"] == "non_public"


def _like(post, user, unit=None):
    Like.objects.create(post=post, user=user, employer=unit)


def test_new_accounts_flag_a_post():
    post = PostFactory(like_count=stats.MIN_LIKES)
    for _ in range(stats.MIN_LIKES):
        _like(post, UserFactory())  # accounts made just now
    row = stats.like_farming(type(post).objects.all())[0]
    assert row["new_account_share"] == 100.0 and row["flagged"]


def test_likes_spread_over_units_and_old_accounts_are_not_flagged():
    post = PostFactory(like_count=stats.MIN_LIKES)
    old = timezone.now() - timezone.timedelta(days=30)
    for _ in range(stats.MIN_LIKES):
        user = UserFactory()
        type(user).objects.filter(pk=user.pk).update(date_joined=old)
        _like(post, user, EmployerFactory())
    row = stats.like_farming(type(post).objects.all())[0]
    assert not row["flagged"] and row["top_unit_share"] == 5.0


def test_likes_by_unit_most_first():
    a, b = EmployerFactory(name="甲厂"), EmployerFactory(name="乙厂")
    post = PostFactory()
    for unit in (a, a, b):
        _like(post, UserFactory(), unit)
    assert stats.likes_by_unit(type(post).objects.all()) == [
        {"unit": "甲厂", "likes": 2},
        {"unit": "乙厂", "likes": 1},
    ]
