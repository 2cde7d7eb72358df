"""Defining an online test for an event: its criterion, window, time limit and sections.

A test is written by officers of the event's contest host (core.access.manages_event). It
fills one MEASUREMENT criterion of the event; each section draws `count` questions of a
category from the questions visible to the host union (training.selectors.exams.section_pool)
and must find enough of them. A draft may change; `make_ready` checks it once more, opens it
to the entrants, and schedules its grading for the moment the window closes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Event
from core.access import check, manages_event
from core.models import User
from judging.models import Criterion
from training.models import OnlineTest, QuestionKind, TestSection
from training.selectors.exams import section_pool
from workers.models import SkillGrade

MAX_SECTIONS = 20
MAX_QUESTIONS = 500
_PLAUSIBLE = dt.timedelta(days=366 * 2)
_LONGEST_WINDOW = dt.timedelta(days=60)

TEST_FIELDS = (
    "title",
    "opens_at",
    "closes_at",
    "minutes",
    "attempts_allowed",
    "shuffle_questions",
    "shuffle_options",
)


def _clean_sections(sections: list[dict]) -> list[dict]:
    """Sections as the service stores them; a 400 on `sections` for anything malformed."""
    if not isinstance(sections, (list, tuple)) or not sections:
        raise ValidationError({"sections": [_("Give at least one section.")]})
    if len(sections) > MAX_SECTIONS:
        raise ValidationError({"sections": [_("At most %(n)s sections.") % {"n": MAX_SECTIONS}]})
    cleaned = []
    for number, raw in enumerate(sections, start=1):
        if not isinstance(raw, dict):
            raise ValidationError({"sections": [_("Section %(n)s is malformed.") % {"n": number}]})
        try:
            count = int(raw.get("count"))
            points = Decimal(str(raw.get("points")))
        except (TypeError, ValueError, InvalidOperation):
            raise ValidationError(
                {"sections": [_("Section %(n)s needs a count and points.") % {"n": number}]}
            ) from None
        if not 1 <= count <= MAX_QUESTIONS:
            raise ValidationError(
                {
                    "sections": [
                        _("Section %(n)s: between 1 and %(max)s questions.")
                        % {"n": number, "max": MAX_QUESTIONS}
                    ]
                }
            )
        if (
            not points.is_finite()
            or points <= 0
            or points > 1000
            or points.as_tuple().exponent < -2
        ):
            raise ValidationError(
                {
                    "sections": [
                        _("Section %(n)s: points each lie between 0.01 and 1000.") % {"n": number}
                    ]
                }
            )
        kind = (raw.get("kind") or "").strip()
        if kind and kind not in QuestionKind.values:
            raise ValidationError(
                {"sections": [_("Section %(n)s: unknown question type.") % {"n": number}]}
            )
        grade = raw.get("skill_grade") or None
        if grade is not None:
            try:
                grade = int(grade)
            except (TypeError, ValueError):
                grade = -1
            if grade not in SkillGrade.values:
                raise ValidationError(
                    {"sections": [_("Section %(n)s: unknown skill grade.") % {"n": number}]}
                )
        occupation = str(raw.get("occupation") or "").strip()[:100]
        topic = str(raw.get("topic") or "").strip()[:100]
        cleaned.append(
            {
                "occupation": occupation,
                "skill_grade": grade,
                "topic": topic,
                "kind": kind,
                "count": count,
                "points": points,
                "position": number,
            }
        )
    if sum(s["count"] for s in cleaned) > MAX_QUESTIONS:
        raise ValidationError(
            {"sections": [_("A test has at most %(max)s questions.") % {"max": MAX_QUESTIONS}]}
        )
    return cleaned


def _check_fields(event: Event, criterion: Criterion, fields: dict) -> None:
    if criterion is None or criterion.event_id != event.pk:
        raise ValidationError({"criterion": [_("Choose a criterion of this event.")]})
    if criterion.kind != Criterion.Kind.MEASUREMENT:
        raise ValidationError(
            {"criterion": [_("An online test fills a measurement criterion only.")]}
        )
    title = (fields.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": [_("This field is required.")]})
    if len(title) > 200:
        raise ValidationError({"title": [_("At most 200 characters.")]})
    opens, closes = fields.get("opens_at"), fields.get("closes_at")
    if not isinstance(opens, dt.datetime) or not isinstance(closes, dt.datetime):
        raise ValidationError({"opens_at": [_("Give when the test opens and closes.")]})
    if timezone.is_naive(opens) or timezone.is_naive(closes):
        raise ValidationError({"opens_at": [_("Give when the test opens and closes.")]})
    if opens >= closes:
        raise ValidationError({"closes_at": [_("The test must close after it opens.")]})
    now = timezone.now()
    if abs(opens - now) > _PLAUSIBLE or abs(closes - now) > _PLAUSIBLE:
        raise ValidationError({"opens_at": [_("The window must lie within two years of today.")]})
    if closes - opens > _LONGEST_WINDOW:
        raise ValidationError({"closes_at": [_("A test window lasts at most 60 days.")]})
    minutes = fields.get("minutes")
    if not isinstance(minutes, int) or not 1 <= minutes <= 600:
        raise ValidationError({"minutes": [_("The time limit lies between 1 and 600 minutes.")]})
    attempts = fields.get("attempts_allowed", 1)
    if not isinstance(attempts, int) or not 1 <= attempts <= 10:
        raise ValidationError({"attempts_allowed": [_("Between 1 and 10 attempts.")]})


def _write_sections(test: OnlineTest, sections: list[dict]) -> None:
    test.sections.all().delete()
    TestSection.objects.bulk_create([TestSection(test=test, **s) for s in sections])


def check_pools(test: OnlineTest) -> None:
    """Every section finds enough visible questions (a 400 on `sections` otherwise)."""
    for section in test.sections.all():
        available = section_pool(section).count()
        if available < section.count:
            raise ValidationError(
                {
                    "sections": [
                        _(
                            "Section %(n)s asks for %(count)s questions but only %(available)s"
                            " match."
                        )
                        % {"n": section.position, "count": section.count, "available": available}
                    ]
                }
            )


def create_test(
    *, actor: User, event: Event, criterion: Criterion, sections: list[dict], **fields
) -> OnlineTest:
    """A draft test of the event; fields are TEST_FIELDS."""
    check(manages_event, actor, event)
    fields = {k: v for k, v in fields.items() if k in TEST_FIELDS}
    fields.setdefault("attempts_allowed", 1)
    _check_fields(event, criterion, fields)
    cleaned = _clean_sections(sections)
    fields["title"] = fields["title"].strip()
    with transaction.atomic():
        test = OnlineTest.objects.create(
            event=event, criterion=criterion, created_by=actor, **fields
        )
        _write_sections(test, cleaned)
        check_pools(test)
    return test


def update_test(
    *, actor: User, test: OnlineTest, criterion: Criterion, sections: list[dict], **fields
) -> OnlineTest:
    """Change a draft test (a ready one is fixed: its takers may have started)."""
    check(manages_event, actor, test.event)
    with transaction.atomic():
        test = OnlineTest.objects.select_for_update().get(pk=test.pk)
        if test.status != OnlineTest.Status.DRAFT:
            raise ValidationError({"status": [_("Only a draft test can be changed.")]})
        values = {k: fields.get(k, getattr(test, k)) for k in TEST_FIELDS}
        _check_fields(test.event, criterion, values)
        cleaned = _clean_sections(sections)
        values["title"] = values["title"].strip()
        for name, value in values.items():
            setattr(test, name, value)
        test.criterion = criterion
        test.save()
        _write_sections(test, cleaned)
        check_pools(test)
    return test


def make_ready(*, actor: User, test: OnlineTest) -> OnlineTest:
    """Open a draft test to the entrants (from `opens_at`); its grading is scheduled for
    `closes_at`."""
    from training import tasks  # tasks call services; the import is local to avoid a cycle

    check(manages_event, actor, test.event)
    with transaction.atomic():
        test = OnlineTest.objects.select_for_update().get(pk=test.pk)
        if test.status != OnlineTest.Status.DRAFT:
            raise ValidationError({"status": [_("The test is already ready.")]})
        if test.closes_at <= timezone.now():
            raise ValidationError({"closes_at": [_("The test's window has already closed.")]})
        check_pools(test)
        test.status = OnlineTest.Status.READY
        test.save(update_fields=["status"])
        tasks.schedule_grading(test)
    return test


def delete_test(*, actor: User, test: OnlineTest) -> None:
    check(manages_event, actor, test.event)
    with transaction.atomic():
        test = OnlineTest.objects.select_for_update().get(pk=test.pk)
        if test.status != OnlineTest.Status.DRAFT:
            raise ValidationError({"status": [_("Only a draft test can be deleted.")]})
        test.delete()
