"""Worker pages: open contests with eligibility, sign-up, entering, my entries, withdraw."""

import pytest
from django.test import Client

from contests.models import Contest, Registration
from core.validators import make_id_number
from tests.factories import EventFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_contest_list_shows_open_contests_and_rules(client, event, contest):
    event.min_age, event.max_age, event.quota_per_employer = 18, 55, 5
    event.employer_kinds = ["state_owned"]
    event.save()
    draft = EventFactory(contest__status=Contest.Status.DRAFT, name="草稿项目")
    page = client.get("/contests/").content.decode()
    assert contest.name in page and event.name in page
    assert "18–55" in page and draft.name not in page
    assert "国有企业" in page or "state-owned enterprise" in page  # labels, not codes
    assert "state_owned" not in page


def test_contest_list_shows_why_a_worker_is_not_eligible(event, worker):
    event.min_skill_grade = 1
    event.save()
    page = logged_in(worker.user).get("/contests/").content.decode()
    assert "高级技师" in page
    assert f"/contests/events/{event.pk}/enter/" not in page


def test_worker_enters_an_event_from_the_page(event, worker):
    response = logged_in(worker.user).post(f"/contests/events/{event.pk}/enter/")
    assert response.status_code == 302 and response.url.endswith("/me/entries/")
    assert Registration.objects.get().worker == worker


def test_refused_entry_shows_the_message(event, worker):
    event.min_age = 60
    event.save()
    client = logged_in(worker.user)
    response = client.post(f"/contests/events/{event.pk}/enter/", follow=True)
    assert "60" in response.content.decode()
    assert not Registration.objects.exists()


def test_team_leader_enters_team_from_the_page(team_event, team):
    response = logged_in(team.leader.user).post(
        f"/contests/events/{team_event.pk}/enter/", {"team": team.pk}
    )
    assert response.status_code == 302
    assert Registration.objects.get().team == team


def test_achievement_submitted_from_the_page(achievement_event, worker):
    logged_in(worker.user).post(
        f"/contests/events/{achievement_event.pk}/enter/", {"title": "管道检测新方法"}
    )
    assert Registration.objects.get().achievement.title == "管道检测新方法"


def test_my_entries_shows_status_and_bib(event, worker, officer_a):
    from contests import services

    reg = services.register(actor=worker.user, event=event, worker=worker)
    reg = services.approve_registration(actor=officer_a, registration=reg)
    other = EventFactory(contest=event.contest, name="另一个项目")
    stranger = WorkerFactory(employer=worker.employer)
    services.register(actor=stranger.user, event=other, worker=stranger)
    page = logged_in(worker.user).get("/me/entries/").content.decode()
    assert event.name in page
    assert f'<td class="num" data-label="参赛号">{reg.bib}</td>' in page
    assert "另一个项目" not in page


def test_my_entries_needs_login(client):
    assert client.get("/me/entries/").status_code == 302


def test_withdraw_from_the_page(event, worker):
    from contests import services

    reg = services.register(actor=worker.user, event=event, worker=worker)
    logged_in(worker.user).post(f"/me/entries/{reg.pk}/withdraw/", {"confirm": "yes"})
    reg.refresh_from_db()
    assert reg.status == "withdrawn"


def test_withdraw_from_the_page_needs_the_confirmation(event, worker):
    from contests import services

    reg = services.register(actor=worker.user, event=event, worker=worker)
    page = logged_in(worker.user).get("/me/entries/").content.decode()
    assert 'name="confirm" value="yes"' in page and "<details" in page
    logged_in(worker.user).post(f"/me/entries/{reg.pk}/withdraw/")
    reg.refresh_from_db()
    assert reg.status == "pending"


def test_no_withdraw_button_once_results_are_published(event, worker, officer_a):
    from contests import services

    reg = services.register(actor=worker.user, event=event, worker=worker)
    services.approve_registration(actor=officer_a, registration=reg)
    type(event.contest).objects.filter(pk=event.contest_id).update(status="published")
    page = logged_in(worker.user).get("/me/entries/").content.decode()
    assert f"/me/entries/{reg.pk}/withdraw/" not in page
    logged_in(worker.user).post(f"/me/entries/{reg.pk}/withdraw/", {"confirm": "yes"})
    reg.refresh_from_db()
    assert reg.status == "approved"


def test_cannot_withdraw_someone_elses_entry(event, worker):
    from contests import services

    reg = services.register(actor=worker.user, event=event, worker=worker)
    other = WorkerFactory(employer=worker.employer)
    assert logged_in(other.user).post(f"/me/entries/{reg.pk}/withdraw/").status_code == 404
    reg.refresh_from_db()
    assert reg.status == "pending"


def test_signup_creates_worker_and_signs_in(client, employer_b):
    import datetime as dt

    data = {
        "username": "xiaowang",
        "password": "Gas-pipe-2019!",
        "name": "王小明",
        "id_number": make_id_number("310101", dt.date(1992, 3, 4), 123),
        "phone": "13812345678",
        "employer": employer_b.pk,
        "occupation": "燃气管道工",
        "skill_grade": 4,
    }
    response = client.post("/signup/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/me/entries/").status_code == 200


def test_signup_errors_are_shown_on_fields(client, employer_b):
    data = {
        "username": "xiaowang",
        "password": "Gas-pipe-2019!",
        "name": "王小明",
        "id_number": "310101199203041230",
        "phone": "13812345678",
        "employer": employer_b.pk,
        "skill_grade": 4,
    }
    response = client.post("/signup/", data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_english_page(client, event):
    page = client.get("/en/contests/").content.decode()
    assert "Open contests" in page
