"""The stored scheme reaches the results engine through the one scheme validator."""

import pytest
from django.core.exceptions import ValidationError

from judging.models import Criterion
from results import services
from scoring import AGGREGATIONS
from scoring.validation import KINDS
from tests.results.factories import EntryFactory, give_marks, make_scheme

GOOD = {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}

pytestmark = pytest.mark.django_db


def test_the_rules_know_every_kind_and_aggregation_a_criterion_may_have():
    assert set(KINDS) == set(Criterion.Kind.values)
    assert set(AGGREGATIONS) == set(Criterion.Aggregation.values)


def test_a_stored_tier_of_no_places_is_refused_by_the_engine(event, judges):
    _, crits = make_scheme(event, award_tiers=[{"name": "一等奖", "count": 0}])
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    with pytest.raises(ValidationError) as err:
        services.compute_event(event_id=event.pk)
    assert list(err.value.message_dict) == ["award_tiers"]


def test_an_unknown_preset_is_refused_by_the_engine(event, judges):
    _, crits = make_scheme(event, promotion="top3")
    give_marks(EntryFactory(event=event), crits, GOOD, judges)
    with pytest.raises(ValidationError) as err:
        services.compute_event(event_id=event.pk)
    assert list(err.value.message_dict) == ["promotion"]
