"""Answering practice questions: grading, the wrong-answer notebook, visibility, bad input."""

import pytest
from django.core.exceptions import ValidationError

from tests.training.practice_factories import make_question
from training.models import PracticeAnswer, QuestionVersion, WrongAnswer
from training.services.practice import answer_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(worker_user):
    return worker_user.worker


def test_right_answer_is_recorded_and_not_in_the_notebook(worker, union_tree):
    version = make_question(union_tree[1])
    result = answer_practice(worker=worker, version_id=version.pk, given=["B"])
    assert result.correct and result.answer == ["B"]
    assert PracticeAnswer.objects.get(worker=worker).correct is True
    assert not WrongAnswer.objects.filter(worker=worker).exists()


def test_wrong_answer_goes_to_the_notebook_until_answered_right(worker, union_tree):
    version = make_question(union_tree[0])  # a bank above the worker's union
    assert not answer_practice(worker=worker, version_id=version.pk, given=["A"]).correct
    answer_practice(worker=worker, version_id=version.pk, given=["C"])
    entry = WrongAnswer.objects.get(worker=worker, question=version.question)
    assert entry.times_wrong == 2
    answer_practice(worker=worker, version_id=version.pk, given=["B"])
    assert not WrongAnswer.objects.filter(worker=worker).exists()
    assert PracticeAnswer.objects.filter(worker=worker).count() == 3


def test_multiple_choice_with_some_right_is_not_right_in_practice(worker, union_tree):
    version = make_question(union_tree[1], kind="multiple", answer=("A", "C"))
    assert not answer_practice(worker=worker, version_id=version.pk, given=["A"]).correct
    assert answer_practice(worker=worker, version_id=version.pk, given=["C", "A"]).correct


@pytest.mark.parametrize(
    "where", ["unrelated union", "below the worker's union", "inactive", "old version"]
)
def test_question_outside_the_visible_bank_is_refused(worker, union_tree, where):
    from tests.factories import UnionFactory

    _a, b, c = union_tree
    if where == "unrelated union":
        version = make_question(c)
    elif where == "below the worker's union":
        version = make_question(UnionFactory(code="A-B-D", parent=b))
    elif where == "inactive":
        version = make_question(b, active=False)
    else:
        version = make_question(b)
        newer = QuestionVersion.objects.create(
            question=version.question, number=2, stem="新", options=version.options, answer=["A"]
        )
        version.question.current = newer
        version.question.save()
    with pytest.raises(QuestionVersion.DoesNotExist):
        answer_practice(worker=worker, version_id=version.pk, given=["B"])
    assert not PracticeAnswer.objects.exists() and not WrongAnswer.objects.exists()


@pytest.mark.parametrize(
    ("kind", "given"),
    [
        ("single", ["B", "C"]),
        ("single", ["Z"]),
        ("single", []),
        ("single", [1]),
        ("single", {"B": True}),
        ("multiple", ["A", "A"]),
        ("multiple", ["A", "B", "C", "D", "E", "F", "A"]),
        ("true_false", ["yes"]),
        ("true_false", [1]),
        ("true_false", [True, False]),
        ("fill", ["x" * 201]),
        ("fill", ["  "]),
        ("fill", [["nested"]]),
        ("fill", None),
    ],
)
def test_malformed_answers_are_refused_and_nothing_written(worker, union_tree, kind, given):
    answer = {"single": ("B",), "multiple": ("A", "B"), "true_false": (True,), "fill": ("氩气",)}
    version = make_question(union_tree[1], kind=kind, answer=answer[kind])
    with pytest.raises(ValidationError) as exc:
        answer_practice(worker=worker, version_id=version.pk, given=given)
    assert "given" in exc.value.message_dict
    assert not PracticeAnswer.objects.exists() and not WrongAnswer.objects.exists()


def test_true_false_and_fill_in_are_graded(worker, union_tree):
    tf = make_question(union_tree[1], kind="true_false", answer=(False,))
    fill = make_question(union_tree[1], kind="fill", answer=("氩气", "Ar"))
    assert answer_practice(worker=worker, version_id=tf.pk, given=["false"]).correct
    assert not answer_practice(worker=worker, version_id=tf.pk, given=[True]).correct
    assert answer_practice(worker=worker, version_id=fill.pk, given=[" ａｒ "]).correct
