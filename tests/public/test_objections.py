"""公示 and 异议: notice state from published_at + notice_days, objections filed by workers
during notice, answered by officers of the host union."""

import datetime as dt

import pytest
from django.utils import timezone

from public import selectors
from public.models import Objection
from results.models import ResultSnapshot
from tests.conftest import client_for
from tests.factories import OfficerFactory, UnionFactory
from tests.public.factories import long_ago


def test_notice_state_runs_from_publication_for_notice_days():
    published = timezone.now() - dt.timedelta(days=3)
    assert selectors.notice_state(published, 7)["state"] == "notice"
    assert selectors.notice_state(published, 2)["state"] == "final"
    assert selectors.notice_state(published, 2, open_objections=1)["state"] == "notice"
    assert selectors.notice_state(None, 7)["state"] == "provisional"


@pytest.fixture
def entrant(published):
    """The worker of the first published entry, logged in through the API."""
    row = published["rows"][0]
    return row.registration, client_for(row.registration.worker.user)


@pytest.fixture
def host_officer(published):
    return OfficerFactory(union=published["host"]).user


def file(client, registration, reason="评分有误，请复核"):
    return client.post("/api/v1/objections/", {"registration": registration.pk, "reason": reason})


def test_worker_files_objection_during_notice(entrant, api, published):
    registration, client = entrant
    response = file(client, registration)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    body = api.get(f"/api/v1/public/events/{registration.event_id}/leaderboard/").json()
    assert body["notice"]["open_objections"] == 1


def test_objection_needs_a_reason(entrant):
    registration, client = entrant
    response = file(client, registration, reason="  ")
    assert response.status_code == 400


def test_objection_after_notice_period_is_refused(entrant, published):
    registration, client = entrant
    ResultSnapshot.objects.filter(event=registration.event).update(published_at=long_ago(30))
    response = file(client, registration)
    assert response.status_code == 400
    assert "registration" in response.json()


def test_only_workers_file_objections(host_officer, published):
    response = file(client_for(host_officer), published["rows"][0].registration)
    assert response.status_code == 403


def test_host_officer_dismisses_with_reason_once(entrant, host_officer):
    registration, client = entrant
    objection_id = file(client, registration).json()["id"]
    officer = client_for(host_officer)
    url = f"/api/v1/objections/{objection_id}/dismiss/"
    response = officer.post(url, {"answer": "经复核评分无误"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dismissed"
    assert officer.post(url, {"answer": "again"}).status_code == 400


def test_officer_outside_host_union_cannot_answer(entrant, db):
    registration, client = entrant
    objection_id = file(client, registration).json()["id"]
    outsider = OfficerFactory(union=UnionFactory(code="ZJ")).user
    response = client_for(outsider).post(
        f"/api/v1/objections/{objection_id}/dismiss/", {"answer": "no"}
    )
    assert response.status_code == 404
    assert Objection.objects.get(pk=objection_id).status == "open"


def test_worker_sees_own_objections_only(entrant, published):
    registration, client = entrant
    file(client, registration)
    other = client_for(published["rows"][1].registration.worker.user)
    assert len(client.get("/api/v1/objections/").json()["results"]) == 1
    assert other.get("/api/v1/objections/").json()["results"] == []


@pytest.fixture
def scored(db, django_capture_on_commit_callbacks):
    """A real event: one criterion, one judge, two entries (80 and 70 marks), computed and
    published by the results services themselves."""
    from judging.models import Mark
    from results import services as results_services
    from tests.factories import ContestFactory, EventFactory
    from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme

    host = UnionFactory(code="HOST")
    officer = OfficerFactory(union=host).user
    event = EventFactory(contest=ContestFactory(host_union=host, notice_days=7, status="judging"))
    _, crits = make_scheme(event, criteria=(("T", 100, 100, "mean", 1),))
    judge = JudgeFactory(union=host)
    first, second = EntryFactory(event=event), EntryFactory(event=event)
    give_marks(first, crits, {"T": [80]}, [judge])
    give_marks(second, crits, {"T": [70]}, [judge])
    with django_capture_on_commit_callbacks(execute=True):
        results_services.compute_event(event_id=event.pk)
        results_services.publish_event(actor=officer, event=event)
    mark = Mark.objects.get(registration=second)
    return {"event": event, "officer": officer, "first": first, "second": second, "mark": mark}


def leader_bib(api, event) -> int:
    body = api.get(f"/api/v1/public/events/{event.pk}/leaderboard/").json()
    return body["results"][0]["bib"]


def test_uphold_corrects_marks_then_recomputes_and_republishes(
    scored, api, django_capture_on_commit_callbacks
):
    from judging.models import MarkLog

    event, second = scored["event"], scored["second"]
    assert leader_bib(api, event) == scored["first"].bib  # cached now: 80 beats 70
    objection_id = file(client_for(second.worker.user), second).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(scored["officer"]).post(
            f"/api/v1/objections/{objection_id}/uphold/",
            {"answer": "复核后更正为90分", "marks": [{"mark": scored["mark"].pk, "value": "90"}]},
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "upheld"
    public = ResultSnapshot.objects.get(event=event, is_public=True)
    assert public.version == 2
    top = public.rows.order_by("position").first()
    assert (top.registration_id, str(top.total)) == (second.pk, "90.00")
    log = MarkLog.objects.filter(mark=scored["mark"], action="change").get()
    assert (log.old_value, log.new_value, log.reason) == (70, 90, "复核后更正为90分")
    # Publishing bumped the public cache: the leaderboard shows the new leader at once.
    assert leader_bib(api, event) == second.bib


def test_failed_uphold_changes_nothing(scored):
    second = scored["second"]
    objection_id = file(client_for(second.worker.user), second).json()["id"]
    response = client_for(scored["officer"]).post(
        f"/api/v1/objections/{objection_id}/uphold/",
        {"answer": "更正", "marks": [{"mark": scored["mark"].pk, "value": "900"}]},
    )
    assert response.status_code == 400  # above the criterion's maximum
    scored["mark"].refresh_from_db()
    assert scored["mark"].value == 70
    assert Objection.objects.get(pk=objection_id).status == "open"
    assert ResultSnapshot.objects.get(event=scored["event"], is_public=True).version == 1


def test_uphold_refuses_marks_of_another_entry(entrant, host_officer):
    registration, client = entrant
    objection_id = file(client, registration).json()["id"]
    response = client_for(host_officer).post(
        f"/api/v1/objections/{objection_id}/uphold/",
        {"answer": "更正", "marks": [{"mark": 999999, "value": "80"}]},
    )
    assert response.status_code == 400
    assert "marks" in response.json()


def test_open_objection_keeps_results_in_notice_after_the_period(entrant, published):
    registration, client = entrant
    file(client, registration)
    ResultSnapshot.objects.filter(event__contest=published["contest"]).update(
        published_at=long_ago(30)
    )
    assert selectors.contest_notice(published["contest"])["state"] == "notice"
    Objection.objects.update(status="dismissed")
    assert selectors.contest_notice(published["contest"])["state"] == "final"


def test_my_results_page_shows_full_name_and_objection_form(entrant, client):
    registration, _ = entrant
    client.force_login(registration.worker.user)
    body = client.get("/me/results/").content.decode()
    assert registration.worker.name in body
    assert 'name="reason"' in body
    response = client.post("/me/objections/", {"registration": registration.pk, "reason": "复核"})
    assert response.status_code == 302
    assert Objection.objects.filter(registration=registration).count() == 1


def test_host_officer_dismisses_on_the_objections_page(entrant, host_officer, client, published):
    registration, worker_client = entrant
    objection_id = file(worker_client, registration).json()["id"]
    client.force_login(host_officer)
    url = f"/contests/{published['contest'].pk}/objections/"
    assert "评分有误" in client.get(url).content.decode()
    response = client.post(
        url, {"objection": objection_id, "answer": "无误", "decision": "dismiss"}
    )
    assert response.status_code == 302
    assert Objection.objects.get(pk=objection_id).status == "dismissed"


def test_objections_page_is_404_outside_the_host_union(published, client, db):
    client.force_login(OfficerFactory(union=UnionFactory(code="ZJ2")).user)
    assert client.get(f"/contests/{published['contest'].pk}/objections/").status_code == 404
