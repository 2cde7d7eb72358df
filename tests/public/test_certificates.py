"""Certificates anyone can verify: issued when results are final, revoked when they change,
the verification page and API (masked, recorded, rate-limited), a worker's own download,
and the PDF (number, date and a QR code of the verification page)."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from public import certificates, tasks
from results.models import Certificate, CertificateLookup, ResultRow, ResultSnapshot
from results.signals import results_published
from tests.conftest import client_for
from tests.factories import OfficerFactory
from tests.public.factories import long_ago


@pytest.fixture
def final(published):
    ResultSnapshot.objects.filter(event__contest=published["contest"]).update(
        published_at=long_ago(30)
    )
    return published


@pytest.fixture
def issued(final):
    certificates.issue_certificates(final["contest"])
    return final


def a_certificate(**filters) -> Certificate:
    return Certificate.objects.filter(revoked_at__isnull=True, **filters).order_by("id").first()


def test_certificates_are_not_issued_before_results_are_final(published):
    tasks.issue_final_certificates()
    assert not Certificate.objects.exists()


def test_the_scheduled_task_issues_certificates_once_results_are_final(final):
    assert tasks.issue_final_certificates() == {"contests": 1, "issued": 6}
    assert tasks.issue_final_certificates() == {"contests": 1, "issued": 0}  # idempotent
    assert Certificate.objects.filter(contest=final["contest"]).count() == 6


def test_republishing_a_changed_result_revokes_its_certificate(issued):
    event = issued["events"][0]
    cert = a_certificate(event=event, rank=1)
    ResultRow.objects.filter(snapshot__event=event, position=1).update(tier="二等奖")
    results_published.send(sender=ResultSnapshot, event_id=event.pk, contest_id=event.contest_id)
    cert.refresh_from_db()
    assert cert.revoked_at is not None
    successor = cert.replaced_by  # the results are final: issued again at once
    assert successor is not None and successor.award == "二等奖"


def test_verification_page_shows_the_masked_certificate(issued, client):
    cert = a_certificate(event=issued["events"][0], rank=1)
    response = client.get(f"/en/verify/{cert.display_number}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Valid certificate" in body
    for shown in (cert.masked_name, issued["contest"].name, cert.event.name, "一等奖"):
        assert shown in body
    assert issued["host"].name in body and cert.display_number in body
    assert certificates.issued_on(cert) in body


def test_verification_page_carries_no_personal_data_beyond_the_masked_name(issued, client):
    cert = a_certificate(event=issued["events"][0], rank=1)
    row = ResultRow.objects.filter(registration_id=cert.registration_id).get()
    worker = row.registration.worker
    body = client.get(f"/verify/{cert.number}/").content.decode()
    assert cert.masked_name in body and cert.masked_name != worker.name
    for private in (worker.name, worker.id_number, worker.phone, row.employer_name):
        assert private not in body


def test_a_revoked_certificate_says_so_with_the_date(issued, client):
    cert = a_certificate(event=issued["events"][0], rank=1)
    ResultRow.objects.filter(snapshot__event=cert.event, position=1).update(tier="二等奖")
    certificates.revise_certificates(cert.contest_id)
    body = client.get(f"/en/verify/{cert.number}/").content.decode()
    assert "Revoked on" in body and "result changed after the certificate was issued" in body
    assert "Valid certificate" not in body


def test_unknown_and_malformed_numbers_get_the_same_plain_not_found(issued, client):
    cert = a_certificate()
    unknown = cert.number[:-1] + ("0" if cert.number[-1] != "0" else "1")
    answers = [client.get(f"/en/verify/{n}/") for n in (unknown, "nonsense", "1' OR 1=1")]
    assert {a.status_code for a in answers} == {404}
    bodies = {re.sub(r'value="[^"]*"', "", a.content.decode()) for a in answers}
    assert all("Not found." in b and "Valid" not in b for b in bodies)
    assert CertificateLookup.objects.filter(found=False).count() == 3


def test_every_lookup_is_recorded_without_the_address(issued, client):
    cert = a_certificate()
    client.get(f"/verify/{cert.number}/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="X" * 500)
    lookup = CertificateLookup.objects.get()
    assert lookup.found and lookup.certificate == cert and lookup.number == cert.number
    assert "203.0.113.9" not in lookup.address_hash and len(lookup.user_agent) == 200


def test_the_lookup_form_finds_a_number_as_typed(issued, client):
    cert = a_certificate()
    assert client.get("/en/verify/").status_code == 200
    typed = cert.display_number.lower().replace("-", " ")
    response = client.get("/en/verify/", {"number": typed})
    assert response.status_code == 200 and cert.masked_name in response.content.decode()


def test_lookups_are_rate_limited_per_address(issued, settings):
    settings.CERTIFICATE_LOOKUPS_PER_MINUTE = 3
    cert = a_certificate()
    mine, other = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    assert [mine.get(f"/verify/{cert.number}/").status_code for _ in range(3)] == [200] * 3
    refused = mine.get(f"/verify/{cert.number}/")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    api = mine.get(f"/api/v1/public/certificates/{cert.number}/")
    assert api.status_code == 429 and api["Retry-After"]
    assert other.get(f"/verify/{cert.number}/").status_code == 200
    assert CertificateLookup.objects.count() == 4  # refused lookups are not looked up


def test_rate_limit_fails_open_when_the_cache_fails(issued, settings, monkeypatch):
    settings.CERTIFICATE_LOOKUPS_PER_MINUTE = 1

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", broken)
    cert = a_certificate()
    assert [Client().get(f"/verify/{cert.number}/").status_code for _ in range(3)] == [200] * 3


def test_verification_api_answers_the_same_masked_data(issued, api):
    cert = a_certificate(event=issued["events"][0], rank=1)
    data = api.get(f"/api/v1/public/certificates/{cert.display_number}/").json()
    assert data["name"] == cert.masked_name and data["valid"] is True
    assert data["award"] == "一等奖" and data["union"] == issued["host"].name
    assert set(data) == {
        "number", "name", "contest", "event", "award", "issued", "union", "valid", "revoked",
        "revoked_because",
    }  # fmt: skip
    assert api.get("/api/v1/public/certificates/NOPE/").status_code == 404


def test_a_worker_downloads_their_own_certificates_from_my_results(issued):
    cert = a_certificate(event=issued["events"][0], rank=1)
    worker = ResultRow.objects.get(registration_id=cert.registration_id).registration.worker
    other = a_certificate(event=issued["events"][0], rank=2)
    client = Client()
    client.force_login(worker.user)
    page = client.get("/en/me/results/").content.decode()
    assert f"/en/me/certificates/{cert.number}.pdf" in page and other.number not in page
    pdf = client.get(f"/en/me/certificates/{cert.number}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/en/me/certificates/{other.number}.pdf").status_code == 404


def test_the_certificate_api_serves_one_certificate_by_number(issued):
    cert = a_certificate()
    officer = client_for(OfficerFactory(union=issued["host"]).user)
    url = f"/api/v1/contests/{issued['contest'].pk}/certificates/"
    response = officer.get(url, {"number": cert.display_number})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert officer.get(url, {"number": "XXXX"}).status_code == 400


def test_certificate_api_errors_are_translated(issued, settings, tmp_path):
    """Chinese requests get Chinese errors (passes once the catalogue has these msgids)."""
    settings.MEDIA_ROOT = tmp_path
    officer = client_for(OfficerFactory(union=issued["host"]).user)
    url = f"/api/v1/contests/{issued['contest'].pk}/certificates/"
    missing = officer.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert missing["detail"] == "证书文件尚未生成：请先用 POST 生成。"
    wrong = officer.get(url, {"number": "XXXX"}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "没有该证书。" in str(wrong)


# --- The PDF ----------------------------------------------------------------------------


def render_png(pdf: bytes):
    """The first page as an image, and its text."""
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    page = document[0]
    image = page.render(scale=3).to_pil()
    text = page.get_textpage().get_text_range()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return image, text, buffer.getvalue()


def test_the_pdf_shows_number_date_and_a_qr_code_of_the_verification_page(issued, settings):
    zxingcpp = pytest.importorskip("zxingcpp")
    settings.SITE_URL = "https://gongjiang.example.org"
    cert = a_certificate(event=issued["events"][0], rank=1)
    image, text, png = render_png(certificates.certificate_pdf(cert))
    assert png.startswith(b"\x89PNG")
    assert cert.display_number in text and certificates.issued_on(cert) in text
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [f"https://gongjiang.example.org/verify/{cert.number}/"]


def test_characters_the_cjk_font_lacks_are_set_in_a_font_that_has_them(issued):
    cert = a_certificate(award_code="gold_worker")
    cert.reason = "积分 6（一等奖×1，三等奖×1）"
    _image, text, _png = render_png(certificates.certificate_pdf(cert))
    assert "一等奖×1" in text  # before: "×" was a missing glyph of DroidSansFallbackFull
    runs = certificates._runs("一等奖×1", certificates._register_font())
    assert runs == [("GJCJK", "一等奖"), ("Helvetica", "×1")]


def test_a_units_own_award_names_the_unit_once(issued):
    cert = a_certificate()
    cert.holder_name = cert.employer_name = "松江城市燃气管理所"
    with translation.override("en"):
        assert certificates.holder(cert, cert.holder_name) == "松江城市燃气管理所:"
    _image, text, _png = render_png(certificates.certificate_pdf(cert))
    assert text.count("松江城市燃气管理所") == 1
