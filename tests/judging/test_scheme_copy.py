"""Copying a scoring scheme from another event the officer runs (judging.services.copy_scheme)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from judging import selectors, services
from judging.models import Criterion, ScoringScheme
from tests.factories import EventFactory
from tests.judging.conftest import VOCATIONAL, mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(union_tree, officer_a):
    event = EventFactory(contest__host_union=union_tree[1])
    services.replace_scheme(
        actor=officer_a,
        event=event,
        criteria=VOCATIONAL,
        tie_break=["P", "time"],
        award_tiers=[{"name": "一等奖", "count": 1}, {"name": "二等奖", "share": "0.2"}],
        promotion={"within_rank": 3},
    )
    return event


@pytest.fixture
def target(union_tree):
    return EventFactory(contest__host_union=union_tree[0])


def test_copy_gives_the_target_the_same_scheme(officer_a, source, target):
    services.copy_scheme(actor=officer_a, source=source, target=target)
    copied, original = selectors.scheme_of(target), selectors.scheme_of(source)
    assert copied == original
    assert [c["code"] for c in copied["criteria"]] == ["T", "P"]


def test_copy_replaces_the_targets_previous_scheme(officer_a, source, target):
    services.replace_scheme(
        actor=officer_a,
        event=target,
        criteria=[services.CriterionData("X", "旧", Decimal(100), Decimal(10))],
    )
    services.copy_scheme(actor=officer_a, source=source, target=target)
    assert list(Criterion.objects.filter(event=target).values_list("code", flat=True)) == [
        "T",
        "P",
    ]


def test_a_stored_preset_is_copied_as_its_tiers(officer_a, source, target):
    ScoringScheme.objects.filter(event=source).update(award_tiers="medals", promotion="top5")
    services.copy_scheme(actor=officer_a, source=source, target=target)
    scheme = ScoringScheme.objects.get(event=target)
    assert [t["name"] for t in scheme.award_tiers] == ["金牌", "银牌", "铜牌", "优胜奖"]
    assert scheme.promotion == {"within_rank": 5}


def test_a_source_outside_the_officers_subtree_is_refused(officer_b, source, union_tree):
    own = EventFactory(contest__host_union=union_tree[1])
    foreign = EventFactory(contest__host_union=union_tree[2])
    with pytest.raises(PermissionDenied):
        services.copy_scheme(actor=officer_b, source=foreign, target=own)


def test_a_target_outside_the_officers_subtree_is_refused(officer_b, source, target):
    with pytest.raises(PermissionDenied):
        services.copy_scheme(actor=officer_b, source=source, target=target)
    assert not Criterion.objects.filter(event=target).exists()


def test_a_source_without_scheme_is_refused(officer_a, target, union_tree):
    empty = EventFactory(contest__host_union=union_tree[1])
    with pytest.raises(ValidationError) as exc:
        services.copy_scheme(actor=officer_a, source=empty, target=target)
    assert "source" in exc.value.message_dict


def test_copying_onto_itself_is_refused(officer_a, source):
    with pytest.raises(ValidationError) as exc:
        services.copy_scheme(actor=officer_a, source=source, target=source)
    assert "source" in exc.value.message_dict


def test_an_invalid_stored_scheme_is_validated_again_and_not_copied(officer_a, source, target):
    Criterion.objects.filter(event=source, code="P").update(weight=Decimal(60))
    with pytest.raises(ValidationError) as exc:
        services.copy_scheme(actor=officer_a, source=source, target=target)
    assert "criteria" in exc.value.message_dict
    assert not Criterion.objects.filter(event=target).exists()


def test_a_marked_target_is_locked(officer_a, source, contest):
    mark(contest.judges[1], contest.entries[0], "T", 80)
    with pytest.raises(ValidationError) as exc:
        services.copy_scheme(actor=officer_a, source=source, target=contest.event)
    assert str(services.LOCKED) in exc.value.message_dict["criteria"]
