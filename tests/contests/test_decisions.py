"""Approve (bib), reject (reason), withdraw (entrant, until judging starts), completion time."""

import datetime as dt

import pytest
from django.utils import timezone

from contests import services
from contests.models import Contest, Registration
from judging.models import Judge, JudgeAssignment
from tests.conftest import client_for
from tests.factories import EventFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/registrations/"


@pytest.fixture
def pending(event, worker):
    return services.register(actor=worker.user, event=event, worker=worker)


def test_approval_gives_consecutive_bibs_within_the_contest(event, worker, officer_a):
    other_event = EventFactory(contest=event.contest)
    regs = [services.register(actor=worker.user, event=event, worker=worker)]
    regs += [
        services.register(actor=w.user, event=other_event, worker=w)
        for w in WorkerFactory.create_batch(2, employer=worker.employer)
    ]
    bibs = []
    for reg in regs:
        response = client_for(officer_a).post(f"{URL}{reg.pk}/approve/")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "approved"
        bibs.append(response.json()["bib"])
    assert bibs == [1, 2, 3]
    assert Contest.objects.get(pk=event.contest_id).last_bib == 3


def test_bibs_restart_in_another_contest(pending, officer_a, union_tree):
    services.approve_registration(actor=officer_a, registration=pending)
    other = EventFactory(contest__host_union=union_tree[0])
    w = WorkerFactory(employer=pending.worker.employer)
    reg = services.register(actor=w.user, event=other, worker=w)
    assert services.approve_registration(actor=officer_a, registration=reg).bib == 1


def test_approving_twice_is_refused(pending, officer_a):
    client_for(officer_a).post(f"{URL}{pending.pk}/approve/")
    response = client_for(officer_a).post(f"{URL}{pending.pk}/approve/")
    assert response.status_code == 400 and "status" in response.json()
    assert Contest.objects.get(pk=pending.contest_id).last_bib == 1


def test_officer_below_the_host_cannot_approve(pending, officer_b):
    # B sees the entry (its worker) but does not host the contest.
    response = client_for(officer_b).post(f"{URL}{pending.pk}/approve/")
    assert response.status_code == 403
    assert Registration.objects.get().status == "pending"


def test_unrelated_officer_does_not_see_the_entry(pending, officer_c):
    assert client_for(officer_c).post(f"{URL}{pending.pk}/approve/").status_code == 404


def test_reject_requires_a_reason(pending, officer_a):
    response = client_for(officer_a).post(f"{URL}{pending.pk}/reject/", {"reason": "  "})
    assert response.status_code == 400 and "reason" in response.json()
    assert Registration.objects.get().status == "pending"


def test_reject_records_the_reason_and_frees_the_worker(pending, officer_a):
    response = client_for(officer_a).post(f"{URL}{pending.pk}/reject/", {"reason": "年龄不符"})
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "rejected" and pending.reject_reason == "年龄不符"
    assert not pending.members.filter(active=True).exists()


def test_worker_withdraws_own_entry(pending, worker):
    response = client_for(worker.user).post(f"{URL}{pending.pk}/withdraw/")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert not pending.members.filter(active=True).exists()
    # ...and may enter again.
    again = services.register(actor=worker.user, event=pending.event, worker=worker)
    assert again.status == "pending"


def test_approved_entry_may_be_withdrawn(pending, worker, officer_a):
    services.approve_registration(actor=officer_a, registration=pending)
    response = client_for(worker.user).post(f"{URL}{pending.pk}/withdraw/")
    assert response.status_code == 200


def test_withdraw_allowed_after_registration_closes_until_judging(pending, worker):
    """Withdrawal closes when judging starts, not when registration closes."""
    Contest.objects.filter(pk=pending.contest_id).update(
        status="closed",
        registration_closes=timezone.now() - dt.timedelta(seconds=1),
        registration_opens=timezone.now() - dt.timedelta(days=3),
    )
    response = client_for(worker.user).post(f"{URL}{pending.pk}/withdraw/")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


@pytest.mark.parametrize("status", ["judging", "published"])
def test_withdraw_refused_once_judging_starts(pending, worker, officer_a, status):
    services.approve_registration(actor=officer_a, registration=pending)
    # The status decides, whatever the window says (the demo had one still open).
    Contest.objects.filter(pk=pending.contest_id).update(status=status)
    response = client_for(worker.user).post(f"{URL}{pending.pk}/withdraw/")
    assert response.status_code == 400 and "status" in response.json()
    assert Registration.objects.get().status == "approved"


def test_withdraw_refused_once_the_event_has_a_mark(pending, worker, officer_a):
    from tests.results.factories import JudgeFactory, give_marks, make_scheme

    services.approve_registration(actor=officer_a, registration=pending)
    _, crits = make_scheme(pending.event, criteria=(("T", 100, 100, "mean", 1),))
    give_marks(pending, crits, {"T": [80]}, [JudgeFactory()])
    response = client_for(worker.user).post(f"{URL}{pending.pk}/withdraw/")
    assert response.status_code == 400
    assert Registration.objects.get().status == "approved"


def test_withdrawing_an_approved_entry_announces_the_change(pending, worker, officer_a):
    from contests.signals import registration_changed

    services.approve_registration(actor=officer_a, registration=pending)
    heard = []

    def listener(sender, *, event_id, **kwargs):
        heard.append(event_id)

    registration_changed.connect(listener)
    try:
        services.withdraw_registration(actor=worker.user, registration=pending)
    finally:
        registration_changed.disconnect(listener)
    assert heard == [pending.event_id]


def test_another_worker_cannot_withdraw_an_entry(pending):
    mate = WorkerFactory(employer=pending.worker.employer)
    assert client_for(mate.user).post(f"{URL}{pending.pk}/withdraw/").status_code == 404


def test_officer_cannot_withdraw_for_the_worker(pending, officer_a):
    assert client_for(officer_a).post(f"{URL}{pending.pk}/withdraw/").status_code == 403


def test_team_leader_withdraws_the_team(team_event, team):
    reg = services.register(actor=team.leader.user, event=team_event, team=team)
    member = team.members.exclude(pk=team.leader_id).first()
    assert client_for(member.user).post(f"{URL}{reg.pk}/withdraw/").status_code == 403
    assert client_for(team.leader.user).post(f"{URL}{reg.pk}/withdraw/").status_code == 200
    assert not reg.members.filter(active=True).exists()


def test_host_officer_sets_completion_seconds(pending, officer_a):
    services.approve_registration(actor=officer_a, registration=pending)
    response = client_for(officer_a).patch(f"{URL}{pending.pk}/", {"completion_seconds": 1234})
    assert response.status_code == 200, response.content
    assert response.json()["completion_seconds"] == 1234
    pending.refresh_from_db()
    assert pending.completion_seconds == 1234


def test_chief_judge_sets_completion_seconds(pending, officer_a):
    services.approve_registration(actor=officer_a, registration=pending)
    chief = Judge.objects.create(
        user=UserFactory(), name="裁判长", union=pending.contest.host_union
    )
    JudgeAssignment.objects.create(event=pending.event, judge=chief, chief=True)
    response = client_for(chief.user).patch(f"{URL}{pending.pk}/", {"completion_seconds": 99})
    assert response.status_code == 200, response.content
    pending.refresh_from_db()
    assert pending.completion_seconds == 99


def test_chief_judge_gets_the_bib_only_in_the_response(pending, officer_a):
    """Blind judging: no entrant name or work unit, not even masked (issue 13.6)."""
    services.approve_registration(actor=officer_a, registration=pending)
    chief = Judge.objects.create(
        user=UserFactory(), name="裁判长", union=pending.contest.host_union
    )
    JudgeAssignment.objects.create(event=pending.event, judge=chief, chief=True)
    response = client_for(chief.user).patch(f"{URL}{pending.pk}/", {"completion_seconds": 99})
    assert response.status_code == 200, response.content
    body = response.json()
    pending.refresh_from_db()
    assert body["bib"] == pending.bib and body["completion_seconds"] == 99
    leaks = {"entrant_name", "employer", "employer_name", "worker", "team", "achievement"}
    assert not leaks & set(body)
    assert pending.employer.name not in response.content.decode()


def test_ordinary_judge_cannot_set_completion_seconds(pending, officer_a):
    services.approve_registration(actor=officer_a, registration=pending)
    judge = Judge.objects.create(user=UserFactory(), name="裁判", union=pending.contest.host_union)
    JudgeAssignment.objects.create(event=pending.event, judge=judge, chief=False)
    response = client_for(judge.user).patch(f"{URL}{pending.pk}/", {"completion_seconds": 99})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.completion_seconds is None


def test_officer_below_host_cannot_set_completion_seconds(pending, officer_a, officer_b):
    services.approve_registration(actor=officer_a, registration=pending)
    response = client_for(officer_b).patch(f"{URL}{pending.pk}/", {"completion_seconds": 5})
    assert response.status_code == 403


def test_completion_seconds_must_not_be_negative(pending, officer_a):
    services.approve_registration(actor=officer_a, registration=pending)
    response = client_for(officer_a).patch(f"{URL}{pending.pk}/", {"completion_seconds": -1})
    assert response.status_code == 400 and "completion_seconds" in response.json()


def test_worker_cannot_patch_own_entry(pending, worker):
    response = client_for(worker.user).patch(f"{URL}{pending.pk}/", {"completion_seconds": 1})
    assert response.status_code == 403
