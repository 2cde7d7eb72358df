"""Console: contest awards (compute with progress, preview, publish the contest)."""

import pytest

from contests.models import Contest
from core.models import TaskRecord
from results import services
from results.models import AwardSnapshot, ResultSnapshot
from tests.console import test_results as base

# The event, its judge and entries of the results pages' tests.
event, judge, scored, incomplete = base.event, base.judge, base.scored, base.incomplete
entrants, url = base.entrants, base.url

pytestmark = pytest.mark.django_db


def test_a_worker_is_refused(page_client, worker_user, event):
    assert page_client(worker_user).get(url("contest-awards", event.contest)).status_code == 403


@pytest.mark.parametrize("name", ["contest-awards-compute", "contest-awards-publish"])
def test_an_officer_of_another_subtree_is_answered_404(page_client, officer_c, event, scored, name):
    client = page_client(officer_c)
    assert client.get(url("contest-awards", event.contest)).status_code == 404
    assert client.post(url(name, event.contest)).status_code == 404
    assert not TaskRecord.objects.exists() and not AwardSnapshot.objects.exists()


def test_compute_the_awards_then_preview_them(
    page_client, officer_b, event, scored, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("contest-awards-compute", event.contest), {"scope": "awards"})
    record = TaskRecord.objects.get()
    assert record.name == "results.compute_contest_awards" and record.state == "SUCCESS"
    page = client.get(response["Location"])
    lists = {item["kind"]: item["items"] for item in page.context["lists"]}
    assert [i["name"] for i in lists["gold_worker"]] == ["李建兵"]
    assert page.context["current"].version == 1 and page.context["public"] is None


def test_compute_every_event_counts_events_as_progress(
    page_client, officer_b, event, judge, union_tree, django_capture_on_commit_callbacks
):
    entrants(event, judge, union_tree)
    with django_capture_on_commit_callbacks(execute=True):
        page_client(officer_b).post(url("contest-awards-compute", event.contest), {"scope": "all"})
    record = TaskRecord.objects.get()
    assert (record.name, record.progress, record.total) == ("results.compute_contest_results", 2, 2)
    assert ResultSnapshot.objects.filter(event=event, is_current=True).exists()


def test_award_names_outside_the_subtree_are_masked(page_client, officer_b, event, scored):
    services.compute_awards(contest_id=event.contest_id)
    page = page_client(officer_b).get(url("contest-awards", event.contest))
    names = [i["name"] for group in page.context["lists"] for i in group["items"]]
    assert "赵外来" not in names and "赵外来" not in page.content.decode()


def test_publish_the_contest(page_client, officer_b, event, scored):
    response = page_client(officer_b).post(url("contest-awards-publish", event.contest))
    assert response.status_code == 302
    event.contest.refresh_from_db()
    assert event.contest.status == Contest.Status.PUBLISHED
    assert AwardSnapshot.objects.get(is_public=True).contest == event.contest


def test_refused_contest_publishing_offers_the_override(page_client, officer_b, event, incomplete):
    client = page_client(officer_b)
    response = client.post(url("contest-awards-publish", event.contest, "en"))
    assert response.status_code == 200
    assert (
        "Give a reason to override."
        in response.context["publish_form"].errors["override_reason"][0]
    )
    assert 'name="override_reason"' in response.content.decode()
    response = client.post(
        url("contest-awards-publish", event.contest), {"override_reason": "按规程先行公布"}
    )
    assert response.status_code == 302
    assert ResultSnapshot.objects.get(is_public=True).override_reason == "按规程先行公布"


def test_publishing_a_contest_without_results_is_a_form_error(page_client, officer_b, event):
    response = page_client(officer_b).post(url("contest-awards-publish", event.contest))
    assert response.status_code == 200 and response.context["publish_form"].non_field_errors()
