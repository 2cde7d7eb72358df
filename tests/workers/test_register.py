"""Online sign-up: `POST /api/v1/auth/register/`, then token login and `/workers/me/`."""

import datetime as dt

import pytest

from core.models import User
from core.validators import make_id_number
from tests.factories import EmployerFactory, WorkerFactory
from workers.models import Worker

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/register/"


@pytest.fixture
def employer(db):
    return EmployerFactory()


def payload(employer, /, **changes):
    data = {
        "username": "wang_xb",
        "password": "Gas-pipe-2019!",
        "name": "王小兵",
        "id_number": make_id_number("310104", dt.date(1988, 2, 29), 123),
        "phone": "13812345678",
        "employer": employer.pk,
        "occupation": "燃气管道工",
        "skill_grade": 3,
    }
    return data | changes


def test_worker_signs_up_and_gets_birth_date_and_sex_from_the_id_number(api, employer):
    response = api.post(URL, payload(employer))
    assert response.status_code == 201, response.data
    worker = Worker.objects.get(user__username="wang_xb")
    assert worker.birth_date == dt.date(1988, 2, 29)
    assert worker.sex == "M"  # digit 17 is 3: odd
    assert response.data["id_number"] == worker.id_number  # the worker's own, unmasked


def test_signed_up_worker_logs_in_with_a_token_and_reads_their_record(api, employer):
    api.post(URL, payload(employer))
    token = api.post(
        "/api/v1/auth/token/", {"username": "wang_xb", "password": "Gas-pipe-2019!"}
    ).data["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get("/api/v1/workers/me/")
    assert response.status_code == 200
    assert response.data["phone"] == "13812345678"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("id_number", "310104198802291235", "校验位"),
        ("id_number", "31010419880230123X", "出生日期"),
        ("id_number", "12345", "18位"),
        ("phone", "12812345678", "手机号"),
        ("password", "123456", ""),
        ("employer", 999999, ""),
        ("skill_grade", 6, ""),
        ("name", "", ""),
    ],
)
def test_bad_field_is_a_400_on_that_field_and_nothing_is_created(
    api, employer, field, value, message
):
    response = api.post(URL, payload(employer, **{field: value}))
    assert response.status_code == 400
    assert field in response.data
    assert message in " ".join(str(m) for m in response.data[field])
    assert not User.objects.filter(username="wang_xb").exists()
    assert not Worker.objects.exists()


def test_an_id_number_already_registered_in_another_region_is_refused(api, employer):
    existing = WorkerFactory()
    response = api.post(URL, payload(employer, id_number=existing.id_number))
    assert response.status_code == 400
    assert "无法用这些信息完成注册" in response.data["non_field_errors"][0]
    assert not User.objects.filter(username="wang_xb").exists()


def test_a_registered_id_number_is_not_confirmed_while_another_field_is_bad(api, employer):
    existing = WorkerFactory()
    response = api.post(
        URL,
        payload(employer, id_number=existing.id_number, password="123"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert set(response.data) == {"password"}


def test_a_registered_id_number_is_not_named_in_the_refusal(api, employer):
    existing = WorkerFactory()
    response = api.post(
        URL, payload(employer, id_number=existing.id_number), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "id_number" not in response.data
    assert "already registered" not in str(response.data)


def test_lower_case_x_is_the_same_id_number(api, employer):
    number = next(
        make_id_number("310104", dt.date(1990, 1, 1), s)
        for s in range(1000)
        if make_id_number("310104", dt.date(1990, 1, 1), s).endswith("X")
    )
    WorkerFactory(id_number=number)
    response = api.post(URL, payload(employer, id_number=number.lower()))
    assert response.status_code == 400 and "non_field_errors" in response.data


def test_taken_username_is_a_400_on_username(api, employer):
    api.post(URL, payload(employer))
    other = make_id_number("310104", dt.date(1991, 1, 1), 5)
    response = api.post(URL, payload(employer, id_number=other))
    assert response.status_code == 400 and "username" in response.data


def test_all_bad_fields_are_reported_together(api, employer):
    response = api.post(URL, payload(employer, id_number="1", phone="2", employer=0))
    assert response.status_code == 400
    assert {"id_number", "phone", "employer"} <= set(response.data)


def test_worker_edits_own_phone_but_not_their_id_number(api, employer):
    api.post(URL, payload(employer))
    api.force_authenticate(User.objects.get(username="wang_xb"))
    response = api.patch(
        "/api/v1/workers/me/", {"phone": "13900000000", "id_number": "110101199001011237"}
    )
    assert response.status_code == 200
    worker = Worker.objects.get()
    assert worker.phone == "13900000000"
    assert worker.id_number == payload(employer)["id_number"]
