"""The public contest forms go through the form layer (core.forms): text with control or
direction-override characters, and text longer than its column, is a clean message on the
page, and nothing is written."""

import datetime as dt

import pytest
from django.test import Client

from contests.models import Achievement, Registration
from core.models import User
from core.validators import make_id_number

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # right-to-left override: makes a name read backwards


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


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


def test_signup_refuses_a_name_with_a_direction_override(client, employer_b):
    response = client.post("/en/signup/", signup_data(employer_b, name=f"王{RLO}小明"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not User.objects.filter(username="xiaowang").exists()


def test_signup_refuses_an_occupation_with_a_control_character(client, employer_b):
    response = client.post("/en/signup/", signup_data(employer_b, occupation="管道工\x07"))
    assert response.context["form"].errors["occupation"]
    assert not User.objects.filter(username="xiaowang").exists()


def _enter(event, worker, **data):
    return logged_in(worker.user).post(f"/en/contests/events/{event.pk}/enter/", data, follow=True)


def test_achievement_title_longer_than_its_column_is_a_message(achievement_event, worker):
    response = _enter(achievement_event, worker, title="新" * 201)
    assert response.status_code == 200
    assert "title: Ensure this value has at most 200 characters" in response.content.decode()
    assert not Achievement.objects.exists() and not Registration.objects.exists()


def test_achievement_title_with_a_direction_override_is_refused(achievement_event, worker):
    response = _enter(achievement_event, worker, title=f"管道{RLO}检测")
    assert response.status_code == 200
    assert not Achievement.objects.exists() and not Registration.objects.exists()


def test_achievement_summary_with_a_control_character_is_refused(achievement_event, worker):
    response = _enter(achievement_event, worker, title="管道检测新方法", summary="一\x00二\x1b三")
    assert response.status_code == 200
    assert not Achievement.objects.exists()
