"""The sign-up page: its language, its defaults, and what it says about registered people."""

import datetime as dt
import re

import pytest

from core.models import User
from core.validators import make_id_number
from tests.factories import UserFactory, WorkerFactory
from workers.models import Worker

pytestmark = pytest.mark.django_db


def signup_data(employer, **changes):
    return {
        "username": "xiaowang",
        "password": "Gas-pipe-2019!",
        "name": "王小明",
        "id_number": make_id_number("310101", dt.date(1992, 3, 4), 123),
        "phone": "13812345678",
        "employer": employer.pk,
        "occupation": "燃气管道工",
        "skill_grade": 4,
    } | changes


def test_password_too_short_is_worded_in_chinese_on_the_chinese_page(client, employer_b):
    response = client.post("/signup/", signup_data(employer_b, password="Ab1!x"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "密码长度太短" in page
    assert "too short" not in page


def test_password_too_short_is_worded_in_english_on_the_english_page(client, employer_b):
    page = client.post("/en/signup/", signup_data(employer_b, password="Ab1!x")).content.decode()
    assert "This password is too short. It must contain at least 8 characters." in page


def test_skill_grade_starts_with_nothing_chosen(client):
    page = client.get("/signup/").content.decode()
    select = re.search(r'<select name="skill_grade".*?</select>', page, re.S).group(0)
    selected = re.findall(r'<option value="([^"]*)"[^>]*selected', select)
    assert selected == [""]


def test_skill_grade_must_be_chosen(client, employer_b):
    data = signup_data(employer_b)
    del data["skill_grade"]
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["skill_grade"]
    assert not User.objects.filter(username="xiaowang").exists()


def test_logout_from_english_lands_on_the_english_home_page(client):
    client.force_login(UserFactory())
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_logout_from_chinese_lands_on_the_chinese_home_page(client):
    client.force_login(UserFactory())
    assert client.post("/accounts/logout/")["Location"] == "/"


def test_login_from_english_lands_on_the_english_home_page(client):
    UserFactory(username="lisi", password="Gas-pipe-2019!")
    response = client.post(
        "/en/accounts/login/", {"username": "lisi", "password": "Gas-pipe-2019!"}
    )
    assert response["Location"] == "/en/"


def test_a_registered_id_number_is_not_confirmed_when_other_fields_are_bad(client, employer_b):
    existing = WorkerFactory()
    response = client.post(
        "/en/signup/", signup_data(employer_b, id_number=existing.id_number, password="123")
    )
    page = response.content.decode()
    assert response.context["form"].errors.keys() == {"password"}
    assert "already registered" not in page and "signed up before" not in page


def test_a_registered_id_number_gets_a_generic_refusal_and_nothing_is_written(client, employer_b):
    existing = WorkerFactory()
    response = client.post("/en/signup/", signup_data(employer_b, id_number=existing.id_number))
    form = response.context["form"]
    assert response.status_code == 200
    assert "id_number" not in form.errors
    assert "could not be completed" in " ".join(form.non_field_errors())
    assert "already registered" not in response.content.decode()
    assert not User.objects.filter(username="xiaowang").exists()
    assert Worker.objects.count() == 1
