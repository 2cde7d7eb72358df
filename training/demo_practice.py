"""Demo step part (see training/demo.py): practice history for worker_demo and a few hundred
demo workers, so the participation figures, progress and the notebook have data.

Answers go through the practice service (grading and the notebook's rule), then are spread
over the last weeks. Idempotent: a worker who has practised already is left as they are.
Needs the bank's demo questions; without any, nothing is created."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from training.models import PracticeAnswer, QuestionKind, QuestionVersion
from training.selectors import practice as selectors
from training.services import practice as services
from workers.models import Worker

WORKERS = 200
RIGHT = 0.7  # the share of answers given right


def _given(version: QuestionVersion, right: bool, rng: random.Random) -> list:
    kind = version.question.kind
    if right and kind == QuestionKind.FILL:
        return list(version.answer[:1])  # one text: any listed alternative is right
    if right:
        return list(version.answer)
    if kind == QuestionKind.TRUE_FALSE:
        return [not version.answer[0]] if version.answer else [True]
    if kind == QuestionKind.FILL:
        return ["不知道"]
    keys = [o["key"] for o in version.options if o.get("key") not in version.answer]
    return [rng.choice(keys)] if keys else list(version.answer)


def _practise(worker: Worker, *, answers: int, days: int, rng: random.Random, streak=False) -> int:
    """`answers` answers over the last `days` days (with `streak`, on every one of them)."""
    pool = list(selectors.visible(worker).select_related("question")[:200])
    if not pool:
        return 0
    for _ in range(answers):
        version = rng.choice(pool)
        right = rng.random() < RIGHT
        given = _given(version, right, rng)
        services.answer_practice(worker=worker, version_id=version.pk, given=given)
    now = timezone.now()
    if streak:
        back = [(answers - 1 - i) * days // answers for i in range(answers)]
    else:
        back = sorted((rng.randrange(days) for _ in range(answers)), reverse=True)
    rows = list(PracticeAnswer.objects.filter(worker=worker).order_by("id"))
    for row, d in zip(rows, back, strict=True):
        minutes = 0 if streak else rng.randrange(0, 300)
        row.answered_at = now - dt.timedelta(days=d, minutes=minutes)
    PracticeAnswer.objects.bulk_update(rows, ["answered_at"])
    return len(rows)


def load(*, out, options) -> None:
    if not QuestionVersion.objects.filter(question__active=True).exists():
        out.write("   no demo questions (the bank's demo step made none): no practice history")
        return
    rng = random.Random(f"{options.get('seed', 2019)}-practice")
    practised = PracticeAnswer.objects.values("worker_id")
    made = people = 0
    me = Worker.objects.filter(user__username="worker_demo").exclude(pk__in=practised).first()
    if me is not None:
        # A week's streak up to today, with some misses left in the notebook.
        made += _practise(me, answers=40, days=7, rng=rng, streak=True)
        people += 1
    workers = (
        Worker.objects.exclude(pk__in=practised)
        .exclude(user__username="worker_demo")
        .select_related("employer__union")
        .order_by("id")[:WORKERS]
    )
    for worker in workers:
        n = _practise(worker, answers=rng.randint(3, 25), days=30, rng=rng)
        made += n
        people += bool(n)
    out.write(f"   practice: {made} answers by {people} workers")
