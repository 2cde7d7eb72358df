"""Who may review a rating (innovation.access.may_review), through the service."""

import pytest
from django.core.exceptions import PermissionDenied

from innovation.access import may_review
from innovation.services import ratings as services
from tests.factories import OfficerFactory, UnionFactory, UserFactory, WorkerFactory
from tests.innovation.factories_studios import (
    RatingFactory,
    ReviewerFactory,
    StudioFactory,
    StudioMemberFactory,
    submitted,
)

pytestmark = pytest.mark.django_db


def _all_met(rating):
    return {c.pk: (True, "") for c in rating.standard.criteria.all()}


@pytest.fixture
def tree():
    province = UnionFactory(kind="provincial")
    city = UnionFactory(parent=province)
    studio = StudioFactory(union=city)
    rating = submitted(RatingFactory(studio=studio, union=province))
    return province, city, rating


def test_officer_of_the_rating_union_reviews(tree):
    province, _city, rating = tree
    officer = OfficerFactory(union=province)
    services.review_rating(actor=officer.user, rating=rating, verdicts=_all_met(rating))
    assert rating.reviews.count() == 1


def test_officer_below_the_rating_union_cannot(tree):
    _province, city, rating = tree
    assert not may_review(OfficerFactory(union=city).user, rating)


def test_reviewer_appointed_for_an_ancestor_reviews(tree):
    province, _city, rating = tree
    reviewer = ReviewerFactory(union=province)
    assert may_review(reviewer.user, rating)


def test_reviewer_of_another_unions_subtree_cannot(tree):
    _p, _c, rating = tree
    reviewer = ReviewerFactory(union=UnionFactory())
    with pytest.raises(PermissionDenied):
        services.review_rating(actor=reviewer.user, rating=rating, verdicts=_all_met(rating))
    assert not rating.reviews.exists()


def test_officer_of_another_union_cannot(tree):
    _p, _c, rating = tree
    assert not may_review(OfficerFactory(union=UnionFactory()).user, rating)


def test_inactive_reviewer_cannot(tree):
    province, _c, rating = tree
    reviewer = ReviewerFactory(union=province, active=False)
    assert not may_review(reviewer.user, rating)


def test_the_studio_leader_cannot_review_even_as_reviewer(tree):
    province, _c, rating = tree
    leader_user = rating.studio.leader.user
    ReviewerFactory(union=province, user=leader_user)
    OfficerFactory(union=province, user=leader_user)
    with pytest.raises(PermissionDenied):
        services.review_rating(actor=leader_user, rating=rating, verdicts=_all_met(rating))


def test_a_member_cannot_review_even_as_officer(tree):
    province, _c, rating = tree
    member = StudioMemberFactory(studio=rating.studio)
    OfficerFactory(union=province, user=member.worker.user)
    assert not may_review(member.worker.user, rating)


def test_a_worker_outside_the_studio_appointed_reviews(tree):
    province, _c, rating = tree
    worker = WorkerFactory()
    ReviewerFactory(union=province, user=worker.user)
    assert may_review(worker.user, rating)


def test_anonymous_and_plain_users_cannot(tree):
    _p, _c, rating = tree
    from django.contrib.auth.models import AnonymousUser

    assert not may_review(AnonymousUser(), rating)
    assert not may_review(UserFactory(), rating)


def test_rating_union_outside_the_studio_tree_is_never_reviewable():
    studio = StudioFactory()
    foreign = UnionFactory()
    rating = submitted(RatingFactory(studio=studio, union=foreign))
    assert not may_review(OfficerFactory(union=foreign).user, rating)
