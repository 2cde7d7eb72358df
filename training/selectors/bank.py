"""Reads of the question bank.

A union's bank is shared down its subtree: the questions a union's members may be given are
those owned by the union itself or by any union above it (never a sibling's). Unions carry a
materialised path ("/sh/pd/gas/"), so "this union and its ancestors" is the set of the path's
prefixes: one indexed `IN` lookup.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from core.models import User
from training.models import Question, QuestionVersion
from unions.models import Union


def ancestor_paths(union: Union) -> list[str]:
    """The paths of the union and of every union above it."""
    parts = [p for p in union.path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def questions_for(
    union: Union,
    *,
    occupation: str | None = None,
    skill_grade: int | None = None,
    topic: str | None = None,
    kind: str | None = None,
) -> QuerySet[QuestionVersion]:
    """The current versions of the active questions visible to the union's members, optionally
    cut to one category (occupation, skill grade, topic) and one question type."""
    owners = ancestor_paths(union)
    current = Question.objects.filter(active=True, union__path__in=owners).values("current_id")
    versions = QuestionVersion.objects.filter(pk__in=current)
    if occupation:
        versions = versions.filter(occupation=occupation)
    if skill_grade:
        versions = versions.filter(skill_grade=skill_grade)
    if topic:
        versions = versions.filter(topic=topic)
    if kind:
        versions = versions.filter(question__kind=kind)
    return versions.select_related("question").order_by("question_id")


def categories_for(union: Union) -> list[dict]:
    """The distinct (occupation, skill grade, topic) of the questions visible to the union's
    members, with how many questions each has: what a category chooser lists."""
    return list(
        questions_for(union)
        .values("occupation", "skill_grade", "topic")
        .annotate(count=Count("id"))
        .order_by("occupation", "skill_grade", "topic")
    )


def officer_questions(
    user: User,
    *,
    kind: str = "",
    occupation: str = "",
    topic: str = "",
    search: str = "",
    active: bool | None = None,
) -> QuerySet[Question]:
    """The questions an officer manages (their subtree's banks), newest first, filtered."""
    questions = Question.objects.restrict(user).select_related("current", "union")
    if kind:
        questions = questions.filter(kind=kind)
    if occupation:
        questions = questions.filter(current__occupation=occupation)
    if topic:
        questions = questions.filter(current__topic=topic)
    if search:
        questions = questions.filter(
            Q(current__stem__icontains=search) | Q(current__explanation__icontains=search)
        )
    if active is not None:
        questions = questions.filter(active=active)
    return questions.order_by("-id")


def officer_categories(user: User) -> dict[str, list[str]]:
    """The occupations and topics used in the banks an officer manages (filter choices)."""
    versions = QuestionVersion.objects.filter(
        pk__in=Question.objects.restrict(user).values("current_id")
    )
    return {
        "occupations": sorted(
            set(versions.exclude(occupation="").values_list("occupation", flat=True))
        ),
        "topics": sorted(set(versions.exclude(topic="").values_list("topic", flat=True))),
    }


def history(question: Question) -> QuerySet[QuestionVersion]:
    """Every version of a question, newest first, with who wrote it."""
    return question.versions.select_related("created_by").order_by("-number")
