"""Checking a certificate on a phone: the lookup form, the answer at 390 px, English."""

from pathlib import Path

import pytest

from public import certificates
from results.models import Certificate, ResultSnapshot
from tests.public.factories import long_ago

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_employer_verifies_a_certificate_on_a_phone(live_server, published, chromium):
    ARTIFACTS.mkdir(exist_ok=True)
    ResultSnapshot.objects.filter(event__contest=published["contest"]).update(
        published_at=long_ago(30)
    )
    certificates.issue_certificates(published["contest"])
    cert = Certificate.objects.filter(event__isnull=False).order_by("id").first()
    page = chromium.new_page(viewport={"width": 390, "height": 844})

    page.goto(live_server.url + "/en/verify/")
    page.fill("#cert-number", cert.display_number.lower())
    page.click(".cert-lookup button[type=submit]")
    page.wait_for_selector(".cert-verdict")
    assert page.locator("#verdict").inner_text() == "Valid certificate"
    facts = page.locator(".cert-facts").inner_text()
    assert cert.masked_name in facts and published["contest"].name in facts
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing cut off
    for fact in page.locator(".cert-facts dd").all():
        box = fact.bounding_box()
        assert box["x"] + box["width"] <= 390
    page.screenshot(path=str(ARTIFACTS / "certificate-verify-390.png"), full_page=True)

    page.goto(live_server.url + "/verify/NOT-A-NUMBER/")
    assert page.locator(".cert-verdict").inner_text() == "未找到。"
    page.screenshot(path=str(ARTIFACTS / "certificate-not-found-390.png"), full_page=True)
