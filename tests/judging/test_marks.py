from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contests.models import Registration
from judging import services
from judging.models import Mark, MarkLog
from tests.conftest import client_for
from tests.factories import EventFactory
from tests.judging.conftest import mark
from tests.judging.factories import EntryFactory, JudgeFactory

pytestmark = pytest.mark.django_db


def post_mark(user, entry, criterion, value):
    body = {"registration": entry.pk, "criterion": criterion, "value": str(value)}
    return client_for(user).post("/api/v1/marks/", body, format="json")


def test_judge_records_a_mark_and_an_audit_row(contest):
    judge = contest.judges[1]
    response = post_mark(judge.user, contest.entries[0], "P", "85.5")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["criterion"], body["value"], body["bib"]) == ("P", "85.50", contest.entries[0].bib)
    log = MarkLog.objects.get()
    assert (log.action, log.actor, log.judge, log.old_value, log.new_value) == (
        "create",
        judge.user,
        judge,
        None,
        Decimal("85.5"),
    )


def test_changing_a_mark_logs_old_and_new_value(contest):
    judge, entry = contest.judges[1], contest.entries[0]
    first = mark(judge, entry, "P", 80)
    response = client_for(judge.user).patch(
        f"/api/v1/marks/{first.pk}/", {"value": "82"}, format="json"
    )
    assert response.status_code == 200
    assert Mark.objects.get().value == Decimal(82)
    change = MarkLog.objects.get(action="change")
    assert (change.old_value, change.new_value) == (Decimal(80), Decimal(82))


def test_posting_the_same_mark_again_updates_the_one_row(contest):
    judge, entry = contest.judges[1], contest.entries[0]
    post_mark(judge.user, entry, "P", 70)
    post_mark(judge.user, entry, "P", 75)
    post_mark(judge.user, entry, "P", 75)
    assert Mark.objects.get().value == Decimal(75)
    assert list(MarkLog.objects.values_list("action", flat=True)) == ["create", "change"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("-1", False), ("100.5", False), ("100", True), ("0", True), ("7.25", False), ("7.5", True)],
)
def test_value_must_lie_in_range_and_on_the_step(contest, value, ok):
    response = post_mark(contest.judges[1].user, contest.entries[0], "P", value)
    assert response.status_code == (201 if ok else 400)
    if not ok:
        assert "value" in response.json()
        assert not Mark.objects.exists()


def test_unknown_criterion_is_refused(contest):
    response = post_mark(contest.judges[1].user, contest.entries[0], "X", 1)
    assert response.status_code == 400
    assert "criterion" in response.json()


@pytest.mark.parametrize("status", ["pending", "rejected", "withdrawn"])
def test_unapproved_entry_cannot_be_marked(contest, status):
    Registration.objects.filter(pk=contest.entries[0].pk).update(status=status)
    response = post_mark(contest.judges[1].user, contest.entries[0], "P", 80)
    assert response.status_code == 400
    assert "registration" in response.json()
    assert not Mark.objects.exists()


def test_disqualified_entry_cannot_be_marked(contest):
    Registration.objects.filter(pk=contest.entries[0].pk).update(disqualified=True)
    assert post_mark(contest.judges[1].user, contest.entries[0], "P", 80).status_code == 400


@pytest.mark.usefixtures("english")  # asserts English text
def test_judge_cannot_mark_an_entry_of_their_own_work_unit(contest):
    response = post_mark(contest.judges[0].user, contest.own_entry, "P", 80)
    assert response.status_code == 400
    assert "Conflict of interest" in response.json()["registration"][0]
    assert not Mark.objects.exists()


def test_judge_cannot_mark_an_event_they_are_not_assigned_to(contest, union_tree):
    other = EntryFactory(event=EventFactory(contest=contest.event.contest))
    response = post_mark(contest.judges[1].user, other, "P", 80)
    assert response.status_code == 403


def test_judge_assigned_to_some_criteria_cannot_mark_others(contest):
    assignment = contest.judges[1].assignments.get()
    assignment.criteria = ["T"]
    assignment.save()
    response = post_mark(contest.judges[1].user, contest.entries[0], "P", 80)
    assert response.status_code == 400
    assert "criterion" in response.json()


def test_officer_and_worker_cannot_create_marks(contest, officer_a, worker_user):
    assert post_mark(officer_a, contest.entries[0], "P", 80).status_code == 403
    assert post_mark(worker_user, contest.entries[0], "P", 80).status_code == 403


def test_judge_sees_only_their_own_marks(contest):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    mine = mark(contest.judges[2], contest.entries[0], "P", 81)
    listing = client_for(contest.judges[2].user).get("/api/v1/marks/").json()["results"]
    assert [m["id"] for m in listing] == [mine.pk]
    other = Mark.objects.exclude(pk=mine.pk).get()
    response = client_for(contest.judges[2].user).get(f"/api/v1/marks/{other.pk}/")
    assert response.status_code == 404


def test_judge_cannot_change_another_judges_mark(contest):
    theirs = mark(contest.judges[1], contest.entries[0], "P", 80)
    response = client_for(contest.judges[2].user).patch(
        f"/api/v1/marks/{theirs.pk}/", {"value": "10"}, format="json"
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.change_mark(actor=contest.judges[2].user, mark=theirs, value=Decimal(10))


def test_marks_api_is_blind_to_entrants_names_and_work_units(contest):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    text = client_for(contest.judges[1].user).get("/api/v1/marks/").content.decode()
    worker = contest.entries[0].worker
    assert worker.name not in text
    assert worker.employer.name not in text
    assert worker.phone not in text


def test_officer_reads_marks_of_their_subtree_only(contest, officer_a, officer_c):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    assert client_for(officer_a).get("/api/v1/marks/").json()["count"] == 1
    assert client_for(officer_c).get("/api/v1/marks/").json()["count"] == 0


def test_officer_corrects_a_submitted_mark_with_a_reason(contest, officer_a):
    m = mark(contest.judges[1], contest.entries[0], "P", 80)
    services.submit_marks(
        actor=contest.judges[1].user, event=contest.event, confirm_incomplete=True
    )
    client = client_for(officer_a)
    refused = client.patch(f"/api/v1/marks/{m.pk}/", {"value": "90"}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    response = client.patch(
        f"/api/v1/marks/{m.pk}/", {"value": "90", "reason": "申诉成立"}, format="json"
    )
    assert response.status_code == 200, response.json()
    m.refresh_from_db()
    assert (m.value, m.locked) == (Decimal(90), True)
    log = MarkLog.objects.get(action="change")
    assert (log.actor, log.old_value, log.new_value, log.reason) == (
        officer_a,
        Decimal(80),
        Decimal(90),
        "申诉成立",
    )


def test_officer_outside_the_host_subtree_cannot_correct_a_mark(contest, officer_c):
    m = mark(contest.judges[1], contest.entries[0], "P", 80)
    with pytest.raises(PermissionDenied):
        services.change_mark(actor=officer_c, mark=m, value=Decimal(1), reason="x")


def test_officer_correction_is_range_checked(contest, officer_a):
    m = mark(contest.judges[1], contest.entries[0], "P", 80)
    with pytest.raises(ValidationError):
        services.change_mark(actor=officer_a, mark=m, value=Decimal(101), reason="x")


def test_a_mark_announces_marks_changed(contest, announced):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    assert announced == [contest.event.pk]


def test_judge_without_employer_may_mark_any_entry(contest, union_tree):
    judge = JudgeFactory(union=union_tree[0], employer=None)
    services.assign_judge(actor=contest_officer(contest), event=contest.event, judge=judge)
    assert mark(judge, contest.own_entry, "P", 50).value == Decimal(50)


def contest_officer(contest):
    from core.models import User

    return User.objects.get(username="officer_a")


def test_marksheet_gives_the_judge_bibs_own_marks_and_what_is_missing(contest):
    judge = contest.judges[0]
    mark(judge, contest.entries[0], "P", 80)
    response = client_for(judge.user).get(f"/api/v1/events/{contest.event.pk}/marksheet/")
    assert response.status_code == 200
    body = response.json()
    assert [c["code"] for c in body["criteria"]] == ["T", "P"]
    rows = {r["bib"]: r for r in body["entries"]}
    assert set(rows) == {e.bib for e in contest.entries}  # own work unit left out
    assert rows[contest.entries[0].bib]["marks"] == {"P": "80.00"}
    assert rows[contest.entries[0].bib]["missing"] == []  # T is the chief judge's measurement
    assert rows[contest.entries[1].bib]["missing"] == ["P"]
    for entry in contest.entries:
        assert entry.worker.name not in response.content.decode()


def test_marksheet_is_refused_to_judges_off_the_panel_and_to_officers(
    contest, officer_a, union_tree
):
    url = f"/api/v1/events/{contest.event.pk}/marksheet/"
    assert client_for(JudgeFactory(union=union_tree[0]).user).get(url).status_code == 403
    assert client_for(officer_a).get(url).status_code == 403


def test_more_than_two_decimal_places_are_refused(contest):
    with pytest.raises(ValidationError) as info:
        mark(contest.judges[1], contest.entries[0], "T", "88.125")
    assert "value" in info.value.message_dict
