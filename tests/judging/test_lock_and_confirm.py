from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from judging import services
from judging.models import Mark, MarkLog
from tests.conftest import client_for
from tests.judging.conftest import mark

pytestmark = pytest.mark.django_db


def submit(judge, event, confirm_incomplete=True):
    return client_for(judge.user).post(
        f"/api/v1/events/{event.pk}/marks/submit/",
        {"confirm_incomplete": confirm_incomplete},
        format="json",
    )


def unlock(user, event, judge, reason="复核"):
    return client_for(user).post(
        f"/api/v1/events/{event.pk}/marks/unlock/",
        {"judge": judge.pk, "reason": reason},
        format="json",
    )


def test_submit_locks_the_judges_marks_and_logs_each(contest):
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    mark(judge, contest.entries[1], "P", 70)
    other = mark(contest.judges[2], contest.entries[0], "P", 75)
    response = submit(judge, contest.event)
    assert response.status_code == 200
    # entries[2] and own_entry miss P; T is the chief judge's measurement, not theirs.
    assert response.json() == {"locked": 2, "marks": 2, "missing": 2}
    assert set(Mark.objects.filter(judge=judge).values_list("locked", flat=True)) == {True}
    other.refresh_from_db()
    assert not other.locked
    assert MarkLog.objects.filter(action="lock", judge=judge, actor=judge.user).count() == 2


def test_submitted_marks_cannot_change_or_grow(contest):
    judge = contest.judges[1]
    m = mark(judge, contest.entries[0], "P", 80)
    submit(judge, contest.event)
    patch = client_for(judge.user).patch(f"/api/v1/marks/{m.pk}/", {"value": "81"}, format="json")
    assert patch.status_code == 400
    new = client_for(judge.user).post(
        "/api/v1/marks/",
        {"registration": contest.entries[1].pk, "criterion": "P", "value": "60"},
        format="json",
    )
    assert new.status_code == 400
    assert Mark.objects.get().value == Decimal(80)


def test_submit_by_a_judge_not_on_the_panel_is_refused(contest, union_tree):
    from tests.judging.factories import JudgeFactory

    stranger = JudgeFactory(union=union_tree[0])
    assert submit(stranger, contest.event).status_code == 403


def test_officer_unlocks_with_a_reason_and_the_judge_can_change_again(contest, officer_a):
    judge = contest.judges[1]
    m = mark(judge, contest.entries[0], "P", 80)
    submit(judge, contest.event)
    assert unlock(officer_a, contest.event, judge, reason="  ").status_code == 400
    response = unlock(officer_a, contest.event, judge, reason="评分偏差，重新评分")
    assert response.status_code == 200
    assert response.json() == {"unlocked": 1}
    log = MarkLog.objects.get(action="unlock")
    assert (log.actor, log.reason, log.mark_id) == (officer_a, "评分偏差，重新评分", m.pk)
    services.record_mark(
        actor=judge.user, registration=contest.entries[0], criterion_code="P", value=Decimal(85)
    )
    m.refresh_from_db()
    assert (m.value, m.locked) == (Decimal(85), False)


def test_only_an_officer_of_the_host_subtree_unlocks(contest, officer_c):
    judge = contest.judges[1]
    mark(judge, contest.entries[0], "P", 80)
    submit(judge, contest.event)
    assert unlock(officer_c, contest.event, judge).status_code == 403
    assert unlock(contest.chief.user, contest.event, judge).status_code == 403
    assert Mark.objects.get().locked


def test_unlocking_a_judge_not_on_the_panel_is_refused(contest, officer_a, union_tree):
    from tests.judging.factories import JudgeFactory

    response = unlock(officer_a, contest.event, JudgeFactory(union=union_tree[0]))
    assert response.status_code == 400
    assert "judge" in response.json()


def test_chief_judge_confirms_submitted_marks_only(contest):
    submitted = mark(contest.judges[1], contest.entries[0], "P", 80)
    open_mark = mark(contest.judges[0], contest.entries[0], "P", 82)
    submit(contest.judges[1], contest.event)
    response = client_for(contest.chief.user).post(
        f"/api/v1/events/{contest.event.pk}/marks/confirm/"
    )
    assert response.status_code == 200
    assert response.json() == {"confirmed": 1, "unsubmitted": 1}
    submitted.refresh_from_db()
    open_mark.refresh_from_db()
    assert (submitted.confirmed, open_mark.confirmed) == (True, False)
    log = MarkLog.objects.get(action="confirm")
    assert (log.actor, log.judge, log.mark_id) == (
        contest.chief.user,
        contest.judges[1],
        submitted.pk,
    )


def test_confirming_announces_marks_changed(contest, announced):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    submit(contest.judges[1], contest.event)
    announced.clear()
    services.confirm_marks(actor=contest.chief.user, event=contest.event)
    assert announced == [contest.event.pk]


def test_unlocking_announces_marks_changed(contest, officer_a, announced):
    mark(contest.judges[1], contest.entries[0], "P", 80)
    submit(contest.judges[1], contest.event)
    announced.clear()
    unlock(officer_a, contest.event, contest.judges[1])
    assert announced == [contest.event.pk]


def test_a_judge_who_is_not_chief_cannot_confirm(contest, officer_a):
    for user in (contest.judges[1].user, officer_a):
        response = client_for(user).post(f"/api/v1/events/{contest.event.pk}/marks/confirm/")
        assert response.status_code == 403


def test_unlock_removes_the_confirmation(contest, officer_a):
    judge = contest.judges[1]
    m = mark(judge, contest.entries[0], "P", 80)
    submit(judge, contest.event)
    services.confirm_marks(actor=contest.chief.user, event=contest.event)
    unlock(officer_a, contest.event, judge)
    m.refresh_from_db()
    assert (m.locked, m.confirmed) == (False, False)


def test_officer_reads_the_audit_trail_others_cannot(contest, officer_a, officer_c):
    judge = contest.judges[1]
    m = mark(judge, contest.entries[0], "P", 80)
    services.record_mark(
        actor=judge.user, registration=contest.entries[0], criterion_code="P", value=Decimal(81)
    )
    submit(judge, contest.event)
    unlock(officer_a, contest.event, judge, reason="复核")
    url = f"/api/v1/events/{contest.event.pk}/mark-log/"
    rows = client_for(officer_a).get(url).json()
    assert [(r["action"], r["old_value"], r["new_value"], r["actor"]) for r in rows] == [
        ("create", None, "80.00", judge.user.username),
        ("change", "80.00", "81.00", judge.user.username),
        ("lock", "81.00", "81.00", judge.user.username),
        ("unlock", "81.00", "81.00", "officer_a"),
    ]
    assert {r["mark"] for r in rows} == {m.pk}
    assert client_for(officer_c).get(url).status_code == 403
    assert client_for(judge.user).get(url).status_code == 403


def test_chief_judge_and_officer_assign_penalties_others_cannot(contest, officer_a, officer_c):
    url = f"/api/v1/registrations/{contest.entries[0].pk}/penalties/"
    body = {"marks": "2", "reason": "安全违规"}
    assert client_for(officer_a).post(url, body, format="json").status_code == 201
    assert client_for(contest.chief.user).post(url, body, format="json").status_code == 201
    assert client_for(officer_c).post(url, body, format="json").status_code == 403
    assert client_for(contest.judges[1].user).post(url, body, format="json").status_code == 403
    listed = client_for(officer_a).get(url).json()
    assert [(p["marks"], p["reason"]) for p in listed] == [("2.00", "安全违规")] * 2


@pytest.mark.parametrize(
    "body",
    [
        {"marks": "0", "reason": "x"},
        {"marks": "-1", "reason": "x"},
        {"marks": "2", "reason": " "},
        {"marks": "101", "reason": "x"},
    ],
)
def test_invalid_penalty_is_refused(contest, officer_a, body):
    url = f"/api/v1/registrations/{contest.entries[0].pk}/penalties/"
    assert client_for(officer_a).post(url, body, format="json").status_code == 400


def test_penalty_on_an_unapproved_entry_is_refused(contest, officer_a):
    from contests.models import Registration

    Registration.objects.filter(pk=contest.entries[0].pk).update(status="withdrawn")
    url = f"/api/v1/registrations/{contest.entries[0].pk}/penalties/"
    response = client_for(officer_a).post(url, {"marks": "2", "reason": "超时"}, format="json")
    assert response.status_code == 400
    assert "registration" in response.json()


def test_penalty_announces_marks_changed(contest, officer_a, announced):
    services.record_penalty(
        actor=officer_a, registration=contest.entries[0], marks=Decimal(2), reason="超时"
    )
    assert announced == [contest.event.pk]


def test_officer_unlocks_one_divergent_entry_for_re_marking(contest, officer_a):
    judge = contest.judges[1]
    divergent = mark(judge, contest.entries[0], "P", 30)
    other = mark(judge, contest.entries[1], "P", 80)
    submit(judge, contest.event)
    response = client_for(officer_a).post(
        f"/api/v1/events/{contest.event.pk}/marks/unlock/",
        {"judge": judge.pk, "reason": "分差超限，重新评分", "registration": contest.entries[0].pk,
         "criterion": "P"},
        format="json",
    )  # fmt: skip
    assert response.json() == {"unlocked": 1}
    divergent.refresh_from_db()
    other.refresh_from_db()
    assert (divergent.locked, other.locked) == (False, True)
    services.record_mark(
        actor=judge.user, registration=contest.entries[0], criterion_code="P", value=Decimal(78)
    )
    assert submit(judge, contest.event).json() == {"locked": 1, "marks": 2, "missing": 2}
    with pytest.raises(ValidationError):
        services.record_mark(
            actor=judge.user, registration=contest.entries[1], criterion_code="P", value=Decimal(1)
        )
