"""Judging progress: per judge and per criterion coverage, divergences with their marks,
and unlocking every judge's marks on one entry and criterion."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from judging import selectors, services
from judging.models import Criterion, Mark, MarkLog
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def mean_p(contest):
    """P averaged over all three marks, so three judges can disagree beyond its limit (a
    trimmed mean of three keeps one mark, which never diverges)."""
    Criterion.objects.filter(event=contest.event, code="P").update(aggregation="mean")
    return contest


def by_judge(contest):
    return {row["judge"]: row for row in selectors.judge_progress(contest.event)}


def test_a_judge_is_to_mark_every_entry_but_their_own_work_units_on_every_criterion(contest):
    rows = by_judge(contest)
    # four entries, one of them from judges[0]'s own work unit; two criteria each
    assert rows[contest.judges[0]]["required"] == 3 * 2
    assert rows[contest.judges[1]]["required"] == 4 * 2
    assert next(r["judge"] for r in selectors.judge_progress(contest.event)) == contest.chief


def test_marks_given_submitted_and_confirmed_are_counted_per_judge(contest):
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    mark(judge, contest.entries[1], "P", 70)
    services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)
    mark(contest.judges[2], contest.entries[0], "T", 60)
    row = by_judge(contest)[judge]
    assert (row["marks"], row["missing"], row["locked"], row["confirmed"]) == (2, 6, 2, 0)
    assert row["submitted_at"] is not None
    assert by_judge(contest)[contest.judges[0]]["submitted_at"] is None


def test_a_judge_on_some_criteria_is_to_mark_only_those(contest):
    assignment = contest.judges[1].assignments.get()
    assignment.criteria = ["T"]
    assignment.save()
    row = by_judge(contest)[contest.judges[1]]
    assert (row["criteria"], row["required"]) == (["T"], 4)


def test_marks_of_a_disqualified_entry_no_longer_count(contest):
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    contest.entries[0].disqualified = True
    contest.entries[0].save()
    row = by_judge(contest)[judge]
    assert (row["marks"], row["required"]) == (0, 3 * 2)


def test_criterion_coverage_sums_the_status_report(mean_p):
    contest = mean_p
    for judge, value in zip(contest.judges, (50, 70, 90), strict=True):
        mark(judge, contest.entries[1], "P", value)  # judges[0] may mark entries[1]
    mark(contest.judges[1], contest.entries[0], "T", 60)
    status = selectors.judging_status(contest.event)
    coverage = {c["code"]: c for c in selectors.criterion_coverage(status)}
    assert (coverage["T"]["present"], coverage["T"]["required"]) == (1, 4)
    assert (coverage["P"]["present"], coverage["P"]["required"]) == (3, 12)
    assert coverage["P"]["divergent"] == 1 and coverage["T"]["divergent"] == 0


def test_divergences_come_with_who_gave_which_mark(mean_p):
    contest = mean_p
    for judge, value in zip(contest.judges, (50, 70, 90), strict=True):
        mark(judge, contest.entries[1], "P", value)
    status = selectors.judging_status(contest.event)
    (divergence,) = selectors.divergence_marks(contest.event, status["divergent"])
    assert [m.value for m in divergence["marks"]] == [Decimal(v) for v in (50, 70, 90)]


def submitted(contest, entry):
    """Three judges mark the entry on P (one of them also on T) and hand their sheets in."""
    for judge, value in zip(contest.judges, (50, 70, 90), strict=True):
        mark(judge, entry, "P", value)
    mark(contest.judges[1], entry, "T", 60)
    for judge in contest.judges:
        services.submit_marks(actor=judge.user, event=contest.event, confirm_incomplete=True)


def test_unlocking_an_entry_and_criterion_reopens_every_judges_marks_there(contest, officer_a):
    entry = contest.entries[1]
    submitted(contest, entry)
    result = services.unlock_entry_marks(
        actor=officer_a, event=contest.event, registration=entry, criterion_code="P", reason="差异"
    )
    assert result == {"unlocked": 3}
    assert not Mark.objects.filter(criterion__code="P", locked=True).exists()
    assert Mark.objects.get(criterion__code="T").locked
    assert MarkLog.objects.filter(action="unlock", reason="差异").count() == 3


def test_unlocking_an_entry_checks_the_officer_before_anything(contest, officer_c):
    entry = contest.entries[1]
    submitted(contest, entry)
    with pytest.raises(PermissionDenied):
        services.unlock_entry_marks(
            actor=officer_c, event=contest.event, registration=entry, criterion_code="P", reason="x"
        )
    assert not Mark.objects.filter(locked=False).exists()


def test_unlocking_an_entry_needs_a_reason_even_with_nothing_to_unlock(contest, officer_a):
    with pytest.raises(ValidationError) as exc:
        services.unlock_entry_marks(
            actor=officer_a,
            event=contest.event,
            registration=contest.entries[0],
            criterion_code="P",
            reason="",
        )
    assert "reason" in exc.value.error_dict
