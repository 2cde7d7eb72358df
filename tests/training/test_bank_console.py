"""The console pages of the question bank, as an officer and as a worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.training.test_bank_import import ROWS, xlsx
from training.models import Question, QuestionImport, QuestionKind
from training.services.questions import create_question


@pytest.fixture
def page_client():
    def client(user):
        signed_in = Client()
        signed_in.force_login(user)
        return signed_in

    return client


def make(officer, union, stem="燃气表的计量单位是？"):
    return create_question(
        actor=officer,
        union=union,
        kind=QuestionKind.SINGLE,
        stem=stem,
        options=[{"key": "A", "text": "立方米"}, {"key": "B", "text": "千克"}],
        answer=["A"],
        occupation="燃气",
    )


@pytest.mark.django_db
def test_the_list_shows_the_officers_questions_filtered(
    page_client, union_tree, officer_a, officer_c
):
    mine = make(officer_a, union_tree[1])
    other = make(officer_c, union_tree[2], stem="丙工会的题")
    response = page_client(officer_a).get(reverse("console:question-bank"), {"occupation": "燃气"})
    assert response.status_code == 200
    assert f'id="question-{mine.pk}"' in response.text
    assert f'id="question-{other.pk}"' not in response.text


@pytest.mark.django_db
def test_an_officer_creates_a_question(page_client, union_tree, officer_a):
    data = {
        "union": union_tree[0].pk,
        "kind": QuestionKind.MULTIPLE,
        "stem": "电工安全用具包括？",
        "option_A": "绝缘手套",
        "option_B": "绝缘靴",
        "option_C": "钢丝钳",
        "answer": "A,B",
        "difficulty": 3,
    }
    response = page_client(officer_a).post(reverse("console:question-create"), data)
    question = Question.objects.get()
    assert response.status_code == 302 and question.current.answer == ["A", "B"]


@pytest.mark.django_db
def test_a_bad_answer_is_a_form_error(page_client, union_tree, officer_a):
    data = {"union": union_tree[0].pk, "kind": QuestionKind.SINGLE, "stem": "题",
            "option_A": "甲", "option_B": "乙", "answer": "AB", "difficulty": 3}  # fmt: skip
    response = page_client(officer_a).post(reverse("console:question-create"), data)
    assert response.status_code == 200 and Question.objects.count() == 0
    assert "answer" in response.context["form"].errors


@pytest.mark.django_db
def test_editing_shows_the_version_history(page_client, union_tree, officer_a):
    question = make(officer_a, union_tree[0])
    url = reverse("console:question-edit", args=[question.pk])
    data = {
        "stem": "第二版",
        "option_A": "立方米",
        "option_B": "千克",
        "answer": "A",
        "difficulty": 2,
    }
    assert page_client(officer_a).post(url, data).status_code == 302
    response = page_client(officer_a).get(url)
    assert 'id="version-1"' in response.text and 'id="version-2"' in response.text


@pytest.mark.django_db
def test_another_unions_question_is_not_found(page_client, union_tree, officer_a, officer_c):
    question = make(officer_a, union_tree[0])
    url = reverse("console:question-edit", args=[question.pk])
    assert page_client(officer_c).get(url).status_code == 404


def _import(client, union, upload, capture, **extra):
    """Upload a file; the import task runs when the request's transaction commits."""
    with capture(execute=True):
        response = client.post(
            reverse("console:question-import"), {"file": upload, "union": union.pk, **extra}
        )
    return response


@pytest.mark.django_db
def test_an_officer_imports_a_sheet_in_the_background(
    page_client, union_tree, officer_a, django_capture_on_commit_callbacks
):
    client = page_client(officer_a)
    upload = SimpleUploadedFile("题库.xlsx", xlsx(ROWS))
    response = _import(client, union_tree[0], upload, django_capture_on_commit_callbacks)
    job = QuestionImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("console:question-import-status", args=[job.pk])
    page = client.get(response.url)
    assert page.context["report"]["done"] and page.context["report"]["result"]["created"] == 4
    assert Question.objects.count() == 4
    assert bytes(QuestionImport.objects.get().data) == b""  # the upload is dropped once in


@pytest.mark.django_db
def test_the_import_page_polls_until_the_task_is_done(page_client, union_tree, officer_a):
    client = page_client(officer_a)
    upload = SimpleUploadedFile("题库.xlsx", xlsx(ROWS))
    client.post(reverse("console:question-import"), {"file": upload, "union": union_tree[0].pk})
    job = QuestionImport.objects.get()  # the task is sent on commit: not run here
    fragment = client.get(
        reverse("console:question-import-status", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_sheet_is_reported_row_by_row_and_nothing_written(
    page_client, union_tree, officer_a, django_capture_on_commit_callbacks
):
    client = page_client(officer_a)
    upload = SimpleUploadedFile("q.xlsx", xlsx([*ROWS, [5, "问答", "x", "", "", "", "", "A"]]))
    response = _import(client, union_tree[0], upload, django_capture_on_commit_callbacks)
    page = client.get(response.url)
    assert page.context["report"]["rows"][0]["row"] == 7
    assert not page.context["report"]["result"]["written"]
    assert Question.objects.count() == 0
    job = QuestionImport.objects.get()
    csv = client.get(reverse("console:question-import-errors", args=[job.pk])).content.decode()
    assert "\n7," in csv.replace("\r\n", "\n")


@pytest.mark.django_db
def test_skipping_bad_rows_imports_the_good_ones(
    page_client, union_tree, officer_a, django_capture_on_commit_callbacks
):
    client = page_client(officer_a)
    upload = SimpleUploadedFile("q.xlsx", xlsx([*ROWS, [5, "问答", "x", "", "", "", "", "A"]]))
    _import(client, union_tree[0], upload, django_capture_on_commit_callbacks, skip_invalid="on")
    assert Question.objects.count() == 4


@pytest.mark.django_db
def test_a_file_that_is_not_a_spreadsheet_is_a_form_error(page_client, union_tree, officer_a):
    upload = SimpleUploadedFile("q.xlsx", b"not a zip at all")
    response = page_client(officer_a).post(
        reverse("console:question-import"), {"file": upload, "union": union_tree[0].pk}
    )
    assert response.status_code == 400 and response.context["form"].errors["file"]
    assert not QuestionImport.objects.exists()


@pytest.mark.django_db
def test_another_unions_officer_cannot_see_an_import(
    page_client, union_tree, officer_a, officer_c, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("题库.xlsx", xlsx(ROWS))
    _import(page_client(officer_a), union_tree[0], upload, django_capture_on_commit_callbacks)
    job = QuestionImport.objects.get()
    other = page_client(officer_c)
    assert other.get(reverse("console:question-import-status", args=[job.pk])).status_code == 404
    assert other.get(reverse("console:question-import-errors", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_export_and_template_download(page_client, union_tree, officer_a):
    make(officer_a, union_tree[0])
    client = page_client(officer_a)
    for name in (
        "console:question-export-xlsx",
        "console:question-export-xml",
        "console:question-template",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200 and response["Content-Disposition"].startswith(
            "attachment"
        )


@pytest.mark.parametrize(
    "name", ["console:question-bank", "console:question-create", "console:question-import"]
)
@pytest.mark.django_db
def test_a_worker_is_refused(page_client, worker_user, name):
    assert page_client(worker_user).get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_an_unreadable_moodle_file_fails_the_job_with_the_reason(
    page_client, union_tree, officer_a, django_capture_on_commit_callbacks
):
    client = page_client(officer_a)
    upload = SimpleUploadedFile("quiz.xml", b"<quiz><question")
    response = _import(client, union_tree[0], upload, django_capture_on_commit_callbacks)
    page = client.get(response.url)
    report = page.context["report"]
    assert report["done"] and report["problems"]
    assert all(p in page.content.decode() for p in report["problems"])
    assert Question.objects.count() == 0
