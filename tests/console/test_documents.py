"""Console: documents of a contest (exports with labels, never codes; certificates one per
winner or all in one; the statistics report)."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from core.models import TaskRecord
from public import documents
from results import services
from results.models import ResultSnapshot
from tests.console import test_results as base
from tests.public.factories import long_ago

event, judge, scored = base.event, base.judge, base.scored
url = base.url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(event, scored, officer_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_contest(actor=officer_b, contest=event.contest)
    return scored


@pytest.fixture
def final(published, event):
    ResultSnapshot.objects.filter(event=event).update(published_at=long_ago(30))
    return published


def file_url(contest, name: str) -> str:
    return url("contest-documents", contest) + f"files/{name}"


def export(client, contest, capture, **data):
    with capture(execute=True):
        response = client.post(url("contest-documents-export", contest), data)
    return response


def test_a_worker_is_refused(page_client, worker_user, event):
    assert page_client(worker_user).get(url("contest-documents", event.contest)).status_code == 403


@pytest.mark.parametrize(
    "address",
    [
        lambda c: url("contest-documents", c),
        lambda c: url("contest-report-xlsx", c),
        lambda c: file_url(c, f"contest-{c.pk}-registrations.csv"),
        lambda c: url("contest-certificates-file", c),
        lambda c: url("contest-documents", c) + "certificates/0.pdf",
    ],
)
def test_an_officer_of_another_subtree_is_answered_404(
    page_client, officer_c, final, event, address
):
    assert page_client(officer_c).get(address(event.contest)).status_code == 404


def test_an_officer_of_another_subtree_starts_no_job(page_client, officer_c, final, event):
    client = page_client(officer_c)
    for name in ("contest-documents-export", "contest-certificates"):
        data = {"document": "registrations", "file_format": "csv"}
        assert client.post(url(name, event.contest), data).status_code == 404
    assert not TaskRecord.objects.exists()


def test_registrations_export_to_excel_with_labels_and_subtree_names(
    page_client, officer_b, event, scored, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    data = {"document": "registrations", "file_format": "xlsx"}
    response = export(client, event.contest, django_capture_on_commit_callbacks, **data)
    record = TaskRecord.objects.get()
    assert response.status_code == 302 and record.state == "SUCCESS"
    name = f"contest-{event.contest_id}-registrations.xlsx"
    assert record.result["file"] == name
    page = client.get(response["Location"])
    assert [f["name"] for f in page.context["files"]] == [name]
    download = client.get(file_url(event.contest, name))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    with translation.override("zh-hans"):  # the page's language, whatever the catalogue has
        assert rows[0] == [str(header) for _c, header in documents.REGISTRATION_COLUMNS]
    assert rows[0][:2] == ["参赛号", "项目"]
    by_name = {row[3]: row for row in rows[1:]}
    assert set(by_name) == {"李建兵", "王芳", "赵*来"}
    outsider = by_name["赵*来"]
    assert outsider[5] == "非公企业" and outsider[9] == "已通过"
    assert "non_public" not in str(rows) and "approved" not in str(rows)


def test_results_export_needs_an_event(page_client, officer_b, event, published):
    data = {"document": "results", "file_format": "csv"}
    response = page_client(officer_b).post(url("contest-documents-export", event.contest), data)
    assert response.status_code == 200 and response.context["export_form"].errors["event"]
    assert not TaskRecord.objects.exists()


def test_results_export_to_csv_shows_labels(
    page_client, officer_b, event, published, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    data = {"document": "results", "file_format": "csv", "event": event.pk}
    export(client, event.contest, django_capture_on_commit_callbacks, **data)
    name = f"contest-{event.contest_id}-results-event-{event.pk}.csv"
    body = b"".join(client.get(file_url(event.contest, name)).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["序号", "名次", "参赛号", "姓名"]
    assert [r[3] for r in rows[1:]] == ["李建兵", "王芳", "赵*来"]
    assert {r[5] for r in rows[1:]} == {"国有企业", "非公企业"}


def test_awards_export(
    page_client, officer_b, event, published, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    data = {"document": "awards", "file_format": "csv"}
    export(client, event.contest, django_capture_on_commit_callbacks, **data)
    body = b"".join(
        client.get(
            file_url(event.contest, f"contest-{event.contest_id}-awards.csv")
        ).streaming_content
    ).decode("utf-8-sig")
    assert "金牌职工" in body and "李建兵" in body and "gold_worker" not in body


def test_an_officer_downloads_only_their_own_files(
    page_client, officer_a, officer_b, event, scored, django_capture_on_commit_callbacks
):
    data = {"document": "registrations", "file_format": "csv"}
    export(page_client(officer_b), event.contest, django_capture_on_commit_callbacks, **data)
    name = f"contest-{event.contest_id}-registrations.csv"
    assert page_client(officer_a).get(file_url(event.contest, name)).status_code == 404
    assert page_client(officer_b).get(file_url(event.contest, "../../x.csv")).status_code == 404


def test_certificates_wait_for_final_results(page_client, officer_b, event, published):
    client = page_client(officer_b)
    page = client.get(url("contest-documents", event.contest))
    assert page.context["certificates_refused"]
    assert (
        client.get(url("contest-documents", event.contest) + "certificates/X.pdf").status_code
        == 404
    )
    assert client.post(url("contest-certificates", event.contest)).status_code == 302
    assert not TaskRecord.objects.exists()


def test_one_certificate_per_winner(
    page_client, officer_b, event, final, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("contest-certificates", event.contest))  # issues them
    page = client.get(url("contest-documents", event.contest))
    winners = page.context["winner_rows"]
    assert "李建兵" in [c.holder_name for c, _detail in winners]
    number = winners[0][0].number
    assert winners[0][0].display_number in page.content.decode()
    pdf = client.get(url("contest-documents", event.contest) + f"certificates/{number}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    missing = client.get(url("contest-documents", event.contest) + "certificates/X.pdf")
    assert missing.status_code == 404


def test_all_certificates_in_one_file(
    page_client, officer_b, event, final, django_capture_on_commit_callbacks
):
    client = page_client(officer_b)
    assert client.get(url("contest-certificates-file", event.contest)).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("contest-certificates", event.contest))
    record = TaskRecord.objects.get()
    assert record.name == "public.generate_certificates" and record.state == "SUCCESS"
    book = client.get(url("contest-certificates-file", event.contest))
    assert book.status_code == 200
    assert b"".join(book.streaming_content).startswith(b"%PDF")


def test_the_statistics_report(page_client, officer_b, event, published):
    client = page_client(officer_b)
    page = client.get(url("contest-documents", event.contest))
    assert page.context["report"]["entries"] == 3
    assert page.context["report"]["press_release"] in page.content.decode()
    response = client.get(url("contest-report-xlsx", event.contest))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "概况"
