"""Console: public notice and objections (the queue, dismissing with an answer the worker
sees, upholding with corrected marks, recomputed and republished in one job)."""

import pytest
from django.utils import translation

from core.models import TaskRecord
from judging.models import Mark, MarkLog
from public import services as public_services
from public.models import Objection
from results import services
from results.models import ResultSnapshot
from tests.console import test_results as base

event, judge, scored, incomplete = base.event, base.judge, base.scored, base.incomplete
url = base.url

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(event, scored, officer_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_event(actor=officer_b, event=event)
    return scored


def object_to(registration) -> Objection:
    return public_services.file_objection(
        actor=registration.worker.user, registration=registration, reason="实操分数登记错误"
    )


@pytest.fixture
def objection(published):
    return object_to(published[1])  # 王芳, second on the tie-break


def test_a_worker_is_refused(page_client, worker_user):
    assert page_client(worker_user).get(url("objections")).status_code == 403


def test_an_officer_of_another_subtree_sees_none_and_may_answer_none(
    page_client, officer_c, objection, event
):
    client = page_client(officer_c)
    response = client.get(f"{url('objections')}?contest={event.contest_id}&status=")
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["notices"] == []
    assert "实操分数登记错误" not in response.content.decode()
    assert client.get(url("objection-uphold", objection)).status_code == 404
    assert client.post(url("objection-dismiss", objection), {"o1-answer": "x"}).status_code == 404
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN


def test_the_queue_shows_the_notice_period_and_open_objections(
    page_client, officer_b, objection, event
):
    response = page_client(officer_b).get(f"{url('objections')}?contest={event.contest_id}")
    (notice,) = response.context["notices"]
    assert notice["state"] == "notice" and notice["open_objections"] == 1
    assert notice["ends"] is not None
    (row,) = response.context["rows"]
    assert row["objection"] == objection and row["name"] == "王芳"
    body = response.content.decode()
    assert "实操分数登记错误" in body and url("objection-uphold", objection) in body


def test_the_queue_filters_by_status(page_client, officer_b, objection):
    response = page_client(officer_b).get(f"{url('objections')}?status=dismissed")
    assert response.context["rows"] == []


def test_dismissing_needs_an_answer(page_client, officer_b, objection):
    prefix = f"o{objection.pk}"
    response = page_client(officer_b).post(
        url("objection-dismiss", objection), {f"{prefix}-answer": ""}
    )
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row["form"].errors["answer"]
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN


def test_dismissing_records_the_answer_the_worker_sees(page_client, officer_b, objection):
    answer = "经复核，评分无误"
    response = page_client(officer_b).post(
        url("objection-dismiss", objection), {f"o{objection.pk}-answer": answer}
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.answer, objection.answered_by) == (
        "dismissed",
        answer,
        officer_b,
    )
    with translation.override("zh-hans"):
        mine = page_client(objection.filed_by).get("/me/results/").content.decode()
    assert answer in mine


def test_upholding_opens_the_entrys_marks(page_client, officer_b, objection):
    response = page_client(officer_b).get(url("objection-uphold", objection))
    assert response.status_code == 200
    marks = [mark for mark, _field in response.context["form"].mark_fields()]
    assert {m.criterion.code for m in marks} == {"T", "P"}
    assert f'name="mark_{marks[0].pk}"' in response.content.decode()


def correction(objection, code: str, value: str, **extra) -> dict:
    mark = Mark.objects.get(registration=objection.registration, criterion__code=code)
    data = {
        f"mark_{m.pk}": m.value for m in Mark.objects.filter(registration=objection.registration)
    }
    return {**data, f"mark_{mark.pk}": value, "answer": "复核后更正实操分", **extra}


def uphold(client, objection, data, capture):
    """Post the correction; the job runs when the request's transaction commits (at once
    in production without a broker, at the end of `capture` here). Returns the page
    answered while the job was queued and the progress fragment polled after it ran."""
    with capture(execute=True):
        page = client.post(url("objection-uphold", objection), data)
    poll = page.context["task_poll"]
    return page, client.get(poll, HTTP_HX_REQUEST="true")


def test_upholding_corrects_recomputes_and_republishes_in_one_job(
    page_client, officer_b, objection, event, django_capture_on_commit_callbacks
):
    page, done = uphold(
        page_client(officer_b),
        objection,
        correction(objection, "P", "10"),
        django_capture_on_commit_callbacks,
    )
    assert page.status_code == 200 and page.context["task_running"]
    assert done["HX-Redirect"] == f"{url('objections')}?contest={event.contest_id}"
    assert TaskRecord.objects.get().name == "public.uphold_objection"
    objection.refresh_from_db()
    assert objection.status == Objection.Status.UPHELD
    public = ResultSnapshot.objects.get(event=event, is_public=True)
    top = public.rows.order_by("position").first()
    assert (public.version, top.registration_id) == (2, objection.registration_id)
    log = MarkLog.objects.get(action="change")
    assert (log.old_value, log.new_value, log.reason) == (8, 10, "复核后更正实操分")


def test_a_refused_correction_shows_the_error_and_changes_nothing(
    page_client, officer_b, objection, event, django_capture_on_commit_callbacks
):
    _page, done = uphold(
        page_client(officer_b),
        objection,
        correction(objection, "P", "11"),  # above the maximum mark, 10
        django_capture_on_commit_callbacks,
    )
    assert "HX-Redirect" not in done and done.context["task_errors"]
    objection.refresh_from_db()
    assert objection.status == Objection.Status.OPEN
    assert ResultSnapshot.objects.get(event=event, is_public=True).version == 1


def test_upholding_needs_an_answer(page_client, officer_b, objection):
    data = correction(objection, "P", "10", answer="")
    response = page_client(officer_b).post(url("objection-uphold", objection), data)
    assert response.context["form"].errors["answer"] and not TaskRecord.objects.exists()


def test_a_running_uphold_shows_its_progress(page_client, officer_b, objection):
    # no commit in this test: the job stays queued, as behind a busy worker
    response = page_client(officer_b).post(
        url("objection-uphold", objection), correction(objection, "P", "10")
    )
    assert response.status_code == 200 and response.context["task_running"]
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_an_answered_objection_is_not_upheld_again(page_client, officer_b, objection):
    public_services.dismiss_objection(actor=officer_b, objection=objection, answer="无误")
    response = page_client(officer_b).get(url("objection-uphold", objection))
    assert response.status_code == 302


@pytest.fixture
def published_with_override(event, incomplete, officer_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_event(actor=officer_b, event=event, override_reason="缺考先行公布")
    return object_to(event.registrations.get())


def test_republishing_results_with_open_problems_asks_for_the_override(
    page_client, officer_b, published_with_override, django_capture_on_commit_callbacks
):
    objection = published_with_override
    client = page_client(officer_b)
    assert client.get(url("objection-uphold", objection)).context["ask_override"]
    _page, refused = uphold(
        client, objection, correction(objection, "T", "85"), django_capture_on_commit_callbacks
    )
    assert "HX-Redirect" not in refused
    reason = "第二位裁判缺席，按规程公布"
    data = correction(objection, "T", "85", override_reason=reason)
    _page, done = uphold(client, objection, data, django_capture_on_commit_callbacks)
    assert "HX-Redirect" in done
    objection.refresh_from_db()
    assert objection.status == Objection.Status.UPHELD
    assert ResultSnapshot.objects.get(is_public=True).override_reason == reason


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_outcome_shows_at_once(page_client, officer_b, objection):
    """Outside a test's transaction the job runs before the page answers: a refusal lands
    on the form's fields, success goes back to the queue."""
    client = page_client(officer_b)
    refused = client.post(url("objection-uphold", objection), correction(objection, "P", "11"))
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert refused.context["task"] is None
    done = client.post(url("objection-uphold", objection), correction(objection, "P", "10"))
    assert done.status_code == 302
