"""Sitting an online test: starting (or resuming), saving each answer as it is given, and
submitting. The clock is the server's: an attempt's deadline is min(start + time limit,
window close), and once it has passed nothing about the attempt changes (a 400), whatever
the browser does; an attempt past its deadline counts as ended ("expired").

Only the event's approved entrants sit a test, inside its window, at most
`attempts_allowed` times; starting again while an attempt runs resumes it.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Registration, RegistrationMember
from training.answers import CHOICE
from training.models import Attempt, AttemptItem, OnlineTest
from training.selectors.exams import approved_registration, section_pool
from training.services import answering
from workers.models import Worker


def _draw(test: OnlineTest, rng: random.Random) -> list[AttemptItem]:
    """Each section's questions drawn at random (no question twice), shuffled if asked."""
    items: list[AttemptItem] = []
    taken: set[int] = set()
    for section in test.sections.all():
        pool = list(
            section_pool(section)
            .exclude(question_id__in=taken)
            .order_by("id")
            .values_list("id", "question_id", "question__kind", "options")
        )
        if len(pool) < section.count:
            raise ValidationError(
                {"test": [_("The question bank no longer has enough questions for this test.")]}
            )
        chosen = rng.sample(pool, section.count)
        if not test.shuffle_questions:
            chosen.sort(key=lambda row: row[0])
        for version_id, question_id, kind, options in chosen:
            taken.add(question_id)
            keys = [o.get("key") for o in options or [] if isinstance(o, dict)]
            if test.shuffle_options and kind in CHOICE:
                rng.shuffle(keys)
            items.append(
                AttemptItem(
                    position=len(items) + 1,
                    version_id=version_id,
                    option_order=keys,
                    points=section.points,
                )
            )
    return items


def running_attempt(registration: Registration, test: OnlineTest, now: dt.datetime):
    return (
        Attempt.objects.filter(
            test=test, registration=registration, state=Attempt.State.STARTED, deadline__gt=now
        )
        .order_by("-number")
        .first()
    )


def start_attempt(*, worker: Worker | None, test: OnlineTest) -> Attempt:
    """Start a new attempt, or resume the one still running."""
    registration = approved_registration(worker, test.event)
    if registration is None:
        raise PermissionDenied(_("Only the event's approved entrants may sit this test."))
    now = timezone.now()
    if test.status != OnlineTest.Status.READY or now < test.opens_at:
        raise ValidationError({"test": [_("The test is not open yet.")]})
    if now >= test.closes_at:
        raise ValidationError({"test": [_("The test has closed.")]})
    with transaction.atomic():
        # One start at a time per entry: the second of two clicks resumes the first.
        Registration.objects.select_for_update().filter(pk=registration.pk).first()
        running = running_attempt(registration, test, now)
        if running is not None:
            return running
        done = Attempt.objects.filter(test=test, registration=registration).count()
        if done >= test.attempts_allowed:
            raise ValidationError({"test": [_("You have used all your attempts at this test.")]})
        rng = random.Random(secrets.randbits(64))
        items = _draw(test, rng)
        attempt = Attempt.objects.create(
            test=test,
            registration=registration,
            number=done + 1,
            deadline=min(now + dt.timedelta(minutes=test.minutes), test.closes_at),
        )
        for item in items:
            item.attempt = attempt
        AttemptItem.objects.bulk_create(items, batch_size=500)
    return attempt


def require_owner(worker: Worker | None, attempt: Attempt) -> None:
    """Only the person the attempt belongs to touches it (403 otherwise)."""
    if (
        worker is None
        or not RegistrationMember.objects.filter(
            registration_id=attempt.registration_id, worker=worker, active=True
        ).exists()
    ):
        raise PermissionDenied(_("This is not your attempt."))


def save_answer(
    *, worker: Worker | None, attempt: Attempt, position, given
) -> answering.SavedAnswer:
    """Save one answer of `worker` to `attempt` (record_answer, by worker)."""
    if worker is None:
        raise PermissionDenied(_("This is not your attempt."))
    return answering.record_answer(
        attempt_id=attempt.pk, position=position, given=given, worker_id=worker.pk
    )


def submit_attempt(*, worker: Worker | None, attempt: Attempt) -> Attempt:
    """Hand in the attempt before its deadline (after it, the attempt has already ended)."""
    require_owner(worker, attempt)
    with transaction.atomic():
        current = Attempt.objects.select_for_update().get(pk=attempt.pk)
        now = timezone.now()
        if current.state != Attempt.State.STARTED:
            raise ValidationError({"attempt": [_("This attempt has already been submitted.")]})
        if now >= current.deadline:
            raise answering.ended_error()
        current.state = Attempt.State.SUBMITTED
        current.submitted_at = now
        current.save(update_fields=["state", "submitted_at"])
    return current


def unanswered(attempt: Attempt) -> int:
    return attempt.items.filter(given__isnull=True).count()
