"""Every entry rule of the issue: a 400 on the offending field, and nothing saved."""

import datetime as dt

import pytest
from django.utils import timezone

from contests.models import Contest, Registration, RegistrationMember
from tests.conftest import client_for
from tests.factories import EmployerFactory, EventFactory, TeamFactory, WorkerFactory, region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/registrations/"


def enter(user, **data):
    return client_for(user).post(URL, data, format="json")


def assert_refused(response, field: str, fragment: str = ""):
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body, body
    if fragment:
        assert any(fragment in m for m in body[field]), body[field]
    assert not Registration.objects.exists()
    assert not RegistrationMember.objects.exists()


def test_worker_enters_own_individual_entry(event, worker):
    response = enter(worker.user, event=event.pk, worker=worker.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["bib"] is None
    assert body["entrant_name"] == worker.name
    assert body["employer"] == worker.employer_id
    reg = Registration.objects.get()
    assert reg.contest_id == event.contest_id
    assert list(reg.members.values_list("worker_id", "active")) == [(worker.pk, True)]


def test_refused_before_the_window_opens(event, worker):
    Contest.objects.filter(pk=event.contest_id).update(
        registration_opens=timezone.now() + dt.timedelta(days=1),
        registration_closes=timezone.now() + dt.timedelta(days=5),
    )
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "event", "opens")


def test_refused_after_the_window_closes(event, worker):
    Contest.objects.filter(pk=event.contest_id).update(
        registration_opens=timezone.now() - dt.timedelta(days=5),
        registration_closes=timezone.now() - dt.timedelta(minutes=1),
    )
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "event", "closed")


@pytest.mark.parametrize("status", ["draft", "closed", "judging"])
def test_refused_when_contest_is_not_open(event, worker, status):
    Contest.objects.filter(pk=event.contest_id).update(status=status)
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "event", "not open")


def test_refused_outside_the_eligible_union_subtree(event, worker, union_tree):
    event.eligible_unions.set([union_tree[2]])
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "丙工会")


def test_union_subtree_counts_for_eligibility(event, worker, union_tree):
    event.eligible_unions.set([union_tree[0]])  # the worker's union B lies below A
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201


def test_refused_outside_the_eligible_regions(event, worker):
    event.eligible_regions.set([region("320000")])
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "regions")


def test_region_subtree_counts_for_eligibility(event, union_tree):
    district = region("310000").children.first()
    employer = EmployerFactory(union=union_tree[1], region=district)
    worker = WorkerFactory(employer=employer)
    event.eligible_regions.set([region("310000")])
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201


def test_refused_for_a_disallowed_employer_kind(event, worker):
    event.employer_kinds = ["non_public", "foreign"]
    event.save()
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "kinds")


def test_refused_below_the_lowest_grade_admitted(event, worker):
    event.min_skill_grade = 2  # 技师 or better; the worker is 高级工 (3)
    event.save()
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "lowest")


def test_refused_above_the_highest_grade_admitted(event, worker):
    event.max_skill_grade = 4  # 中级工 at most; the worker is 高级工 (3)
    event.save()
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "highest")


def test_grade_inside_the_range_is_admitted(event, worker):
    event.min_skill_grade, event.max_skill_grade = 5, 3
    event.save()
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201


def test_age_is_taken_on_the_contest_day(event, worker):
    # Born 1990-05-17: 35 on 2025-05-17, still 34 the day before.
    contest = event.contest
    contest.contest_date = dt.date(2025, 5, 16)
    contest.registration_opens = timezone.make_aware(dt.datetime(2025, 1, 1))
    contest.registration_closes = timezone.now() + dt.timedelta(days=1)
    Contest.objects.filter(pk=contest.pk).update(
        contest_date=contest.contest_date, registration_opens=contest.registration_opens
    )
    event.max_age = 34
    event.save()
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201
    Registration.objects.all().delete()
    Contest.objects.filter(pk=contest.pk).update(contest_date=dt.date(2025, 5, 17))
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "at most 34")


def test_refused_under_the_minimum_age(event, worker):
    event.min_age = 60
    event.save()
    assert_refused(enter(worker.user, event=event.pk, worker=worker.pk), "worker", "at least 60")


def test_each_failed_rule_has_its_own_message(event, worker, union_tree):
    event.eligible_unions.set([union_tree[2]])
    event.employer_kinds = ["foreign"]
    event.min_skill_grade = 1
    event.min_age = 60
    event.save()
    response = enter(worker.user, event=event.pk, worker=worker.pk)
    assert response.status_code == 400
    assert len(response.json()["worker"]) == 4


def test_quota_counts_pending_and_approved_entries(event, worker, officer_a):
    event.quota_per_employer = 2
    event.save()
    first, second = WorkerFactory.create_batch(2, employer=worker.employer)
    assert enter(first.user, event=event.pk, worker=first.pk).status_code == 201
    reg = Registration.objects.get(worker=first)
    client_for(officer_a).post(f"{URL}{reg.pk}/approve/")
    assert enter(second.user, event=event.pk, worker=second.pk).status_code == 201
    response = enter(worker.user, event=event.pk, worker=worker.pk)
    assert response.status_code == 400
    assert "quota" in response.json()["worker"][0]
    assert Registration.objects.count() == 2


def test_quota_is_per_work_unit(event, worker, union_tree):
    event.quota_per_employer = 1
    event.save()
    other = WorkerFactory(employer=EmployerFactory(union=union_tree[1]))
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201
    assert enter(other.user, event=event.pk, worker=other.pk).status_code == 201


def test_withdrawn_and_rejected_entries_free_the_quota(event, worker, officer_a):
    event.quota_per_employer = 1
    event.save()
    mate = WorkerFactory(employer=worker.employer)
    enter(worker.user, event=event.pk, worker=worker.pk)
    reg = Registration.objects.get()
    assert client_for(worker.user).post(f"{URL}{reg.pk}/withdraw/").status_code == 200
    assert enter(mate.user, event=event.pk, worker=mate.pk).status_code == 201
    mate_reg = Registration.objects.get(worker=mate)
    response = client_for(officer_a).post(f"{URL}{mate_reg.pk}/reject/", {"reason": "证件不全"})
    assert response.status_code == 200
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201


def test_worker_entered_twice_in_the_same_event(event, worker):
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201
    response = enter(worker.user, event=event.pk, worker=worker.pk)
    assert response.status_code == 400
    assert "Already entered" in response.json()["worker"][0]
    assert Registration.objects.count() == 1


def test_worker_may_enter_another_event_of_the_contest(event, worker):
    other = EventFactory(contest=event.contest)
    assert enter(worker.user, event=event.pk, worker=worker.pk).status_code == 201
    assert enter(worker.user, event=other.pk, worker=worker.pk).status_code == 201


def test_worker_in_two_team_entries_of_the_same_event(team_event, team):
    leader = team.leader
    second = TeamFactory(employer=team.employer, leader=leader)
    second.members.set([leader, WorkerFactory(employer=team.employer)])
    assert enter(leader.user, event=team_event.pk, team=team.pk).status_code == 201
    response = enter(leader.user, event=team_event.pk, team=second.pk)
    assert response.status_code == 400
    assert "Already entered" in response.json()["team"][0]
    assert Registration.objects.count() == 1


def test_team_leader_enters_the_team(team_event, team):
    response = enter(team.leader.user, event=team_event.pk, team=team.pk)
    assert response.status_code == 201, response.content
    reg = Registration.objects.get()
    assert reg.members.count() == 3 and reg.employer_id == team.employer_id


def test_team_member_who_is_not_leader_cannot_enter_the_team(team_event, team):
    member = team.members.exclude(pk=team.leader_id).first()
    assert enter(member.user, event=team_event.pk, team=team.pk).status_code == 403
    assert not Registration.objects.exists()


def test_team_too_small(team_event, team):
    team_event.min_team_size = 4
    team_event.save()
    assert_refused(enter(team.leader.user, event=team_event.pk, team=team.pk), "team", "at least 4")


def test_team_too_large(team_event, team):
    team_event.max_team_size = 2
    team_event.save()
    assert_refused(enter(team.leader.user, event=team_event.pk, team=team.pk), "team", "at most 2")


def test_team_member_from_another_employer(team_event, team, union_tree):
    stranger = WorkerFactory(employer=EmployerFactory(union=union_tree[1]))
    team.members.add(stranger)
    assert_refused(enter(team.leader.user, event=team_event.pk, team=team.pk), "team", "work unit")


def test_team_member_not_eligible(team_event, team):
    member = team.members.exclude(pk=team.leader_id).first()
    member.skill_grade = 5
    member.save()
    team_event.min_skill_grade = 4
    team_event.save()
    assert_refused(
        enter(team.leader.user, event=team_event.pk, team=team.pk), "team", "not eligible"
    )


def test_individual_event_refuses_a_team(event, team):
    assert_refused(enter(team.leader.user, event=event.pk, team=team.pk), "worker")


def test_achievement_entered_with_its_authors(achievement_event, worker):
    mate = WorkerFactory(employer=worker.employer)
    response = enter(
        worker.user,
        event=achievement_event.pk,
        achievement={
            "title": "燃气泄漏快速检测仪",
            "summary": "…",
            "authors": [worker.pk, mate.pk],
        },
    )
    assert response.status_code == 201, response.content
    reg = Registration.objects.get()
    assert reg.achievement.title == "燃气泄漏快速检测仪"
    assert set(reg.members.values_list("worker_id", flat=True)) == {worker.pk, mate.pk}


def test_achievement_authors_from_two_work_units_refused(achievement_event, worker, union_tree):
    stranger = WorkerFactory(employer=EmployerFactory(union=union_tree[1]))
    response = enter(
        worker.user,
        event=achievement_event.pk,
        achievement={"title": "成果", "authors": [worker.pk, stranger.pk]},
    )
    assert response.status_code == 400
    assert "authors" in response.json()


def test_worker_cannot_enter_someone_else(event, worker):
    other = WorkerFactory(employer=worker.employer)
    assert enter(worker.user, event=event.pk, worker=other.pk).status_code == 403
    assert not Registration.objects.exists()


def test_officer_enters_a_worker_of_its_scope(event, worker, officer_b):
    assert enter(officer_b, event=event.pk, worker=worker.pk).status_code == 201


def test_officer_cannot_enter_a_worker_outside_its_scope(event, worker, officer_c):
    assert enter(officer_c, event=event.pk, worker=worker.pk).status_code == 403


def test_officer_enters_a_team_of_its_scope(team_event, team, officer_b):
    assert enter(officer_b, event=team_event.pk, team=team.pk).status_code == 201


def test_team_event_refuses_a_single_worker(team_event, worker):
    assert_refused(enter(worker.user, event=team_event.pk, worker=worker.pk), "team")


def test_anonymous_cannot_enter(api, event, worker):
    response = api.post(URL, {"event": event.pk, "worker": worker.pk}, format="json")
    assert response.status_code in (401, 403)
    assert not Registration.objects.exists()
