"""Scoped admin: officers decide entries in bulk and export them; others see nothing."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from contests import services
from contests.models import Registration
from core.validators import mask_name

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contests/registration/"


def staff_client(user) -> Client:
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def entries(event, worker):
    from tests.factories import WorkerFactory

    others = WorkerFactory.create_batch(2, employer=worker.employer)
    return [services.register(actor=w.user, event=event, worker=w) for w in [worker, *others]]


def act(client, action, regs, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in regs], "index": 0, **extra}
    return client.post(CHANGELIST, data)


def test_changelist_shows_masked_names(officer_a, entries, worker):
    page = staff_client(officer_a).get(CHANGELIST).content.decode()
    assert mask_name(worker.name) in page and worker.name not in page


def test_bulk_approve_gives_bibs(officer_a, entries):
    response = act(staff_client(officer_a), "approve_selected", entries)
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("bib", flat=True)) == [1, 2, 3]


def test_bulk_reject_needs_a_reason(officer_a, entries):
    client = staff_client(officer_a)
    act(client, "reject_selected", entries[:2])
    assert not Registration.objects.filter(status="rejected").exists()
    act(client, "reject_selected", entries[:2], reason="材料不全")
    rejected = Registration.objects.filter(status="rejected")
    assert rejected.count() == 2 and {r.reject_reason for r in rejected} == {"材料不全"}


def test_officer_outside_the_host_subtree_sees_no_entries(officer_c, entries):
    client = staff_client(officer_c)
    assert client.get(f"{CHANGELIST}{entries[0].pk}/change/").status_code == 302
    act(client, "approve_selected", entries)
    assert not Registration.objects.filter(status="approved").exists()


def test_export_to_excel(officer_a, entries, event):
    services.approve_registration(actor=officer_a, registration=entries[0])
    response = act(staff_client(officer_a), "export_xlsx", entries)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[1][0] == 1 and rows[1][1] == mask_name(entries[0].worker.name)
    assert {r[2] for r in rows[1:]} == {event.name}


def test_contest_status_step_back_is_a_form_error(officer_a, contest):
    from contests.models import Contest

    Contest.objects.filter(pk=contest.pk).update(status="closed")
    client = staff_client(officer_a)
    url = f"/admin/contests/contest/{contest.pk}/change/"
    data = {
        "series": contest.series_id,
        "host_union": contest.host_union_id,
        "name": contest.name,
        "registration_opens_0": "2030-01-01",
        "registration_opens_1": "09:00:00",
        "registration_closes_0": "2030-02-01",
        "registration_closes_1": "09:00:00",
        "status": "open",
        "notice_days": 7,
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    contest.refresh_from_db()
    assert contest.status == "closed"


def test_admin_cannot_create_a_published_contest(officer_a, contest):
    """The admin applies the same transition rule: a new contest is a draft or open."""
    client = staff_client(officer_a)
    data = {
        "series": contest.series_id,
        "host_union": contest.host_union_id,
        "name": "直接发布的竞赛",
        "registration_opens_0": "2030-01-01",
        "registration_opens_1": "09:00:00",
        "registration_closes_0": "2030-02-01",
        "registration_closes_1": "09:00:00",
        "status": "published",
        "notice_days": 7,
    }
    response = client.post("/admin/contests/contest/add/", data)
    assert response.status_code == 200  # the form again, with the error
    assert not type(contest).objects.filter(name="直接发布的竞赛").exists()
