"""The practice API for the phone app: no key before answering, the key after, bad input 400
with nothing written, workers only."""

import json

import pytest

from tests.conftest import client_for
from tests.training.practice_factories import make_question
from training.models import PracticeAnswer, WrongAnswer

pytestmark = pytest.mark.django_db
API = "/api/v1/training/practice/"


@pytest.fixture
def api(worker_user):
    return client_for(worker_user)


def test_question_has_no_key_or_explanation_before_answering(api, union_tree):
    version = make_question(
        union_tree[1], kind="fill", answer=("保护气体甲",), explanation="解析文字乙"
    )
    response = api.get(API + "question/")
    body = json.dumps(response.json(), ensure_ascii=False)
    assert response.json()["question"]["version"] == version.pk
    assert "保护气体甲" not in body and "解析文字乙" not in body
    assert "answer" not in response.json()["question"]


def test_answer_returns_correctness_key_and_explanation(api, union_tree):
    version = make_question(union_tree[1], answer=("B",), explanation="解析文字乙")
    response = api.post(API + "answers/", {"version": version.pk, "given": ["A"]}, format="json")
    assert response.status_code == 201
    assert response.json() | {} == {
        "version": version.pk,
        "given": ["A"],
        "correct": False,
        "answer": ["B"],
        "explanation": "解析文字乙",
        "in_notebook": True,
    }
    notebook = api.get(API + "notebook/").json()
    assert [e["id"] for e in notebook] == [version.question_id]
    assert api.get(API + "progress/").json()["total"] == 1


def test_same_question_until_answered(api, union_tree):
    for i in range(10):
        make_question(union_tree[1], stem=f"题{i}")
    first = api.get(API + "question/").json()["question"]["version"]
    assert api.get(API + "question/").json()["question"]["version"] == first
    api.post(API + "answers/", {"version": first, "given": ["B"]}, format="json")
    after = api.get(API + "question/", {"after": first}).json()["question"]["version"]
    assert after != first


@pytest.mark.parametrize(
    "body",
    [
        {"version": [], "given": ["B"]},
        {"version": "x", "given": ["B"]},
        {"version": None, "given": ["B"]},
        {"given": None},
        {"given": ["B", "C"]},
        {"given": "B" * 300},
        {"given": [{"key": "B"}]},
    ],
)
def test_malformed_answers_are_400_and_nothing_written(api, union_tree, body):
    version = make_question(union_tree[1])
    response = api.post(API + "answers/", {"version": version.pk} | body, format="json")
    assert response.status_code == 400
    assert not PracticeAnswer.objects.exists() and not WrongAnswer.objects.exists()


def test_question_outside_the_bank_is_404(api, union_tree):
    version = make_question(union_tree[2])
    response = api.post(API + "answers/", {"version": version.pk, "given": ["B"]}, format="json")
    assert response.status_code == 404
    assert not PracticeAnswer.objects.exists()


def test_choosing_a_category_and_review(api, union_tree):
    make_question(union_tree[1], occupation="焊工")
    wanted = make_question(union_tree[1], occupation="电工")
    response = api.post(API + "session/", {"occupation": "电工"}, format="json")
    assert response.json()["question"]["version"] == wanted.pk
    assert api.post(API + "session/", {"skill_grade": 9}, format="json").status_code == 400
    review = api.post(API + "session/", {"review": True}, format="json").json()
    assert review == {"question": None, "review": True}
    categories = api.get(API + "categories/").json()
    assert {c["occupation"]: c["count"] for c in categories} == {"焊工": 1, "电工": 1}
