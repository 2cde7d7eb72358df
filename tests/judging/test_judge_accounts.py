"""Judge accounts after creation: password reset, deactivation, leaving a panel."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError

from judging import selectors, services
from judging.models import JudgeAssignment
from tests.judging.conftest import mark
from tests.judging.factories import EntryFactory, JudgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge(union_tree):
    return JudgeFactory(union=union_tree[1], user__username="caipan")


def test_reset_without_a_password_generates_one_that_signs_in(officer_a, judge):
    password = services.reset_judge_password(actor=officer_a, judge=judge)
    assert len(password) == 12
    assert authenticate(username="caipan", password=password) == judge.user


def test_reset_with_a_password_sets_it(officer_a, judge):
    services.reset_judge_password(actor=officer_a, judge=judge, password="Jiading-2024!")
    assert authenticate(username="caipan", password="Jiading-2024!") == judge.user


def test_reset_with_a_weak_password_is_refused_on_the_password(officer_a, judge):
    with pytest.raises(ValidationError) as exc:
        services.reset_judge_password(actor=officer_a, judge=judge, password="123")
    assert "password" in exc.value.message_dict
    assert authenticate(username="caipan", password="Str0ng-pass!") == judge.user


def test_reset_outside_the_officers_subtree_is_refused(officer_c, judge):
    with pytest.raises(PermissionDenied):
        services.reset_judge_password(actor=officer_c, judge=judge)


def test_a_deactivated_judge_cannot_sign_in_until_reactivated(officer_a, judge):
    services.set_judge_active(actor=officer_a, judge=judge, active=False)
    assert authenticate(username="caipan", password="Str0ng-pass!") is None
    services.set_judge_active(actor=officer_a, judge=judge, active=True)
    assert authenticate(username="caipan", password="Str0ng-pass!") == judge.user


def test_deactivating_outside_the_officers_subtree_is_refused(officer_c, judge):
    with pytest.raises(PermissionDenied):
        services.set_judge_active(actor=officer_c, judge=judge, active=False)
    judge.user.refresh_from_db()
    assert judge.user.is_active


def test_a_judge_without_marks_leaves_the_panel(officer_a, contest):
    judge = contest.judges[1]
    warnings = services.remove_judge(actor=officer_a, event=contest.event, judge=judge)
    assert not JudgeAssignment.objects.filter(event=contest.event, judge=judge).exists()
    assert warnings  # P needs 3 judges; two remain


def test_a_judge_who_has_marked_stays_on_the_panel(officer_a, contest):
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "T", 80)
    with pytest.raises(ValidationError) as exc:
        services.remove_judge(actor=officer_a, event=contest.event, judge=judge)
    assert "judge" in exc.value.message_dict
    assert JudgeAssignment.objects.filter(event=contest.event, judge=judge).exists()


def test_removing_outside_the_officers_subtree_is_refused(officer_c, contest):
    with pytest.raises(PermissionDenied):
        services.remove_judge(actor=officer_c, event=contest.event, judge=contest.judges[1])


def test_own_unit_entries_counts_the_entries_a_judge_may_not_mark(contest):
    EntryFactory(event=contest.event, worker__employer=contest.judges[0].employer)
    rejected = EntryFactory(event=contest.event, worker__employer=contest.judges[1].employer)
    rejected.status = "rejected"
    rejected.save()
    assert selectors.own_unit_entries(contest.event, contest.judges) == {contest.judges[0].pk: 2}
