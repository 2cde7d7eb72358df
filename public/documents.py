"""Officer exports (results and award lists as .xlsx / CSV); certificates are in
``public.certificates``.

Exports carry full names: they are for officers of the host union only (the views check).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
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
