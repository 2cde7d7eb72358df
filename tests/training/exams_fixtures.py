"""Shared set-up of the online test tests: an event with a theory criterion, a small bank
in the host union, approved entrants and a ready test open now."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from judging.models import Criterion, ScoringScheme
from tests.factories import ContestFactory, EventFactory, RegistrationFactory
from training.models import Question, QuestionVersion

KEY_SECRET = "SECRET-EXPLANATION-8842"


def make_question(union, kind, answer, *, stem, options=None, occupation="燃气管道工"):
    q = Question.objects.create(union=union, kind=kind)
    v = QuestionVersion.objects.create(
        question=q,
        stem=stem,
        options=options if options is not None else [],
        answer=answer,
        explanation=f"{KEY_SECRET} {stem}",
        occupation=occupation,
    )
    q.current = v
    q.save(update_fields=["current"])
    return q


def correct_question(question, answer):
    v = question.current
    new = QuestionVersion.objects.create(
        question=question,
        number=v.number + 1,
        stem=v.stem,
        options=v.options,
        answer=answer,
        explanation=v.explanation,
        occupation=v.occupation,
    )
    question.current = new
    question.save(update_fields=["current"])
    return new


ABCD = [{"key": k, "text": f"选项{k}"} for k in "ABCD"]


def make_bank(union):
    """Two single choice (answer A), one multiple (A, C), one true/false, one fill."""
    return [
        make_question(union, "single", ["A"], stem="单选一", options=ABCD),
        make_question(union, "single", ["A"], stem="单选二", options=ABCD),
        make_question(union, "multiple", ["A", "C"], stem="多选一", options=ABCD),
        make_question(union, "true_false", [True], stem="判断一"),
        make_question(union, "fill", ["甲烷"], stem="填空一"),
    ]


def make_event(union, *, kind=Criterion.Kind.MEASUREMENT):
    contest = ContestFactory(host_union=union)
    event = EventFactory(contest=contest)
    ScoringScheme.objects.create(event=event)
    theory = Criterion.objects.create(
        event=event,
        code="T",
        name="理论知识",
        weight=Decimal(30),
        max_mark=Decimal(100),
        kind=kind,
        judges_required=1,
        position=0,
    )
    practical = Criterion.objects.create(
        event=event,
        code="P",
        name="实操",
        weight=Decimal(70),
        max_mark=Decimal(100),
        kind=Criterion.Kind.MEASUREMENT,
        judges_required=1,
        position=1,
    )
    return event, theory, practical


def window(hours_before=1, hours_after=2):
    now = timezone.now()
    return now - dt.timedelta(hours=hours_before), now + dt.timedelta(hours=hours_after)


def exam_fields(**over):
    opens, closes = window()
    fields = {
        "title": "理论考试",
        "opens_at": opens,
        "closes_at": closes,
        "minutes": 30,
        "attempts_allowed": 1,
        "shuffle_questions": True,
        "shuffle_options": True,
    }
    fields.update(over)
    return fields


SECTIONS = [{"count": 5, "points": "2"}]


def entrants(event, n=2):
    return [RegistrationFactory(event=event) for _ in range(n)]


def ready_test(union_tree, officer, n=2):
    """A ready test open now for an event of union B (bank in A), and its n entrants."""
    from training.services import exams

    event, theory, _p = make_event(union_tree[1])
    make_bank(union_tree[0])
    regs = entrants(event, n)
    test = exams.create_test(
        actor=officer, event=event, criterion=theory, sections=SECTIONS, **exam_fields()
    )
    return exams.make_ready(actor=officer, test=test), regs
