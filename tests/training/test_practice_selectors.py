"""Drawing practice questions and the progress figures."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.training.practice_factories import make_question
from training.models import PracticeAnswer
from training.selectors import practice
from training.services.practice import answer_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(worker_user):
    return worker_user.worker


def test_draw_prefers_questions_not_answered_recently(worker, union_tree):
    answered = make_question(union_tree[1], stem="做过的")
    fresh = make_question(union_tree[1], stem="没做过的")
    answer_practice(worker=worker, version_id=answered.pk, given=["B"])
    assert {practice.draw(worker) for _ in range(10)} == {fresh}
    PracticeAnswer.objects.update(answered_at=timezone.now() - dt.timedelta(days=30))
    assert {practice.draw(worker) for _ in range(30)} == {answered, fresh}


def test_draw_answers_again_when_every_question_was_answered(worker, union_tree):
    only = make_question(union_tree[1])
    answer_practice(worker=worker, version_id=only.pk, given=["B"])
    assert practice.draw(worker, avoid=only.question_id) == only


def test_progress_counts_today_rate_and_streaks(worker, union_tree):
    version = make_question(union_tree[1])
    for given in ["A", "B", "B", "A", "B", "B", "B"]:
        answer_practice(worker=worker, version_id=version.pk, given=[given])
    rows = list(PracticeAnswer.objects.order_by("id"))
    now = timezone.now()
    for row, back in zip(rows, [5, 3, 2, 1, 1, 0, 0], strict=True):
        row.answered_at = now - dt.timedelta(days=back)
    PracticeAnswer.objects.bulk_update(rows, ["answered_at"])
    p = practice.progress(worker)
    assert (p.today, p.total, p.correct) == (2, 7, 5)
    assert p.correct_rate == 71.4
    assert p.days_streak == 4  # today and the three days before; not day 5 (day 4 missing)
    assert p.right_streak == 3
    assert p.notebook == 0
