"""The question bank's writes: versions, validation per kind, permission; and what a union's
members may be given (questions_for)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from training.models import QuestionKind, QuestionVersion
from training.selectors.bank import categories_for, officer_questions, questions_for
from training.services.questions import (
    clean_question,
    create_question,
    deactivate_question,
    edit_question,
)

OPTIONS = [{"key": "A", "text": "10%"}, {"key": "B", "text": "20%"}, {"key": "C", "text": "50%"}]


def single(**overrides):
    return {
        "kind": QuestionKind.SINGLE,
        "stem": "动火作业前可燃气体浓度应低于爆炸下限的多少？",
        "options": OPTIONS,
        "answer": ["A"],
        "explanation": "低于10%。",
        "difficulty": 2,
        "occupation": "燃气",
        "topic": "动火",
        **overrides,
    }


@pytest.mark.django_db
def test_editing_makes_a_new_version_and_keeps_the_old_one(union_tree, officer_a):
    question = create_question(actor=officer_a, union=union_tree[0], **single())
    first = question.current
    fields = single(answer=["B"], stem="修改后的题干")
    fields.pop("kind")
    second = edit_question(actor=officer_a, question=question, **fields)
    question.refresh_from_db()
    first.refresh_from_db()
    assert question.current == second and second.number == 2
    assert first.answer == ["A"] and first.stem.startswith("动火")
    assert second.created_by == officer_a
    assert QuestionVersion.objects.filter(question=question).count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"options": OPTIONS[:1]}, "options"),
        ({"answer": ["A", "B"]}, "answer"),
        ({"answer": ["F"]}, "answer"),
        ({"kind": QuestionKind.MULTIPLE, "answer": ["A"]}, "answer"),
        ({"kind": QuestionKind.TRUE_FALSE, "options": [], "answer": ["对"]}, "answer"),
        ({"kind": QuestionKind.TRUE_FALSE, "answer": [True]}, "options"),
        ({"kind": QuestionKind.FILL, "options": [], "answer": ["", " "]}, "answer"),
        ({"difficulty": 6}, "difficulty"),
        ({"stem": ""}, "stem"),
        ({"stem": "x" * 4001}, "stem"),
        ({"skill_grade": 9}, "skill_grade"),
        ({"options": [*OPTIONS, {"key": "G", "text": "?"}]}, "options"),
    ],
)
def test_validation_names_the_field(fields, field):
    with pytest.raises(ValidationError) as caught:
        clean_question(**single(**fields))
    assert field in caught.value.message_dict


def test_each_kind_has_a_valid_form():
    assert clean_question(**single())["answer"] == ["A"]
    assert clean_question(**single(kind=QuestionKind.MULTIPLE, answer=["C", "A"]))["answer"] == [
        "A",
        "C",
    ]
    tf = clean_question(**single(kind=QuestionKind.TRUE_FALSE, options=[], answer=[False]))
    assert tf["answer"] == [False]
    fill = clean_question(
        **single(kind=QuestionKind.FILL, options=[], answer=["综合治理", "综合治理"])
    )
    assert fill["answer"] == ["综合治理"]


@pytest.mark.django_db
def test_an_officer_outside_the_union_may_not_create(union_tree, officer_b):
    with pytest.raises(PermissionDenied):
        create_question(actor=officer_b, union=union_tree[0], **single())


@pytest.mark.django_db
def test_questions_are_shared_down_the_subtree_not_sideways(union_tree, officer_a, officer_c):
    a, b, c = union_tree
    top = create_question(actor=officer_a, union=a, **single())
    own_b = create_question(actor=officer_a, union=b, **single(stem="乙的题"))
    create_question(actor=officer_c, union=c, **single(stem="丙的题"))
    assert {v.question_id for v in questions_for(b)} == {top.pk, own_b.pk}
    assert {v.question_id for v in questions_for(a)} == {top.pk}
    assert list(questions_for(b, topic="不存在")) == []
    deactivate_question(actor=officer_a, question=top)
    assert {v.question_id for v in questions_for(b)} == {own_b.pk}


@pytest.mark.django_db
def test_questions_for_gives_current_versions_only(union_tree, officer_a):
    question = create_question(actor=officer_a, union=union_tree[0], **single())
    fields = single(stem="第二版")
    fields.pop("kind")
    second = edit_question(actor=officer_a, question=question, **fields)
    assert list(questions_for(union_tree[1])) == [second]
    assert categories_for(union_tree[1]) == [
        {"occupation": "燃气", "skill_grade": None, "topic": "动火", "count": 1}
    ]


@pytest.mark.django_db
def test_officer_listing_is_scoped(union_tree, officer_a, officer_b):
    create_question(actor=officer_a, union=union_tree[0], **single())
    below = create_question(actor=officer_b, union=union_tree[1], **single(stem="乙的题"))
    assert list(officer_questions(officer_b)) == [below]
    assert officer_questions(officer_a).count() == 2
    assert list(officer_questions(officer_a, search="乙的")) == [below]
