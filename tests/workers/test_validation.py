"""The one worker validator: the same rules online, for officers and in the import."""

import pytest
from django.utils import translation

from tests.workers.test_import import HEADER, csv_file, ids, task
from tests.workers.test_register import URL, employer, payload  # noqa: F401 - fixture
from workers.models import Worker
from workers.validation import clean_phone, clean_skill_grade, clean_worker


@pytest.mark.parametrize(
    "value,grade",
    [("", 5), (None, 5), ("  ", 5), (3, 3), ("2", 2), ("高级技师", 1), (" 初级工 ", 5)],
)
def test_skill_grade_blank_is_the_entry_grade_and_names_are_read(value, grade):
    errors = {}
    assert clean_skill_grade(value, errors) == grade
    assert errors == {}


def test_skill_grade_in_the_readers_language():
    errors = {}
    with translation.override("en"):
        name = str(dict(Worker._meta.get_field("skill_grade").choices)[2])
        assert clean_skill_grade(name, errors) == 2
    assert errors == {}


@pytest.mark.parametrize("value", [0, 6, "9", "grade A", True])
def test_any_other_skill_grade_is_an_error(value):
    errors = {}
    clean_skill_grade(value, errors)
    assert list(errors) == ["skill_grade"]


def test_phone_is_optional_unless_required():
    errors = {}
    assert clean_phone("", errors) == ""
    clean_phone("", errors, required=True)
    assert list(errors) == ["phone"]


def test_every_problem_of_a_record_is_reported_at_once():
    errors = {}
    clean_worker(errors, name="", id_number="123", phone="1", skill_grade="9")
    assert set(errors) == {"name", "id_number", "phone", "skill_grade"}


@pytest.mark.django_db
def test_online_sign_up_without_a_skill_grade_gets_the_entry_grade(api, employer):  # noqa: F811
    body = payload(employer)
    del body["skill_grade"]
    response = api.post(URL, body)
    assert response.status_code == 201, response.data
    assert Worker.objects.get().skill_grade == 5


@pytest.mark.django_db
def test_import_row_without_a_skill_grade_gets_the_entry_grade(
    world, officer_b, django_capture_on_commit_callbacks
):
    from tests.conftest import client_for

    (number,) = ids(1, 70)
    body = HEADER + f"王小兵,{number},,{world['employer_b'].name},焊工,\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_b).post(
            "/api/v1/workers/import/", {"file": csv_file(body)}, format="multipart"
        )
    assert task(response).result["created"] == 1
    assert Worker.objects.get(id_number=number).skill_grade == 5
