"""The question bank's API: officers only, keys shown to them, edits as versions, import."""

import pytest
from rest_framework.test import APIClient

from tests.training.test_bank_import import ROWS, xlsx
from training.models import Question, QuestionKind

URL = "/api/v1/training/questions/"


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def body(union, **overrides):
    return {"union": union.pk, "kind": QuestionKind.SINGLE, "stem": "燃气表计量单位？",
            "options": [{"key": "A", "text": "立方米"}, {"key": "B", "text": "千克"}],
            "answer": ["A"], **overrides}  # fmt: skip


@pytest.mark.django_db
def test_an_officer_creates_edits_and_lists_with_the_key(union_tree, officer_a):
    client = client_for(officer_a)
    created = client.post(URL, body(union_tree[0]), format="json")
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    edited = client.put(f"{URL}{pk}/", body(union_tree[0], answer=["B"]), format="json")
    assert edited.status_code == 200 and edited.data["current"]["number"] == 2
    listed = client.get(URL)
    assert listed.data["results"][0]["current"]["answer"] == ["B"]
    assert client.delete(f"{URL}{pk}/").status_code == 204
    assert not Question.objects.get().active


@pytest.mark.django_db
def test_a_bad_question_is_a_400_with_the_field(union_tree, officer_a):
    response = client_for(officer_a).post(
        URL, body(union_tree[0], answer=["A", "B"]), format="json"
    )
    assert response.status_code == 400 and "answer" in response.data


@pytest.mark.django_db
def test_an_officer_of_another_union_is_refused(union_tree, officer_c):
    response = client_for(officer_c).post(URL, body(union_tree[0]), format="json")
    assert response.status_code == 403 and Question.objects.count() == 0


@pytest.mark.django_db
def test_import_is_queued_and_its_task_has_the_report(
    union_tree, officer_a, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("q.xlsx", xlsx(ROWS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(
            f"{URL}import/", {"file": upload, "union": union_tree[0].pk}, format="multipart"
        )
    assert response.status_code == 202
    task = client_for(officer_a).get(f"/api/v1/tasks/{response.data['id']}/").data
    assert task["state"] == "SUCCESS" and task["result"]["created"] == 4
    assert Question.objects.count() == 4
    exported = client_for(officer_a).get(f"{URL}export/", {"as": "xml"})
    assert exported.status_code == 200 and b"<quiz>" in exported.content


@pytest.mark.django_db
def test_workers_and_anonymous_are_refused(worker_user):
    assert client_for(worker_user).get(URL).status_code == 403
    assert client_for(None).get(URL).status_code == 401
