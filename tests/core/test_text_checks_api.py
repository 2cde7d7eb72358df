"""Declared text fields of the API are checked like the model ones (core.api.serializers):
a reason typed by a person refuses control and text-direction characters; a password is
left as typed."""

import datetime as dt

import pytest

from contests import services
from contests.models import Registration
from core.validators import make_id_number
from tests.conftest import client_for
from tests.factories import EmployerFactory, EventFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reason", ["证件\u202e不全", "证件\x07不全"], ids=["rlo", "bell"])
def test_a_rejection_reason_with_control_or_direction_characters_is_refused(
    officer_a, union_tree, reason
):
    event = EventFactory(contest__host_union=union_tree[0])
    worker = WorkerFactory(employer__union=union_tree[0])
    entry = services.register(actor=worker.user, event=event, worker=worker)
    url = f"/api/v1/registrations/{entry.pk}/reject/"
    response = client_for(officer_a).post(url, {"reason": reason}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert Registration.objects.get(pk=entry.pk).status == Registration.Status.PENDING


def test_a_sign_up_name_with_a_direction_override_is_refused(api):
    data = {
        "username": "wang_xb",
        "password": "Gas-pipe-2019!",
        "name": "王\u202e小兵",
        "id_number": make_id_number("310104", dt.date(1988, 2, 29), 123),
        "phone": "13812345678",
        "employer": EmployerFactory().pk,
        "occupation": "燃气管道工",
    }
    response = api.post("/api/v1/auth/register/", data, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_a_sign_up_password_with_symbols_spaces_and_a_tab_is_accepted(api):
    password = "P@$$ w0rd!\"#%&'()*+,-./:;<=>?[\\]^_`{|}~\t密码"
    data = {
        "username": "wang_xb",
        "password": password,
        "name": "王小兵",
        "id_number": make_id_number("310104", dt.date(1988, 2, 29), 123),
        "phone": "13812345678",
        "employer": EmployerFactory().pk,
        "occupation": "燃气管道工",
    }
    response = api.post("/api/v1/auth/register/", data, format="json")
    assert response.status_code == 201, response.json()
    token = api.post(
        "/api/v1/auth/token/", {"username": "wang_xb", "password": password}, format="json"
    )
    assert token.status_code == 200


def test_a_sign_up_password_with_nul_is_refused(api):
    data = {
        "username": "wang_xb",
        "password": "Gas-pipe\x00-2019!",
        "name": "王小兵",
        "id_number": make_id_number("310104", dt.date(1988, 2, 29), 123),
        "phone": "13812345678",
        "employer": EmployerFactory().pk,
        "occupation": "燃气管道工",
    }
    response = api.post("/api/v1/auth/register/", data, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
