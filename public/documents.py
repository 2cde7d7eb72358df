"""Officer exports (results and award lists as .xlsx / CSV) and award certificates (PDF).

Exports carry full names: they are for officers of the host union only (the views check).
Certificates embed a CJK TrueType font: reportlab cannot embed CFF/OpenType outlines, so we
use Debian's fonts-droid-fallback (DroidSansFallbackFull.ttf), installed by .ci/run; the path
can be overridden with the GJ_CJK_FONT environment variable.
"""

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from contests.models import Contest, Event, Registration
from core.validators import mask_name
from public import selectors
from results.models import AwardRow, ResultRow
from unions.models import Employer
from workers.models import SkillGrade

# (field, column header): headers are lazy, in the reader's language when written.
RESULT_COLUMNS = [
    ("position", gettext_lazy("No.")),
    ("rank", gettext_lazy("Rank")),
    ("bib", gettext_lazy("Bib")),
    ("display_name", gettext_lazy("Name")),
    ("employer_name", gettext_lazy("Work unit")),
    ("employer_kind", gettext_lazy("Work unit kind")),
    ("region_name", gettext_lazy("Region")),
    ("total", gettext_lazy("Total")),
    ("standardised", gettext_lazy("Standard score")),
    ("tier", gettext_lazy("Award")),
]
AWARD_COLUMNS = [
    ("kind", gettext_lazy("Award kind")),
    ("rank", gettext_lazy("Rank")),
    ("display_name", gettext_lazy("Winner")),
    ("employer_name", gettext_lazy("Work unit")),
    ("score", gettext_lazy("Score")),
    ("reason", pgettext_lazy("award", "Reason")),
]
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


# Registrations of a contest, one row per entry; entrants' names are personal data (see
# `result_rows`).
REGISTRATION_COLUMNS = [
    ("bib", gettext_lazy("Bib")),
    ("event", gettext_lazy("Event")),
    ("event_kind", gettext_lazy("Event kind")),
    ("name", gettext_lazy("Name")),
    ("employer", gettext_lazy("Work unit")),
    ("employer_kind", gettext_lazy("Work unit kind")),
    ("region", gettext_lazy("Region")),
    ("union", gettext_lazy("Union")),
    ("skill_grade", gettext_lazy("Skill grade")),
    ("status", gettext_lazy("Status")),
    ("disqualified", gettext_lazy("Disqualified")),
    ("reject_reason", gettext_lazy("Reason for rejection")),
    ("created_at", gettext_lazy("Registered at")),
]

#: Which entrants' full names a reader may see, by the path of their work unit's union
#: (results.selectors.full_name_test); None: every name in full (host officers' API export).
ShowsFull = Callable[[str | None], bool] | None


def _labels(choices) -> dict:
    """Code -> label in the active language: a document shows labels, never codes."""
    return {value: str(label) for value, label in choices.choices}


def result_rows(event: Event, shows_full: ShowsFull = None) -> Iterator[list]:
    snap = selectors.public_snapshot(event.pk)
    qs = ResultRow.objects.none() if snap is None else ResultRow.objects.filter(snapshot=snap)
    fields = [c for c, _h in RESULT_COLUMNS]
    kind_at, name_at = fields.index("employer_kind"), fields.index("display_name")
    kinds = _labels(Employer.Kind)
    for *row, masked, union_path in (
        qs.order_by("position")
        .values_list(*fields, "masked_name", "union_path")
        .iterator(chunk_size=5000)
    ):
        row[kind_at] = kinds.get(row[kind_at], row[kind_at])
        if shows_full is not None and not shows_full(union_path):
            row[name_at] = masked
        yield row


def award_rows(contest: Contest, shows_full: ShowsFull = None) -> Iterator[list]:
    snap = selectors.public_awards(contest.pk)
    if snap is None:
        return
    labels = _labels(AwardRow.Kind)
    rows = list(AwardRow.objects.filter(snapshot=snap))
    paths = dict(
        Employer.objects.filter(pk__in={r.employer_id for r in rows}).values_list(
            "pk", "union__path"
        )
    )
    for row in rows:
        full = shows_full is None or shows_full(paths.get(row.employer_id))
        yield [
            labels.get(row.kind, row.kind),
            row.rank,
            row.display_name if full else row.masked_name,
            row.employer_name,
            row.score,
            row.reason_text,
        ]


def registration_rows(contest: Contest, shows_full: ShowsFull = None) -> Iterator[list]:
    """Every entry of the contest by event and bib, codes written as their labels."""
    event_kinds, employer_kinds = _labels(Event.Kind), _labels(Employer.Kind)
    grades, statuses = _labels(SkillGrade), _labels(Registration.Status)
    disqualified = str(Registration._meta.get_field("disqualified").verbose_name)
    for r in (
        Registration.objects.filter(contest=contest)
        .order_by("event_id", "bib", "id")
        .values_list(
            "bib",
            "event__name",
            "event__kind",
            "worker__name",
            "team__name",
            "achievement__title",
            "employer__name",
            "employer__kind",
            "employer__region__name",
            "employer__union__name",
            "employer__union__path",
            "worker__skill_grade",
            "status",
            "disqualified",
            "reject_reason",
            "created_at",
        )
        .iterator(chunk_size=5000)
    ):
        (bib, event, event_kind, worker, team, title, employer, employer_kind, region) = r[:9]
        union, union_path, grade, status, out, reason, created = r[9:]
        if worker is not None:
            name = worker if shows_full is None or shows_full(union_path) else mask_name(worker)
        else:
            name = team or title or ""
        yield [
            bib,
            event,
            event_kinds.get(event_kind, event_kind),
            name,
            employer,
            employer_kinds.get(employer_kind, employer_kind),
            region or "",
            union or "",
            grades.get(grade, "") if grade is not None else "",
            statuses.get(status, status),
            disqualified if out else "",
            reason,
            timezone.localtime(created).strftime("%Y-%m-%d %H:%M"),
        ]


@dataclass(frozen=True)
class Table:
    """One exportable document: its sheet title, column headers, rows and their number."""

    title: str
    header: list[str]
    rows: Iterator[list]
    count: int


EXPORTS = ("registrations", "results", "awards")


def export_table(
    contest: Contest, document: str, *, event: Event | None = None, shows_full: ShowsFull = None
) -> Table:
    """The registrations, one event's published results or the published awards of the
    contest, in the active language."""
    if document == "registrations":
        columns, rows = REGISTRATION_COLUMNS, registration_rows(contest, shows_full)
        count = Registration.objects.filter(contest=contest).count()
        title = _("Registrations")
    elif document == "results" and event is not None and event.contest_id == contest.pk:
        columns, rows = RESULT_COLUMNS, result_rows(event, shows_full)
        snap = selectors.public_snapshot(event.pk)
        count, title = (snap.entries if snap else 0), event.name
    elif document == "awards":
        columns, rows = AWARD_COLUMNS, award_rows(contest, shows_full)
        snap = selectors.public_awards(contest.pk)
        count = AwardRow.objects.filter(snapshot=snap).count() if snap else 0
        title = _("Award list")
    else:
        raise ValidationError({"document": [_("No such document.")]})
    return Table(title, [str(h) for _c, h in columns], rows, count)


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


def _runs(text: str, cjk: str) -> list[tuple[str, str]]:
    """Split text into (font, run): the CJK font has no Latin digits or letters, so ASCII
    runs are set in Helvetica (one of the PDF standard fonts, no embedding needed)."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = "Helvetica" if ord(ch) < 128 else cjk
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


def certificate_entries(contest: Contest) -> list[dict]:
    """Every winner: contest awards and prize tiers of each event's published results."""
    out = []
    snap = selectors.public_awards(contest.pk)
    if snap is not None:
        for a in AwardRow.objects.filter(snapshot=snap).order_by("kind", "rank", "id"):
            out.append(
                {
                    "name": a.display_name,
                    "award": str(a.get_kind_display()),
                    "detail": a.reason_text,
                    "employer": a.employer_name,
                }
            )
    for event in contest.events.order_by("id"):
        s = selectors.public_snapshot(event.pk)
        if s is None:
            continue
        for r in selectors.tiered_rows(s.pk).order_by("position"):
            out.append(
                {
                    "name": r.display_name,
                    "award": r.tier,
                    "detail": _("%(event)s, place %(rank)s")
                    % {"event": event.name, "rank": r.rank},
                    "employer": r.employer_name,
                }
            )
    return out


def check_certificates(contest: Contest) -> None:
    """Certificates are issued once the results are final: the notice period is over and
    no objection is open (a certificate cannot be taken back)."""
    if selectors.contest_notice(contest)["state"] != selectors.FINAL:
        raise ValidationError(
            {"contest": [_("Certificates are issued when the results are final.")]}
        )


def winner_certificate(contest: Contest, winner: int) -> bytes:
    """The certificate of one winner: the `winner`-th of `certificate_entries`, a PDF of
    one page."""
    check_certificates(contest)
    entries = certificate_entries(contest)
    if not 0 <= winner < len(entries):
        raise ValidationError({"winner": [_("No such winner.")]})
    return certificates_pdf(contest, [entries[winner]])


def certificates_pdf(contest: Contest, entries: list[dict], progress=None) -> bytes:
    """One A4 landscape page per winner, Chinese text in the embedded CJK font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = _register_font()
    buf = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buf, pagesize=(width, height))
    pdf.setTitle(_("%(contest)s: award certificates") % {"contest": contest.name})
    for i, e in enumerate(entries):
        pdf.setStrokeColorRGB(0.7, 0.1, 0.1)
        pdf.setLineWidth(6)
        pdf.rect(30, 30, width - 60, height - 60)
        pdf.setFillColorRGB(0.7, 0.1, 0.1)
        _draw(pdf, width / 2, height - 130, _("Certificate of award"), font, 44, "center")
        pdf.setFillColorRGB(0, 0, 0)
        winner = _("%(name)s (%(employer)s):") % {"name": e["name"], "employer": e["employer"]}
        _draw(pdf, 110, height - 210, winner, font, 22)
        _draw(
            pdf, 140, height - 260, _("at %(contest)s, won") % {"contest": contest.name}, font, 22
        )
        _draw(pdf, width / 2, height - 330, e["award"], font, 30, "center")
        _draw(pdf, width / 2, height - 370, e["detail"][:60], font, 16, "center")
        _draw(pdf, 110, height - 410, _("Awarded in recognition of this achievement."), font, 16)
        _draw(pdf, width - 110, 120, contest.host_union.name, font, 20, "right")
        pdf.showPage()
        if progress:
            progress(i + 1)
    pdf.save()
    return buf.getvalue()
