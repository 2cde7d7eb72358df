"""Certificates: issued once results are final, printed as PDF with their number, date and
a QR code of the public verification page.

The certificates themselves (numbers, revocation) are the results app's
(``results.services.certificates``); when results are final is this layer's rule (the
notice period and open objections: ``public.selectors.contest_notice``).

The PDF embeds a CJK TrueType font: reportlab cannot embed CFF/OpenType outlines, so we use
Debian's fonts-droid-fallback (DroidSansFallbackFull.ttf), installed by .ci/run; the path can
be overridden with the GJ_CJK_FONT environment variable. Characters that font lacks (Latin
letters and digits, "×") are set in Helvetica, one of the PDF standard fonts.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from contests.models import Contest
from public import selectors
from results.models import Certificate
from results.services.certificates import sync_certificates
from workers.models import Team

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]
LATIN = "Helvetica"


def is_final(contest: Contest) -> bool:
    return selectors.contest_notice(contest)["state"] == selectors.FINAL


def check_certificates(contest: Contest) -> None:
    """Certificates are issued once the results are final: the notice period is over and
    no objection is open."""
    if not is_final(contest):
        raise ValidationError(
            {"contest": [_("Certificates are issued when the results are final.")]}
        )


def issue_certificates(contest: Contest, *, actor=None) -> dict:
    """Issue the certificates of a contest whose results are final (idempotent)."""
    check_certificates(contest)
    return sync_certificates(contest=contest, issue=True, actor=actor)


def revise_certificates(contest_id: int) -> dict | None:
    """Results were republished: revoke certificates whose result changed, and issue their
    successors if the results are final (after a republication they are usually in notice
    again, and the successors wait for `issue_final_certificates`)."""
    contest = Contest.objects.filter(pk=contest_id).first()
    if contest is None or not Certificate.objects.filter(contest=contest).exists():
        return None
    return sync_certificates(contest=contest, issue=is_final(contest), note="results republished")


def contest_certificates(contest: Contest) -> QuerySet[Certificate]:
    """The valid certificates of a contest in print order: contest awards, then events."""
    return (
        Certificate.objects.filter(contest=contest, revoked_at__isnull=True)
        .select_related("contest", "event", "union")
        .order_by("event_id", "award_code", "rank", "id")
    )


def worker_certificates(worker_id: int) -> QuerySet[Certificate]:
    """A worker's valid certificates: their own, and those of the entries they take part in
    and the teams they belong to or lead (a team's certificate names no worker; its members
    and its leader each download it)."""
    teams = Team.objects.filter(Q(members__pk=worker_id) | Q(leader_id=worker_id)).values("pk")
    entries = selectors.worker_registrations(worker_id).values("pk")
    return (
        Certificate.objects.filter(
            Q(worker_id=worker_id) | Q(registration_id__in=entries) | Q(team_id__in=teams),
            revoked_at__isnull=True,
        )
        .select_related("contest", "event", "union")
        .order_by("-issued_at", "id")
    )


def verification_url(number: str) -> str:
    """The absolute address of a certificate's verification page (Chinese, the default
    language, so the printed code never depends on who printed it)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("verify-certificate", kwargs={"number": number})
    return settings.SITE_URL.rstrip("/") + path


def detail(cert: Certificate) -> str:
    """What the award was for, in the reader's language."""
    if cert.award_code:
        from results.reasons import reason_text

        return reason_text(cert.reason_code, cert.reason_params, cert.reason)
    if cert.event_id is None:
        return ""
    if cert.kind == Certificate.Kind.PROMOTION:
        return cert.event.name
    return _("%(event)s, place %(rank)s") % {"event": cert.event.name, "rank": cert.rank}


def holder(cert: Certificate, name: str) -> str:
    """The holder with their work unit, once: a unit's own award names the unit alone."""
    unit = cert.employer_name
    if not unit or unit == name:
        return _("%(name)s:") % {"name": name}
    return _("%(name)s (%(employer)s):") % {"name": name, "employer": unit}


def issued_on(cert: Certificate) -> str:
    return date_format(timezone.localtime(cert.issued_at).date(), "DATE_FORMAT")


# --- PDF ------------------------------------------------------------------------------------


def cjk_font_path() -> str:
    for path in [os.environ.get("GJ_CJK_FONT", ""), *FONT_CANDIDATES]:
        if path and Path(path).is_file():
            return path
    raise ImproperlyConfigured(
        "No CJK TrueType font: install Debian's fonts-droid-fallback (see .ci/run)"
    )


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "GJCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = cjk_font_path()
        kwargs = {"subfontIndex": 0} if path.endswith(".ttc") else {}
        pdfmetrics.registerFont(TTFont(name, path, **kwargs))
    return name


def _cjk_has(cjk: str):
    """Whether the registered CJK font has a glyph for a character."""
    from reportlab.pdfbase import pdfmetrics

    try:
        glyphs = pdfmetrics.getFont(cjk).face.charToGlyph
    except (KeyError, AttributeError):  # not a registered TrueType font (unit tests)
        return lambda ch: True
    return lambda ch: ord(ch) in glyphs


def _latin_has(ch: str) -> bool:
    try:
        ch.encode("cp1252")  # the standard fonts' WinAnsi encoding
    except UnicodeEncodeError:
        return False
    return True


def _runs(text: str, cjk: str) -> list[tuple[str, str]]:
    """Split text into (font, run): ASCII, and whatever else the CJK font has no glyph for
    but Helvetica has (such as "×"), is set in Helvetica; the rest in the CJK font."""
    has = _cjk_has(cjk)
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = LATIN if ord(ch) < 128 or (not has(ch) and _latin_has(ch)) else cjk
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _draw(pdf, x: float, y: float, text: str, cjk: str, size: float, align: str = "left"):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = _runs(text, cjk)
    width = sum(stringWidth(run, font, size) for font, run in runs)
    x = {"left": x, "center": x - width / 2, "right": x - width}[align]
    for font, run in runs:
        pdf.setFont(font, size)
        pdf.drawString(x, y, run)
        x += stringWidth(run, font, size)


def _draw_qr(pdf, x: float, y: float, size: float, data: str) -> None:
    """A QR code of `data`, `size` points square with its quiet zone, lower left at x, y."""
    import segno

    matrix = [list(row) for row in segno.make(data, error="m", micro=False).matrix_iter(border=4)]
    module = size / len(matrix)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * module
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * module, top, (c - start) * module, module, stroke=0, fill=1)
            else:
                c += 1


def _page(pdf, cert: Certificate, font: str, width: float, height: float) -> None:
    pdf.setStrokeColorRGB(0.7, 0.1, 0.1)
    pdf.setLineWidth(6)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setFillColorRGB(0.7, 0.1, 0.1)
    title = (
        _("Certificate of skill promotion")
        if cert.kind == Certificate.Kind.PROMOTION
        else _("Certificate of award")
    )
    _draw(pdf, width / 2, height - 120, title, font, 40, "center")
    pdf.setFillColorRGB(0, 0, 0)
    _draw(pdf, 110, height - 195, holder(cert, cert.holder_name), font, 22)
    if cert.kind == Certificate.Kind.PROMOTION:
        line = _("at %(contest)s, was promoted to") % {"contest": cert.contest.name}
    else:
        line = _("at %(contest)s, won") % {"contest": cert.contest.name}
    _draw(pdf, 140, height - 240, line, font, 22)
    _draw(pdf, width / 2, height - 305, cert.award_text, font, 30, "center")
    _draw(pdf, width / 2, height - 340, detail(cert)[:70], font, 14, "center")
    _draw(pdf, 110, height - 380, _("Awarded in recognition of this achievement."), font, 16)
    _draw(pdf, width - 110, 135, cert.union.name, font, 20, "right")
    _draw(pdf, width - 110, 105, issued_on(cert), font, 16, "right")
    url = verification_url(cert.number)
    _draw_qr(pdf, 60, 60, 110, url)
    number = _("Certificate No. %(number)s") % {"number": cert.display_number}
    _draw(pdf, 180, 110, number, font, 13)
    _draw(pdf, 180, 88, _("Verify at %(url)s") % {"url": url}, font, 9)


def certificates_pdf(contest: Contest, certificates: list[Certificate], progress=None) -> bytes:
    """One A4 landscape page per certificate, Chinese text in the embedded CJK font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = _register_font()
    buf = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buf, pagesize=(width, height))
    pdf.setTitle(_("%(contest)s: award certificates") % {"contest": contest.name})
    for i, cert in enumerate(certificates):
        _page(pdf, cert, font, width, height)
        pdf.showPage()
        if progress:
            progress(i + 1)
    pdf.save()
    return buf.getvalue()


def certificate_pdf(cert: Certificate) -> bytes:
    return certificates_pdf(cert.contest, [cert])
