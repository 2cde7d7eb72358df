"""Verifying a certificate: the public page the QR code opens, its lookup form, the same as
JSON, and a worker's download of their own certificates.

The page shows only what the paper shows anyway, the holder's name masked: contest, event,
award, date, issuing union, valid or revoked. Every lookup is recorded
(results.CertificateLookup, with a keyed hash of the address), lookups are limited per
address (settings.CERTIFICATE_LOOKUPS_PER_MINUTE) and an unknown or malformed number gets
the same plain "not found".
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from rest_framework.throttling import BaseThrottle

from public import certificates
from results.models import Certificate
from results.services.certificates import look_up

log = logging.getLogger(__name__)
WINDOW = 60  # seconds


def address_hash(request) -> str:
    """A keyed hash of the caller's address: enough to count and correlate lookups,
    useless to recover the address from."""
    # The client's address as DRF's throttles see it (X-Forwarded-For behind the number
    # of proxies REST_FRAMEWORK["NUM_PROXIES"] names, else REMOTE_ADDR).
    address = BaseThrottle().get_ident(request) or ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def retry_after(request) -> int | None:
    """Seconds to wait when this address has used up its lookups for the minute, else
    None. Counted in the cache; when the cache fails, lookups are allowed (fail open)."""
    now = int(time.time())
    window = now - now % WINDOW
    key = f"public:cert-lookups:{address_hash(request)}:{window}"
    try:
        cache.add(key, 0, WINDOW + 5)
        count = cache.incr(key)
    except Exception:  # any cache failure: do not lock verifiers out
        log.warning("certificate lookup rate limit unavailable", exc_info=True)
        return None
    if count > settings.CERTIFICATE_LOOKUPS_PER_MINUTE:
        return max(1, window + WINDOW - now)
    return None


def public_data(cert: Certificate) -> dict:
    """What anyone may read of a certificate (no full name, unit, ID or phone)."""
    revoked = cert.revoked_at
    return {
        "number": cert.display_number,
        "name": cert.masked_name,
        "contest": cert.contest.name,
        "event": cert.event.name if cert.event_id else "",
        "award": cert.award_text,
        "issued": certificates.issued_on(cert),
        "union": cert.union.name,
        "valid": revoked is None,
        "revoked": date_format(timezone.localtime(revoked).date(), "DATE_FORMAT")
        if revoked
        else None,
        "revoked_because": cert.get_revoked_because_display() if revoked else "",
    }


def check(request, text: str) -> tuple[dict | None, int | None]:
    wait = retry_after(request)
    if wait is not None:
        return None, wait
    cert = look_up(
        text=text,
        address_hash=address_hash(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    return (public_data(cert) if cert else None), None


def too_many(response: HttpResponse, wait: int) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


@never_cache
def verify_page(request, number: str | None = None):
    """GET /verify/ (the lookup form), /verify/?number=… and /verify/<number>/ (the QR)."""
    text = number if number is not None else request.GET.get("number", "").strip()
    context = {"asked": text, "certificate": None}
    if not text:
        return render(request, "public/verify.html", context)
    data, wait = check(request, text)
    if wait is not None:
        context["too_many"] = True
        return too_many(render(request, "public/verify.html", context), wait)
    context["certificate"] = data
    return render(request, "public/verify.html", context, status=200 if data else 404)


@login_required
def my_certificate(request, number: str):
    """A worker's own certificate as PDF (valid ones only)."""
    worker = getattr(request.user, "worker", None)
    cert = (
        certificates.worker_certificates(worker.pk).filter(number=number).first()
        if worker is not None
        else None
    )
    if cert is None:
        raise Http404
    response = HttpResponse(certificates.certificate_pdf(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{cert.number}.pdf"'
    return response
