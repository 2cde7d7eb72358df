"""The objection forms of the public pages go through the form layer (core.forms): a reason
or an answer with control or direction-override characters is a clean message on the page,
and nothing is written."""

import pytest

from public.models import Objection
from tests.conftest import client_for
from tests.factories import OfficerFactory

RLO = "\u202e"


@pytest.fixture
def entrant(published):
    return published["rows"][0].registration


def test_objection_reason_with_a_direction_override_is_a_message(entrant, client, english):
    client.force_login(entrant.worker.user)
    response = client.post(
        "/me/objections/",
        {"registration": entrant.pk, "reason": f"评分{RLO}有误"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Remove the control or text-direction characters" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_reason_longer_than_its_column_is_a_message(entrant, client, english):
    client.force_login(entrant.worker.user)
    response = client.post(
        "/me/objections/", {"registration": entrant.pk, "reason": "误" * 1001}, follow=True
    )
    assert "at most 1000 characters" in response.content.decode()
    assert not Objection.objects.exists()


def test_objection_answer_with_a_control_character_is_a_message(
    entrant, published, client, english
):
    worker = client_for(entrant.worker.user)
    objection_id = worker.post(
        "/api/v1/objections/", {"registration": entrant.pk, "reason": "评分有误"}
    ).json()["id"]
    client.force_login(OfficerFactory(union=published["host"]).user)
    response = client.post(
        f"/contests/{published['contest'].pk}/objections/",
        {"objection": objection_id, "answer": "无误\x1b[2J", "decision": "dismiss"},
        follow=True,
    )
    assert "Remove the control or text-direction characters" in response.content.decode()
    assert Objection.objects.get(pk=objection_id).status == Objection.Status.OPEN
