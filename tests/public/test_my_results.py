"""My results (/me/results/): a worker sees their individual results and their teams'."""

from decimal import Decimal

import pytest

from contests.models import Contest, Event, Registration
from public import selectors
from results.models import ResultRow
from tests.factories import ContestFactory, EventFactory, TeamFactory, WorkerFactory
from tests.public.factories import ResultSnapshotFactory


@pytest.fixture
def team_result(db):
    """A team entry (leader + one member) with a published result, second place."""
    leader, member = WorkerFactory(), WorkerFactory()
    member.employer = leader.employer
    member.save()
    team = TeamFactory(name="燃气抢修一班", employer=leader.employer, leader=leader)
    team.members.add(leader, member)
    contest = ContestFactory(status=Contest.Status.PUBLISHED, notice_days=7)
    event = EventFactory(contest=contest, kind=Event.Kind.TEAM, name="管网抢修团体赛")
    reg = Registration.objects.create(
        event=event, contest=contest, team=team, employer=team.employer, status="approved", bib=7
    )
    for w in (leader, member):
        reg.members.create(event=event, worker=w)
    snap = ResultSnapshotFactory(event=event, entries=1, ranked=1)
    ResultRow.objects.create(
        snapshot=snap,
        position=1,
        registration=reg,
        bib=7,
        rank=2,
        total=Decimal("91.25"),
        tier="二等奖",
        display_name=team.name,
        masked_name=team.name,
        employer_id=team.employer_id,
        employer_name=team.employer.name,
        team_id=team.pk,
    )
    return {"leader": leader, "member": member, "event": event, "reg": reg}


def test_team_members_public_rows_include_the_team_entry(team_result):
    for worker in (team_result["leader"], team_result["member"]):
        rows = list(selectors.worker_public_rows(worker.pk))
        assert [r.registration_id for r in rows] == [team_result["reg"].pk]


def test_team_leader_sees_the_team_result_on_my_results(team_result, client):
    client.force_login(team_result["leader"].user)
    body = client.get("/en/me/results/").content.decode()
    assert "管网抢修团体赛" in body
    assert "91.25" in body
    assert "二等奖" in body
    assert "燃气抢修一班" in body


def test_a_worker_outside_the_team_does_not_see_its_result(team_result, client):
    outsider = WorkerFactory()
    assert not selectors.worker_public_rows(outsider.pk).exists()
    client.force_login(outsider.user)
    assert "91.25" not in client.get("/en/me/results/").content.decode()
