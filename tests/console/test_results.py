"""Console: results of an event (compute with progress, the provisional leaderboard with
what decided each tie, draws, publish with the override) and the results index.

Unions are A → B and C unrelated (tests/conftest.py); the contest is hosted by B, so
officer_a and officer_b run it and officer_c does not. Entrants work in B, one in C.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import TaskRecord
from results import services
from results.models import DrawLot, ResultSnapshot
from tests.factories import ContestFactory, EmployerFactory, EventFactory
from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

pytestmark = pytest.mark.django_db

# Two criteria of equal weight: 李建兵 and 王芳 tie on 85.00, the practical part (P) decides.
CRITERIA = (("T", 50, 100, "mean", 1), ("P", 50, 10, "mean", 1))


@pytest.fixture
def event(union_tree):
    contest = ContestFactory(host_union=union_tree[1], status="judging", name="乙工会技能竞赛")
    return EventFactory(contest=contest, name="燃气管道工")


@pytest.fixture
def judge(union_tree):
    return JudgeFactory(union=union_tree[1], name="裁判甲")


def entrants(event, judge, union_tree, *, scheme=None, **scheme_fields):
    """Three entries marked by one judge: two tied on the total, one from union C."""
    _, crits = scheme or make_scheme(event, criteria=CRITERIA, **scheme_fields)
    b, c = (
        EmployerFactory(union=union_tree[1]),
        EmployerFactory(union=union_tree[2], kind="non_public"),
    )
    first = EntryFactory(event=event, worker__name="李建兵", worker__employer=b)
    second = EntryFactory(event=event, worker__name="王芳", worker__employer=b)
    outsider = EntryFactory(event=event, worker__name="赵外来", worker__employer=c)
    give_marks(first, crits, {"T": [80], "P": [9]}, [judge])
    give_marks(second, crits, {"T": [90], "P": [8]}, [judge])
    give_marks(outsider, crits, {"T": [50], "P": [5]}, [judge])
    return first, second, outsider


@pytest.fixture
def scored(event, judge, union_tree):
    """The event computed: a tie on the total broken by P."""
    entries = entrants(
        event, judge, union_tree, tie_break=["P"], award_tiers=[{"name": "一等奖", "count": 1}]
    )
    services.compute_event(event_id=event.pk)
    return entries


def url(name: str, obj=None, language: str = "zh-hans") -> str:
    """The page's address in Chinese (at /) or English (under /en/), whatever language the
    previous request left active."""
    with translation.override(language):
        return reverse(f"console:{name}", kwargs={"pk": obj.pk} if obj is not None else None)


# --- who may open the pages -------------------------------------------------------------


def test_a_worker_is_refused(page_client, worker_user, event):
    assert page_client(worker_user).get(url("event-results", event)).status_code == 403
    assert page_client(worker_user).get(url("results")).status_code == 403


@pytest.mark.parametrize(
    "name", ["event-results-compute", "event-results-publish", "event-results-draw"]
)
def test_an_officer_of_another_subtree_is_answered_404_and_starts_nothing(
    page_client, officer_c, event, scored, name
):
    client = page_client(officer_c)
    assert client.get(url("event-results", event)).status_code == 404
    assert client.post(url(name, event), {"override_reason": "x"}).status_code == 404
    assert not TaskRecord.objects.exists()
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_index_lists_only_the_officers_contests(page_client, officer_a, officer_c, event):
    other = ContestFactory(host_union=EmployerFactory().union, name="别处的竞赛")
    body = page_client(officer_c).get(url("results")).content.decode()
    assert event.contest.name not in body
    body = page_client(officer_a).get(url("results")).content.decode()
    assert event.contest.name in body and event.name in body and other.name not in body


# --- compute with progress --------------------------------------------------------------


def test_compute_starts_the_results_task_and_shows_its_outcome(
    page_client, officer_b, event, judge, union_tree, django_capture_on_commit_callbacks
):
    entrants(event, judge, union_tree)
    client = page_client(officer_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("event-results-compute", event))
    record = TaskRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url('event-results', event)}?task={record.pk}"
    assert (record.name, record.state, record.owner) == (
        "results.compute_event_results",
        "SUCCESS",
        officer_b,
    )
    page = client.get(response["Location"])
    assert page.context["task"] == record and not page.context["task_running"]
    assert ResultSnapshot.objects.get(event=event, is_current=True).version == 1


def test_a_running_task_is_polled_and_sends_the_page_on_when_done(page_client, officer_b, event):
    client = page_client(officer_b)
    client.post(url("event-results-compute", event))  # the commit never comes: still pending
    record = TaskRecord.objects.get()
    page = client.get(f"{url('event-results', event)}?task={record.pk}").content.decode()
    poll = url("results-task", record)
    assert f'hx-get="{poll}?next=' in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(poll, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<progress" in fragment.content.decode()
    TaskRecord.objects.filter(pk=record.pk).update(state="SUCCESS")
    done = client.get(f"{poll}?next=/manage/", HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == "/manage/"


def test_a_task_is_shown_only_to_its_owner(page_client, officer_a, officer_b, event):
    page_client(officer_b).post(url("event-results-compute", event))
    poll = url("results-task", TaskRecord.objects.get())
    assert page_client(officer_a).get(poll).status_code == 404


def test_a_failed_task_shows_its_errors(page_client, officer_b, event):
    record = TaskRecord.objects.create(
        name="results.compute_event_results",
        owner=officer_b,
        state="FAILURE",
        result={"errors": {"scheme": ["The event has no scoring scheme."]}},
    )
    body = page_client(officer_b).get(f"{url('event-results', event)}?task={record.pk}").content
    assert "The event has no scoring scheme." in body.decode()


# --- the provisional leaderboard ----------------------------------------------------------


def test_preview_shows_subtree_names_in_full_and_others_masked(
    page_client, officer_b, event, scored
):
    response = page_client(officer_b).get(url("event-results", event))
    names = [r["name"] for r in response.context["rows"]]
    assert names == ["李建兵", "王芳", "赵*来"]
    assert "赵外来" not in response.content.decode()


def test_preview_marks_the_criterion_that_broke_the_tie(page_client, officer_b, event, scored):
    response = page_client(officer_b).get(url("event-results", event, "en"))
    first, second, third = response.context["rows"]
    assert (first["row"].rank, second["row"].rank) == (1, 2)
    assert first["decided"] == second["decided"] == "P"
    assert first["scores"] == [("40.00", False), ("45.00", True)]  # weighted scores
    assert third["decided_label"] == "total"
    assert first["row"].tier == "一等奖"
    body = response.content.decode()
    assert 'class="num decided"' in body and "tie-break" in body


def test_preview_pages_through_a_long_leaderboard(
    page_client, officer_b, event, scored, monkeypatch
):
    monkeypatch.setattr("console.views.results.events.PAGE_SIZE", 2)
    response = page_client(officer_b).get(f"{url('event-results', event)}?page=2")
    assert [r["name"] for r in response.context["rows"]] == ["赵*来"]


# --- publish ------------------------------------------------------------------------------


def test_publish_makes_the_computed_version_public(page_client, officer_b, event, scored):
    response = page_client(officer_b).post(url("event-results-publish", event))
    assert response.status_code == 302
    snapshot = ResultSnapshot.objects.get(event=event, is_public=True)
    assert (snapshot.version, snapshot.published_by) == (1, officer_b)


@pytest.fixture
def incomplete(event, judge, union_tree):
    """An entry short of a mark: publishing is refused without a reason."""
    _, crits = make_scheme(event, criteria=(("T", 100, 100, "mean", 2),))
    give_marks(
        EntryFactory(event=event, worker__employer__union=union_tree[1]),
        crits,
        {"T": [80]},
        [judge],
    )
    services.compute_event(event_id=event.pk)


def test_refused_publishing_says_why_and_offers_the_override(
    page_client, officer_b, event, incomplete
):
    response = page_client(officer_b).post(
        url("event-results-publish", event, "en"), {"override_reason": ""}
    )
    assert response.status_code == 200
    errors = response.context["publish_form"].errors["override_reason"]
    assert "1 entries with missing marks" in errors[0] and "Give a reason to override." in errors[0]
    body = response.content.decode()
    assert 'name="override_reason"' in body and "missing marks" in body
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_an_override_of_blanks_is_refused_on_the_field(page_client, officer_b, event, incomplete):
    response = page_client(officer_b).post(
        url("event-results-publish", event), {"override_reason": "   "}
    )
    assert "override_reason" in response.context["publish_form"].errors
    assert not ResultSnapshot.objects.filter(is_public=True).exists()


def test_an_override_with_a_reason_publishes_and_records_it(
    page_client, officer_b, event, incomplete
):
    response = page_client(officer_b).post(
        url("event-results-publish", event), {"override_reason": "缺考，按规程公布"}
    )
    assert response.status_code == 302
    assert ResultSnapshot.objects.get(is_public=True).override_reason == "缺考，按规程公布"


def test_publishing_before_computing_is_a_form_error(page_client, officer_b, event):
    response = page_client(officer_b).post(url("event-results-publish", event))
    assert response.status_code == 200 and response.context["publish_form"].non_field_errors()


# --- draws --------------------------------------------------------------------------------


@pytest.fixture
def tied(event, judge, union_tree):
    """No shared places and no tie-break: 李建兵 and 王芳 wait for a draw."""
    entries = entrants(event, judge, union_tree, shared_places=False)
    services.compute_event(event_id=event.pk)
    return entries


def test_tied_entries_get_a_draw_form(page_client, officer_b, event, tied):
    response = page_client(officer_b).get(url("event-results", event))
    (group,) = response.context["draws"]
    assert group["rank"] == 1 and [name for name, _f in group["entries"]] == ["李建兵", "王芳"]
    assert [r["decided"] for r in response.context["rows"][:2]] == ["needs_draw", "needs_draw"]


def test_recording_the_lots_breaks_the_tie(
    page_client, officer_b, event, tied, django_capture_on_commit_callbacks
):
    first, second, _ = tied
    data = {"group": 1, f"g1-lot_{first.pk}": 2, f"g1-lot_{second.pk}": 1}
    with django_capture_on_commit_callbacks(execute=True):
        response = page_client(officer_b).post(url("event-results-draw", event), data)
    assert response.status_code == 302
    assert dict(DrawLot.objects.values_list("registration_id", "lot")) == {
        first.pk: 2,
        second.pk: 1,
    }
    top = ResultSnapshot.objects.get(is_current=True).rows.order_by("position").first()
    assert (top.registration_id, top.decided_by) == (second.pk, "draw")


def test_the_same_lot_twice_is_a_form_error(page_client, officer_b, event, tied):
    first, second, _ = tied
    data = {"group": 1, f"g1-lot_{first.pk}": 1, f"g1-lot_{second.pk}": 1}
    response = page_client(officer_b).post(url("event-results-draw", event), data)
    assert response.status_code == 200
    (group,) = response.context["draws"]
    assert group["form"].non_field_errors()
    assert not DrawLot.objects.exists()


def test_a_draw_for_a_group_that_does_not_wait_is_turned_away(
    page_client, officer_b, event, scored
):
    response = page_client(officer_b).post(url("event-results-draw", event), {"group": "x"})
    assert response.status_code == 302 and not DrawLot.objects.exists()
