"""Writes of online practice (练兵): choosing what to practise, the question on screen, answers
and the wrong-answer notebook (错题本)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from scoring import quiz
from training.answers import from_form, shape_given
from training.models import (
    PracticeAnswer,
    PracticeSession,
    QuestionVersion,
    WrongAnswer,
)
from training.selectors import practice as selectors
from workers.models import Worker


@dataclass(frozen=True)
class PracticeResult:
    version: QuestionVersion
    given: list
    correct: bool
    answer: list
    explanation: str
    in_notebook: bool


def answer_practice(*, worker: Worker, version_id, given) -> PracticeResult:
    """Grade one practice answer and keep the notebook: a wrong answer adds the question (or
    counts one more miss), a right one takes it out. Refuses (QuestionVersion.DoesNotExist) a
    question the worker may not see; malformed answers are a ValidationError; nothing is
    written in either case."""
    try:
        pk = int(version_id)
    except (TypeError, ValueError):
        raise ValidationError({"version": [_("Choose a question.")]}) from None
    version = selectors.visible(worker).select_related("question").get(pk=pk)
    kind = version.question.kind
    keys = [o.get("key") for o in version.options or [] if isinstance(o, dict)]
    shaped = shape_given(kind, keys, from_form(kind, given))
    correct = quiz.is_correct(version.question.kind, version.answer, shaped)
    with transaction.atomic():
        # One answer of a worker at a time: a double tap cannot create the notebook entry twice.
        Worker.objects.select_for_update().filter(pk=worker.pk).first()
        PracticeAnswer.objects.create(worker=worker, version=version, given=shaped, correct=correct)
        entries = WrongAnswer.objects.filter(worker=worker, question_id=version.question_id)
        if correct:
            entries.delete()
        elif not entries.update(times_wrong=F("times_wrong") + 1):
            WrongAnswer.objects.create(worker=worker, question_id=version.question_id)
        PracticeSession.objects.filter(worker=worker, version=version).update(version=None)
    return PracticeResult(
        version=version,
        given=shaped,
        correct=correct,
        answer=list(version.answer),
        explanation=version.explanation,
        in_notebook=not correct,
    )


def choose_category(
    *, worker: Worker, occupation: str = "", skill_grade=None, topic: str = "", review=False
) -> PracticeSession:
    """Start practising a category (or the notebook): the next question is drawn from it."""
    if skill_grade in ("", None):
        skill_grade = None
    else:
        try:
            skill_grade = int(skill_grade)
        except (TypeError, ValueError):
            raise ValidationError({"skill_grade": [_("Choose a skill grade.")]}) from None
    for name, value in (("occupation", occupation), ("topic", topic)):
        if not isinstance(value, str) or len(value) > 100:
            raise ValidationError({name: [_("Choose a category from the list.")]})
    session, _created = PracticeSession.objects.update_or_create(
        worker=worker,
        defaults={
            "occupation": occupation,
            "skill_grade": skill_grade,
            "topic": topic,
            "review": bool(review),
            "version": None,
        },
    )
    return session


def current_question(*, worker: Worker, avoid: int | None = None) -> QuestionVersion | None:
    """The question on screen: the one remembered if it is still unanswered and visible,
    otherwise a new one drawn from the chosen category (None when it has none left)."""
    session = selectors.session_of(worker) or PracticeSession(worker=worker)
    if session.version_id and selectors.visible(worker).filter(pk=session.version_id).exists():
        return session.version
    category = {
        "occupation": session.occupation or None,
        "skill_grade": session.skill_grade,
        "topic": session.topic or None,
    }
    version = selectors.draw(worker, review=session.review, avoid=avoid, **category)
    session.version = version
    session.save()
    return version
