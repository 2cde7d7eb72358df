"""A team's certificate (held by the team, no worker on it) is on "my results" of its
members and its leader, who download it there; nobody else can."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from results.models import Certificate
from tests.factories import WorkerFactory
from tests.public import test_my_results

team_result = test_my_results.team_result  # the team entry with a published result


@pytest.fixture
def team_certificate(team_result):
    reg = team_result["reg"]
    cert = Certificate.objects.create(
        number="T7TEAM0001",
        contest=reg.contest,
        event=reg.event,
        union=reg.contest.host_union,
        kind=Certificate.Kind.AWARD,
        slot=f"tier:{reg.event_id}:{reg.pk}",
        fingerprint="f" * 64,
        registration_id=reg.pk,
        team_id=reg.team_id,
        holder_name=reg.team.name,
        masked_name=reg.team.name,
        employer_name=reg.employer.name,
        award="二等奖",
        rank=2,
        issued_at=timezone.now(),
    )
    return cert


def _client(worker) -> Client:
    client = Client()
    client.force_login(worker.user)
    return client


def test_a_team_member_sees_the_team_certificate_on_my_results(team_result, team_certificate):
    page = _client(team_result["member"]).get("/en/me/results/").content.decode()
    assert f"/en/me/certificates/{team_certificate.number}.pdf" in page


@pytest.mark.parametrize("who", ["member", "leader"])
def test_a_team_member_or_its_leader_downloads_the_team_certificate(
    team_result, team_certificate, who
):
    response = _client(team_result[who]).get(f"/en/me/certificates/{team_certificate.number}.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_team_certificate_line_names_the_team(team_result, team_certificate):
    page = _client(team_result["leader"]).get("/en/me/results/").content.decode()
    block = re.search(r'<ul class="my-certificates">.*?</ul>', page, re.S).group(0)
    assert "燃气抢修一班" in block


def test_a_worker_outside_the_team_cannot_download_its_certificate(team_certificate):
    response = _client(WorkerFactory()).get(f"/en/me/certificates/{team_certificate.number}.pdf")
    assert response.status_code == 404
