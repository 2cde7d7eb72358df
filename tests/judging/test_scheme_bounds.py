"""Numbers of a scheme are bounded (scoring.validation.LIMITS): a tier of 10**18 places is a
400 with the field's message, not a stored scheme."""

import pytest

from judging.models import ScoringScheme
from tests.factories import EventFactory
from tests.judging.test_scheme import doc, put

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(union_tree):
    return EventFactory(contest__host_union=union_tree[1])


@pytest.mark.parametrize(
    ("tier", "message"),
    [
        ({"name": "一等奖", "count": 10**18}, "count must be at most 100000."),
        ({"name": "一等奖", "share": "0.1", "min_total": "1e18"}, "min_total must be at most"),
    ],
    ids=["count", "min_total"],
)
def test_a_tier_past_the_bound_is_a_400_with_the_field_message(
    officer_a, event, english, tier, message
):
    response = put(officer_a, event, doc(award_tiers=[tier]))
    assert response.status_code == 400
    assert any(message in text for text in response.json()["award_tiers"])
    assert not ScoringScheme.objects.filter(event=event).exists()


def test_a_promotion_rank_past_the_bound_is_a_400_with_the_field_message(officer_a, event, english):
    response = put(officer_a, event, doc(promotion={"within_rank": 10**18}))
    assert response.status_code == 400
    assert any("within_rank must be at most" in text for text in response.json()["promotion"])
