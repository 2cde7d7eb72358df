"""Reads of online practice (练兵): the questions a worker may practise, the next one to draw,
the wrong-answer notebook (错题本) and the worker's progress."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from training.models import (
    PracticeAnswer,
    PracticeSession,
    QuestionVersion,
    WrongAnswer,
)
from training.selectors.bank import categories_for, questions_for
from workers.models import SkillGrade, Worker

# Questions answered this recently are drawn again only once every other one has been.
RECENT = dt.timedelta(days=7)
# Progress looks back this far for the streak of days.
STREAK_DAYS = 366


def visible(worker: Worker, **category) -> QuerySet[QuestionVersion]:
    """The questions the worker may practise (their union's bank and every bank above it)."""
    return questions_for(worker.employer.union, **category)


@dataclass(frozen=True)
class Category:
    occupation: str
    skill_grade: int | None
    topic: str
    count: int

    @property
    def grade_label(self) -> str:
        return str(SkillGrade(self.skill_grade).label) if self.skill_grade else ""


def categories(worker: Worker) -> list[Category]:
    """Every (occupation, skill grade, topic) of the worker's questions, with its count."""
    return [Category(**row) for row in categories_for(worker.employer.union)]


def notebook(worker: Worker) -> list[WrongAnswer]:
    """The worker's wrong-answer notebook, most often missed first, with the current wording."""
    return list(
        WrongAnswer.objects.filter(worker=worker)
        .select_related("question__current")
        .order_by("-times_wrong", "-added_at")
    )


def draw(
    worker: Worker, *, review: bool = False, avoid: int | None = None, **category
) -> QuestionVersion | None:
    """A random question of the category (or, reviewing, of the notebook), preferring those
    the worker has not answered in the last week, and not `avoid` (the question just answered)
    when there is another."""
    versions = visible(worker, **category)
    if review:
        versions = versions.filter(
            question__in=WrongAnswer.objects.filter(worker=worker).values("question_id")
        )
    pool = dict(versions.values_list("question_id", "pk"))
    if not pool:
        return None
    if avoid in pool and len(pool) > 1:
        del pool[avoid]
    recent = set(
        PracticeAnswer.objects.filter(
            worker=worker, answered_at__gte=timezone.now() - RECENT
        ).values_list("version__question_id", flat=True)
    )
    fresh = [pk for q, pk in pool.items() if q not in recent]
    chosen = random.choice(fresh or list(pool.values()))
    return QuestionVersion.objects.select_related("question").get(pk=chosen)


def session_of(worker: Worker) -> PracticeSession | None:
    return PracticeSession.objects.select_related("version__question").filter(worker=worker).first()


@dataclass(frozen=True)
class Progress:
    today: int
    total: int
    correct: int
    days_streak: int
    right_streak: int
    notebook: int

    @property
    def correct_rate(self) -> float:
        return round(100.0 * self.correct / self.total, 1) if self.total else 0.0


def progress(worker: Worker) -> Progress:
    answers = PracticeAnswer.objects.filter(worker=worker)
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    counts = answers.aggregate(total=Count("id"), correct=Count("id", filter=Q(correct=True)))
    today = answers.filter(answered_at__gte=midnight).count()
    # Days with practice, counted back from today (or yesterday, while today is still open).
    since = midnight - dt.timedelta(days=STREAK_DAYS)
    days = set(
        answers.filter(answered_at__gte=since)
        .annotate(day=TruncDate("answered_at"))
        .values_list("day", flat=True)
        .distinct()
    )
    day = now.date() if now.date() in days else now.date() - dt.timedelta(days=1)
    days_streak = 0
    while day in days:
        days_streak += 1
        day -= dt.timedelta(days=1)
    right_streak = 0
    for correct in answers.order_by("-answered_at", "-id").values_list("correct", flat=True)[:500]:
        if not correct:
            break
        right_streak += 1
    return Progress(
        today=today,
        total=counts["total"],
        correct=counts["correct"],
        days_streak=days_streak,
        right_streak=right_streak,
        notebook=WrongAnswer.objects.filter(worker=worker).count(),
    )
