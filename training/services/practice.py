"""Writes of online practice (练兵): choosing what to practise, the question on screen, answers
and the wrong-answer notebook (错题本)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from scoring import quiz
from training.models import (
    PracticeAnswer,
    PracticeSession,
    QuestionKind,
    QuestionVersion,
    WrongAnswer,
)
from training.selectors import practice as selectors
from workers.models import Worker

OPTION_KEYS = ("A", "B", "C", "D", "E", "F")
MAX_FILL = 200


@dataclass(frozen=True)
class PracticeResult:
    version: QuestionVersion
    given: list
    correct: bool
    answer: list
    explanation: str
    in_notebook: bool


def shape_given(version: QuestionVersion, given) -> list:
    """The answer as grading takes it, or a ValidationError on "given": option keys of the
    question (one for single choice), [true] or [false], or one text of at most 200 characters.
    Form values ("true", "false", a lone string) are accepted as well as JSON."""
    kind = version.question.kind
    if isinstance(given, (str, bool)):
        given = [given]
    if not isinstance(given, (list, tuple)) or not given or len(given) > len(OPTION_KEYS):
        raise ValidationError({"given": [_("Give an answer.")]})
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        keys = {o.get("key") for o in version.options if isinstance(o, dict)}
        if not all(isinstance(k, str) and k in keys for k in given) or len(set(given)) != len(
            given
        ):
            raise ValidationError({"given": [_("Choose among the question's options.")]})
        if kind == QuestionKind.SINGLE and len(given) != 1:
            raise ValidationError({"given": [_("Choose one option.")]})
        return sorted(given)
    if kind == QuestionKind.TRUE_FALSE:
        values = {True: True, False: False, "true": True, "false": False}
        if len(given) != 1 or not isinstance(given[0], (str, bool)) or given[0] not in values:
            raise ValidationError({"given": [_("Answer true or false.")]})
        return [values[given[0]]]
    if len(given) != 1 or not isinstance(given[0], str) or not given[0].strip():
        raise ValidationError({"given": [_("Write your answer.")]})
    if len(given[0]) > MAX_FILL:
        raise ValidationError({"given": [_("Write at most %(n)s characters.") % {"n": MAX_FILL}]})
    return [given[0].strip()]


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
    shaped = shape_given(version, given)
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
