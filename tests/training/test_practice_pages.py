"""Worker pages of practice: the key stays off the page until answered, the question on screen
survives reopening the page, feedback in place (htmx) and without JavaScript."""

import pytest
from django.test import Client

from tests.factories import OfficerFactory
from tests.training.practice_factories import make_question
from training.models import PracticeAnswer, WrongAnswer

pytestmark = pytest.mark.django_db
QUESTION = "/en/training/practice/question/"


@pytest.fixture
def client(worker_user):
    c = Client()
    c.force_login(worker_user)
    return c


def _fill(union):
    return make_question(
        union, kind="fill", answer=("保护气体甲",), explanation="解析文字乙", stem="填空题丙"
    )


def test_key_and_explanation_are_absent_before_answering(client, union_tree):
    _fill(union_tree[1])
    page = client.get(QUESTION).content.decode()
    assert "填空题丙" in page
    assert "保护气体甲" not in page and "解析文字乙" not in page


def test_feedback_shows_the_key_and_explanation_after_answering(client, union_tree):
    version = _fill(union_tree[1])
    client.get(QUESTION)
    response = client.post(
        QUESTION, {"version": version.pk, "given": "错的"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "保护气体甲" in page and "解析文字乙" in page and "Wrong." in page
    assert "<html" not in page  # the card alone, swapped in place
    assert WrongAnswer.objects.filter(question=version.question).exists()


def test_without_javascript_the_answer_renders_the_whole_page(client, union_tree):
    version = make_question(union_tree[1])
    response = client.post(QUESTION, {"version": version.pk, "given": "B"})
    assert response.status_code == 200
    assert "<html" in response.content.decode() and "Right!" in response.content.decode()


def test_reopening_the_page_shows_the_same_question_until_answered(client, union_tree):
    versions = [make_question(union_tree[1], stem=f"题目{i}") for i in range(12)]
    first = client.get(QUESTION).context["version"]
    for _ in range(3):
        assert client.get(QUESTION).context["version"] == first
    client.post(QUESTION, {"version": first.pk, "given": "B"})
    after = client.get(QUESTION, {"after": first.question_id}).context["version"]
    assert after != first and after in versions


def test_chosen_category_limits_the_questions(client, union_tree):
    make_question(union_tree[1], occupation="焊工", stem="焊工题")
    wanted = make_question(union_tree[1], occupation="电工", stem="电工题")
    client.post("/en/training/practice/start/", {"occupation": "电工"})
    for _ in range(3):
        assert client.get(QUESTION, {"after": "x"}).context["version"] == wanted


def test_review_mode_draws_only_notebook_questions(client, union_tree):
    missed = make_question(union_tree[1], stem="错过的题")
    for i in range(5):
        make_question(union_tree[1], stem=f"别的题{i}")
    client.post(QUESTION, {"version": missed.pk, "given": "A"})
    client.post("/en/training/practice/start/", {"review": "yes"})
    assert client.get(QUESTION).context["version"] == missed
    client.post(QUESTION, {"version": missed.pk, "given": "B"})
    page = client.get(QUESTION).content.decode()
    assert "notebook is empty" in page


def test_malformed_answer_is_a_form_error_and_nothing_written(client, union_tree):
    version = make_question(union_tree[1])
    response = client.post(QUESTION, {"version": version.pk, "given": ["A", "B"]})
    assert response.status_code == 400
    assert "Choose one option." in response.content.decode()
    assert not PracticeAnswer.objects.exists()


def test_answer_to_a_question_outside_the_bank_is_404(client, union_tree):
    version = make_question(union_tree[2])
    assert client.post(QUESTION, {"version": version.pk, "given": "B"}).status_code == 404
    assert client.post(QUESTION, {"version": "x", "given": "B"}).status_code == 404
    assert not PracticeAnswer.objects.exists()


def test_categories_progress_and_notebook_pages(client, union_tree):
    missed = make_question(union_tree[1], stem="错过的题")
    make_question(union_tree[1], occupation="电工", topic="安全")
    client.post(QUESTION, {"version": missed.pk, "given": "A"})
    home = client.get("/en/training/practice/").content.decode()
    assert "电工" in home and "1 question" in home and "Review the wrong-answer notebook" in home
    assert "错过的题" in client.get("/en/training/practice/notebook/").content.decode()
    progress = client.get("/en/training/practice/progress/").context["progress"]
    assert (progress.today, progress.total, progress.correct_rate) == (1, 1, 0.0)


def test_officer_without_a_worker_record_is_told_so(union_tree):
    c = Client()
    c.force_login(OfficerFactory(union=union_tree[0]).user)
    response = c.get("/en/training/practice/")
    assert response.status_code == 403
    assert "no worker record" in response.content.decode()


def test_anonymous_is_sent_to_log_in():
    assert Client().get("/en/training/practice/").status_code == 302


def test_site_navigation_links_to_practice_for_workers(client):
    assert 'href="/en/training/practice/"' in client.get("/en/me/results/").content.decode()


def test_in_place_an_empty_answer_shows_the_form_error_in_the_card(client, union_tree):
    version = make_question(union_tree[1])
    response = client.post(QUESTION, {"version": version.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only successful responses
    assert "Give an answer." in response.content.decode()
    assert not PracticeAnswer.objects.exists()
