"""Participation in online practice: people, answers and questions by union, work unit and
kind of work unit, for a union's subtree and period; the contest report's block."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from contests.models import Contest
from public import report
from tests.factories import ContestFactory, EmployerFactory, EventFactory, WorkerFactory
from tests.public.factories import published_event
from tests.training.practice_factories import make_question
from training.models import PracticeAnswer
from training.selectors import stats
from training.services.practice import answer_practice
from unions.models import Employer

pytestmark = pytest.mark.django_db


@pytest.fixture
def practised(union_tree):
    """In B (below A): a state-owned unit with two workers, a non-public one with one; in C
    (unrelated) one more worker. Two questions of A's bank."""
    a, b, c = union_tree
    q1, q2 = make_question(a), make_question(a)
    make_question(c)
    state = EmployerFactory(union=b, kind=Employer.Kind.STATE_OWNED)
    private = EmployerFactory(union=b, kind=Employer.Kind.NON_PUBLIC)
    w1, w2 = WorkerFactory(employer=state), WorkerFactory(employer=state)
    w3 = WorkerFactory(employer=private)
    for worker, version, given in [
        (w1, q1, "B"), (w1, q1, "A"), (w1, q2, "B"), (w2, q1, "B"), (w3, q2, "C"),
    ]:  # fmt: skip
        answer_practice(worker=worker, version_id=version.pk, given=[given])
    other = WorkerFactory(employer=EmployerFactory(union=c))
    answer_practice(worker=other, version_id=make_question(c).pk, given=["B"])
    return a, b, c


def test_counts_by_unit_kind_for_the_subtree(practised):
    a, _b, _c = practised
    figures = stats.participation(a)
    assert (figures["people"], figures["answers"], figures["questions"]) == (3, 5, 2)
    kinds = {k["kind"]: (k["people"], k["answers"], k["questions"]) for k in figures["by_kind"]}
    assert kinds["state_owned"] == (2, 4, 2)
    assert kinds["non_public"] == (1, 1, 1)
    assert kinds["foreign"] == (0, 0, 0)
    assert sorted(u["answers"] for u in figures["by_unit"]) == [1, 4]
    assert [(u["people"], u["answers"]) for u in figures["by_union"]] == [(3, 5)]


def test_counts_keep_to_the_period(practised):
    a, _b, _c = practised
    later = timezone.now() + dt.timedelta(hours=1)
    assert stats.totals(a, since=later)["answers"] == 0
    assert stats.totals(a, until=later)["answers"] == 5
    PracticeAnswer.objects.update(answered_at=timezone.now() - dt.timedelta(days=30))
    assert stats.totals(a, since=timezone.now() - dt.timedelta(days=1))["people"] == 0


def test_contest_report_shows_practice_in_the_host_subtree(practised):
    a, _b, _c = practised
    contest = ContestFactory(
        host_union=a,
        status=Contest.Status.PUBLISHED,
        registration_opens=timezone.now() - dt.timedelta(days=2),
        contest_date=timezone.localdate() + dt.timedelta(days=3),
    )
    published_event(EventFactory(contest=contest), entries=2)
    r = report.contest_report(contest)
    assert r["practice"] == {"people": 3, "answers": 5}
    with translation.override("en"):
        text = report.contest_report(contest)["press_release"]
    assert text.endswith("In online practice, 3 workers gave 5 answers.")


def test_contest_report_counts_no_practice_before_registration_opened(practised):
    a, _b, _c = practised
    contest = ContestFactory(
        host_union=a,
        status=Contest.Status.PUBLISHED,
        registration_opens=timezone.now() + dt.timedelta(hours=1),
        registration_closes=timezone.now() + dt.timedelta(days=2),
    )
    published_event(EventFactory(contest=contest), entries=2)
    r = report.contest_report(contest)
    assert r["practice"] == {"people": 0, "answers": 0}
    assert "online practice" not in r["press_release"]


def test_report_page_has_the_practice_block(practised, client):
    a, _b, _c = practised
    contest = ContestFactory(
        host_union=a,
        status=Contest.Status.PUBLISHED,
        registration_opens=timezone.now() - dt.timedelta(days=2),
    )
    published_event(EventFactory(contest=contest), entries=2)
    page = client.get(f"/en/contests/{contest.pk}/report/").content.decode()
    assert "Online practice participation" in page
