"""The audit page of a contest: every recorded change, newest first, names where allowed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contests.services import disqualify_registration
from judging.models import MarkLog, Penalty
from public.models import Objection
from results.models import ResultSnapshot
from tests.factories import (
    ContestFactory,
    EmployerFactory,
    EventFactory,
    RegistrationFactory,
    UnionFactory,
    UserFactory,
    WorkerFactory,
)
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(union_tree):
    contest = ContestFactory(host_union=union_tree[0], status="judging", name="甲工会竞赛")
    return EventFactory(contest=contest, name="电工")


def url(event) -> str:
    return reverse("console:contest-audit", kwargs={"pk": event.contest_id})


def _log(event, registration, *, at, action="change", old=80, new=85, reason="复核", **more):
    log = MarkLog.objects.create(
        event=event,
        registration=registration,
        criterion_code="T",
        action=action,
        old_value=Decimal(old),
        new_value=Decimal(new),
        reason=reason,
        **more,
    )
    MarkLog.objects.filter(pk=log.pk).update(at=at)  # `at` is set on creation
    return log


def test_another_subtree_gets_404_and_a_worker_403(page_client, officer_c, worker_user, event):
    assert page_client(officer_c).get(url(event)).status_code == 404
    assert page_client(worker_user).get(url(event)).status_code == 403


def test_every_kind_of_change_newest_first(page_client, officer_a, event, union_tree):
    now = timezone.now()
    judge = JudgeFactory(name="李裁判")
    entry = RegistrationFactory(event=event, bib=7, decided_at=now - dt.timedelta(hours=5))
    _log(event, entry, at=now - dt.timedelta(hours=4), judge=judge, actor=judge.user)
    _log(event, entry, at=now - dt.timedelta(hours=3), action="unlock", judge=judge,
         actor=officer_a, reason="重新评分")  # fmt: skip
    penalty = Penalty.objects.create(
        registration=entry, marks=Decimal(2), reason="超时", recorded_by=officer_a
    )
    Penalty.objects.filter(pk=penalty.pk).update(at=now - dt.timedelta(hours=2))
    ResultSnapshot.objects.create(
        event=event,
        version=3,
        is_current=True,
        is_public=True,
        published_at=now - dt.timedelta(hours=1),
        published_by=officer_a,
        override_reason="评分缺一人，经组委会同意",
    )
    Objection.objects.create(
        event=event,
        registration=entry,
        filed_by=entry.worker.user,
        reason="分数有误",
        status="dismissed",
        answer="复核无误",
        answered_by=officer_a,
        answered_at=now,
    )
    cheat = RegistrationFactory(event=event, bib=9, status="approved")
    disqualify_registration(actor=officer_a, registration=cheat, reason="冒名顶替")
    response = page_client(officer_a).get(url(event))
    rows = response.context["page"].object_list
    assert [r.kind for r in rows] == [
        "disqualification",  # recorded last, so newest
        "objection",
        "override",
        "penalty",
        "mark",  # the unlock (a mark log row, its own kind in the filter)
        "mark",
        "registration",
    ]
    assert rows[2].reason == "评分缺一人，经组委会同意"
    assert rows[4].reason == "重新评分" and "李裁判" in rows[4].action
    assert (rows[5].actor, rows[5].old, rows[5].new) == ("李裁判", "80.00", "85.00")
    assert rows[0].entry.startswith("#9") and rows[0].reason == "冒名顶替"


def test_filtered_by_kind_and_paginated(page_client, officer_a, event):
    entry = RegistrationFactory(event=event)
    start = timezone.now() - dt.timedelta(days=1)
    for minute in range(30):
        _log(event, entry, at=start + dt.timedelta(minutes=minute), new=minute)
    _log(event, entry, at=start, action="unlock", reason="解锁")
    client = page_client(officer_a)
    first = client.get(url(event), {"kind": "mark"}).context["page"]
    assert first.paginator.count == 30 and len(first.object_list) == 25
    assert first.object_list[0].new == "29.00"
    second = client.get(url(event), {"kind": "mark", "page": 2}).context["page"]
    assert [r.new for r in second.object_list] == [f"{m}.00" for m in range(4, -1, -1)]
    unlocks = client.get(url(event), {"kind": "unlock"}).context["page"].object_list
    assert [r.reason for r in unlocks] == ["解锁"]
    assert client.get(url(event), {"kind": "nonsense", "page": "x"}).status_code == 200


def test_workers_are_named_only_to_officers_of_their_subtree(
    page_client, officer_a, event, union_tree
):
    outside = UnionFactory(name="外地工会")
    ours = RegistrationFactory(
        event=event,
        bib=1,
        worker=WorkerFactory(name="王小兵", employer=EmployerFactory(union=union_tree[1])),
    )
    theirs = RegistrationFactory(
        event=event,
        bib=2,
        worker=WorkerFactory(name="赵大海", employer=EmployerFactory(union=outside)),
    )
    now = timezone.now()
    _log(event, ours, at=now)
    _log(event, theirs, at=now - dt.timedelta(minutes=1))
    body = page_client(officer_a).get(url(event)).content.decode()
    assert "王小兵" in body
    assert "赵大海" not in body and "#2" in body


def test_other_contests_changes_are_not_listed(page_client, officer_a, event):
    other = EventFactory(contest=ContestFactory(host_union=event.contest.host_union))
    _log(other, RegistrationFactory(event=other), at=timezone.now(), reason="别的竞赛")
    body = page_client(officer_a).get(url(event)).content.decode()
    assert "别的竞赛" not in body


def test_a_judge_actor_is_named_by_the_judge_record(page_client, officer_a, event):
    judge = JudgeFactory(name="周裁判", user=UserFactory(first_name="x"))
    _log(event, RegistrationFactory(event=event), at=timezone.now(), actor=judge.user)
    rows = page_client(officer_a).get(url(event)).context["page"].object_list
    assert rows[0].actor == "周裁判"


def test_submissions_are_listed_only_when_asked_for(page_client, officer_a, event):
    entry = RegistrationFactory(event=event)
    now = timezone.now()
    _log(event, entry, at=now, action="confirm", reason="")
    _log(event, entry, at=now - dt.timedelta(minutes=1), reason="改分")
    client = page_client(officer_a)
    every = client.get(url(event)).context["page"].object_list
    assert [r.reason for r in every] == ["改分"]
    [confirmed] = client.get(url(event), {"kind": "submission"}).context["page"].object_list
    assert (confirmed.old, confirmed.new) == ("", "85.00")
