import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from console import selectors
from public.models import Objection
from results.models import ResultSnapshot
from tests.factories import (
    ContestFactory,
    EventFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.results.factories import make_scheme

pytestmark = pytest.mark.django_db
URL = reverse("console:dashboard")


def _group(response, stage: str) -> list:
    return next(items for code, _label, items in response.context["groups"] if code == stage)


def _stage_of(response, contest) -> str:
    for code, _label, items in response.context["groups"]:
        if any(item.contest.pk == contest.pk for item in items):
            return code
    raise AssertionError(f"{contest} is on no stage")


def _judged(union, *, snapshot: dict | None = None, entries: int = 1, **contest):
    """A contest after registration with one event (a scheme, `entries` approved entries)
    and, if given, a snapshot of that event with these fields."""
    event = EventFactory(contest=ContestFactory(host_union=union, status="judging", **contest))
    make_scheme(event)
    for _ in range(entries):
        RegistrationFactory(event=event)
    if snapshot is not None:
        ResultSnapshot.objects.create(event=event, version=1, is_current=True, **snapshot)
    return event


def test_anonymous_is_sent_to_log_in(page_client):
    response = page_client().get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_worker_is_refused(page_client, worker_user):
    assert page_client(worker_user).get(URL).status_code == 403


def test_officer_sees_contests_of_their_subtree_with_registrations_to_decide(
    page_client, officer_a, union_tree
):
    event = EventFactory(contest=ContestFactory(host_union=union_tree[1], name="乙工会竞赛"))
    RegistrationFactory(event=event, status="pending")
    response = page_client(officer_a).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "乙工会竞赛" in response.content.decode()
    assert _group(response, selectors.OPEN)[0].pending == 1


def test_officer_sees_no_contest_of_another_subtree(page_client, officer_c, union_tree):
    ContestFactory(host_union=union_tree[0], name="甲工会竞赛")
    response = page_client(officer_c).get(URL)
    assert response.status_code == 200
    assert "甲工会竞赛" not in response.content.decode()
    assert all(items == [] for _code, _label, items in response.context["groups"])


def test_menu_marks_the_current_page(page_client, officer_a):
    body = page_client(officer_a).get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in body


def test_contests_are_grouped_by_stage(page_client, officer_a, union_tree):
    a = union_tree[0]
    now = timezone.now()
    draft = ContestFactory(host_union=a, status="draft")
    open_ = ContestFactory(host_union=a, status="open")
    judging = _judged(a, snapshot={"complete": False, "stats": {"incomplete": 1}}).contest
    computed = _judged(a, snapshot={"complete": True}).contest
    in_notice = _judged(
        a, snapshot={"complete": True, "is_public": True, "published_at": now}
    ).contest
    final = _judged(
        a,
        snapshot={"complete": True, "is_public": True, "published_at": now - dt.timedelta(30)},
        notice_days=7,
    ).contest
    response = page_client(officer_a).get(URL)
    assert {
        c.name: _stage_of(response, c) for c in (draft, open_, judging, computed, in_notice, final)
    } == {
        draft.name: "draft",
        open_.name: "open",
        judging.name: "judging",
        computed.name: "computed",
        in_notice.name: "notice",
        final.name: "final",
    }


def test_an_open_objection_keeps_a_contest_in_notice_after_the_period(
    page_client, officer_a, union_tree
):
    published = timezone.now() - dt.timedelta(days=30)
    event = _judged(
        union_tree[0], snapshot={"complete": True, "is_public": True, "published_at": published}
    )
    Objection.objects.create(
        event=event,
        registration=event.registrations.get(),
        filed_by=UserFactory(),
        reason="分数有误",
    )
    response = page_client(officer_a).get(URL)
    assert _stage_of(response, event.contest) == "notice"
    [item] = _group(response, "notice")
    assert [t.kind for t in item.todos] == ["objections", "notice_ends"]


def test_the_least_advanced_event_sets_the_stage(page_client, officer_a, union_tree):
    event = _judged(
        union_tree[0],
        snapshot={"complete": True, "is_public": True, "published_at": timezone.now()},
    )
    second = EventFactory(contest=event.contest)
    make_scheme(second)
    RegistrationFactory(event=second)
    EventFactory(contest=event.contest)  # no entries: holds nothing back
    assert _stage_of(page_client(officer_a).get(URL), event.contest) == "judging"


def test_judging_todos_count_unmarked_entries_and_divergences(page_client, officer_a, union_tree):
    stats = {"incomplete": 3, "divergent": 2, "needs_draw": 0}
    event = _judged(union_tree[0], snapshot={"complete": False, "stats": stats}, entries=4)
    unscored = EventFactory(contest=event.contest)
    RegistrationFactory(event=unscored)
    [item] = _group(page_client(officer_a).get(URL), "judging")
    assert [(t.kind, t.count, t.event) for t in item.todos] == [
        ("unmarked", 3, event),
        ("divergent", 2, event),
        ("no_scheme", None, unscored),
    ]


def test_an_event_without_a_snapshot_has_all_its_entries_unmarked(
    page_client, officer_a, union_tree
):
    _judged(union_tree[0], entries=2)
    [item] = _group(page_client(officer_a).get(URL), "judging")
    assert [(t.kind, t.count) for t in item.todos] == [("unmarked", 2)]


def test_todos_link_to_the_page_that_resolves_them(page_client, officer_a, union_tree):
    draft = ContestFactory(host_union=union_tree[0], status="draft")
    [item] = _group(page_client(officer_a).get(URL), "draft")
    assert [(t.kind, t.url) for t in item.todos] == [
        ("no_events", reverse("console:event-create", kwargs={"pk": draft.pk}))
    ]


def test_links_to_pages_not_built_yet_are_hidden(page_client, officer_a, union_tree, monkeypatch):
    from console.views.contests import common

    real = common.reverse

    def reverse_without_registrations(name, **kwargs):
        if name == "console:registrations":
            raise common.NoReverseMatch(name)
        return real(name, **kwargs)

    monkeypatch.setattr(common, "reverse", reverse_without_registrations)
    RegistrationFactory(
        event=EventFactory(contest=ContestFactory(host_union=union_tree[0])), status="pending"
    )
    response = page_client(officer_a).get(URL)
    [item] = _group(response, "open")
    [pending] = [t for t in item.todos if t.kind == "pending"]
    assert pending.url is None
    assert "?contest=" not in response.content.decode()


def test_dashboard_reads_in_a_fixed_number_of_queries(
    page_client, officer_a, union_tree, django_assert_max_num_queries
):
    for _ in range(4):  # each contest with two events, a pending entry and a snapshot
        event = _judged(union_tree[0], snapshot={"complete": False, "stats": {"incomplete": 1}})
        EventFactory(contest=event.contest)
        RegistrationFactory(event=event, status="pending")
    client = page_client(officer_a)
    # session, user, officer path; contests, events, snapshots; the header's three roles
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert len(_group(response, "judging")) == 4
