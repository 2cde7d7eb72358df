"""Officer exports (xlsx/CSV), certificates (PDF with an embedded CJK font), the report."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.models import TaskRecord
from public import certificates
from results.models import ResultSnapshot
from tests.conftest import client_for
from tests.factories import OfficerFactory, UnionFactory
from tests.public.factories import long_ago


@pytest.fixture
def host_officer(published):
    return OfficerFactory(union=published["host"]).user


@pytest.fixture
def final(published):
    ResultSnapshot.objects.filter(event__contest=published["contest"]).update(
        published_at=long_ago(30)
    )
    return published


def test_results_csv_for_host_officer_has_full_names(published, host_officer):
    event = published["events"][0]
    response = client_for(host_officer).get(f"/api/v1/events/{event.pk}/results-export/?file=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("序号,名次,参赛号,姓名")
    assert published["rows"][0].display_name in text
    assert len(text.splitlines()) == 10


def test_awards_xlsx_lists_winners_with_reasons(published, host_officer):
    contest = published["contest"]
    response = client_for(host_officer).get(f"/api/v1/contests/{contest.pk}/awards-export/")
    ws = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][-1] == "获奖理由"
    assert values[1][2] == published["rows"][0].display_name


def test_exports_are_refused_to_public_and_other_unions(api, published, db):
    event = published["events"][0]
    assert api.get(f"/api/v1/events/{event.pk}/results-export/").status_code in (401, 403)
    outsider = OfficerFactory(union=UnionFactory(code="AH")).user
    response = client_for(outsider).get(f"/api/v1/events/{event.pk}/results-export/")
    assert response.status_code == 404


def test_certificates_wait_for_final_results(published, host_officer):
    response = client_for(host_officer).get(
        f"/api/v1/contests/{published['contest'].pk}/certificates/?number=0"
    )
    assert response.status_code == 400


def test_single_certificate_embeds_a_cjk_truetype_font(final, host_officer):
    certificates.issue_certificates(final["contest"])
    number = certificates.contest_certificates(final["contest"]).first().number
    response = client_for(host_officer).get(
        f"/api/v1/contests/{final['contest'].pk}/certificates/?number={number}"
    )
    assert response.status_code == 200
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf  # an embedded TrueType font program


def test_certificate_task_writes_one_page_per_winner(
    final, host_officer, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)  # the task's work, in-process
    settings.MEDIA_ROOT = tmp_path
    client = client_for(host_officer)
    url = f"/api/v1/contests/{final['contest'].pk}/certificates/"
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 202
    record = TaskRecord.objects.get(pk=response.json()["task"])
    winners = certificates.contest_certificates(final["contest"]).count()
    assert record.state == "SUCCESS" and record.result["pages"] == winners == 6
    download = client.get(url)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")


def test_report_counts_units_by_kind_with_shares(api, published):
    body = api.get(f"/api/v1/contests/{published['contest'].pk}/report/").json()
    kinds = {u["kind"]: (u["count"], u["share"]) for u in body["units"]["by_kind"]}
    assert kinds["foreign"] == (1, 33.3)
    assert kinds["public_institution"] == (0, 0.0)
    assert body["entries"] == 13 and body["workers"] == 13
    assert {r["region"] for r in body["entries_by_region"]} == {"上海市", "江苏省"}
    gold = next(a for a in body["awards"] if a["tier"] == "gold_worker")
    assert gold["count"] == 2
    assert "外商投资企业1家（占33.3%）" in body["press_release"]
    assert "金牌职工2名" in body["press_release"]


def test_report_page_offers_excel_download(published, client):
    body = client.get(f"/contests/{published['contest'].pk}/report/").content.decode()
    assert f"/contests/{published['contest'].pk}/report.xlsx" in body


def test_certificate_text_sets_digits_outside_the_cjk_font():
    assert certificates._runs("第12名", "CJK") == [
        ("CJK", "第"),
        ("Helvetica", "12"),
        ("CJK", "名"),
    ]
