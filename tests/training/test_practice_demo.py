"""The practice demo step: history for worker_demo and other workers, idempotent, and nothing
without the bank's demo questions."""

import io

import pytest

from tests.factories import WorkerFactory
from tests.training.practice_factories import make_question
from training import demo_practice
from training.models import PracticeAnswer
from training.selectors import practice

pytestmark = pytest.mark.django_db


def test_without_questions_nothing_is_made_and_it_says_so(union_tree):
    WorkerFactory(employer__union=union_tree[1], user__username="worker_demo")
    out = io.StringIO()
    demo_practice.load(out=out, options={})
    assert not PracticeAnswer.objects.exists()
    assert "no demo questions" in out.getvalue()


def test_history_for_worker_demo_and_others_once(union_tree):
    a, b, _c = union_tree
    for i in range(6):
        make_question(a, stem=f"题{i}")
        make_question(a, kind="true_false", answer=(True,), stem=f"判断{i}")
    me = WorkerFactory(employer__union=b, user__username="worker_demo").user.worker
    others = [WorkerFactory(employer__union=b) for _ in range(5)]
    demo_practice.load(out=io.StringIO(), options={})
    progress = practice.progress(me)
    assert progress.total == 40 and progress.days_streak == 7
    assert progress.notebook > 0
    assert all(PracticeAnswer.objects.filter(worker=w).exists() for w in others)
    count = PracticeAnswer.objects.count()
    demo_practice.load(out=io.StringIO(), options={})
    assert PracticeAnswer.objects.count() == count
