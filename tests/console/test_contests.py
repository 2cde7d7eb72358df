"""Contest and event pages: list, create, edit, status steps, the event page."""

import pytest
from django.urls import reverse

from contests.models import Contest, Event
from tests.factories import ContestFactory, EventFactory, RegistrationFactory, SeriesFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(union_tree):
    return ContestFactory(host_union=union_tree[1], status="draft", name="乙工会焊工竞赛")


@pytest.fixture
def event(contest):
    return EventFactory(contest=contest, name="电焊工")


def _contest_data(union, series, **changes) -> dict:
    data = {
        "series": series.pk,
        "division": "",
        "host_union": union.pk,
        "name": "第二届焊工竞赛",
        "description": "",
        "registration_opens": "2026-03-01T09:00",
        "registration_closes": "2026-03-20T17:00",
        "contest_date": "2026-04-10",
        "notice_days": "7",
    }
    return {**data, **changes}


def _event_data(**changes) -> dict:
    data = {"name": "钳工", "kind": "individual", "description": ""}
    return {**data, **changes}


# --- who may open the pages ----------------------------------------------------------------


def _pages(contest, event) -> list[str]:
    return [
        reverse("console:contest", kwargs={"pk": contest.pk}),
        reverse("console:contest-edit", kwargs={"pk": contest.pk}),
        reverse("console:event-create", kwargs={"pk": contest.pk}),
        reverse("console:event", kwargs={"pk": event.pk}),
        reverse("console:event-edit", kwargs={"pk": event.pk}),
    ]


def test_pages_of_another_subtrees_contest_are_not_found(page_client, officer_c, contest, event):
    client = page_client(officer_c)
    assert [client.get(url).status_code for url in _pages(contest, event)] == [404] * 5
    status = reverse("console:contest-status", kwargs={"pk": contest.pk})
    assert client.post(status, {"status": "open"}).status_code == 404
    contest.refresh_from_db()
    assert contest.status == "draft"


def test_a_worker_is_refused_every_page(page_client, worker_user, contest, event):
    client = page_client(worker_user)
    urls = [*_pages(contest, event), reverse("console:contests"), reverse("console:contest-create")]
    assert {client.get(url).status_code for url in urls} == {403}


def test_the_list_shows_only_the_officers_subtree(page_client, officer_c, officer_a, contest):
    ContestFactory(host_union=officer_c.officer.union, name="丙工会竞赛")
    body = page_client(officer_c).get(reverse("console:contests")).content.decode()
    assert "丙工会竞赛" in body and contest.name not in body
    body = page_client(officer_a).get(reverse("console:contests")).content.decode()
    assert contest.name in body and "丙工会竞赛" not in body


def test_the_list_filters_by_status(page_client, officer_a, contest):
    ContestFactory(host_union=contest.host_union, name="报名中的竞赛", status="open")
    response = page_client(officer_a).get(reverse("console:contests"), {"status": "open"})
    assert [c.name for c in response.context["page"]] == ["报名中的竞赛"]
    bad = page_client(officer_a).get(reverse("console:contests"), {"status": "nonsense"})
    assert bad.status_code == 200


# --- contests --------------------------------------------------------------------------------


def test_officer_creates_a_draft_contest(page_client, officer_a, union_tree):
    series = SeriesFactory()
    response = page_client(officer_a).post(
        reverse("console:contest-create"), _contest_data(union_tree[1], series)
    )
    contest = Contest.objects.get(name="第二届焊工竞赛")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:contest", kwargs={"pk": contest.pk})
    assert (contest.status, contest.host_union, contest.notice_days) == ("draft", union_tree[1], 7)


def test_a_window_closing_before_it_opens_is_a_field_error(page_client, officer_a, union_tree):
    data = _contest_data(union_tree[0], SeriesFactory(), registration_closes="2026-02-01T09:00")
    response = page_client(officer_a).post(reverse("console:contest-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["registration_closes"]
    assert not Contest.objects.filter(name="第二届焊工竞赛").exists()


def test_only_unions_of_the_subtree_may_host(page_client, officer_b, union_tree):
    data = _contest_data(union_tree[0], SeriesFactory())
    response = page_client(officer_b).post(reverse("console:contest-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["host_union"]


def test_officer_edits_a_contest(page_client, officer_a, contest):
    url = reverse("console:contest-edit", kwargs={"pk": contest.pk})
    form = page_client(officer_a).get(url).context["form"]
    data = {
        k: ("" if v is None else getattr(v, "pk", v))
        for k, v in form.initial.items()
        if k in form.fields
    }
    data.update(
        name="改名后的竞赛",
        registration_opens="2026-03-01T09:00",
        registration_closes="2026-03-20T17:00",
        contest_date="2026-04-10",
        notice_days="10",
    )
    response = page_client(officer_a).post(url, data)
    assert response.status_code == 302
    contest.refresh_from_db()
    assert (contest.name, contest.notice_days) == ("改名后的竞赛", 10)


def test_status_moves_one_step_with_the_button(page_client, officer_a, contest):
    client = page_client(officer_a)
    url = reverse("console:contest-status", kwargs={"pk": contest.pk})
    page = client.get(reverse("console:contest", kwargs={"pk": contest.pk}))
    assert page.context["step"][0] == "open"
    assert client.post(url, {"status": "open"}).status_code == 302
    contest.refresh_from_db()
    assert contest.status == "open"
    client.post(url, {"status": "closed"})
    contest.refresh_from_db()
    assert contest.status == "closed"


def test_a_stale_status_button_changes_nothing(page_client, officer_a, contest):
    url = reverse("console:contest-status", kwargs={"pk": contest.pk})
    response = page_client(officer_a).post(url, {"status": "closed"}, follow=True)
    contest.refresh_from_db()
    assert contest.status == "draft"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_status_button_needs_a_post(page_client, officer_a, contest):
    url = reverse("console:contest-status", kwargs={"pk": contest.pk})
    assert page_client(officer_a).get(url).status_code == 405


def test_the_contest_page_lists_events_with_their_counts(page_client, officer_a, event):
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="pending")
    response = page_client(officer_a).get(
        reverse("console:contest", kwargs={"pk": event.contest_id})
    )
    [row] = response.context["item"].events
    assert (row.name, row.entries, row.pending, row.has_scheme) == ("电焊工", 1, 1, False)
    assert reverse("console:event", kwargs={"pk": event.pk}) in response.content.decode()


# --- events ----------------------------------------------------------------------------------


def test_officer_adds_an_event_with_every_eligibility_rule(
    page_client, officer_a, contest, union_tree
):
    data = _event_data(
        kind="team",
        eligible_unions=[union_tree[1].pk],
        eligible_regions=[region("310000").pk],
        employer_kinds=["state_owned", "non_public"],
        min_skill_grade="4",
        max_skill_grade="2",
        min_age="18",
        max_age="55",
        min_team_size="2",
        max_team_size="4",
        quota_per_employer="3",
    )
    url = reverse("console:event-create", kwargs={"pk": contest.pk})
    response = page_client(officer_a).post(url, data)
    event = Event.objects.get(name="钳工")
    assert response["Location"] == reverse("console:event", kwargs={"pk": event.pk})
    assert list(event.eligible_unions.all()) == [union_tree[1]]
    assert [r.code for r in event.eligible_regions.all()] == ["310000"]
    assert (event.kind, sorted(event.employer_kinds)) == ("team", ["non_public", "state_owned"])
    assert (event.min_skill_grade, event.max_skill_grade) == (4, 2)
    assert (event.min_age, event.max_age, event.min_team_size, event.max_team_size) == (
        18,
        55,
        2,
        4,
    )
    assert event.quota_per_employer == 3


def test_an_age_range_backwards_is_a_field_error(page_client, officer_a, contest):
    url = reverse("console:event-create", kwargs={"pk": contest.pk})
    response = page_client(officer_a).post(url, _event_data(min_age="50", max_age="30"))
    assert response.status_code == 200
    assert response.context["form"].errors["max_age"]
    assert not Event.objects.filter(name="钳工").exists()


def test_team_sizes_on_an_individual_event_are_a_field_error(page_client, officer_a, contest):
    url = reverse("console:event-create", kwargs={"pk": contest.pk})
    response = page_client(officer_a).post(url, _event_data(min_team_size="2"))
    assert response.context["form"].errors["min_team_size"]


def test_officer_edits_an_event(page_client, officer_a, event):
    url = reverse("console:event-edit", kwargs={"pk": event.pk})
    response = page_client(officer_a).post(
        url, _event_data(name="电焊工（高级）", quota_per_employer="2")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.name, event.quota_per_employer) == ("电焊工（高级）", 2)


def test_the_kind_of_an_event_with_entries_stays(page_client, officer_a, event):
    RegistrationFactory(event=event)
    url = reverse("console:event-edit", kwargs={"pk": event.pk})
    response = page_client(officer_a).post(url, _event_data(name=event.name, kind="team"))
    assert response.context["form"].errors["kind"]


def test_the_event_page_shows_its_rules(page_client, officer_a, event):
    event.min_age, event.max_age, event.employer_kinds = 18, 40, ["foreign"]
    event.save()
    response = page_client(officer_a).get(
        reverse("console:event", kwargs={"pk": event.pk}), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert response.context["kinds"] and response.context["rules"]
    assert "18–40" in body
    assert reverse("console:event-edit", kwargs={"pk": event.pk}) in body
