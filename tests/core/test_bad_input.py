"""Input that used to crash the server (issue 13, "500s"): each is now a 4xx with a message."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contests.models import Contest
from core.models import TaskRecord
from tests.conftest import client_for
from tests.factories import ContestFactory, EventFactory, RegistrationFactory, TeamFactory

pytestmark = pytest.mark.django_db

HUGE = "1234567890123456789012"  # 22 digits: beyond any integer column


def test_deleting_a_team_with_entries_is_a_conflict_that_says_why(officer_a, union_tree, english):
    team = TeamFactory(employer__union=union_tree[0])
    event = EventFactory(contest__host_union=union_tree[0], kind="team")
    RegistrationFactory(event=event, worker=None, team=team, employer=team.employer)
    response = client_for(officer_a).delete(f"/api/v1/teams/{team.pk}/")
    assert response.status_code == 409
    assert "registrations" in response.json()["detail"]
    assert type(team).objects.filter(pk=team.pk).exists()


@pytest.mark.parametrize("param", ["series", "division"])
def test_a_22_digit_series_or_division_filter_on_events_is_a_400(api, param):
    response = api.get(f"/api/v1/events/?{param}={HUGE}")
    assert response.status_code == 400
    assert param in response.json()


@pytest.mark.parametrize("param", ["series", "division", "contest", "event", "employer"])
def test_a_22_digit_id_filter_on_registrations_is_a_400(officer_a, param):
    response = client_for(officer_a).get(f"/api/v1/registrations/?{param}={HUGE}")
    assert response.status_code == 400
    assert param in response.json()


def test_an_id_filter_of_unicode_digits_is_not_an_id(api):
    response = api.get("/api/v1/unions/?within=%C2%B2")  # "²" is a digit to str.isdigit
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/auth/register/"])
def test_a_deeply_nested_json_body_is_a_400(api, path):
    body = "[" * 10_000 + "]" * 10_000
    response = api.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_a_json_body_nested_past_the_bound_is_refused_even_when_python_could_parse_it(api):
    body = "[" * 100 + "]" * 100
    response = api.post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400


def test_a_huge_completion_time_is_a_400_on_the_field(officer_a, union_tree):
    entry = RegistrationFactory(event__contest__host_union=union_tree[0])
    response = client_for(officer_a).patch(
        f"/api/v1/registrations/{entry.pk}/",
        {"completion_seconds": 1180591620717411303424},
        format="json",
    )
    assert response.status_code == 400
    assert "completion_seconds" in response.json()


def test_notice_days_of_three_million_are_refused(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status=Contest.Status.DRAFT)
    response = client_for(officer_a).patch(
        f"/api/v1/contests/{contest.pk}/", {"notice_days": 3_000_000}, format="json"
    )
    assert response.status_code == 400
    assert "notice_days" in response.json()


@pytest.mark.parametrize(
    "field,value",
    [
        ("registration_opens", "0001-01-01T00:00:00Z"),
        ("registration_closes", "2300-01-01T00:00:00Z"),
        ("contest_date", "0001-01-01"),
    ],
)
def test_contest_dates_before_1900_or_after_2100_are_refused(officer_a, union_tree, field, value):
    contest = ContestFactory(host_union=union_tree[0], status=Contest.Status.DRAFT)
    response = client_for(officer_a).patch(
        f"/api/v1/contests/{contest.pk}/", {field: value}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_the_unlock_form_with_a_registration_that_is_not_a_number_is_a_400(officer_a, union_tree):
    event = EventFactory(contest__host_union=union_tree[0])
    client = Client()
    client.force_login(officer_a)
    response = client.post(
        f"/judge/events/{event.pk}/status/unlock/",
        {"registration": "abc", "criterion": "P", "reason": "x"},
    )
    assert response.status_code == 400


def test_a_worker_import_with_a_csv_field_over_131072_characters_is_a_400_or_a_failed_row(
    officer_a, django_capture_on_commit_callbacks
):
    body = "name,id_number,phone,employer,occupation,skill_grade\n" + "x" * 200_000 + ",,,,,\n"
    upload = SimpleUploadedFile("workers.csv", body.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(
            "/api/v1/workers/import/", {"file": upload}, format="multipart"
        )
    assert response.status_code in (202, 400)
    if response.status_code == 202:  # read in the task: the task records the error
        record = TaskRecord.objects.get(pk=response.json()["id"])
        assert record.state == "FAILURE"
        assert record.result["file"] and record.result["written"] is False


@pytest.mark.parametrize(
    "name",
    ["甲\x00乙", "甲\u202e乙", "甲\u2066乙", "甲\x07乙", "甲\n乙"],
    ids=["nul", "rlo", "lri", "bell", "newline"],
)
def test_names_with_control_or_direction_characters_are_refused(officer_a, union_tree, name):
    team = TeamFactory(employer__union=union_tree[0])
    response = client_for(officer_a).patch(
        f"/api/v1/teams/{team.pk}/", {"name": name}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()


def test_a_description_may_have_line_breaks_but_no_direction_override(officer_a, union_tree):
    contest = ContestFactory(host_union=union_tree[0], status=Contest.Status.DRAFT)
    client = client_for(officer_a)
    url = f"/api/v1/contests/{contest.pk}/"
    assert client.patch(url, {"description": "一\n\t二"}, format="json").status_code == 200
    response = client.patch(url, {"description": "一\u202e二"}, format="json")
    assert response.status_code == 400
    assert "description" in response.json()
