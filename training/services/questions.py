"""Writes of the question bank: create a question (its first version), edit it (a new version;
`current` moves, earlier versions stay as they were, so a finished test's items keep pointing
at the wording they were graded by), deactivate it.

One validator (`clean_question`) checks a question's fields for the console, the API and every
imported row alike; problems come back keyed by field (a Django ValidationError dict), all at
once. Permission is checked before any work: an officer manages the questions of the unions in
their subtree (core.access.manages_union). The record of who wrote what is each version's
`created_by` (there is no generic audit log to add to).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.access import manages_union
from core.models import User
from training.models import Question, QuestionKind, QuestionVersion
from unions.models import Union
from workers.models import SkillGrade

OPTION_KEYS = ("A", "B", "C", "D", "E", "F")
STEM_MAX = 4000
EXPLANATION_MAX = 4000
OPTION_MAX = 1000
ANSWER_MAX = 200  # one accepted fill-in string
FILL_ALTERNATIVES_MAX = 20
CATEGORY_MAX = 100

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def clean_question(
    *,
    kind: str,
    stem: str,
    options: Iterable[dict[str, str]] | None = None,
    answer: Iterable[Any] | None = None,
    explanation: str = "",
    difficulty: int | str | None = 3,
    occupation: str = "",
    skill_grade: int | str | None = None,
    topic: str = "",
) -> dict[str, Any]:
    """The question's fields cleaned, or ValidationError({field: [messages]}) with every
    problem. Options keep the keys A–F in order, only non-empty ones; answers are option keys
    (single: exactly one, multiple: two or more), [True] or [False], or the accepted strings."""
    errors: Errors = {}
    if kind not in QuestionKind.values:
        _add(errors, "kind", _("Unknown question type."))
    stem = _text(stem)
    if not stem:
        _add(errors, "stem", _("This field is required."))
    elif len(stem) > STEM_MAX:
        _add(errors, "stem", _("At most %(n)d characters.") % {"n": STEM_MAX})
    explanation = _text(explanation)
    if len(explanation) > EXPLANATION_MAX:
        _add(errors, "explanation", _("At most %(n)d characters.") % {"n": EXPLANATION_MAX})

    cleaned_options: list[dict[str, str]] = []
    seen_keys: set[str] = set()
    for option in options or ():
        key = _text(option.get("key")).upper()
        text = _text(option.get("text"))
        if not text:
            continue
        if key not in OPTION_KEYS or key in seen_keys:
            _add(errors, "options", _("Options are keyed A to F, each once."))
            continue
        if len(text) > OPTION_MAX:
            _add(
                errors, "options", _("An option has at most %(n)d characters.") % {"n": OPTION_MAX}
            )
        seen_keys.add(key)
        cleaned_options.append({"key": key, "text": text})
    cleaned_options.sort(key=lambda o: o["key"])

    answer = list(answer or ())
    cleaned_answer: list[Any] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(cleaned_options) < 2:
            _add(errors, "options", _("A choice question needs at least two options."))
        keys = sorted({_text(a).upper() for a in answer if _text(a)})
        if any(k not in seen_keys for k in keys):
            _add(errors, "answer", _("The answer must name options of the question."))
        elif kind == QuestionKind.SINGLE and len(keys) != 1:
            _add(errors, "answer", _("A single-choice question has exactly one right option."))
        elif kind == QuestionKind.MULTIPLE and len(keys) < 2:
            _add(errors, "answer", _("A multiple-choice question has at least two right options."))
        cleaned_answer = keys
    elif kind == QuestionKind.TRUE_FALSE:
        if cleaned_options:
            _add(errors, "options", _("A true-or-false question has no options."))
        if len(answer) != 1 or not isinstance(answer[0], bool):
            _add(errors, "answer", _("The answer is true or false."))
        cleaned_answer = answer[:1]
    elif kind == QuestionKind.FILL:
        if cleaned_options:
            _add(errors, "options", _("A fill-in question has no options."))
        accepted = list(dict.fromkeys(_text(a) for a in answer if _text(a)))
        if not accepted:
            _add(errors, "answer", _("Give at least one accepted answer."))
        elif len(accepted) > FILL_ALTERNATIVES_MAX or any(len(a) > ANSWER_MAX for a in accepted):
            _add(
                errors,
                "answer",
                _("At most %(n)d accepted answers of %(m)d characters each.")
                % {"n": FILL_ALTERNATIVES_MAX, "m": ANSWER_MAX},
            )
        cleaned_answer = accepted

    try:
        difficulty = int(_text(difficulty) or 3)
        if not 1 <= difficulty <= 5:
            raise ValueError
    except ValueError:
        _add(errors, "difficulty", _("Difficulty is a whole number from 1 to 5."))
        difficulty = 3

    grade = None
    if _text(skill_grade):
        try:
            grade = int(_text(skill_grade))
            if grade not in SkillGrade.values:
                raise ValueError
        except ValueError:
            _add(errors, "skill_grade", _("Unknown skill grade."))
            grade = None
    occupation, topic = _text(occupation), _text(topic)
    for field, value in (("occupation", occupation), ("topic", topic)):
        if len(value) > CATEGORY_MAX:
            _add(errors, field, _("At most %(n)d characters.") % {"n": CATEGORY_MAX})
    if errors:
        raise ValidationError(errors)
    return {
        "stem": stem,
        "options": cleaned_options,
        "answer": cleaned_answer,
        "explanation": explanation,
        "difficulty": difficulty,
        "occupation": occupation,
        "skill_grade": grade,
        "topic": topic,
    }


def _require_manages(actor: User, union: Union) -> None:
    if not manages_union(actor, union):
        raise PermissionDenied(_("You may manage only the question banks of your union."))


def create_question(*, actor: User, union: Union, kind: str, **fields: Any) -> Question:
    """A new question of the union's bank with its first version (the fields of
    `clean_question`)."""
    _require_manages(actor, union)
    cleaned = clean_question(kind=kind, **fields)
    with transaction.atomic():
        question = Question.objects.create(union=union, kind=kind, created_by=actor)
        version = QuestionVersion.objects.create(
            question=question, number=1, created_by=actor, **cleaned
        )
        question.current = version
        question.save(update_fields=["current"])
    return question


def edit_question(*, actor: User, question: Question, **fields: Any) -> QuestionVersion:
    """A new version of the question; `current` moves to it and earlier versions stay as they
    were. The kind of a question does not change (a different kind is a new question)."""
    _require_manages(actor, question.union)
    cleaned = clean_question(kind=question.kind, **fields)
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = QuestionVersion.objects.create(
            question=locked, number=last + 1, created_by=actor, **cleaned
        )
        locked.current = version
        locked.save(update_fields=["current"])
    question.current = version
    return version


def set_question_active(*, actor: User, question: Question, active: bool) -> Question:
    """Take a question out of use (no new practice or test draws it) or back into use; its
    versions, and the tests that used them, are untouched."""
    _require_manages(actor, question.union)
    Question.objects.filter(pk=question.pk).update(active=active)
    question.active = active
    return question


def deactivate_question(*, actor: User, question: Question) -> Question:
    return set_question_active(actor=actor, question=question, active=False)


def version_fields(version: QuestionVersion) -> dict[str, Any]:
    """A version's editable fields, as `clean_question` takes them (a form's initial data)."""
    return {
        "stem": version.stem,
        "options": version.options,
        "answer": version.answer,
        "explanation": version.explanation,
        "difficulty": version.difficulty,
        "occupation": version.occupation,
        "skill_grade": version.skill_grade,
        "topic": version.topic,
    }


def create_questions(
    *, actor: User, union: Union, rows: Iterable[tuple[str, dict[str, Any]]]
) -> list[Question]:
    """Many already-cleaned questions (kind, cleaned fields) in one transaction: the import's
    write. Permission checked once, before any row."""
    _require_manages(actor, union)
    created: list[Question] = []
    with transaction.atomic():
        for kind, cleaned in rows:
            question = Question.objects.create(union=union, kind=kind, created_by=actor)
            version = QuestionVersion.objects.create(
                question=question, number=1, created_by=actor, **cleaned
            )
            question.current = version
            question.save(update_fields=["current"])
            created.append(question)
    return created
