"""One entry's page: decisions with reasons (disqualify, reinstate), its history, and the
worker's page where the full ID number is shown on request and every display recorded."""

import pytest
from django.urls import reverse

from contests.models import Registration, RegistrationLog
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    OfficerFactory,
    RegistrationFactory,
    UnionFactory,
)
from workers.models import IdNumberDisclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(union_tree):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[1]))
    return RegistrationFactory(event=event, worker__employer=EmployerFactory(union=union_tree[1]))


def entry_url(entry) -> str:
    return reverse("console:registration", args=[entry.pk])


def worker_url(entry) -> str:
    return reverse("console:worker", args=[entry.worker_id])


@pytest.mark.parametrize("url", [entry_url, worker_url])
def test_a_worker_is_refused(page_client, worker_user, entry, url):
    assert page_client(worker_user).get(url(entry)).status_code == 403


@pytest.mark.parametrize("url", [entry_url, worker_url])
def test_an_officer_of_another_subtree_is_told_nothing(page_client, officer_c, entry, url):
    assert page_client(officer_c).get(url(entry)).status_code == 404
    assert page_client(officer_c).post(url(entry), {"action": "disqualify"}).status_code == 404
    assert not IdNumberDisclosure.objects.exists()
    assert not Registration.objects.get().disqualified


def test_disqualifying_with_a_reason_is_logged_and_shown(page_client, officer_a, entry):
    client = page_client(officer_a)
    response = client.post(entry_url(entry), {"action": "disqualify", "reason": "冒名顶替"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.disqualified
    body = client.get(entry_url(entry)).content.decode()
    assert "冒名顶替" in body and "officer_a" in body
    assert 'value="reinstate"' in body and 'value="disqualify"' not in body


def test_disqualifying_without_a_reason_shows_the_services_error(page_client, officer_a, entry):
    response = page_client(officer_a).post(entry_url(entry), {"action": "disqualify"})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["reason"]
    assert error in response.content.decode()
    assert not RegistrationLog.objects.exists()


def test_an_unknown_action_is_a_form_error(page_client, officer_a, entry):
    response = page_client(officer_a).post(entry_url(entry), {"action": "delete"})
    assert response.status_code == 200 and response.context["form"].errors["action"]


def test_reinstating_from_the_page(page_client, officer_a, entry):
    client = page_client(officer_a)
    client.post(entry_url(entry), {"action": "disqualify", "reason": "a"})
    client.post(entry_url(entry), {"action": "reinstate", "reason": "b"})
    entry.refresh_from_db()
    assert not entry.disqualified
    assert RegistrationLog.objects.count() == 2


def test_the_worker_page_shows_the_full_name_and_a_masked_id_number_unrecorded(
    page_client, officer_a, entry
):
    body = page_client(officer_a).get(worker_url(entry)).content.decode()
    assert entry.worker.name in body
    assert entry.worker.id_number not in body
    assert entry.worker.id_number[4:-4] not in body  # only the ends of it are shown
    assert not IdNumberDisclosure.objects.exists()


def test_showing_the_id_number_records_exactly_one_display(page_client, officer_a, entry):
    response = page_client(officer_a).post(worker_url(entry))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(entry.worker.id_number) == 1
    disclosure = IdNumberDisclosure.objects.get()
    assert (disclosure.worker_id, disclosure.viewer) == (entry.worker_id, officer_a)
    assert "officer_a" in body  # listed on the worker's page


def test_an_htmx_display_returns_the_number_and_the_refreshed_list(page_client, officer_b, entry):
    response = page_client(officer_b).post(worker_url(entry), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert entry.worker.id_number in body
    assert 'hx-swap-oob="true"' in body and "officer_b" in body
    assert "<html" not in body
    assert IdNumberDisclosure.objects.count() == 1


def test_a_superuser_may_check_identity(page_client, superuser, entry):
    assert entry.worker.id_number in page_client(superuser).post(worker_url(entry)).content.decode()
    assert IdNumberDisclosure.objects.get().viewer == superuser


def test_an_officer_below_the_workers_union_gets_404(page_client, union_tree, entry):
    below = OfficerFactory(union=UnionFactory(parent=union_tree[1])).user
    assert page_client(below).post(worker_url(entry)).status_code == 404
    assert not IdNumberDisclosure.objects.exists()
